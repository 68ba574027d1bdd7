package ntk.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the samples a transplant may use, reproducibly from a seed.
 *
 * <p>Annotated samples are balanced (half show the category), as a person labelling for a new
 * category would collect them. Unlabeled pools are drawn at the natural class ratio (one image in
 * ten shows the category), and pools of one seed are nested: the first 10 images of the
 * 1,000-image pool are the 10-image pool.
 */
public final class Samples {
    private Samples() {}

    /** {@code k} annotated training indices, {@code k/2} of {@code category} and the rest of others. */
    public static int[] annotated(ImageSet set, Category category, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int positives = k / 2;
        int[] own = set.indices(category, true);
        int[] others = set.indices(category, false);
        if (positives > own.length || k - positives > others.length) {
            throw new IllegalArgumentException("cannot draw " + k + " annotated images for " + category + " (" + positives + " of it, "
                    + (k - positives) + " of other categories): the set has " + own.length + " images of " + category + " and "
                    + others.length + " of others; ask for fewer (e.g. lower the settings' pretraining teacherPerClass or taskPerClass)"
                    + " or add images");
        }
        int[] pos = draw(own, positives, rng);
        int[] neg = draw(others, k - positives, rng);
        int[] out = new int[k];
        System.arraycopy(pos, 0, out, 0, pos.length);
        System.arraycopy(neg, 0, out, pos.length, neg.length);
        return out;
    }

    /** The first {@code n} indices of one random permutation of the set: nested across {@code n}. */
    public static int[] unlabeledPool(ImageSet set, int n, long seed) {
        if (n > set.size()) {
            throw new IllegalArgumentException("pool of " + n + " images requested from a set of " + set.size());
        }
        return Arrays.copyOf(permutation(set.size(), new SplittableRandom(seed)), n);
    }

    /** {@code count} distinct items of {@code from}, in random order. */
    public static int[] draw(int[] from, int count, SplittableRandom rng) {
        if (count > from.length) {
            throw new IllegalArgumentException("cannot draw " + count + " samples from " + from.length);
        }
        int[] perm = permutation(from.length, rng);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = from[perm[i]];
        }
        return out;
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
