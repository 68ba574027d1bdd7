package ntk.run;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ntk.backend.Workers;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.Examples;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.protocol.TaskProtocol;
import ntk.train.ContinualTraining;
import ntk.train.TaskModuleTraining;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.Transplanter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LEGO: the new categories join one generic network serving every task, one after another, and
 * after each step every category present is scored again. Four ways of adding a category:
 * <ul>
 *   <li>{@value #TRANSPLANT}: plug in f_c and learn only its adapters (zero-annotation
 *       back-distillation); every module an earlier category uses stays as it was, so its
 *       predictions stay bit-identical by construction;</li>
 *   <li>{@value #FINE_TUNE}: the naive alternative — train the shared task module g_t further,
 *       with a fresh adapter, on annotated examples of the new category alone; every earlier
 *       category then sees a changed g_t, and forgets;</li>
 *   <li>{@value #REPLAY}: fine-tuning as above, each batch mixed with a small fixed buffer of every
 *       earlier category's annotated examples, trained through that category's own route;</li>
 *   <li>{@value #LWF}: fine-tuning as above plus Learning without Forgetting — on the new images,
 *       every earlier category's route keeps the logits g_t gave before the step (no old data).</li>
 * </ul>
 * The three g_t-training approaches share steps, learning rate, batch size and annotated examples.
 * {@link #withApproaches} runs a subset; each approach's rows are the same whichever others run.
 */
public final class SequentialExperiment {
    public static final String TRANSPLANT = "transplant";
    public static final String FINE_TUNE = "fine-tune";
    public static final String REPLAY = "replay";
    public static final String LWF = "lwf";
    /** Every approach, in the order tables and figures show them. */
    public static final List<String> APPROACHES = List.of(TRANSPLANT, FINE_TUNE, REPLAY, LWF);
    /** The step at which only the base categories are present. */
    public static final String BASE = "base";

    /** One score: after step {@code step} (which added {@code added}), category {@code category} on {@code task}. */
    public record Row(String approach, int step, String added, Task task, Category category, String metric, double value,
            String outputDigest) {}

    private final ExperimentConfig config;
    private final FashionMnist data;
    private final Progress progress;
    private final List<String> approaches;
    private final Map<String, Double> trainingSeconds = new ConcurrentHashMap<>();
    private GenericNetwork grown;

    public SequentialExperiment(ExperimentConfig config, FashionMnist data, Progress progress) {
        this(config, data, progress, APPROACHES);
    }

    private SequentialExperiment(ExperimentConfig config, FashionMnist data, Progress progress, List<String> approaches) {
        this.config = config;
        this.data = data;
        this.progress = progress;
        this.approaches = approaches;
    }

    /**
     * The same experiment running only {@code chosen} (shown in {@link #APPROACHES} order): an
     * approach's rows do not depend on which others run, so leaving some out only saves their time.
     */
    public SequentialExperiment withApproaches(String... chosen) {
        List<String> wanted = List.of(chosen);
        for (String a : wanted) {
            if (!APPROACHES.contains(a)) {
                throw new IllegalArgumentException("unknown approach '" + a + "'; expected some of " + APPROACHES);
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no approach chosen; expected some of " + APPROACHES);
        }
        return new SequentialExperiment(config, data, progress, APPROACHES.stream().filter(wanted::contains).toList());
    }

    /** The approaches this experiment runs, in {@link #APPROACHES} order. */
    public List<String> approaches() {
        return approaches;
    }

    /** Seconds spent learning the new categories, per approach, summed over steps and tasks (after {@link #run}). */
    public Map<String, Double> trainingSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        approaches.forEach(a -> out.put(a, trainingSeconds.getOrDefault(a, 0.0)));
        return out;
    }

    /**
     * The network transplanting grew (after {@link #run}): the pre-trained one plus every new
     * category's module and adapters, for looking at or drawing; the other approaches keep their own g_t.
     */
    public GenericNetwork network() {
        if (!approaches.contains(TRANSPLANT)) {
            throw new IllegalStateException("only transplanting grows the generic network, and this experiment runs " + approaches
                    + "; include " + TRANSPLANT + " in withApproaches(...)");
        }
        if (grown == null) {
            throw new IllegalStateException("run() has not been called yet");
        }
        return grown.copy();
    }

    /** Runs every approach over {@code config.categories().transplanted()} in order, from the pre-trained network. */
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
            for (Category c : config.categories().all()) {
                Examples ex = testSubset(task, p.test(c));
                t.put(c, ex);
                // f_c never changes: its features are computed once and reused at every step
                z.put(c, features(pre, c, task, ex.inputs()));
            }
            tests.put(task, t);
            testFeatures.put(task, z);
            progress.step();
        }

        GenericNetwork network = pre.network().copy();
        // the approaches that train g_t each keep their own g_t and adapters, starting from the pre-trained ones
        Routes routes = new Routes();
        for (String approach : approaches.stream().filter(a -> !a.equals(TRANSPLANT)).toList()) {
            for (Task task : config.tasks()) {
                routes.taskModules.computeIfAbsent(approach, k -> new LinkedHashMap<>()).put(task, network.taskModule(task));
                Map<Category, Module> a = new LinkedHashMap<>();
                config.categories().base().forEach(c -> a.put(c, network.adapter(c, task)));
                routes.adapters.computeIfAbsent(approach, k -> new LinkedHashMap<>()).put(task, a);
            }
        }

        List<Row> rows = new ArrayList<>();
        List<Category> present = new ArrayList<>(config.categories().base());
        rows.addAll(score(0, BASE, present, network, routes, protocols, tests, testFeatures));
        long seed = config.runs().seeds().get(0);
        int step = 0;
        for (Category c : config.categories().transplanted()) {
            step++;
            progress.stage("sequential step " + step + ": adding " + c + " (" + String.join(", ", approaches) + "; "
                    + config.tasks().size() + " tasks)", approaches.size() * config.tasks().size());
            record Job(Task task, String approach) {}
            List<Job> jobs = new ArrayList<>();
            for (Task task : config.tasks()) {
                approaches.forEach(a -> jobs.add(new Job(task, a)));
            }
            List<Category> earlier = List.copyOf(present);
            // each job returns the task module the category is served by and the category's new adapter
            List<TaskModuleTraining.Result> done = Workers.map(jobs, j -> {
                long start = System.nanoTime();
                TaskModuleTraining.Result result = j.approach().equals(TRANSPLANT)
                        ? transplant(pre, network, protocols.get(j.task()), j.task(), c, seed)
                        : trainTaskModule(pre, routes, earlier, protocols.get(j.task()), j.task(), j.approach(), c, seed);
                trainingSeconds.merge(j.approach(), (System.nanoTime() - start) / 1e9, Double::sum);
                progress.step();
                return result;
            });
            if (approaches.contains(TRANSPLANT) && !network.categories().contains(c)) {
                network.addCategory(c, pre.teachers().get(c).features());
            }
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                TaskModuleTraining.Result r = done.get(i);
                if (j.approach().equals(TRANSPLANT)) {
                    network.addAdapter(c, j.task(), r.adapters().get(c));
                } else {
                    routes.taskModules.get(j.approach()).put(j.task(), r.taskModule());
                    routes.adapters.get(j.approach()).get(j.task()).put(c, r.adapters().get(c));
                }
            }
            present.add(c);
            rows.addAll(score(step, c.id(), present, network, routes, protocols, tests, testFeatures));
        }
        grown = network;
        return rows;
    }

    /** The g_t and adapters of each approach that trains g_t: approach -> task -> ... */
    private static final class Routes {
        final Map<String, Map<Task, Module>> taskModules = new LinkedHashMap<>();
        final Map<String, Map<Task, Map<Category, Module>>> adapters = new LinkedHashMap<>();

        ForwardPass route(String approach, Task task, Category c) {
            return new ForwardPass(adapters.get(approach).get(task).get(c), taskModules.get(approach).get(task));
        }
    }

    private TaskModuleTraining.Result transplant(Pretrained pre, GenericNetwork network, TaskProtocol p, Task task, Category c, long seed) {
        INDArray pool = p.unlabeled(c, config.sequential().pool(), seed + TransplantExperiment.POOL_SEED_OFFSET);
        INDArray none = Nd4j.create(pool.dataType(), task.input().withBatch(0));
        INDArray noLabels = Nd4j.create(pool.dataType(), task.output().withBatch(0));
        Module adapter = Transplanter.learnAdapter(pre.teachers().get(c), network.taskModule(task), task,
                new BackDistillation(config.transplant(task)), none, noLabels, pool, seed);
        return new TaskModuleTraining.Result(network.taskModule(task), Map.of(c, adapter));
    }

    /** Fine-tune, replay or LwF: trains this approach's g_t (and a fresh adapter for {@code c}) on {@code c}'s annotated examples. */
    private TaskModuleTraining.Result trainTaskModule(Pretrained pre, Routes routes, List<Category> earlier, TaskProtocol p, Task task,
            String approach, Category c, long seed) {
        ExperimentConfig.SequentialSettings s = config.sequential();
        Examples ex = p.annotated(c, s.fineTuneAnnotations(), seed);
        TaskModuleTraining.CategoryData added = new TaskModuleTraining.CategoryData(c, features(pre, c, task, ex.inputs()), ex.labels());
        // the annotated approaches train as long as the supervised adapter does, at the task module's rate
        Trainer.Settings supervised = config.transplant(task).supervised();
        Trainer.Settings settings = new Trainer.Settings(supervised.steps(), config.taskTraining(task).learningRate(), supervised.batchSize());
        Module g = routes.taskModules.get(approach).get(task);
        switch (approach) {
            case FINE_TUNE:
                return TaskModuleTraining.train(g, List.of(added), config.adapter(task), settings, seed);
            case REPLAY: {
                List<ContinualTraining.KeptRoute> buffers = new ArrayList<>();
                for (Category e : s.replayPerCategory() == 0 ? List.<Category>of() : earlier) {
                    // the same draw as the annotated set e was (or would have been) learned from, cut to the buffer size
                    Examples kept = p.annotated(e, s.replayPerCategory(), seed);
                    INDArray in = new ForwardPass(routes.adapters.get(approach).get(task).get(e)).apply(features(pre, e, task, kept.inputs()));
                    buffers.add(new ContinualTraining.KeptRoute(e.id(), in, kept.labels()));
                }
                return ContinualTraining.replay(g, added, buffers, config.adapter(task), settings, seed);
            }
            case LWF: {
                List<ContinualTraining.KeptRoute> old = new ArrayList<>();
                for (Category e : earlier) {
                    INDArray in = new ForwardPass(routes.adapters.get(approach).get(task).get(e)).apply(features(pre, e, task, ex.inputs()));
                    old.add(new ContinualTraining.KeptRoute(e.id(), in, new ForwardPass(g).apply(in)));
                }
                return ContinualTraining.learningWithoutForgetting(g, added, old, s.lwfWeight(), config.adapter(task), settings, seed);
            }
            default:
                throw new IllegalArgumentException("unknown approach '" + approach + "'; expected one of " + APPROACHES);
        }
    }

    /** f_c(x) with the frozen category module of {@code c}'s teacher. */
    private static INDArray features(Pretrained pre, Category c, Task task, INDArray inputs) {
        return new ForwardPass(pre.teachers().get(c).features().withInput(task.input())).apply(inputs);
    }

    /** Scores every present category on every task, through the grown network and through each approach's own g_t. */
    private List<Row> score(int step, String added, List<Category> present, GenericNetwork network, Routes routes,
            Map<Task, TaskProtocol> protocols,
            Map<Task, Map<Category, Examples>> tests, Map<Task, Map<Category, INDArray>> features) {
        record Eval(Task task, Category category, String approach) {}
        List<Eval> evals = new ArrayList<>();
        for (Task task : config.tasks()) {
            for (Category c : present) {
                approaches.forEach(a -> evals.add(new Eval(task, c, a)));
            }
        }
        return Workers.map(evals, e -> {
            ForwardPass route = e.approach().equals(TRANSPLANT)
                    ? new ForwardPass(network.adapter(e.category(), e.task()), network.taskModule(e.task()))
                    : routes.route(e.approach(), e.task(), e.category());
            INDArray out = route.apply(features.get(e.task()).get(e.category()));
            TaskProtocol p = protocols.get(e.task());
            double value = p.score(out, tests.get(e.task()).get(e.category()).labels()).get(p.metric());
            return new Row(e.approach(), step, added, e.task(), e.category(), p.metric(), value, digest(out));
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
