package ntk.transplant;

import java.util.Arrays;
import java.util.SplittableRandom;
import ntk.generic.Task;
import ntk.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where {@link TeacherSynthesis} starts and what it aims at: start points (jittered real images,
 * or smooth dark noise with none) and the teacher's targets (±m per input, or per pixel inside a
 * random item-sized blob for segmentation). The noise's brightness and the blobs' size follow
 * Fashion-MNIST: mostly black images, items about 12 to 22 pixels across.
 */
final class SynthesisStarts {
    /** How real start points are jittered: one view each, shifted by up to 2 pixels, maybe mirrored, noise 0.05. */
    static final AugmentedViews.Settings START_JITTER = new AugmentedViews.Settings(1, 2, true, 0.05, 0);
    /** Data-free start points are uniform noise on a grid this many pixels apart, interpolated in between. */
    static final int NOISE_CELL = 4;
    /** ... and at most this bright: Fashion-MNIST is mostly black, and a grey start stays grey. */
    static final float NOISE_BRIGHTNESS = 0.5f;
    /** Segmentation blobs: radii in pixels, about a Fashion-MNIST item's half-width. */
    private static final int BLOB_MIN_RADIUS = 6;
    private static final int BLOB_MAX_RADIUS = 11;

    private SynthesisStarts() {}

    /** Input i starts from real image i mod n, jittered; with no real image from smooth noise. */
    static PixelBatch starts(PixelBatch real, int count, SplittableRandom rng) {
        float[][] out = new float[count][];
        AugmentedViews jitter = new AugmentedViews(START_JITTER);
        for (int i = 0; i < out.length; i++) {
            SplittableRandom r = rng.split();
            out[i] = real.size() > 0 ? jitter.view(real, i % real.size(), r) : smoothNoise(real.height, real.width, r);
        }
        return new PixelBatch(real.height, real.width, out);
    }

    /** Uniform values in [0, {@value #NOISE_BRIGHTNESS}) on a coarse grid, bilinearly interpolated: blobs about {@value #NOISE_CELL} pixels across. */
    static float[] smoothNoise(int h, int w, SplittableRandom rng) {
        int gh = (h - 1) / NOISE_CELL + 2;
        int gw = (w - 1) / NOISE_CELL + 2;
        float[] grid = new float[gh * gw];
        for (int p = 0; p < grid.length; p++) {
            grid[p] = (float) rng.nextDouble() * NOISE_BRIGHTNESS;
        }
        float[] out = new float[h * w];
        for (int r = 0; r < h; r++) {
            float gr = (float) r / NOISE_CELL;
            int r0 = (int) gr;
            float fr = gr - r0;
            for (int c = 0; c < w; c++) {
                float gc = (float) c / NOISE_CELL;
                int c0 = (int) gc;
                float fc = gc - c0;
                float top = grid[r0 * gw + c0] * (1 - fc) + grid[r0 * gw + c0 + 1] * fc;
                float bottom = grid[(r0 + 1) * gw + c0] * (1 - fc) + grid[(r0 + 1) * gw + c0 + 1] * fc;
                out[r * w + c] = top * (1 - fr) + bottom * fr;
            }
        }
        return out;
    }

    /** The teacher's targets for {@code n} inputs, the first {@code positives} positive: ±m per input (classification), or a blob mask of ±m per pixel (segmentation). */
    static INDArray targets(Task task, int n, int positives, float m, SplittableRandom rng) {
        Shape out = task.output();
        int px = out.size();
        float[] t = new float[n * px];
        for (int i = 0; i < n; i++) {
            SplittableRandom r = rng.split();
            boolean positive = i < positives;
            if (task == Task.CLASSIFICATION) {
                t[i] = positive ? m : -m;
                continue;
            }
            Arrays.fill(t, i * px, (i + 1) * px, -m);
            if (positive) {
                blob(t, i * px, out.height(), out.width(), m, r);
            }
        }
        return Nd4j.create(t, out.withBatch(n), DataType.FLOAT);
    }

    /** Sets +m inside a random axis-aligned ellipse that fits in the h×w frame. */
    private static void blob(float[] t, int offset, int h, int w, float m, SplittableRandom r) {
        int ry = r.nextInt(BLOB_MIN_RADIUS, BLOB_MAX_RADIUS + 1);
        int rx = r.nextInt(BLOB_MIN_RADIUS, BLOB_MAX_RADIUS + 1);
        int cy = r.nextInt(ry, h - ry);
        int cx = r.nextInt(rx, w - rx);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dy = (double) (y - cy) / ry;
                double dx = (double) (x - cx) / rx;
                if (dy * dy + dx * dx <= 1) {
                    t[offset + y * w + x] = m;
                }
            }
        }
    }
}
