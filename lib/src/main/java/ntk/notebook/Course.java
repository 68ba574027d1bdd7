package ntk.notebook;

import java.util.List;
import ntk.backend.Backend;
import ntk.backend.Environment;
import ntk.config.ExperimentConfig;
import ntk.data.DatasetImages;
import ntk.data.Samples;
import ntk.generic.Task;
import ntk.nn.Shape;
import ntk.run.LightSettings;
import ntk.run.ModuleCache;
import ntk.run.Pretrained;
import ntk.run.Progress;
import ntk.run.TransplantExperiment;
import ntk.train.Trainer;

/**
 * What every notebook starts with: ND4J started with the kit's memory limits, the settings of
 * this run (default or fast, from the environment), the data, and the shared pre-trained modules.
 *
 * <p>Two modes: chosen in the notebook with {@code Course.start(Course.Mode.FAST)} or
 * {@code Course.start(Course.Mode.DEFAULT)}; {@code Course.start()} reads the environment variable
 * NTK_FAST (what CI and Binder's tests set). The two are {@link LightSettings}'s: default, sized so
 * that each notebook runs in about five minutes on one or two cores, and fast, each notebook in
 * about two minutes.
 */
public final class Course {
    /** How much of the experiment a notebook runs. */
    public enum Mode {
        /** The main job's categories with lighter pre-training: the numbers the text discusses. */
        DEFAULT,
        /** Fewer categories and shorter training: the same story, rougher numbers, in about two minutes. */
        FAST
    }

    private final boolean fast;
    private final ExperimentConfig config;
    private final DatasetImages data;

    private Course(boolean fast, ExperimentConfig config, DatasetImages data) {
        this.fast = fast;
        this.config = config;
        this.data = data;
    }

    /** {@link #start(Mode)} in the mode the environment asks for: FAST when NTK_FAST is on ({@link Environment}). */
    public static Course start() {
        return start(Environment.fast() ? Mode.FAST : Mode.DEFAULT);
    }

    /** Starts ND4J, reads the settings of {@code mode} and the data, and prints what this run uses. */
    public static Course start(Mode mode) {
        Backend.init();
        boolean fast = mode == Mode.FAST;
        Course c = new Course(fast, LightSettings.of(fast), LightSettings.of(fast).data().load());
        System.out.println(c.describe());
        return c;
    }

    /**
     * For cells that only make sense with the default settings (all four new categories, the
     * main job's budgets): true in default mode; in fast mode prints why {@code what} is skipped
     * and how to switch, and returns false. Use as {@code if (course.inDefaultMode("Exercise 2")) { ... }}.
     */
    public boolean inDefaultMode(String what) {
        if (fast) {
            System.out.println(what + " needs the default mode; this kernel runs the fast one. To run it, start the first "
                    + "cell with Course.start(Course.Mode.DEFAULT) (and unset NTK_FAST), then run the notebook again.");
        }
        return !fast;
    }

    public boolean fast() {
        return fast;
    }

    public ExperimentConfig config() {
        return config;
    }

    /**
     * This run's config with only {@code newCategories} transplanted, for notebooks that look at
     * a few categories closely; pre-training is unchanged, so {@link #pretrained()} still fits it.
     */
    public ExperimentConfig config(List<ntk.data.Category> newCategories) {
        return config.withCategories(config.name(), config.categories().base(), newCategories);
    }

    /** The first {@code n} new categories of this run (all of them if it has fewer). */
    public List<ntk.data.Category> newCategories(int n) {
        List<ntk.data.Category> all = config.categories().transplanted();
        return all.subList(0, Math.min(n, all.size()));
    }

    /** One item of the course's data set, as a module shape (1×28×28 for Fashion-MNIST). */
    public Shape item() {
        return Task.item(config.data().itemShape());
    }

    /**
     * The indices of the unlabeled training pool of {@code n} images that the experiment runner
     * draws for seed {@code seed} (nested: the first 10 of 100 are the 10), so that a lesson and
     * the runner show one number for one condition.
     */
    public int[] pool(int n, long seed) {
        return Samples.unlabeledPool(data.train(), n, seed + TransplantExperiment.POOL_SEED_OFFSET);
    }

    public DatasetImages data() {
        return data;
    }

    /** Progress lines printed into the notebook. */
    public Progress progress() {
        return Progress.lines(System.out);
    }

    /**
     * The teachers and the generic network of {@link #config()}: loaded from the shared
     * {@link ModuleCache} when an earlier notebook (or an earlier run of this one) trained them
     * with the same settings, else trained now and saved there.
     */
    public Pretrained pretrained() {
        return ModuleCache.shared(config).loadOrTrain(data, progress());
    }

    /** A few lines: mode, backend, categories, training settings. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("mode: ").append(fast ? "fast (Course.start(Course.Mode.DEFAULT) for the default settings)"
                : "default (Course.start(Course.Mode.FAST) for the fast settings)").append('\n');
        b.append("backend: ").append(Backend.describe()).append('\n');
        b.append("base categories: ").append(config.categories().base()).append("; new categories: ").append(config.categories().transplanted()).append('\n');
        b.append("seeds: ").append(config.runs().seeds()).append('\n');
        b.append("teachers: ").append(config.pretraining().teacherPerClass()).append(" + ").append(config.pretraining().teacherPerClass())
                .append(" images, ").append(steps(config.pretraining().teacherTraining())).append('\n');
        b.append("shared task module: ").append(config.pretraining().taskPerClass()).append(" + ").append(config.pretraining().taskPerClass())
                .append(" images per base category, ").append(steps(config.pretraining().taskTraining())).append('\n');
        var seg = config.segmentation();
        b.append("segmentation: teachers' heads on ").append(seg.teacherScenes()).append(" scenes, ").append(steps(seg.teacherTraining()))
                .append("; shared module on ").append(seg.taskScenes()).append(" scenes per base category, ").append(steps(seg.taskTraining()))
                .append("; ").append(seg.testScenes()).append(" test scenes\n");
        for (ntk.generic.Task t : config.tasks()) {
            b.append(t).append(" transplants (selected by `ntk tune`): ").append(config.transplant(t).describe()).append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private static String steps(Trainer.Settings s) {
        return s.steps() + " Adam steps (batch " + s.batchSize() + ", lr " + s.learningRate() + ")";
    }
}
