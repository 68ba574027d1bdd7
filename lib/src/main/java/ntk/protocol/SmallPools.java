package ntk.protocol;

import ntk.data.Category;
import ntk.data.ImageSet;
import ntk.data.Samples;

/**
 * Small unlabeled pools: how many images of a category one holds, and how often a pool drawn at
 * the natural class ratio misses the category altogether — the case where only a teacher's
 * synthesised inputs can show the student a positive.
 */
public final class SmallPools {
    private SmallPools() {}

    /** How many images of {@code category} the pool {@code idx} of {@code set} holds. */
    public static int positives(ImageSet set, int[] idx, Category category) {
        int n = 0;
        for (int i : idx) {
            if (set.label(i) == category.label()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The share of {@code trials} unlabeled pools of {@code n} images (seeds 1 … trials, drawn by
     * {@link Samples#unlabeledPool} as the experiments draw them) that hold no image of {@code category}.
     */
    public static double shareWithoutPositive(ImageSet set, Category category, int n, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        int empty = 0;
        for (int seed = 1; seed <= trials; seed++) {
            if (positives(set, Samples.unlabeledPool(set, n, seed), category) == 0) {
                empty++;
            }
        }
        return (double) empty / trials;
    }
}
