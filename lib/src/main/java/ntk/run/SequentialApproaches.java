package ntk.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.Examples;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.train.ContinualTraining;
import ntk.train.TaskModuleTraining;
import ntk.train.Teacher;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.Transplanter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LEGO approaches, by name: transplanting, and three ways of fine-tuning the shared task
 * module (naively, with replay, with Learning without Forgetting). The three fine-tuning
 * approaches share steps, learning rate, batch size and annotated examples. A new approach is
 * one class and one {@link #register} call.
 */
public final class SequentialApproaches {
    /** Plug in f_c and learn only its adapter (zero-annotation back-distillation): nothing earlier changes. */
    public static final String TRANSPLANT = "transplant";
    /** Train the shared g_t further, with a fresh adapter, on the new category's annotated examples alone. */
    public static final String FINE_TUNE = "fine-tune";
    /** Fine-tuning with each batch mixed with a small fixed buffer of every earlier category's annotated examples. */
    public static final String REPLAY = "replay";
    /** Fine-tuning plus Learning without Forgetting: earlier routes keep the logits g_t gave them before the step. */
    public static final String LWF = "lwf";
    /** The built-in approaches, in the order tables and figures show them. */
    public static final List<String> BUILT_IN = List.of(TRANSPLANT, FINE_TUNE, REPLAY, LWF);

    private static final Map<String, SequentialApproach> REGISTERED = new LinkedHashMap<>();

    static {
        register(TRANSPLANT, SequentialApproaches::transplant);
        register(FINE_TUNE, step -> TaskModuleTraining.train(step.taskModule(), List.of(added(step, annotated(step))),
                step.config().adapter(step.task()), fineTuning(step), step.seed()));
        register(REPLAY, SequentialApproaches::replay);
        register(LWF, SequentialApproaches::learningWithoutForgetting);
    }

    private SequentialApproaches() {}

    /** Makes {@code name} known; a name is registered once. */
    public static synchronized void register(String name, SequentialApproach approach) {
        if (name == null || name.isBlank() || !name.equals(name.trim())) {
            throw new IllegalArgumentException("an approach needs a non-blank name without surrounding spaces, got '" + name + "'");
        }
        if (REGISTERED.containsKey(name)) {
            throw new IllegalArgumentException("an approach named '" + name + "' is already registered; known: " + names());
        }
        REGISTERED.put(name, java.util.Objects.requireNonNull(approach, "approach"));
    }

    /** The approach called {@code name}. */
    public static synchronized SequentialApproach get(String name) {
        SequentialApproach a = REGISTERED.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown approach '" + name + "'; expected some of " + names());
        }
        return a;
    }

    /** Every registered name, the built-in ones first. */
    public static synchronized List<String> names() {
        return new ArrayList<>(REGISTERED.keySet());
    }

    private static TaskModuleTraining.Result transplant(SequentialApproach.Step step) {
        INDArray pool = step.protocol().unlabeled(step.added(), step.config().sequential().pool(),
                step.seed() + TransplantExperiment.POOL_SEED_OFFSET);
        Teacher teacher = step.pre().teachers().get(step.added());
        INDArray none = Nd4j.create(pool.dataType(), step.task().input(teacher.itemShape()).withBatch(0));
        INDArray noLabels = Nd4j.create(pool.dataType(), step.task().output(teacher.itemShape()).withBatch(0));
        Module adapter = Transplanter.learnAdapter(teacher, step.taskModule(), step.task(),
                new BackDistillation(step.config().transplant(step.task())), none, noLabels, pool, step.seed());
        return new TaskModuleTraining.Result(step.taskModule(), Map.of(step.added(), adapter));
    }

    /** The new category's annotated examples the fine-tuning approaches learn from. */
    private static Examples annotated(SequentialApproach.Step step) {
        return step.protocol().annotated(step.added(), step.config().sequential().fineTuneAnnotations(), step.seed());
    }

    /** {@code ex} as the new category's features and labels. */
    private static TaskModuleTraining.CategoryData added(SequentialApproach.Step step, Examples ex) {
        return new TaskModuleTraining.CategoryData(step.added(), step.features(step.added(), ex.inputs()), ex.labels());
    }

    /** The fine-tuning approaches train as long as the supervised adapter does, at the task module's rate times the settings' scale. */
    private static Trainer.Settings fineTuning(SequentialApproach.Step step) {
        ExperimentConfig config = step.config();
        Trainer.Settings supervised = config.transplant(step.task()).supervised();
        return new Trainer.Settings(supervised.steps(), config.taskTraining(step.task()).learningRate() * config.sequential().fineTuneRateScale(),
                supervised.batchSize());
    }

    private static TaskModuleTraining.Result replay(SequentialApproach.Step step) {
        int kept = step.config().sequential().replayPerCategory();
        List<ContinualTraining.KeptRoute> buffers = new ArrayList<>();
        for (Category e : kept == 0 ? List.<Category>of() : step.earlier()) {
            // the same draw as the annotated set e was (or would have been) learned from, cut to the buffer size
            Examples buffer = step.protocol().annotated(e, kept, step.seed());
            INDArray in = new ForwardPass(step.adapters().get(e)).apply(step.features(e, buffer.inputs()));
            buffers.add(new ContinualTraining.KeptRoute(e.id(), in, buffer.labels()));
        }
        return ContinualTraining.replay(step.taskModule(), added(step, annotated(step)), buffers, step.config().adapter(step.task()), fineTuning(step),
                step.seed());
    }

    private static TaskModuleTraining.Result learningWithoutForgetting(SequentialApproach.Step step) {
        Examples ex = annotated(step);
        TaskModuleTraining.CategoryData added = added(step, ex);
        List<ContinualTraining.KeptRoute> old = new ArrayList<>();
        for (Category e : step.earlier()) {
            INDArray in = new ForwardPass(step.adapters().get(e)).apply(step.features(e, ex.inputs()));
            old.add(new ContinualTraining.KeptRoute(e.id(), in, new ForwardPass(step.taskModule()).apply(in)));
        }
        return ContinualTraining.learningWithoutForgetting(step.taskModule(), added, old, step.config().sequential().lwfWeight(),
                step.config().adapter(step.task()), fineTuning(step), step.seed());
    }
}
