package ntk.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import ntk.backend.Backend;
import ntk.backend.Environment;
import ntk.config.ExperimentConfig;
import ntk.data.Dataset;
import ntk.data.DatasetImages;
import ntk.data.Datasets;
import ntk.data.ImageFolder;
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
 *
 * <p>A course can also run on a data set of one's own (notebook 09): {@link #emptyFolder} for the
 * pictures, {@link #imageFolder} to register the folder, {@link #settingsFor} to fit a mode's
 * settings to it, and {@link #start(Mode, ExperimentConfig)}.
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
    /** Whether {@link #pretrained()} uses the shared module cache: for the modes' own settings. */
    private final boolean shared;
    private Pretrained trained;

    private Course(boolean fast, ExperimentConfig config, DatasetImages data, boolean shared) {
        this.fast = fast;
        this.config = config;
        this.data = data;
        this.shared = shared;
    }

    /** {@link #start(Mode)} in the mode the environment asks for ({@link #mode()}). */
    public static Course start() {
        return start(mode());
    }

    /** The mode the environment asks for: FAST when NTK_FAST is on ({@link Environment}). */
    public static Mode mode() {
        return Environment.fast() ? Mode.FAST : Mode.DEFAULT;
    }

    /** Starts ND4J, reads the settings of {@code mode} and the data, and prints what this run uses. */
    public static Course start(Mode mode) {
        Backend.init();
        boolean fast = mode == Mode.FAST;
        ExperimentConfig settings = LightSettings.of(fast);
        Course c = new Course(fast, settings, settings.data().load(), true);
        System.out.println(c.describe());
        return c;
    }

    /**
     * A course on settings of one's own, e.g. {@link #settingsFor} an image folder: starts ND4J,
     * reads the settings' data set and prints what this run uses. Its {@link #pretrained()}
     * modules are trained in this kernel and kept for it, not in the shared cache, whose key
     * would not see a folder's pictures change under the same settings.
     */
    public static Course start(Mode mode, ExperimentConfig settings) {
        Backend.init();
        Course c = new Course(mode == Mode.FAST, settings, settings.data().load(), false);
        System.out.println(c.describe());
        return c;
    }

    /**
     * {@code mode}'s settings moved to {@code dataset}: its categories {@code base} and
     * {@code transplanted} (ids), named after the data set and the mode's preset, with every
     * size the data must supply lowered to what its training and test pictures hold
     * ({@link DatasetSettings}). Training steps and transplant settings stay the preset's.
     */
    public static ExperimentConfig settingsFor(Mode mode, Dataset dataset, List<String> base,
            List<String> transplanted) {
        ExperimentConfig preset = LightSettings.of(mode == Mode.FAST);
        return DatasetSettings.fit(preset, dataset, base, transplanted);
    }

    /**
     * The image folder {@code folder}, as its dataset.json describes it, registered under its
     * name so that settings can name it. Reading the same folder with the same description
     * again (a cell run twice) gives the data set registered first; another data set of the
     * same name is refused: give it a name of its own, or restart the kernel.
     */
    public static Dataset imageFolder(Path folder) {
        ImageFolder read = ImageFolder.read(folder);
        if (Datasets.isKnown(read.name())) {
            Dataset known = Datasets.named(read.name());
            if (known instanceof ImageFolder f && sameFolder(f, read)) {
                return known;
            }
            throw new IllegalArgumentException("a data set named " + read.name()
                    + " is already known in this kernel (" + known + "); give the one in "
                    + folder + " another \"name\" in its dataset.json, or restart the kernel");
        }
        Datasets.register(read);
        return read;
    }

    private static boolean sameFolder(ImageFolder a, ImageFolder b) {
        Path fa = a.folder().toAbsolutePath().normalize();
        return fa.equals(b.folder().toAbsolutePath().normalize())
                && a.itemShape().equals(b.itemShape()) && a.categories().equals(b.categories());
    }

    /**
     * An empty folder {@code name} in the notebooks' cache folder (notebooks/.cache, which git
     * ignores, or NTK_NOTEBOOK_CACHE), for files a notebook writes, such as a data set's
     * pictures: whatever an earlier run left there is deleted first.
     */
    public static Path emptyFolder(String name) {
        return emptyFolder(ModuleCache.sharedRoot(), name);
    }

    static Path emptyFolder(Path root, String name) {
        if (!name.matches("[a-z0-9][a-z0-9._-]*") || name.contains("..")) {
            throw new IllegalArgumentException("a folder name of lower-case letters, digits, dots,"
                    + " hyphens and underscores, got '" + name + "'");
        }
        Path folder = root.resolve(name);
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> all = Files.walk(folder)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the folder " + folder + "; set "
                    + Environment.NOTEBOOK_CACHE + " to a writable folder", e);
        }
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
     * with the same settings, else trained now and saved there. A course on settings of one's own
     * ({@link #start(Mode, ExperimentConfig)}) trains them on its first call and keeps them.
     */
    public Pretrained pretrained() {
        if (shared) {
            return ModuleCache.shared(config).loadOrTrain(data, progress());
        }
        if (trained == null) {
            trained = Pretrained.train(data, config, progress());
        }
        return trained;
    }

    /** A few lines: mode, backend, categories, training settings. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("mode: ").append(fast ? "fast (Course.start(Course.Mode.DEFAULT) for the default settings)"
                : "default (Course.start(Course.Mode.FAST) for the fast settings)").append('\n');
        b.append("backend: ").append(Backend.describe()).append('\n');
        if (!shared) {
            Dataset d = data.dataset();
            b.append("data set: ").append(d.name()).append(" (").append(d.itemShape())
                    .append(" items; categories ").append(d.known()).append("): ")
                    .append(data.train().size()).append(" training and ").append(data.test().size())
                    .append(" test pictures\n");
        }
        b.append("base categories: ").append(config.categories().base()).append("; new categories: ").append(config.categories().transplanted()).append('\n');
        b.append("seeds: ").append(config.runs().seeds()).append('\n');
        b.append("teachers: ").append(config.pretraining().teacherPerClass()).append(" + ").append(config.pretraining().teacherPerClass())
                .append(" images, ").append(steps(config.pretraining().teacherTraining())).append('\n');
        b.append("shared task module: ").append(config.pretraining().taskPerClass()).append(" + ").append(config.pretraining().taskPerClass())
                .append(" images per base category, ").append(steps(config.pretraining().taskTraining())).append('\n');
        var seg = config.segmentation();
        if (config.tasks().contains(ntk.generic.Task.SEGMENTATION)) {
            b.append("segmentation: teachers' heads on ").append(seg.teacherScenes())
                    .append(" scenes, ").append(steps(seg.teacherTraining()))
                    .append("; shared module on ").append(seg.taskScenes())
                    .append(" scenes per base category, ").append(steps(seg.taskTraining()))
                    .append("; ").append(seg.testScenes()).append(" test scenes\n");
        }
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
