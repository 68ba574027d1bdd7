package ntk.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Losses.binaryCrossEntropy on arrays: the mean sigmoid cross-entropy, element by element. */
class LossesTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void theMeanSigmoidCrossEntropyOfEveryElement() {
        float[] z = {2f, -1f, 0f, 30f, -30f};
        float[] y = {1f, 1f, 0f, 0f, 0f};
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            // log(1 + e^z) - y z, written so that large |z| does not overflow
            sum += Math.max(z[i], 0) - y[i] * z[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        double lib = Losses.binaryCrossEntropy(Nd4j.create(z, 5, 1), Nd4j.create(y, 5, 1));
        assertEquals(sum / z.length, lib, 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(Nd4j.create(z, 5, 1), Nd4j.create(y, 1, 5)));
    }
}
