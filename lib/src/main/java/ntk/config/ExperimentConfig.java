package ntk.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.train.Trainer;
import ntk.transplant.TransplantSettings;

/**
 * The whole comparison as one declarative value: which categories are base and which are
 * transplanted, the seeds, the annotation budgets and unlabeled-pool sizes, and every training
 * setting. {@link #full()} is the reproduction; {@link #fast()} is for tests and notebooks.
 */
public record ExperimentConfig(
        String name,
        List<Category> baseCategories,
        List<Category> newCategories,
        List<Long> seeds,
        List<Integer> annotationBudgets,
        List<Integer> poolSizes,
        int backWithLabelsPool,
        boolean scratchBaseline,
        int teacherPerClass,
        Trainer.Settings teacherTraining,
        int taskPerClass,
        Trainer.Settings taskTraining,
        Trainer.Settings scratchTraining,
        long pretrainSeed,
        List<Task> tasks,
        SegmentationSettings segmentation,
        SequentialSettings sequential,
        ExpansionRuns expansion,
        Map<Task, TransplantSettings> transplant) {

    /**
     * The segmentation task's own sizes and training: scenes per category for the teachers' heads
     * (on their frozen f_c), per base category for the shared task module, and test scenes per
     * new category. Its conditions use the same budgets, pools and seeds as classification;
     * back-distillation with labels and the scratch baseline can be left out to save time.
     */
    public record SegmentationSettings(int teacherScenes, Trainer.Settings teacherTraining, int taskScenes,
            Trainer.Settings taskTraining, int testScenes, boolean backWithLabels,
            boolean scratchBaseline, Trainer.Settings scratchTraining) {}

    /**
     * The LEGO experiment: the new categories join one network one after another, each by
     * zero-annotation back-distillation from {@code pool} unlabeled inputs; the baselines instead
     * fine-tune the shared task module with {@code fineTuneAnnotations} annotated examples of each
     * new category — naively, with a replay buffer of {@code replayPerCategory} annotated examples
     * of every earlier category, or with Learning without Forgetting's term on earlier routes'
     * old outputs at weight {@code lwfWeight}. Classification is scored on the first
     * {@code classificationTestImages} test images.
     */
    public record SequentialSettings(int pool, int fineTuneAnnotations, int classificationTestImages, int replayPerCategory,
            double lwfWeight) {
        public SequentialSettings {
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
            for (int n : java.util.stream.Stream.concat(pools.stream(), segmentationPools.stream()).toList()) {
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
        expansion = expansion == null ? ExpansionRuns.none() : expansion;
        baseCategories = List.copyOf(baseCategories);
        newCategories = List.copyOf(newCategories);
        seeds = List.copyOf(seeds);
        annotationBudgets = List.copyOf(annotationBudgets);
        poolSizes = List.copyOf(poolSizes);
        tasks = List.copyOf(tasks);
        // in task order, not Map.copyOf's per-JVM order: toString() keys the notebooks' cache of pre-trained modules
        Map<Task, TransplantSettings> ordered = new java.util.EnumMap<>(Task.class);
        ordered.putAll(transplant);
        transplant = java.util.Collections.unmodifiableMap(ordered);
        for (Task t : tasks) {
            if (!transplant.containsKey(t)) {
                throw new IllegalArgumentException("no transplant settings for the " + t + " task");
            }
        }
        if (!tasks.contains(Task.CLASSIFICATION)) {
            throw new IllegalArgumentException("the experiment always includes classification (its teachers provide every f_c)");
        }
        for (Category c : newCategories) {
            if (baseCategories.contains(c)) {
                throw new IllegalArgumentException("category " + c + " cannot be both a base category and a transplanted one");
            }
        }
        if (baseCategories.isEmpty() || newCategories.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("the experiment needs base categories, new categories and seeds");
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

    /** The distillation methods' adapter training for {@code task}. */
    public Trainer.Settings adapterTraining(Task task) {
        return transplant(task).training();
    }

    /** The adapter new categories get for {@code task}. */
    public ntk.nn.ModuleSpec adapter(Task task) {
        return transplant(task).adapter(task.adapter().input());
    }

    /** The shared task module's training for {@code task}. */
    public Trainer.Settings taskTraining(Task task) {
        return task == Task.SEGMENTATION ? segmentation.taskTraining() : taskTraining;
    }

    /** This config for the given tasks only (classification always included). */
    public ExperimentConfig withTasks(List<Task> only) {
        return new ExperimentConfig(name, baseCategories, newCategories, seeds, annotationBudgets, poolSizes, backWithLabelsPool,
                scratchBaseline, teacherPerClass, teacherTraining, taskPerClass, taskTraining, scratchTraining,
                pretrainSeed, only, segmentation, sequential, expansion, transplant);
    }

    /** This config with other categories: {@code base} train the shared modules, {@code transplanted} are transplanted. */
    public ExperimentConfig withCategories(String newName, List<Category> base, List<Category> transplanted) {
        return new ExperimentConfig(newName, base, transplanted, seeds, annotationBudgets, poolSizes, backWithLabelsPool,
                scratchBaseline, teacherPerClass, teacherTraining, taskPerClass, taskTraining, scratchTraining,
                pretrainSeed, tasks, segmentation, sequential, expansion, transplant);
    }

    /** This config with other seeds, budgets and pool sizes. */
    public ExperimentConfig withRuns(List<Long> newSeeds, List<Integer> budgets, List<Integer> pools) {
        return new ExperimentConfig(name, baseCategories, newCategories, newSeeds, budgets, pools, backWithLabelsPool,
                scratchBaseline, teacherPerClass, teacherTraining, taskPerClass, taskTraining, scratchTraining,
                pretrainSeed, tasks, segmentation, sequential, expansion, transplant);
    }

    /** This config with other LEGO settings. */
    public ExperimentConfig withSequential(SequentialSettings settings) {
        return new ExperimentConfig(name, baseCategories, newCategories, seeds, annotationBudgets, poolSizes, backWithLabelsPool,
                scratchBaseline, teacherPerClass, teacherTraining, taskPerClass, taskTraining, scratchTraining,
                pretrainSeed, tasks, segmentation, settings, expansion, transplant);
    }

    /** This config with another pre-training seed (teachers and shared task modules). */
    public ExperimentConfig withPretrainSeed(long seed) {
        return new ExperimentConfig(name, baseCategories, newCategories, seeds, annotationBudgets, poolSizes, backWithLabelsPool,
                scratchBaseline, teacherPerClass, teacherTraining, taskPerClass, taskTraining, scratchTraining,
                seed, tasks, segmentation, sequential, expansion, transplant);
    }

    /** This config with {@code task}'s transplant settings replaced. */
    public ExperimentConfig withTransplant(Task task, TransplantSettings settings) {
        Map<Task, TransplantSettings> t = new java.util.EnumMap<>(Task.class);
        t.putAll(transplant);
        t.put(task, settings);
        return new ExperimentConfig(name, baseCategories, newCategories, seeds, annotationBudgets, poolSizes, backWithLabelsPool,
                scratchBaseline, teacherPerClass, teacherTraining, taskPerClass, taskTraining, scratchTraining,
                pretrainSeed, tasks, segmentation, sequential, expansion, t);
    }

    /** Every condition of classification run per new category and seed, in a stable order. */
    public List<Condition> conditions() {
        List<Condition> out = conditions(true, scratchBaseline);
        out.addAll(expansionConditions(expansion.pools(), List.of(Condition.BACK_VIEWS, Condition.BACK_VIEWS_SYNTHESIS)));
        return out;
    }

    /**
     * The enlarged-pool conditions of {@code methods} ({@link Condition#BACK_VIEWS},
     * {@link Condition#BACK_VIEWS_SYNTHESIS}) at {@code pools} real images; views are not run
     * where there is no real image to view.
     */
    public static List<Condition> expansionConditions(List<Integer> pools, List<String> methods) {
        List<Condition> out = new ArrayList<>();
        for (int n : pools) {
            for (String m : methods) {
                if (n > 0 || !m.equals(Condition.BACK_VIEWS)) {
                    out.add(new Condition(m, 0, n));
                }
            }
        }
        return out;
    }

    /** The conditions of {@link #conditions()} without the enlarged pools, with or without back-distillation plus labels and the scratch baseline. */
    public List<Condition> conditions(boolean withLabels, boolean scratch) {
        List<Condition> out = new ArrayList<>();
        out.add(new Condition(Condition.UNTRAINED, 0, 0));
        for (int k : annotationBudgets) {
            out.add(new Condition(Condition.SUPERVISED, k, 0));
        }
        for (int n : poolSizes) {
            out.add(new Condition(Condition.FORWARD, 0, n));
            out.add(new Condition(Condition.BACK, 0, n));
        }
        if (withLabels) {
            for (int k : annotationBudgets) {
                out.add(new Condition(Condition.BACK, k, backWithLabelsPool));
            }
        }
        if (scratch) {
            out.add(new Condition(Condition.SCRATCH, maxAnnotations(), 0));
        }
        return out;
    }

    public int maxAnnotations() {
        return annotationBudgets.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public int maxPool() {
        return java.util.stream.IntStream.concat(poolSizes.stream().mapToInt(Integer::intValue), java.util.stream.IntStream.of(backWithLabelsPool))
                .max().orElse(0);
    }

    public List<Category> allCategories() {
        List<Category> all = new ArrayList<>(baseCategories);
        all.addAll(newCategories);
        return all;
    }
}
