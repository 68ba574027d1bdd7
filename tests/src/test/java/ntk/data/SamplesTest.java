package ntk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Annotated samples are balanced, pools are nested, and everything is reproducible from the seed. */
class SamplesTest {
    static ImageSet set() {
        return ntk.SyntheticImages.thousand();
    }

    private static long positives(ImageSet s, int[] idx, Category c) {
        return Arrays.stream(idx).filter(i -> s.label(i) == c.label()).count();
    }

    private static boolean distinct(int[] idx) {
        return Arrays.stream(idx).distinct().count() == idx.length;
    }

    @Test
    void annotatedSamplesAreBalancedAndDistinct() {
        ImageSet s = set();
        for (int k : new int[] {2, 10, 20, 100}) {
            int[] idx = Samples.annotated(s, FashionMnist.SANDAL, k, 3);
            assertEquals(k, idx.length);
            assertEquals(k / 2, positives(s, idx, FashionMnist.SANDAL), "positives among " + k);
            assertTrue(distinct(idx), "repeated samples among " + k);
        }
        int[] odd = Samples.annotated(s, FashionMnist.SANDAL, 7, 3);
        assertEquals(3, positives(s, odd, FashionMnist.SANDAL), "k/2 rounded down are positives");
        // All 100 sandals and 100 others: still exactly balanced.
        int[] all = Samples.annotated(s, FashionMnist.SANDAL, 200, 3);
        assertEquals(100, positives(s, all, FashionMnist.SANDAL));
        assertTrue(distinct(all));
    }

    @Test
    void annotatedSamplesAreReproducibleFromTheSeed() {
        ImageSet s = set();
        assertArrayEquals(Samples.annotated(s, FashionMnist.BAG, 20, 11), Samples.annotated(s, FashionMnist.BAG, 20, 11));
        assertFalse(Arrays.equals(Samples.annotated(s, FashionMnist.BAG, 20, 11), Samples.annotated(s, FashionMnist.BAG, 20, 12)));
        assertFalse(Arrays.equals(Samples.annotated(s, FashionMnist.BAG, 20, 11), Samples.annotated(s, FashionMnist.COAT, 20, 11)));
    }

    @Test
    void unlabeledPoolsAreNestedAcrossSizes() {
        ImageSet s = set();
        int[] p10 = Samples.unlabeledPool(s, 10, 5);
        int[] p100 = Samples.unlabeledPool(s, 100, 5);
        int[] p1000 = Samples.unlabeledPool(s, 1000, 5);
        assertArrayEquals(p10, Arrays.copyOf(p100, 10));
        assertArrayEquals(p100, Arrays.copyOf(p1000, 100));
        assertTrue(distinct(p1000));
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(p1000).sorted().toArray(), "the largest pool is a permutation");
        assertArrayEquals(p100, Samples.unlabeledPool(s, 100, 5));
        assertFalse(Arrays.equals(p100, Samples.unlabeledPool(s, 100, 6)));
        assertFalse(Arrays.equals(p100, IntStream.range(0, 100).toArray()), "the pool is shuffled");
    }

    @Test
    void unlabeledPoolsKeepTheNaturalClassRatio() {
        ImageSet s = set();
        int[] pool = Samples.unlabeledPool(s, 500, 9);
        long sandals = positives(s, pool, FashionMnist.SANDAL);
        assertTrue(sandals > 30 && sandals < 70, "about one in ten should be sandals, got " + sandals + " of 500");
    }

    @Test
    void drawTakesDistinctItemsOfTheGivenArray() {
        int[] from = {5, 9, 13, 21, 34, 55};
        int[] d = Samples.draw(from, 4, new SplittableRandom(1));
        assertEquals(4, d.length);
        assertTrue(distinct(d));
        assertTrue(Arrays.stream(d).allMatch(x -> Arrays.stream(from).anyMatch(y -> y == x)));
        assertArrayEquals(d, Samples.draw(from, 4, new SplittableRandom(1)));
    }
}
