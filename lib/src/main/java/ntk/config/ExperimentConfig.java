package ntk.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.data.Datasets;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.nn.ModuleSpec;
import ntk.train.Trainer;
import ntk.transplant.TransplantSettings;

/**
 * The whole comparison as one declarative value, grouped by concern: the data set and which of
 * its categories are base and which are transplanted, the runs (seeds, annotation budgets,
 * unlabeled pools), pre-training, the tasks with their own settings, the LEGO sequence, the
 * enlarged pools, and every transplant setting. Presets and edited copies are JSON files
 * ({@link ConfigFiles}); {@link #full()} is the reproduction, {@link #fast()} is for tests.
 * Which conditions run is planned from these values in {@code ntk.protocol}, not here.
 *
 * @param dataset the data set's name ({@link ntk.data.Datasets}); {@code fashion-mnist} is the one the kit ships
 */
public record ExperimentConfig(
        String name,
        String dataset,
        Categories categories,
        Runs runs,
        Pretraining pretraining,
        List<Task> tasks,
        SegmentationSettings segmentation,
        SequentialSettings sequential,
        ExpansionRuns expansion,
        @JsonDeserialize(using = TransplantSection.class) Map<Task, TransplantSettings> transplant) {

    /**
     * The base categories train the shared task modules; the transplanted ones are added by every
     * method. {@code pseudoNew} are the base categories the settings search holds out as new ones;
     * when a file leaves them out, every third base category from the third on
     * ({@link #everyThird}).
     */
    public record Categories(List<Category> base, List<Category> transplanted, List<Category> pseudoNew) {
        public Categories {
            base = List.copyOf(base);
            transplanted = List.copyOf(transplanted);
            pseudoNew = pseudoNew == null ? everyThird(base) : List.copyOf(pseudoNew);
            if (base.isEmpty() || transplanted.isEmpty()) {
                throw new IllegalArgumentException("the experiment needs base categories and categories to transplant");
            }
            for (Category c : transplanted) {
                if (base.contains(c)) {
                    throw new IllegalArgumentException("category " + c + " cannot be both a base category and a transplanted one");
                }
            }
            for (Category c : pseudoNew) {
                if (!base.contains(c)) {
                    throw new IllegalArgumentException("pseudo-new category " + c + " must be one of the base categories " + base);
                }
            }
        }

        /** The default pseudo-new categories. */
        public Categories(List<Category> base, List<Category> transplanted) {
            this(base, transplanted, null);
        }

        /** Reads {@code {"base": [...], "transplanted": [...], "pseudoNew": [...]}}, pseudoNew optional. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Categories fromJson(Map<String, List<Category>> json) {
            for (String key : json.keySet()) {
                if (!List.of("base", "transplanted", "pseudoNew").contains(key)) {
                    throw new IllegalArgumentException("unknown key categories." + key + "; known: base, transplanted, pseudoNew");
                }
            }
            if (!json.containsKey("base") || !json.containsKey("transplanted")) {
                throw new IllegalArgumentException("categories needs both base and transplanted lists");
            }
            return new Categories(json.get("base"), json.get("transplanted"), json.get("pseudoNew"));
        }

        /** Base categories first, then the transplanted ones. */
        public List<Category> all() {
            return Stream.concat(base.stream(), transplanted.stream()).toList();
        }

        /** Every third of {@code base}, from the third on: a third held out, two thirds left to train the shared modules. */
        public static List<Category> everyThird(List<Category> base) {
            return IntStream.range(0, base.size()).filter(i -> i % 3 == 2).mapToObj(base::get).toList();
        }
    }

    /**
     * The transplant runs per new category: every seed, annotation budget and unlabeled-pool size;
     * back-distillation with labels distils from {@code backWithLabelsPool} unlabeled images too;
     * the scratch baseline (whole network from the largest budget) runs when {@code scratchBaseline}.
     */
    public record Runs(List<Long> seeds, List<Integer> annotationBudgets, List<Integer> poolSizes, int backWithLabelsPool,
            boolean scratchBaseline, Trainer.Settings scratchTraining) {
        public Runs {
            seeds = List.copyOf(seeds);
            annotationBudgets = List.copyOf(annotationBudgets);
            poolSizes = List.copyOf(poolSizes);
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("the experiment needs at least one seed");
            }
        }

        public int maxAnnotations() {
            return annotationBudgets.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        public int maxPool() {
            return IntStream.concat(poolSizes.stream().mapToInt(Integer::intValue), IntStream.of(backWithLabelsPool)).max().orElse(0);
        }
    }

    /**
     * Pre-training, fixed by design (it is the starting point every method shares): a teacher per
     * category from {@code teacherPerClass} positives and as many negatives, the shared
     * classification module from {@code taskPerClass} per base category; every draw derives from {@code seed}.
     */
    public record Pretraining(long seed, int teacherPerClass, Trainer.Settings teacherTraining, int taskPerClass,
            Trainer.Settings taskTraining) {}

    /**
     * The segmentation task's own sizes and training: scenes per category for the teachers' heads
     * (on their frozen f_c), per base category for the shared task module, and test scenes per
     * new category. Its conditions use the same budgets, pools and seeds as classification;
     * back-distillation with labels and the scratch baseline can be left out to save time.
     * {@code headKernel} is the first convolution's size in the teachers' segmentation heads and
     * the shared segmentation module (5 unless {@code tune} selected otherwise).
     */
    public record SegmentationSettings(int teacherScenes, Trainer.Settings teacherTraining, int taskScenes,
            Trainer.Settings taskTraining, int testScenes, boolean backWithLabels,
            boolean scratchBaseline, Trainer.Settings scratchTraining, int headKernel) {
        public SegmentationSettings {
            if (headKernel < 1 || headKernel % 2 == 0) {
                throw new IllegalArgumentException("segmentation.headKernel must be odd and >= 1, got " + headKernel);
            }
        }

        /** The settings with the segmentation heads' first kernel as it was before it was a setting (5×5). */
        public SegmentationSettings(int teacherScenes, Trainer.Settings teacherTraining, int taskScenes, Trainer.Settings taskTraining,
                int testScenes, boolean backWithLabels, boolean scratchBaseline, Trainer.Settings scratchTraining) {
            this(teacherScenes, teacherTraining, taskScenes, taskTraining, testScenes, backWithLabels, scratchBaseline, scratchTraining,
                    ntk.train.Heads.SEGMENTATION_KERNEL);
        }

        public SegmentationSettings withHeadKernel(int kernel) {
            return new SegmentationSettings(teacherScenes, teacherTraining, taskScenes, taskTraining, testScenes, backWithLabels,
                    scratchBaseline, scratchTraining, kernel);
        }
    }

    /**
     * The LEGO experiment: the new categories join one network one after another, each by
     * zero-annotation back-distillation from {@code pool} unlabeled inputs; the baselines instead
     * fine-tune the shared task module with {@code fineTuneAnnotations} annotated examples of each
     * new category — naively, with a replay buffer of {@code replayPerCategory} annotated examples
     * of every earlier category, or with Learning without Forgetting's term on earlier routes'
     * old outputs at weight {@code lwfWeight}, at the task module's own pre-training learning rate
     * times {@code fineTuneRateScale}. Classification is scored on the first
     * {@code classificationTestImages} test images.
     */
    public record SequentialSettings(int pool, int fineTuneAnnotations, int classificationTestImages, int replayPerCategory,
            double lwfWeight, double fineTuneRateScale) {
        /** The settings with the fine-tuning baselines at the task module's own rate, as before the scale was a setting. */
        public SequentialSettings(int pool, int fineTuneAnnotations, int classificationTestImages, int replayPerCategory, double lwfWeight) {
            this(pool, fineTuneAnnotations, classificationTestImages, replayPerCategory, lwfWeight, 1.0);
        }

        public SequentialSettings {
            if (!(fineTuneRateScale > 0) || Double.isInfinite(fineTuneRateScale)) {
                throw new IllegalArgumentException("sequential.fineTuneRateScale must be a finite number > 0, got " + fineTuneRateScale);
            }
            if (replayPerCategory < 0) {
                throw new IllegalArgumentException("sequential.replayPerCategory must be >= 0 (0 makes replay naive fine-tuning), got "
                        + replayPerCategory);
            }
            if (!(lwfWeight >= 0) || Double.isInfinite(lwfWeight)) {
                throw new IllegalArgumentException("sequential.lwfWeight must be a finite number >= 0 (0 makes lwf naive fine-tuning), got "
                        + lwfWeight);
            }
        }
    }

    /**
     * The rows with an enlarged pool: back-distillation on real images plus augmented views, and on
     * real images, views and teacher-synthesised inputs, at these numbers of real unlabeled images
     * (0 is data-free: synthesised inputs only, so views are not run there). Classification runs
     * both at {@code pools}; segmentation, where a synthesis run costs minutes, runs the enlargement
     * {@code tune} selected for it (views where it selected none) at {@code segmentationPools}.
     * Empty lists leave the rows out.
     */
    public record ExpansionRuns(List<Integer> pools, List<Integer> segmentationPools) {
        public ExpansionRuns {
            pools = List.copyOf(pools);
            segmentationPools = List.copyOf(segmentationPools);
            for (int n : Stream.concat(pools.stream(), segmentationPools.stream()).toList()) {
                if (n < 0) {
                    throw new IllegalArgumentException("expansion pools are numbers of real images >= 0, got " + n);
                }
            }
        }

        /** No enlarged rows. */
        public static ExpansionRuns none() {
            return new ExpansionRuns(List.of(), List.of());
        }

        /** The pools of {@code task}. */
        public List<Integer> pools(Task task) {
            return task == Task.SEGMENTATION ? segmentationPools : pools;
        }
    }

    public ExperimentConfig {
        dataset = dataset == null ? FashionMnist.NAME : dataset;
        Datasets.named(dataset); // refuses an unknown name, naming the known ones
        expansion = expansion == null ? ExpansionRuns.none() : expansion;
        tasks = List.copyOf(tasks);
        // in task order, not Map.copyOf's per-JVM order: toString() keys the notebooks' cache of pre-trained modules
        Map<Task, TransplantSettings> ordered = new EnumMap<>(Task.class);
        ordered.putAll(transplant);
        transplant = Collections.unmodifiableMap(ordered);
        for (Task t : tasks) {
            if (!transplant.containsKey(t)) {
                throw new IllegalArgumentException("no transplant settings for the " + t + " task");
            }
        }
        if (!tasks.contains(Task.CLASSIFICATION)) {
            throw new IllegalArgumentException("the experiment always includes classification (its teachers provide every f_c)");
        }
        if (categories == null || runs == null || pretraining == null) {
            throw new IllegalArgumentException("the experiment needs categories, runs and pretraining settings");
        }
        for (Category c : categories.all()) {
            if (!c.dataset().equals(dataset)) {
                throw new IllegalArgumentException("category " + c + " is a category of " + c.dataset() + ", not of the data set "
                        + dataset + " the settings name");
            }
        }
    }

    /**
     * The reproduction, from the preset {@code ntk/config/full.json}: base t-shirt, trouser,
     * pullover, dress, coat, bag; transplanted sandal, shirt, sneaker, ankle boot; the transplant
     * settings {@code tune} selected.
     */
    public static ExperimentConfig full() {
        return ConfigFiles.preset("full");
    }

    /** Minutes, not tens of minutes (preset {@code ntk/config/fast.json}): fewer categories, one seed, shorter training. */
    public static ExperimentConfig fast() {
        return ConfigFiles.preset("fast");
    }

    /** How new categories' adapters are learned for {@code task}. */
    public TransplantSettings transplant(Task task) {
        TransplantSettings s = transplant.get(task);
        if (s == null) {
            throw new IllegalArgumentException("no transplant settings for the " + task + " task in config " + name);
        }
        return s;
    }

    /** The adapter new categories get for {@code task}. */
    public ModuleSpec adapter(Task task) {
        return transplant(task).adapter(task.adapter(Task.item(data().itemShape())).input());
    }

    /** The data set the settings name. */
    public Dataset data() {
        return Datasets.named(dataset);
    }

    /** The segmentation heads' first kernel: the settings', or 5 where they have no segmentation section. */
    public int segmentationHeadKernel() {
        return segmentation == null ? ntk.train.Heads.SEGMENTATION_KERNEL : segmentation.headKernel();
    }

    /** The shared task module's training for {@code task}. */
    public Trainer.Settings taskTraining(Task task) {
        return task == Task.SEGMENTATION ? segmentation.taskTraining() : pretraining.taskTraining();
    }

    /** The editable copy of a config: change fields, then {@link #build()}; every wither goes through it. */
    public static final class Builder {
        public String name;
        public String dataset;
        public Categories categories;
        public Runs runs;
        public Pretraining pretraining;
        public List<Task> tasks;
        public SegmentationSettings segmentation;
        public SequentialSettings sequential;
        public ExpansionRuns expansion;
        public Map<Task, TransplantSettings> transplant;

        private Builder(ExperimentConfig c) {
            name = c.name;
            dataset = c.dataset;
            categories = c.categories;
            runs = c.runs;
            pretraining = c.pretraining;
            tasks = c.tasks;
            segmentation = c.segmentation;
            sequential = c.sequential;
            expansion = c.expansion;
            transplant = new EnumMap<>(c.transplant);
        }

        public ExperimentConfig build() {
            return new ExperimentConfig(name, dataset, categories, runs, pretraining, tasks, segmentation, sequential, expansion,
                    transplant);
        }
    }

    /** This config with the changes {@code edit} makes to its builder. */
    public ExperimentConfig with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** This config for the given tasks only (classification always included). */
    public ExperimentConfig withTasks(List<Task> only) {
        return with(b -> b.tasks = only);
    }

    /** This config with other categories: {@code base} train the shared modules, {@code transplanted} are transplanted. */
    public ExperimentConfig withCategories(String newName, List<Category> base, List<Category> transplanted) {
        return with(b -> {
            b.name = newName;
            b.categories = new Categories(base, transplanted, categories.pseudoNew().stream().filter(base::contains).toList());
        });
    }

    /** This config with other seeds, budgets and pool sizes. */
    public ExperimentConfig withRuns(List<Long> seeds, List<Integer> budgets, List<Integer> pools) {
        return with(b -> b.runs = new Runs(seeds, budgets, pools, runs.backWithLabelsPool(), runs.scratchBaseline(),
                runs.scratchTraining()));
    }

    /** This config with other LEGO settings. */
    public ExperimentConfig withSequential(SequentialSettings settings) {
        return with(b -> b.sequential = settings);
    }

    /** This config with the scratch baseline trained as {@code t} (classification's; segmentation's has its own). */
    public ExperimentConfig withScratchTraining(Trainer.Settings t) {
        return with(b -> b.runs = new Runs(runs.seeds(), runs.annotationBudgets(), runs.poolSizes(), runs.backWithLabelsPool(),
                runs.scratchBaseline(), t));
    }

    /** This config with the segmentation heads' first convolution {@code kernel} wide. */
    public ExperimentConfig withSegmentationHeadKernel(int kernel) {
        return with(b -> b.segmentation = segmentation.withHeadKernel(kernel));
    }

    /** This config with another pre-training seed (teachers and shared task modules). */
    public ExperimentConfig withPretrainSeed(long seed) {
        return with(b -> b.pretraining = new Pretraining(seed, pretraining.teacherPerClass(), pretraining.teacherTraining(),
                pretraining.taskPerClass(), pretraining.taskTraining()));
    }

    /** This config with {@code task}'s transplant settings replaced. */
    public ExperimentConfig withTransplant(Task task, TransplantSettings settings) {
        return with(b -> b.transplant.put(task, settings));
    }
}
