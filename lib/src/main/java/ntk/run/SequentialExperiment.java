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
import ntk.data.DatasetImages;
import ntk.data.Examples;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.protocol.TaskProtocol;
import ntk.train.TaskModuleTraining;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LEGO: the new categories join one generic network serving every task, one after another, and
 * after each step every category present is scored again. Four ways of adding a category:
 * <ul>
 *   <li>{@value SequentialApproaches#TRANSPLANT}: plug in f_c and learn only its adapters (zero-annotation
 *       back-distillation); every module an earlier category uses stays as it was, so its
 *       predictions stay bit-identical by construction;</li>
 *   <li>{@value SequentialApproaches#FINE_TUNE}: the naive alternative — train the shared task module g_t further,
 *       with a fresh adapter, on annotated examples of the new category alone; every earlier
 *       category then sees a changed g_t, and forgets;</li>
 *   <li>{@value SequentialApproaches#REPLAY}: fine-tuning as above, each batch mixed with a small fixed buffer of every
 *       earlier category's annotated examples, trained through that category's own route;</li>
 *   <li>{@value SequentialApproaches#LWF}: fine-tuning as above plus Learning without Forgetting — on the new images,
 *       every earlier category's route keeps the logits g_t gave before the step (no old data).</li>
 * </ul>
 * The three g_t-training approaches share steps, learning rate, batch size and annotated examples.
 * {@link #withApproaches} runs a subset; each approach's rows are the same whichever others run.
 */
public final class SequentialExperiment {
    /** The built-in approaches, in the order tables and figures show them ({@link SequentialApproaches}). */
    public static final List<String> APPROACHES = SequentialApproaches.BUILT_IN;
    /** The step at which only the base categories are present. */
    public static final String BASE = "base";

    /** One score: after step {@code step} (which added {@code added}), category {@code category} on {@code task}. */
    public record Row(String approach, int step, String added, Task task, Category category, String metric, double value,
            String outputDigest) {}

    private final ExperimentConfig config;
    private final DatasetImages data;
    private final Progress progress;
    private final List<String> approaches;
    private final Map<String, Double> trainingSeconds = new ConcurrentHashMap<>();
    private GenericNetwork grown;

    public SequentialExperiment(ExperimentConfig config, DatasetImages data, Progress progress) {
        this(config, data, progress, APPROACHES);
    }

    private SequentialExperiment(ExperimentConfig config, DatasetImages data, Progress progress, List<String> approaches) {
        this.config = config;
        this.data = data;
        this.progress = progress;
        this.approaches = approaches;
    }

    /**
     * The same experiment running only {@code chosen} (in the order they were registered): an
     * approach's rows do not depend on which others run, so leaving some out only saves their time.
     */
    public SequentialExperiment withApproaches(String... chosen) {
        List<String> wanted = List.of(chosen);
        wanted.forEach(SequentialApproaches::get); // an unknown name fails here, naming the known ones
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no approach chosen; expected some of " + SequentialApproaches.names());
        }
        return new SequentialExperiment(config, data, progress, SequentialApproaches.names().stream().filter(wanted::contains).toList());
    }

    /** The approaches this experiment runs, in the order they were registered. */
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
        if (!approaches.contains(SequentialApproaches.TRANSPLANT)) {
            throw new IllegalStateException("only transplanting grows the generic network, and this experiment runs " + approaches
                    + "; include " + SequentialApproaches.TRANSPLANT + " in withApproaches(...)");
        }
        if (grown == null) {
            throw new IllegalStateException("run() has not been called yet");
        }
        return grown.copy();
    }

    /** Runs every approach over {@code config.categories().transplanted()} in order, from the pre-trained network. */
    public List<Row> run(Pretrained pre) {
        TestData test = testData(pre);
        GenericNetwork network = pre.network().copy();
        Routes routes = Routes.from(network, approaches, config);
        List<Row> rows = new ArrayList<>();
        List<Category> present = new ArrayList<>(config.categories().base());
        rows.addAll(score(0, BASE, present, routes, test));
        int step = 0;
        for (Category c : config.categories().transplanted()) {
            step++;
            progress.stage("sequential step " + step + ": adding " + c + " (" + String.join(", ", approaches) + "; "
                    + config.tasks().size() + " tasks)", approaches.size() * config.tasks().size());
            addCategory(pre, c, List.copyOf(present), routes, test.protocols(), network);
            present.add(c);
            rows.addAll(score(step, c.id(), present, routes, test));
        }
        grown = network;
        return rows;
    }

    /** Every task's protocol, and the test examples and their features f_c(x) of every category. */
    private record TestData(Map<Task, TaskProtocol> protocols, Map<Task, Map<Category, Examples>> examples,
            Map<Task, Map<Category, INDArray>> features) {}

    private TestData testData(Pretrained pre) {
        TestData test = new TestData(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        progress.stage("sequential: test features of every category", config.tasks().size());
        for (Task task : config.tasks()) {
            TaskProtocol p = TaskProtocol.of(task, config, data);
            test.protocols().put(task, p);
            Map<Category, Examples> t = new LinkedHashMap<>();
            Map<Category, INDArray> z = new LinkedHashMap<>();
            for (Category c : config.categories().all()) {
                Examples ex = testSubset(task, p.test(c));
                t.put(c, ex);
                // f_c never changes: its features are computed once and reused at every step
                z.put(c, features(pre, c, task, ex.inputs()));
            }
            test.examples().put(task, t);
            test.features().put(task, z);
            progress.step();
        }
        return test;
    }

    /** One step: every approach adds {@code c} on every task (in parallel), and its routes take what it learned. */
    private void addCategory(Pretrained pre, Category c, List<Category> earlier, Routes routes, Map<Task, TaskProtocol> protocols,
            GenericNetwork network) {
        record Job(Task task, String approach) {}
        List<Job> jobs = new ArrayList<>();
        for (Task task : config.tasks()) {
            approaches.forEach(a -> jobs.add(new Job(task, a)));
        }
        long seed = config.runs().seeds().get(0);
        // each job returns the task module the category is served by and the category's new adapter
        List<TaskModuleTraining.Result> done = Workers.map(jobs, j -> {
            long start = System.nanoTime();
            SequentialApproach.Step s = new SequentialApproach.Step(config, pre, protocols.get(j.task()), j.task(), c, earlier,
                    routes.taskModules.get(j.approach()).get(j.task()), routes.adapters.get(j.approach()).get(j.task()), seed);
            TaskModuleTraining.Result result = SequentialApproaches.get(j.approach()).add(s);
            trainingSeconds.merge(j.approach(), (System.nanoTime() - start) / 1e9, Double::sum);
            progress.step();
            return result;
        });
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            TaskModuleTraining.Result r = done.get(i);
            routes.taskModules.get(j.approach()).put(j.task(), r.taskModule());
            routes.adapters.get(j.approach()).get(j.task()).put(c, r.adapters().get(c));
            if (j.approach().equals(SequentialApproaches.TRANSPLANT)) {
                if (!network.categories().contains(c)) {
                    network.addCategory(c, pre.teachers().get(c).features());
                }
                network.addAdapter(c, j.task(), r.adapters().get(c));
            }
        }
    }

    /** The g_t and adapters of each approach: approach -> task -> ... */
    private static final class Routes {
        final Map<String, Map<Task, Module>> taskModules = new LinkedHashMap<>();
        final Map<String, Map<Task, Map<Category, Module>>> adapters = new LinkedHashMap<>();

        /** Every approach starts from the pre-trained g_t and the base categories' adapters. */
        static Routes from(GenericNetwork network, List<String> approaches, ExperimentConfig config) {
            Routes routes = new Routes();
            for (String approach : approaches) {
                for (Task task : config.tasks()) {
                    routes.taskModules.computeIfAbsent(approach, k -> new LinkedHashMap<>()).put(task, network.taskModule(task));
                    Map<Category, Module> a = new LinkedHashMap<>();
                    config.categories().base().forEach(c -> a.put(c, network.adapter(c, task)));
                    routes.adapters.computeIfAbsent(approach, k -> new LinkedHashMap<>()).put(task, a);
                }
            }
            return routes;
        }

        ForwardPass route(String approach, Task task, Category c) {
            return new ForwardPass(adapters.get(approach).get(task).get(c), taskModules.get(approach).get(task));
        }
    }

    /** f_c(x) with the frozen category module of {@code c}'s teacher. */
    private static INDArray features(Pretrained pre, Category c, Task task, INDArray inputs) {
        return new ForwardPass(pre.teachers().get(c).features(task)).apply(inputs);
    }

    /** Scores every present category on every task through each approach's own g_t and adapters. */
    private List<Row> score(int step, String added, List<Category> present, Routes routes, TestData test) {
        record Eval(Task task, Category category, String approach) {}
        List<Eval> evals = new ArrayList<>();
        for (Task task : config.tasks()) {
            for (Category c : present) {
                approaches.forEach(a -> evals.add(new Eval(task, c, a)));
            }
        }
        return Workers.map(evals, e -> {
            INDArray out = routes.route(e.approach(), e.task(), e.category()).apply(test.features().get(e.task()).get(e.category()));
            TaskProtocol p = test.protocols().get(e.task());
            double value = p.score(out, test.examples().get(e.task()).get(e.category()).labels()).get(p.metric());
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
