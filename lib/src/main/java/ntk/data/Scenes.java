package ntk.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic 56×56 scenes for the segmentation task: the target item (one image of the target
 * category) and {@value #DISTRACTORS} distractor items of other categories, each in its own
 * quadrant of the scene, shifted by up to {@value #JITTER} pixels so items may touch or overlap;
 * where they overlap the brighter pixel shows. The ground truth is the target's visible mask:
 * its pixels brighter than {@value #INK} that are not covered by a brighter distractor pixel.
 *
 * <p>Scene {@code i} depends only on the seed and {@code i}, so the scenes of one seed are
 * nested: the first 10 of 100 scenes are the 10 scenes.
 */
public final class Scenes {
    public static final int SIZE = 56;
    public static final int DISTRACTORS = 2;
    public static final int JITTER = 4;
    /** Intensity (of 1) above which a pixel belongs to an item. */
    public static final float INK = 0.1f;

    private Scenes() {}

    /** {@code count} scenes whose target is {@code target}, drawn from {@code set}: inputs and masks, [n, 1, 56, 56]. */
    public static Examples generate(ImageSet set, Category target, int count, long seed) {
        if (set.rows() * 2 != SIZE || set.cols() * 2 != SIZE) {
            throw new DataException("scenes are built from " + SIZE / 2 + "×" + SIZE / 2 + " items, got " + set.rows() + "×" + set.cols());
        }
        int[] targets = set.indices(target, true);
        int[] others = set.indices(target, false);
        if (targets.length == 0) {
            throw new DataException("the image set has no item of category " + target + " to build scenes around");
        }
        int px = SIZE * SIZE;
        float[] scenes = new float[count * px];
        float[] masks = new float[count * px];
        SplittableRandom root = new SplittableRandom(seed);
        for (int n = 0; n < count; n++) {
            SplittableRandom rng = root.split(); // the n-th split: scene n is the same whatever the count
            int[] quadrants = Samples.permutation(4, rng);
            float[] owner = new float[px];
            float[] scene = new float[px];
            paste(set, targets[rng.nextInt(targets.length)], quadrants[0], rng, scene, owner, 1f);
            for (int d = 1; d <= DISTRACTORS; d++) {
                paste(set, others[rng.nextInt(others.length)], quadrants[d], rng, scene, owner, 0f);
            }
            System.arraycopy(scene, 0, scenes, n * px, px);
            System.arraycopy(owner, 0, masks, n * px, px);
        }
        long[] shape = {count, 1, SIZE, SIZE};
        return new Examples(Nd4j.create(scenes, shape, DataType.FLOAT), Nd4j.create(masks, shape, DataType.FLOAT));
    }

    /** Pastes one item with max blending; {@code owner} records 1 where the target's pixel shows. */
    private static void paste(ImageSet set, int index, int quadrant, SplittableRandom rng, float[] scene, float[] owner, float isTarget) {
        int half = SIZE / 2;
        int top = clamp((quadrant / 2) * half + rng.nextInt(-JITTER, JITTER + 1), half);
        int left = clamp((quadrant % 2) * half + rng.nextInt(-JITTER, JITTER + 1), half);
        float[] item = set.pixels(index);
        for (int r = 0; r < half; r++) {
            for (int c = 0; c < half; c++) {
                float v = item[r * half + c];
                int p = (top + r) * SIZE + left + c;
                if (v > INK && v >= scene[p]) {
                    owner[p] = isTarget;
                }
                scene[p] = Math.max(scene[p], v);
            }
        }
    }

    private static int clamp(int offset, int half) {
        return Math.max(0, Math.min(SIZE - half, offset));
    }
}
