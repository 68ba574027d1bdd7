package ntk.transplant;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import ntk.backend.Backend;
import ntk.generic.Task;
import ntk.nn.IncompatibleShapeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** AugmentedViews: the real images first, then shifted, mirrored, noised or blended copies, reproducible from the seed. */
class AugmentedViewsTest {
    static final int SIDE = 28;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static INDArray expand(AugmentedViews.Settings s, INDArray real, long seed) {
        return new AugmentedViews(s).expand(real, null, Task.CLASSIFICATION, seed);
    }

    /** Black images with one white pixel at (row, col) each. */
    private static INDArray onePixel(int[][] at) {
        INDArray a = Nd4j.zeros(DataType.FLOAT, at.length, 1, SIDE, SIDE);
        for (int i = 0; i < at.length; i++) {
            a.putScalar(new long[] {i, 0, at[i][0], at[i][1]}, 1.0);
        }
        return a;
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedOtherViews() {
        INDArray real = uniform(DataType.FLOAT, 1, 4, 1, SIDE, SIDE);
        AugmentedViews.Settings s = new AugmentedViews.Settings(5, 3, true, 0.05, 0.5);
        INDArray a = expand(s, real, 11);
        assertBitIdentical(a, expand(s, real, 11), "views from seed 11, twice");
        assertFalse(a.equals(expand(s, real, 12)), "seeds 11 and 12 gave the same views");
    }

    @Test
    void realImagesComeFirstUnchangedThenViewsPerImageAllInZeroToOne() {
        INDArray real = uniform(DataType.FLOAT, 2, 3, 1, SIDE, SIDE);
        INDArray out = expand(new AugmentedViews.Settings(4, 2, true, 0.1, 0.3), real, 5);
        assertArrayEquals(new long[] {3 + 3 * 4, 1, SIDE, SIDE}, out.shape());
        assertBitIdentical(real, out.get(NDArrayIndex.interval(0, 3)).dup(), "the real images at the front");
        assertTrue(out.minNumber().doubleValue() >= 0 && out.maxNumber().doubleValue() <= 1,
                "values outside [0, 1]: " + out.minNumber() + ".." + out.maxNumber());
    }

    /** Without noise or mixup, view k of image i is image i moved by at most maxShift pixels, maybe mirrored, and no other image. */
    @Test
    void eachViewIsAShiftedOrMirroredCopyOfItsOwnImage() {
        int maxShift = 2;
        INDArray real = uniform(DataType.FLOAT, 6, 3, 1, SIDE, SIDE);
        INDArray out = expand(new AugmentedViews.Settings(5, maxShift, true, 0, 0), real, 9);
        for (int v = 0; v < 3 * 5; v++) {
            float[] view = out.get(NDArrayIndex.point(3 + v)).dup().data().asFloat();
            for (int i = 0; i < 3; i++) {
                boolean own = i == v / 5;
                assertEquals(own, isMovedCopy(view, real.get(NDArrayIndex.point(i)).dup().data().asFloat(), maxShift),
                        "view " + v + (own ? " is not a shifted or mirrored copy of its image " : " copies the other image ") + i);
            }
        }
    }

    /** Whether {@code view} is {@code src}, maybe mirrored, moved by (dy, dx) within ±maxShift with a zero (black) fill. */
    private static boolean isMovedCopy(float[] view, float[] src, int maxShift) {
        for (boolean mirror : new boolean[] {false, true}) {
            for (int dy = -maxShift; dy <= maxShift; dy++) {
                for (int dx = -maxShift; dx <= maxShift; dx++) {
                    boolean same = true;
                    for (int r = 0; r < SIDE && same; r++) {
                        for (int c = 0; c < SIDE && same; c++) {
                            int sr = r - dy;
                            int sc = c - dx;
                            float expected = sr < 0 || sr >= SIDE || sc < 0 || sc >= SIDE ? 0f
                                    : src[sr * SIDE + (mirror ? SIDE - 1 - sc : sc)];
                            same = view[r * SIDE + c] == expected;
                        }
                    }
                    if (same) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aBrightPixelMovesByAtMostMaxShiftAndTheShiftsVary() {
        int maxShift = 3;
        INDArray out = expand(new AugmentedViews.Settings(60, maxShift, false, 0, 0), onePixel(new int[][] {{14, 10}}), 3);
        Set<String> offsets = new HashSet<>();
        for (int v = 1; v < out.size(0); v++) {
            float[] px = out.get(NDArrayIndex.point(v)).dup().data().asFloat();
            int bright = -1;
            for (int p = 0; p < px.length; p++) {
                if (px[p] != 0) {
                    assertEquals(-1, bright, "view " + v + " has more than one lit pixel");
                    assertEquals(1f, px[p], "view " + v + " changed the pixel's value");
                    bright = p;
                }
            }
            int dr = bright / SIDE - 14;
            int dc = bright % SIDE - 10;
            assertTrue(Math.abs(dr) <= maxShift && Math.abs(dc) <= maxShift, "view " + v + " moved the pixel by " + dr + ", " + dc);
            offsets.add(dr + "," + dc);
        }
        assertTrue(offsets.size() >= 20, "60 views used only " + offsets.size() + " of the 49 offsets: " + offsets);
    }

    @Test
    void flipsMirrorLeftToRightAboutHalfTheTime() {
        INDArray out = expand(new AugmentedViews.Settings(40, 0, true, 0, 0), onePixel(new int[][] {{5, 3}}), 8);
        int mirrored = 0;
        for (int v = 1; v < out.size(0); v++) {
            boolean kept = out.getFloat(v, 0, 5, 3) == 1f;
            boolean flipped = out.getFloat(v, 0, 5, SIDE - 1 - 3) == 1f;
            assertTrue(kept ^ flipped, "view " + v + " is neither the image nor its mirror");
            mirrored += flipped ? 1 : 0;
        }
        assertTrue(mirrored >= 8 && mirrored <= 32, mirrored + " of 40 views mirrored");
    }

    @Test
    void noiseChangesPixelsButStaysInRange() {
        INDArray real = Nd4j.zeros(DataType.FLOAT, 1, 1, SIDE, SIDE).addi(0.5);
        INDArray views = expand(new AugmentedViews.Settings(3, 0, false, 0.1, 0), real, 2).get(NDArrayIndex.interval(1, 4)).dup();
        double std = views.stdNumber().doubleValue();
        assertTrue(std > 0.07 && std < 0.13, "pixel noise of standard deviation 0.1 measured " + std);
        assertTrue(views.minNumber().doubleValue() >= 0 && views.maxNumber().doubleValue() <= 1);
    }

    @Test
    void mixupBlendsTwoPoolImagesWithTheViewsOwnImageWeighingAtLeastHalf() {
        INDArray real = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, 1, 1, SIDE, SIDE), Nd4j.zeros(DataType.FLOAT, 1, 1, SIDE, SIDE));
        INDArray out = expand(new AugmentedViews.Settings(30, 0, false, 0, 1.0), real, 4);
        int blended = 0;
        for (int v = 0; v < 30; v++) {
            INDArray view = out.get(NDArrayIndex.point(2 + v)); // views of the all-white image
            double lo = view.minNumber().doubleValue();
            assertEquals(lo, view.maxNumber().doubleValue(), 1e-6, "a blend of two flat images is flat");
            assertTrue(lo >= 0.5 - 1e-6 && lo <= 1, "own weight " + lo + " outside [0.5, 1]");
            blended += lo < 1 ? 1 : 0;
        }
        assertTrue(blended >= 5, "only " + blended + " of 30 views were blended with the black image");
    }

    @Test
    void noRealImageGivesNoRows() {
        INDArray out = expand(AugmentedViews.Settings.defaults(), Nd4j.create(DataType.FLOAT, 0, 1, SIDE, SIDE), 1);
        assertArrayEquals(new long[] {0, 1, SIDE, SIDE}, out.shape());
    }

    @Test
    void scenesWorkAndTheWrongSizeIsRefused() {
        INDArray scenes = uniform(DataType.FLOAT, 3, 2, 1, 56, 56);
        assertArrayEquals(new long[] {2 + 2 * 9, 1, 56, 56}, new AugmentedViews().expand(scenes, null, Task.SEGMENTATION, 1).shape());
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class,
                () -> new AugmentedViews().expand(scenes, RandomTeachers.withBothHeads(1), Task.CLASSIFICATION, 1));
        assertTrue(e.getMessage().contains("28"), e.getMessage());
    }

    @Test
    void badSettingsNameTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AugmentedViews.Settings(-1, 2, true, 0, 0))
                .getMessage().contains("viewsPerImage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AugmentedViews.Settings(1, -2, true, 0, 0))
                .getMessage().contains("maxShift"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AugmentedViews.Settings(1, 2, true, Double.NaN, 0))
                .getMessage().contains("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AugmentedViews.Settings(1, 2, true, 0, 1.5))
                .getMessage().contains("mixup"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> expand(new AugmentedViews.Settings(1, SIDE, true, 0, 0), uniform(DataType.FLOAT, 1, 1, 1, SIDE, SIDE), 1))
                .getMessage().contains("maxShift"));
    }
}
