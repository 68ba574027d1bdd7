package ntk.transplant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java pixel maths behind TeacherSynthesis: the priors' gradient matches finite
 * differences of their value, shifting back is the transpose of shifting (so the teacher's
 * gradient reaches the right pixels), and the gradient blur is symmetric.
 */
class SynthesisPixelMathTest {
    static final int H = 7;
    static final int W = 5;

    private static float[] random(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[H * W];
        for (int p = 0; p < a.length; p++) {
            a[p] = (float) rng.nextDouble();
        }
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int p = 0; p < a.length; p++) {
            s += (double) a[p] * b[p];
        }
        return s;
    }

    @Test
    void priorsGradientMatchesFiniteDifferences() {
        ImagePriors priors = new ImagePriors(3.0, 2.0);
        float[] img = random(1);
        float[] grad = new float[H * W];
        double value = priors.addGradient(img, H, W, grad);
        assertEquals(3.0 * PixelBatch.totalVariation(img, H, W) + 2.0 * dot(img, img) / (H * W), value, 1e-5);
        float eps = 1e-2f;
        for (int p = 0; p < img.length; p++) {
            float[] up = img.clone();
            float[] down = img.clone();
            up[p] += eps;
            down[p] -= eps;
            double numeric = (priors.addGradient(up, H, W, new float[H * W]) - priors.addGradient(down, H, W, new float[H * W])) / (2 * eps);
            assertEquals(numeric, grad[p], 1e-3, "pixel " + p);
        }
    }

    /** The public forms the notebooks' exercises check against: the same numbers as the package's own. */
    @Test
    void publicShiftAndPriorGradientAreThePackagesOwn() {
        float[] img = random(4);
        assertArrayEquals(PixelBatch.shifted(img, H, W, 1, -2, true), AugmentedViews.shifted(img, H, W, 1, -2, true));
        float[] one = new float[H * W];
        one[W - 1] = 1; // the top-right pixel: mirrored to the top left, then one row down, one column right
        float[] moved = AugmentedViews.shifted(one, H, W, 1, 1, true);
        assertEquals(1f, moved[W + 1]);
        assertEquals(1f, java.util.stream.IntStream.range(0, moved.length).mapToDouble(p -> moved[p]).sum(), 0);
        float[] grad = new float[H * W];
        new ImagePriors(3.0, 2.0).addGradient(img, H, W, grad);
        assertArrayEquals(grad, TeacherSynthesis.priorGradient(img, H, W, 3.0, 2.0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TeacherSynthesis.priorGradient(img, W, W, 3.0, 2.0));
    }

    @Test
    void shiftingBackIsTheTransposeOfShifting() {
        float[] a = random(2);
        float[] b = random(3);
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -3; dx <= 3; dx++) {
                double forward = dot(PixelBatch.shifted(a, H, W, dy, dx, false), b);
                double back = dot(a, PixelBatch.shifted(b, H, W, -dy, -dx, false));
                assertEquals(forward, back, 1e-5, "shift " + dy + ", " + dx);
            }
        }
    }

    @Test
    void blurIsSymmetricAndKeepsAFlatInteriorFlat() {
        float[] a = random(4);
        float[] b = random(5);
        float[] ba = a.clone();
        float[] bb = b.clone();
        PixelBatch.blur(ba, H, W, 1.0);
        PixelBatch.blur(bb, H, W, 1.0);
        assertEquals(dot(ba, b), dot(a, bb), 1e-5);
        float[] flat = new float[21 * 21];
        java.util.Arrays.fill(flat, 0.5f);
        PixelBatch.blur(flat, 21, 21, 1.0);
        assertEquals(0.5f, flat[10 * 21 + 10], 1e-6);
    }
}
