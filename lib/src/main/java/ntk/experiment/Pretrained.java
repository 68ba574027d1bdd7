package ntk.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.backend.Workers;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.ForwardPass;
import ntk.nn.ModuleSpec;
import ntk.train.TaskModuleTraining;
import ntk.train.Teacher;
import ntk.train.TeacherTraining;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The starting point of every transplant: a teacher per category, and a generic network whose
 * shared classification module was trained over the base categories.
 */
public record Pretrained(Map<Category, Teacher> teachers, GenericNetwork network, ModuleSpec adapterSpec) {

    /** Trains the teachers (in parallel) and then the shared task module, as {@code config} says. */
    public static Pretrained train(FashionMnist data, ExperimentConfig config, Progress progress) {
        List<Category> all = config.allCategories();
        progress.stage("pre-training teachers", all.size());
        List<Teacher> trained = Workers.map(all, c -> {
            Teacher t = TeacherTraining.train(data.train(), c, config.teacherPerClass(), config.teacherTraining(),
                    config.pretrainSeed() + 100L * c.label());
            progress.step();
            return t;
        });
        Map<Category, Teacher> teachers = new LinkedHashMap<>();
        trained.forEach(t -> teachers.put(t.category(), t));

        ModuleSpec adapterSpec = Architectures.adapter(Architectures.categoryModule().output());
        progress.stage("training the shared task module on " + config.baseCategories().size() + " base categories", 1);
        ImageSet train = data.train();
        List<TaskModuleTraining.CategoryData> base = Workers.map(config.baseCategories(), c -> {
            int[] idx = Samples.annotated(train, c, 2 * config.taskPerClass(), config.pretrainSeed() + 7 + c.label());
            INDArray z = new ForwardPass(teachers.get(c).features()).apply(train.images(idx));
            return new TaskModuleTraining.CategoryData(c, z, train.isCategory(idx, c));
        });
        TaskModuleTraining.Result task = Workers.map(List.of(base), b ->
                TaskModuleTraining.train(b, adapterSpec, config.taskTraining(), config.pretrainSeed() + 1)).get(0);
        progress.step();

        GenericNetwork net = new GenericNetwork();
        net.addTaskModule(Task.CLASSIFICATION, task.taskModule());
        for (Category c : config.baseCategories()) {
            net.addCategory(c, teachers.get(c).features());
            net.addAdapter(c, Task.CLASSIFICATION, task.adapters().get(c));
        }
        return new Pretrained(teachers, net, adapterSpec);
    }
}
