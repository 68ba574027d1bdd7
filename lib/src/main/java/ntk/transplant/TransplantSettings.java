package ntk.transplant;

import ntk.nn.Architectures;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Trainer;

/**
 * Everything that decides how a new category's adapter is learned for one task: the distillation
 * target and its temperature, the back-distillation weight λ(n), the probes, the adapter's shape,
 * and the training of the distillation methods and of the supervised baseline. The kit's values
 * are chosen by {@code ntk tune} on base categories held out as pseudo-new ones (never on the new
 * categories' labels or test data) and read from {@code data/tuning/selected-settings.json}.
 *
 * @param target        what the student matches: the teacher's logits (squared error) or its
 *                      per-output probabilities (sigmoid cross-entropy at {@code temperature})
 * @param temperature   softening of both sides' probabilities (1 = none); ignored for logits
 * @param lambda        weight of the backward term, as a function of the number of images
 * @param probes        random ±1 probes per image and step
 * @param redrawProbes  fresh probes every step (true) or one fixed set per image for the whole run
 * @param adapterKernel kernel size of the adapter's convolutions (1 or 3)
 * @param adapterDepth  number of convolutions in the adapter (ReLUs between them)
 * @param training      Adam steps, learning rate and batch of forward and back-distillation
 * @param supervised    the same for the supervised adapter (the annotated baseline)
 * @param expansion     how small unlabeled pools are enlarged (views, synthesis) for the methods that do
 * @param annotatedViews labelled views of the annotated images for the methods that learn from
 *                      annotations (the supervised adapter, back-distillation + labels); none by default
 * @param supervisedAdapterKernel kernel size of the supervised adapter's convolutions (its own shape;
 *                      settings written before it had one take distillation's)
 * @param supervisedAdapterDepth  number of convolutions in the supervised adapter
 * @param backwardLayers where back-distillation matches the backward signal: 1 at f_c's output (the
 *                      adapter's input), 2 there and also at the output of f_c's first block
 */
