package ntk.experiment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.backend.Workers;
import ntk.data.Category;
import ntk.data.Examples;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.train.TaskModuleTraining;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.Transplanter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LEGO: the new categories join one generic network serving every task, one after another, and
 * after each step every category present is scored again. Two ways of adding a category:
 * <ul>
 *   <li>{@value #TRANSPLANT}: plug in f_c and learn only its adapters (zero-annotation
 *       back-distillation); every module an earlier category uses stays as it was, so its
 *       predictions stay bit-identical;</li>
 *   <li>{@value #FINE_TUNE}: the usual alternative — train the shared task module g_t further,
 *       with a fresh adapter, on annotated examples of the new category; every earlier category
 *       then sees a changed g_t, and forgets.</li>
 * </ul>
 */
public final class SequentialExperiment {
    public static final String TRANSPLANT = "transplant";
    public static final String FINE_TUNE = "fine-tune";
    /** The step at which only the base categories are present. */
    public static final String BASE = "base";

    /** One score: after step {@code step} (which added {@code added}), category {@code category} on {@code task}. */
    public record Row(String approach, int step, String added, Task task, Category category, String metric, double value,
            String outputDigest) {}

    private final ExperimentConfig config;
    private final FashionMnist data;
    private final Progress progress;

    public SequentialExperiment(ExperimentConfig config, FashionMnist data, Progress progress) {
        this.config = config;
        this.data = data;
        this.progress = progress;
    }

    /** Runs both approaches over {@code config.newCategories()} in order, from the pre-trained network. */
    public List<Row> run(Pretrained pre) {
        Map<Task, TaskProtocol> protocols = new LinkedHashMap<>();
        Map<Task, Map<Category, Examples>> tests = new LinkedHashMap<>();
        Map<Task, Map<Category, INDArray>> testFeatures = new LinkedHashMap<>();
        progress.stage("sequential: test features of every category", config.tasks().size());
        for (Task task : config.tasks()) {
            TaskProtocol p = TaskProtocol.of(task, config, data);
            protocols.put(task, p);
            Map<Category, Examples> t = new LinkedHashMap<>();
            Map<Category, INDArray> z = new LinkedHashMap<>();
            for (Category c : config.allCategories()) {
                Examples ex = testSubset(task, p.test(c));
                t.put(c, ex);
                // f_c never changes: its features are computed once and reused at every step
                z.put(c, new ForwardPass(pre.teachers().get(c).features().withInput(task.input())).apply(ex.inputs()));
            }
            tests.put(task, t);
            testFeatures.put(task, z);
            progress.step();
        }

        GenericNetwork network = pre.network().copy();
        Map<Task, Module> tuned = new LinkedHashMap<>();
        Map<Task, Map<Category, Module>> tunedAdapters = new LinkedHashMap<>();
        for (Task task : config.tasks()) {
            tuned.put(task, network.taskModule(task));
            Map<Category, Module> a = new LinkedHashMap<>();
            config.baseCategories().forEach(c -> a.put(c, network.adapter(c, task)));
            tunedAdapters.put(task, a);
        }

        List<Row> rows = new ArrayList<>();
        List<Category> present = new ArrayList<>(config.baseCategories());
        rows.addAll(score(0, BASE, present, network, tuned, tunedAdapters, protocols, tests, testFeatures));
        long seed = config.seeds().get(0);
        ExperimentConfig.SequentialSettings s = config.sequential();
        int step = 0;
        for (Category c : config.newCategories()) {
            step++;
            progress.stage("sequential step " + step + ": adding " + c + " (transplant and fine-tune, " + config.tasks().size() + " tasks)",
                    2 * config.tasks().size());
            record Job(Task task, boolean transplant) {}
            List<Job> jobs = new ArrayList<>();
            for (Task task : config.tasks()) {
                jobs.add(new Job(task, true));
                jobs.add(new Job(task, false));
            }
            // each job returns the task module the category is served by and the category's new adapter
            List<TaskModuleTraining.Result> done = Workers.map(jobs, j -> {
                TaskProtocol p = protocols.get(j.task());
                TaskModuleTraining.Result result;
                if (j.transplant()) {
                    INDArray pool = p.unlabeled(c, s.pool(), seed + TransplantExperiment.POOL_SEED_OFFSET);
                    INDArray none = Nd4j.create(pool.dataType(), j.task().input().withBatch(0));
                    INDArray noLabels = Nd4j.create(pool.dataType(), j.task().output().withBatch(0));
                    Module adapter = Transplanter.learnAdapter(pre.teachers().get(c), network.taskModule(j.task()), j.task(),
                            new BackDistillation(config.transplant(j.task())), none, noLabels, pool, config.adapter(j.task()),
                            config.adapterTraining(j.task()), seed);
                    result = new TaskModuleTraining.Result(network.taskModule(j.task()), Map.of(c, adapter));
                } else {
                    Examples ex = p.annotated(c, s.fineTuneAnnotations(), seed);
                    INDArray z = new ForwardPass(pre.teachers().get(c).features().withInput(j.task().input())).apply(ex.inputs());
                    // the annotated approach trains as long as the supervised adapter does, at the task module's rate
                    Trainer.Settings supervised = config.transplant(j.task()).supervised();
                    Trainer.Settings settings = new Trainer.Settings(supervised.steps(), config.taskTraining(j.task()).learningRate(),
                            supervised.batchSize());
                    result = TaskModuleTraining.train(tuned.get(j.task()), List.of(new TaskModuleTraining.CategoryData(c, z, ex.labels())),
                            config.adapter(j.task()), settings, seed);
                }
                progress.step();
                return result;
            });
            if (!network.categories().contains(c)) {
                network.addCategory(c, pre.teachers().get(c).features());
            }
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                TaskModuleTraining.Result r = done.get(i);
                if (j.transplant()) {
                    network.addAdapter(c, j.task(), r.adapters().get(c));
                } else {
                    tuned.put(j.task(), r.taskModule());
                    tunedAdapters.get(j.task()).put(c, r.adapters().get(c));
                }
            }
            present.add(c);
            rows.addAll(score(step, c.id(), present, network, tuned, tunedAdapters, protocols, tests, testFeatures));
        }
        return rows;
    }

    /** Scores every present category on every task, through the grown network and through the fine-tuned modules. */
    private List<Row> score(int step, String added, List<Category> present, GenericNetwork network, Map<Task, Module> tuned,
            Map<Task, Map<Category, Module>> tunedAdapters, Map<Task, TaskProtocol> protocols,
            Map<Task, Map<Category, Examples>> tests, Map<Task, Map<Category, INDArray>> features) {
        record Eval(Task task, Category category, boolean transplant) {}
        List<Eval> evals = new ArrayList<>();
        for (Task task : config.tasks()) {
            for (Category c : present) {
                evals.add(new Eval(task, c, true));
                evals.add(new Eval(task, c, false));
            }
        }
        return Workers.map(evals, e -> {
            ForwardPass route = e.transplant()
                    ? new ForwardPass(network.adapter(e.category(), e.task()), network.taskModule(e.task()))
                    : new ForwardPass(tunedAdapters.get(e.task()).get(e.category()), tuned.get(e.task()));
            INDArray out = route.apply(features.get(e.task()).get(e.category()));
            TaskProtocol p = protocols.get(e.task());
            double value = p.score(out, tests.get(e.task()).get(e.category()).labels()).get(p.metric());
            return new Row(e.transplant() ? TRANSPLANT : FINE_TUNE, step, added, e.task(), e.category(), p.metric(), value, digest(out));
        });
    }

    /** Classification is scored on the first test images only: the features of ten categories stay small. */
    private Examples testSubset(Task task, Examples test) {
        int n = config.sequential().classificationTestImages();
        return task == Task.CLASSIFICATION && test.size() > n ? test.first(n) : test;
    }

    /** SHA-256 of the outputs' bytes: equal digests mean bit-identical predictions. */
    static String digest(INDArray out) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.dup('c').data().asBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
