package ntk.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.backend.Workers;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.Examples;
import ntk.data.Scenes;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.protocol.TaskProtocol;
import ntk.train.TaskModuleTraining;
import ntk.train.Teacher;
import ntk.train.TeacherTraining;

/**
 * The starting point of every transplant: a teacher per category (f_c with one head per task),
 * and a generic network whose shared task modules were trained over the base categories.
 */
public record Pretrained(Map<Category, Teacher> teachers, GenericNetwork network) {

    /** Trains the teachers (in parallel) and then the shared task modules, as {@code config} says. */
    public static Pretrained train(DatasetImages data, ExperimentConfig config, Progress progress) {
        List<Category> all = config.categories().all();
        progress.stage("pre-training teachers (category module + classification head)", all.size());
        List<Teacher> trained = Workers.map(all, c -> {
            Teacher t = TeacherTraining.train(data.train(), c, config.pretraining().teacherPerClass(), config.pretraining().teacherTraining(),
                    config.pretraining().seed() + 100L * c.label());
            progress.step();
            return t;
        });
        Map<Category, Teacher> teachers = new LinkedHashMap<>();
        trained.forEach(t -> teachers.put(t.category(), t));
        return withTaskParts(teachers, null, data, config, progress);
    }

    /**
     * {@code pre}'s category modules, classification heads and classification module with the
     * segmentation heads and the shared segmentation module trained anew as {@code config} says
     * (another head kernel, say): what a full pre-training under {@code config} would give, for the
     * segmentation parts' training depends on nothing else.
     */
    public static Pretrained withSegmentationRetrained(Pretrained pre, DatasetImages data, ExperimentConfig config, Progress progress) {
        Map<Category, Teacher> teachers = new LinkedHashMap<>();
        for (Category c : config.categories().all()) {
            Teacher t = pre.teachers().get(c);
            teachers.put(c, new Teacher(c, t.features(), t.head(Task.CLASSIFICATION)));
        }
        return withTaskParts(teachers, pre.network(), data, config, progress);
    }

    /**
     * The teachers' segmentation heads (when the config has that task), then the generic network:
     * the base categories and each task's shared module with its base adapters — classification's
     * taken from {@code reused} where given, trained otherwise.
     */
    private static Pretrained withTaskParts(Map<Category, Teacher> teachers, GenericNetwork reused, DatasetImages data, ExperimentConfig config,
            Progress progress) {
        List<Category> all = config.categories().all();
        if (config.tasks().contains(Task.SEGMENTATION)) {
            ExperimentConfig.SegmentationSettings s = config.segmentation();
            progress.stage("pre-training the teachers' segmentation heads (on their frozen category modules)", all.size());
            List<Module> heads = Workers.map(all, c -> {
                long seed = config.pretraining().seed() + 100L * c.label() + 50;
                Examples scenes = Scenes.generate(data.train(), c, s.teacherScenes(), seed);
                Module head = TeacherTraining.trainHead(Task.SEGMENTATION, s.headKernel(), teachers.get(c).features(), scenes, s.teacherTraining(),
                        seed);
                progress.step();
                return head;
            });
            for (int i = 0; i < all.size(); i++) {
                teachers.put(all.get(i), teachers.get(all.get(i)).withHead(Task.SEGMENTATION, heads.get(i)));
            }
        }

        GenericNetwork net = new GenericNetwork();
        for (Category c : config.categories().base()) {
            net.addCategory(c, teachers.get(c).features());
        }
        for (Task task : config.tasks()) {
            if (reused != null && task == Task.CLASSIFICATION) {
                net.addTaskModule(task, reused.taskModule(task));
                config.categories().base().forEach(c -> net.addAdapter(c, task, reused.adapter(c, task)));
                continue;
            }
            TaskModuleTraining.Result r = trainTaskModule(TaskProtocol.of(task, config, data), teachers, config, progress);
            net.addTaskModule(task, r.taskModule());
            r.adapters().forEach((c, h) -> net.addAdapter(c, task, h));
        }
        return new Pretrained(teachers, net);
    }

    private static TaskModuleTraining.Result trainTaskModule(TaskProtocol protocol, Map<Category, Teacher> teachers,
            ExperimentConfig config, Progress progress) {
        Task task = protocol.task();
        progress.stage("training the shared " + task + " module on " + config.categories().base().size() + " base categories", 1);
        List<TaskModuleTraining.CategoryData> base = Workers.map(config.categories().base(), c -> {
            Examples ex = protocol.taskModuleData(c, config.pretraining().seed() + 7 + c.label());
            Module f = teachers.get(c).features(task);
            return new TaskModuleTraining.CategoryData(c, new ForwardPass(f).apply(ex.inputs()), ex.labels());
        });
        TaskModuleTraining.Result r = Workers.map(List.of(base), b ->
                TaskModuleTraining.train(task, config.segmentationHeadKernel(), b, task.adapter(Task.item(config.data().itemShape())), protocol.taskTraining(),
                        config.pretraining().seed() + 1)).get(0);
        progress.step();
        return r;
    }
}