public record TransplantSettings(Target target, double temperature, BackDistillation.LambdaRule lambda, int probes,
        boolean redrawProbes, int adapterKernel, int adapterDepth, Trainer.Settings training, Trainer.Settings supervised,
        ExpansionSettings expansion, AnnotatedViews.Settings annotatedViews, int supervisedAdapterKernel, int supervisedAdapterDepth,
        int backwardLayers) {

    /** Back-distillation matches at f_c's output and, with 2, also at the output of f_c's first block. */
    public static final int MAX_BACKWARD_LAYERS = 2;

    /** What the student's outputs are taught to match. */
    public enum Target {
        /** ‖y − y_T‖², averaged over the output's elements. */
        LOGITS,
        /** Sigmoid cross-entropy of y/T against σ(y_T/T), times T², averaged over the output's elements. */
        PROBABILITIES
    }

    public TransplantSettings {
        if (target == null || lambda == null || training == null || supervised == null || expansion == null) {
            throw new IllegalArgumentException("transplant settings need a target, a lambda rule, both trainings and expansion settings");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (probes < 1) {
            throw new IllegalArgumentException("back-distillation needs at least one probe per image, got " + probes);
        }
        if (adapterKernel < 1 || adapterKernel % 2 == 0) {
            throw new IllegalArgumentException("adapterKernel must be odd and >= 1, got " + adapterKernel);
        }
        if (adapterDepth < 1) {
            throw new IllegalArgumentException("adapterDepth must be >= 1, got " + adapterDepth);
        }
        if (annotatedViews == null) {
            throw new IllegalArgumentException("transplant settings need annotated views' settings (viewsPerImage 0 for none)");
        }
        if (supervisedAdapterKernel < 1 || supervisedAdapterKernel % 2 == 0) {
            throw new IllegalArgumentException("supervisedAdapterKernel must be odd and >= 1, got " + supervisedAdapterKernel);
        }
        if (supervisedAdapterDepth < 1) {
            throw new IllegalArgumentException("supervisedAdapterDepth must be >= 1, got " + supervisedAdapterDepth);
        }
        if (backwardLayers < 1 || backwardLayers > MAX_BACKWARD_LAYERS) {
            throw new IllegalArgumentException("backwardLayers must be 1 (f_c's output) or 2 (also f_c's first block), got " + backwardLayers);
        }
    }

    /**
     * Settings as they were before the supervised adapter had a shape and views of its own and
     * before a second matching layer: the supervised adapter takes distillation's shape, no
     * annotated views, the backward signal matched at f_c's output.
     */
    public TransplantSettings(Target target, double temperature, BackDistillation.LambdaRule lambda, int probes, boolean redrawProbes,
            int adapterKernel, int adapterDepth, Trainer.Settings training, Trainer.Settings supervised, ExpansionSettings expansion) {
        this(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, expansion,
                AnnotatedViews.Settings.none(), adapterKernel, adapterDepth, 1);
    }

    /** The adapter these settings train, on category-module features of shape {@code features}. */
    public ModuleSpec adapter(Shape features) {
        return Architectures.adapter(features, adapterKernel, adapterDepth);
    }

    /** The supervised adapter's own shape, on category-module features of shape {@code features}. */
    public ModuleSpec supervisedAdapter(Shape features) {
        return Architectures.adapter(features, supervisedAdapterKernel, supervisedAdapterDepth);
    }

    public TransplantSettings withTarget(Target t, double temp) {
        return new TransplantSettings(t, temp, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withLambda(BackDistillation.LambdaRule rule) {
        return new TransplantSettings(target, temperature, rule, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withProbes(int n, boolean redraw) {
        return new TransplantSettings(target, temperature, lambda, n, redraw, adapterKernel, adapterDepth, training, supervised, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withAdapter(int kernel, int depth) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, kernel, depth, training, supervised, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withTraining(Trainer.Settings t) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, t, supervised, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withSupervised(Trainer.Settings t) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, t, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withExpansion(ExpansionSettings e) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, e,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withAnnotatedViews(AnnotatedViews.Settings v) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, expansion,
                v, supervisedAdapterKernel, supervisedAdapterDepth, backwardLayers);
    }

    public TransplantSettings withSupervisedAdapter(int kernel, int depth) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, expansion,
                annotatedViews, kernel, depth, backwardLayers);
    }

    public TransplantSettings withBackwardLayers(int layers) {
        return new TransplantSettings(target, temperature, lambda, probes, redrawProbes, adapterKernel, adapterDepth, training, supervised, expansion,
                annotatedViews, supervisedAdapterKernel, supervisedAdapterDepth, layers);
    }

    /** These settings with the pool enlarged by {@code m} (the views and synthesis settings kept). */
    public TransplantSettings withExpansion(ExpansionSettings.Method m) {
        return withExpansion(expansion.withMethod(m));
    }

    /** One line for tables and logs. */
    public String describe() {
        return "target " + target.name().toLowerCase(java.util.Locale.ROOT) + (target == Target.PROBABILITIES ? " T=" + SettingText.number(temperature) : "")
                + ", " + lambda + ", " + probes + (probes == 1 ? " probe" : " probes") + (redrawProbes ? " redrawn every step" : " fixed per image")
                + ", adapter " + adapterDepth + "x " + adapterKernel + "x" + adapterKernel + " conv, distillation " + training.steps()
                + " steps lr " + SettingText.number(training.learningRate()) + " batch " + training.batchSize() + ", supervised " + supervised.steps()
                + " steps lr " + SettingText.number(supervised.learningRate()) + " batch " + supervised.batchSize() + supervisedExtras()
                + ", pool expansion " + expansion.describe() + (backwardLayers > 1 ? ", backward signal matched at " + backwardLayers + " layers" : "");
    }

    /** What the supervised adapter has of its own, where it has anything (so older settings read as before). */
    private String supervisedExtras() {
        boolean ownShape = supervisedAdapterKernel != adapterKernel || supervisedAdapterDepth != adapterDepth;
        return (ownShape ? ", supervised adapter " + supervisedAdapterDepth + "x " + supervisedAdapterKernel + "x" + supervisedAdapterKernel + " conv" : "")
                + (annotatedViews.enabled() ? ", " + annotatedViews.describe() : "");
    }
}
