package ntk.experiment;

import java.util.ArrayList;
import java.util.List;
import ntk.data.Category;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;

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
        Trainer.Settings adapterTraining,
        Trainer.Settings scratchTraining,
        BackDistillation.LambdaRule lambdaRule,
        long pretrainSeed) {

    public ExperimentConfig {
        baseCategories = List.copyOf(baseCategories);
        newCategories = List.copyOf(newCategories);
        seeds = List.copyOf(seeds);
        annotationBudgets = List.copyOf(annotationBudgets);
        poolSizes = List.copyOf(poolSizes);
        for (Category c : newCategories) {
            if (baseCategories.contains(c)) {
                throw new IllegalArgumentException("category " + c + " cannot be both a base category and a transplanted one");
            }
        }
        if (baseCategories.isEmpty() || newCategories.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("the experiment needs base categories, new categories and seeds");
        }
    }

    /** Base: t-shirt, trouser, pullover, dress, coat, bag; transplanted: sandal, shirt, sneaker, ankle boot. */
    public static ExperimentConfig full() {
        return new ExperimentConfig("full",
                List.of(Category.TSHIRT, Category.TROUSER, Category.PULLOVER, Category.DRESS, Category.COAT, Category.BAG),
                List.of(Category.SANDAL, Category.SHIRT, Category.SNEAKER, Category.ANKLE_BOOT),
                List.of(1L, 2L, 3L),
                List.of(10, 20, 50, 100),
                List.of(10, 100, 1000),
                100,
                true,
                3000, new Trainer.Settings(400, 2e-3, 64),
                2000, new Trainer.Settings(800, 2e-3, 32),
                new Trainer.Settings(300, 1e-2, 64),
                new Trainer.Settings(200, 2e-3, 50),
                BackDistillation.DEFAULT_RULE,
                2019L);
    }

    /** Minutes, not tens of minutes: fewer categories, one seed, shorter training. */
    public static ExperimentConfig fast() {
        return new ExperimentConfig("fast",
                List.of(Category.TSHIRT, Category.TROUSER, Category.BAG),
                List.of(Category.SANDAL),
                List.of(1L),
                List.of(10, 100),
                List.of(10, 100),
                100,
                false,
                1000, new Trainer.Settings(150, 3e-3, 64),
                1000, new Trainer.Settings(300, 3e-3, 32),
                new Trainer.Settings(150, 1e-2, 64),
                new Trainer.Settings(100, 2e-3, 50),
                BackDistillation.DEFAULT_RULE,
                2019L);
    }

    /** Every condition run per new category and seed, in a stable order. */
    public List<Condition> conditions() {
        List<Condition> out = new ArrayList<>();
        out.add(new Condition(Condition.UNTRAINED, 0, 0));
        for (int k : annotationBudgets) {
            out.add(new Condition(Condition.SUPERVISED, k, 0));
        }
        for (int n : poolSizes) {
            out.add(new Condition(Condition.FORWARD, 0, n));
            out.add(new Condition(Condition.BACK, 0, n));
        }
        for (int k : annotationBudgets) {
            out.add(new Condition(Condition.BACK, k, backWithLabelsPool));
        }
        if (scratchBaseline) {
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
