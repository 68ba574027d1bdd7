package ntk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Scenes on the real Fashion-MNIST training images: reproducible, nested, and masks that mark the target's visible pixels. */
class ScenesTest {
    private static ImageSet train;

    @BeforeAll
    static void load() {
        Backend.init();
        train = FashionMnist.load().train();
    }

    @Test
    void sameSeedSameScenesAndTheyAreNested() {
        Examples a = Scenes.generate(train, FashionMnist.SANDAL, 30, 5);
        Examples b = Scenes.generate(train, FashionMnist.SANDAL, 30, 5);
        Examples first10 = Scenes.generate(train, FashionMnist.SANDAL, 10, 5);
        Examples other = Scenes.generate(train, FashionMnist.SANDAL, 10, 6);
        assertArrayEquals(new long[] {30, 1, 56, 56}, a.inputs().shape());
        assertArrayEquals(new long[] {30, 1, 56, 56}, a.labels().shape());
        assertEquals(a.inputs(), b.inputs());
        assertEquals(a.labels(), b.labels());
        assertEquals(first10.inputs(), a.inputs().get(NDArrayIndex.interval(0, 10)), "the first 10 of 30 scenes are the 10 scenes");
        assertEquals(first10.labels(), a.labels().get(NDArrayIndex.interval(0, 10)));
        assertFalse(first10.inputs().equals(other.inputs()), "another seed gives other scenes");
    }

    @Test
    void masksMarkVisibleInkOfTheTargetOnly() {
        Examples s = Scenes.generate(train, FashionMnist.SHIRT, 50, 9);
        float[] x = s.inputs().reshape(-1).toFloatVector();
        float[] m = s.labels().reshape(-1).toFloatVector();
        int px = 56 * 56;
        for (int n = 0; n < 50; n++) {
            int target = 0;
            int ink = 0;
            for (int p = n * px; p < (n + 1) * px; p++) {
                assertTrue(m[p] == 0f || m[p] == 1f, "masks are 0/1");
                if (m[p] == 1f) {
                    target++;
                    assertTrue(x[p] > Scenes.INK, "a mask pixel must show ink, scene " + n);
                }
                ink += x[p] > Scenes.INK ? 1 : 0;
            }
            assertTrue(target >= 30, "scene " + n + " shows only " + target + " target pixels");
            assertTrue(ink > target + 30, "scene " + n + ": the distractors must show too (" + ink + " ink pixels, " + target + " target)");
        }
    }

    @Test
    void aCategoryWithoutImagesIsRefused() {
        ImageSet onlyBags = new ImageSet(new byte[][] {new byte[784]}, new int[] {FashionMnist.BAG.label()}, 28, 28);
        DataException e = assertThrows(DataException.class, () -> Scenes.generate(onlyBags, FashionMnist.SANDAL, 1, 1));
        assertTrue(e.getMessage().contains("sandal"), e.getMessage());
    }
}
