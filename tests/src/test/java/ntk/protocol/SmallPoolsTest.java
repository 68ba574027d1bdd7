package ntk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ntk.backend.Backend;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SmallPools: positives in a pool, the share of pools with none. */
class SmallPoolsTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** n blank 28×28 images, every k-th one a sandal, the rest t-shirts. */
    private static ImageSet everyKthSandal(int n, int k) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k == 0 ? FashionMnist.SANDAL.label() : FashionMnist.TSHIRT.label();
        }
        return new ImageSet(new byte[n][28 * 28], labels, 28, 28);
    }

    @Test
    void countsThePositivesOfAPool() {
        ImageSet set = everyKthSandal(20, 4);
        assertEquals(2, SmallPools.positives(set, new int[] {0, 1, 4, 5}, FashionMnist.SANDAL));
        assertEquals(0, SmallPools.positives(set, new int[] {1, 2, 3}, FashionMnist.SANDAL));
    }

    @Test
    void shareWithoutPositiveIsZeroOrOneAtTheExtremesAndNearTheBinomialOtherwise() {
        assertEquals(0.0, SmallPools.shareWithoutPositive(everyKthSandal(50, 1), FashionMnist.SANDAL, 5, 20));
        assertEquals(1.0, SmallPools.shareWithoutPositive(everyKthSandal(50, 1), FashionMnist.SHIRT, 5, 20));
        // one in ten a sandal, pools of 10: about 0.9^10 = 0.35 of pools hold none
        double share = SmallPools.shareWithoutPositive(everyKthSandal(1000, 10), FashionMnist.SANDAL, 10, 2000);
        assertEquals(0.35, share, 0.05);
        assertThrows(IllegalArgumentException.class, () -> SmallPools.shareWithoutPositive(everyKthSandal(10, 2), FashionMnist.SANDAL, 5, 0));
    }
}
