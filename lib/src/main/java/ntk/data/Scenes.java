package ntk.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic scenes for the segmentation task, twice an item's height and width: the target
 * item (one image of the target category) and {@value #DISTRACTORS} distractor items of other
 * categories, each in its own quadrant of the scene, shifted by up to {@value #JITTER} pixels so
 * items may touch or overlap; where they overlap the brighter pixel shows (per channel, in
 * colour). The ground truth is the target's visible mask: its pixels whose brightest channel is
 * above {@value #INK} and not below the scene's brightest channel there before it was pasted.
 * Fashion-MNIST's 28×28 items give 56×56 scenes.
 *
 * <p>Scene {@code i} depends only on the seed and {@code i}, so the scenes of one seed are
 * nested: the first 10 of 100 scenes are the 10 scenes.
 */
public final class Scenes {
    public static final int DISTRACTORS = 2;
    public static final int JITTER = 4;
    /** Intensity (of 1) above which a pixel belongs to an item. */
    public static final float INK = 0.1f;

    private Scenes() {}

    /** {@code count} scenes whose target is {@code target}, drawn from {@code set}: inputs [n, C, 2H, 2W] and masks [n, 1, 2H, 2W]. */
    public static Examples generate(ImageSet set, Category target, int count, long seed) {
        int[] targets = set.indices(target, true);
        int[] others = set.indices(target, false);
        if (targets.length == 0) {
            throw new DataException("the image set has no item of category " + target + " to build scenes around");
        }
        Canvas canvas = new Canvas(set.channels(), 2 * set.rows(), 2 * set.cols());
        int px = canvas.h * canvas.w;
        float[] scenes = new float[count * canvas.c * px];
        float[] masks = new float[count * px];
        SplittableRandom root = new SplittableRandom(seed);
        for (int n = 0; n < count; n++) {
            SplittableRandom rng = root.split(); // the n-th split: scene n is the same whatever the count
            int[] quadrants = Samples.permutation(4, rng);
            float[] owner = new float[px];
            float[] scene = new float[canvas.c * px];
            float[] brightest = canvas.c == 1 ? scene : new float[px];
            canvas.paste(set, targets[rng.nextInt(targets.length)], quadrants[0], rng, scene, brightest, owner, 1f);
            for (int d = 1; d <= DISTRACTORS; d++) {
                canvas.paste(set, others[rng.nextInt(others.length)], quadrants[d], rng, scene, brightest, owner, 0f);
            }
            System.arraycopy(scene, 0, scenes, n * canvas.c * px, canvas.c * px);
            System.arraycopy(owner, 0, masks, n * px, px);
        }
        return new Examples(Nd4j.create(scenes, new long[] {count, canvas.c, canvas.h, canvas.w}, DataType.FLOAT),
                Nd4j.create(masks, new long[] {count, 1, canvas.h, canvas.w}, DataType.FLOAT));
    }

    /** A scene of c channels, h × w, with four item places. */
    private record Canvas(int c, int h, int w) {
        /**
         * Pastes one item with max blending; {@code owner} records 1 where the target's pixel shows.
         * {@code brightest} is the scene's brightest channel per pixel (the scene itself in greyscale).
         */
        void paste(ImageSet set, int index, int quadrant, SplittableRandom rng, float[] scene, float[] brightest, float[] owner,
                float isTarget) {
            int ih = h / 2;
            int iw = w / 2;
            int top = clamp((quadrant / 2) * ih + rng.nextInt(-JITTER, JITTER + 1), h - ih);
            int left = clamp((quadrant % 2) * iw + rng.nextInt(-JITTER, JITTER + 1), w - iw);
            float[] item = set.pixels(index);
            for (int r = 0; r < ih; r++) {
                for (int col = 0; col < iw; col++) {
                    float v = item[r * iw + col];
                    for (int k = 1; k < c; k++) {
                        v = Math.max(v, item[(k * ih + r) * iw + col]);
                    }
                    int p = (top + r) * w + left + col;
                    if (v > INK && v >= brightest[p]) {
                        owner[p] = isTarget;
                    }
                    for (int k = 0; k < c; k++) {
                        int q = k * h * w + p;
                        scene[q] = Math.max(scene[q], item[(k * ih + r) * iw + col]);
                    }
                    if (c > 1) {
                        brightest[p] = Math.max(brightest[p], v);
                    }
                }
            }
        }

        private static int clamp(int offset, int room) {
            return Math.max(0, Math.min(room, offset));
        }
    }
}
