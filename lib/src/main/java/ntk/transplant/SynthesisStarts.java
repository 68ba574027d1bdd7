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
 * random item-sized blob for segmentation). The noise's brightness is the data set's
 * ({@link ntk.data.Dataset#startNoiseBrightness}); the blobs' size follows Fashion-MNIST's items,
 * about 12 to 22 pixels across, scaled to the scene's size.
 */
final class SynthesisStarts {
    /** How real start points are jittered: one view each, shifted by up to 2 pixels, maybe mirrored, noise 0.05. */
    static final AugmentedViews.Settings START_JITTER = new AugmentedViews.Settings(1, 2, true, 0.05, 0);
    /** Data-free start points are uniform noise on a grid this many pixels apart, interpolated in between. */
    static final int NOISE_CELL = 4;
    /** Segmentation blobs: radii in pixels on a 56-pixel scene side (a Fashion-MNIST item's half-width), scaled with the side. */
    private static final int BLOB_MIN_RADIUS = 6;
    private static final int BLOB_MAX_RADIUS = 11;
    private static final int BLOB_SCENE_SIDE = 56;

    private SynthesisStarts() {}

    /** Input i starts from real image i mod n, jittered; with no real image from smooth noise. */
    static PixelBatch starts(PixelBatch real, int count, float brightness, SplittableRandom rng) {
        float[][] out = new float[count][];
        AugmentedViews jitter = new AugmentedViews(START_JITTER);
        for (int i = 0; i < out.length; i++) {
            SplittableRandom r = rng.split();
            out[i] = real.size() > 0 ? jitter.view(real, i % real.size(), r) : smoothNoise(real.channels, real.height, real.width, brightness, r);
        }
        return real.with(out);
    }

    /** {@link #smoothNoise(int, int, float, SplittableRandom)} for each of {@code c} channels in turn. */
    static float[] smoothNoise(int c, int h, int w, float brightness, SplittableRandom rng) {
        if (c == 1) {
            return smoothNoise(h, w, brightness, rng);
        }
        float[] out = new float[c * h * w];
        for (int k = 0; k < c; k++) {
            System.arraycopy(smoothNoise(h, w, brightness, rng), 0, out, k * h * w, h * w);
        }
        return out;
    }

    /** Uniform values in [0, {@code brightness}) on a coarse grid, bilinearly interpolated: blobs about {@value #NOISE_CELL} pixels across. */
    static float[] smoothNoise(int h, int w, float brightness, SplittableRandom rng) {
        int gh = (h - 1) / NOISE_CELL + 2;
        int gw = (w - 1) / NOISE_CELL + 2;
        float[] grid = new float[gh * gw];
        for (int p = 0; p < grid.length; p++) {
            grid[p] = (float) rng.nextDouble() * brightness;
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
    static INDArray targets(Task task, Shape out, int n, int positives, float m, SplittableRandom rng) {
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

    /** A blob radius for a scene side of {@code side} pixels: {@code at56} on a 56-pixel side, at least 1. */
    private static int radius(int at56, int side) {
        return Math.max(1, Math.round((float) at56 * side / BLOB_SCENE_SIDE));
    }

    /** Sets +m inside a random axis-aligned ellipse that fits in the h×w frame. */
    private static void blob(float[] t, int offset, int h, int w, float m, SplittableRandom r) {
        int ry = r.nextInt(radius(BLOB_MIN_RADIUS, h), radius(BLOB_MAX_RADIUS, h) + 1);
        int rx = r.nextInt(radius(BLOB_MIN_RADIUS, w), radius(BLOB_MAX_RADIUS, w) + 1);
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
