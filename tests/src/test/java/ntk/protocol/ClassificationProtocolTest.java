package ntk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import org.junit.jupiter.api.Test;

/** Annotated samples: nested over budgets and balanced. */
class ClassificationProtocolTest {
    @Test
    void annotatedSamplesAreNestedAndBalancedAtEveryEvenBudget() {
        ImageSet s = ntk.SyntheticImages.thousand();
        int[] idx = ClassificationProtocol.nestedAnnotated(s, FashionMnist.SANDAL, 100, 4);
        assertEquals(100, idx.length);
        assertEquals(100, Arrays.stream(idx).distinct().count());
        for (int k = 2; k <= 100; k += 2) {
            int kk = k;
            long pos = Arrays.stream(idx, 0, k).filter(i -> s.label(i) == FashionMnist.SANDAL.label()).count();
            assertEquals(kk / 2, pos, "positives among the first " + k);
        }
    }

}
