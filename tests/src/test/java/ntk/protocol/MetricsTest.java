package ntk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Balanced error, pixel accuracy and IoU on hand-made examples. */
class MetricsTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static INDArray column(double... v) {
        return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    @Test
    void handMadeExample() {
        // 4 positives, 1 missed (logit 0 counts as "no"); 6 negatives, 2 false alarms.
        INDArray logits = column(2.0, 0.5, 0.0, 3.0, /* negatives */ -1.0, 0.1, -2.0, 4.0, -0.5, -3.0);
        INDArray labels = column(1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        assertEquals(0.5 * (1.0 / 4 + 2.0 / 6), Metrics.balancedError(logits, labels), 1e-12);
    }

    @Test
    void extremes() {
        INDArray labels = column(1, 0, 0, 0, 0, 0, 0, 0, 0, 0); // one positive in ten, as on the test set
        assertEquals(0.5, Metrics.balancedError(column(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1), labels), 0.0, "always no");
        assertEquals(0.5, Metrics.balancedError(column(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), labels), 0.0, "always yes");
        assertEquals(0.0, Metrics.balancedError(column(5, -1, -1, -1, -1, -1, -1, -1, -1, -1), labels), 0.0, "perfect");
        assertEquals(1.0, Metrics.balancedError(column(-5, 1, 1, 1, 1, 1, 1, 1, 1, 1), labels), 0.0, "always wrong");
        // Plain error would be 0.1 for "always no"; balanced error does not reward the majority guess.
        assertTrue(Metrics.balancedError(column(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1), labels) > 0.1);
    }

    @Test
    void acceptsRowAndColumnShapes() {
        INDArray logits = Nd4j.create(new float[] {1, -1, 1, -1}, new long[] {4});
        INDArray labels = column(1, 1, 0, 0);
        assertEquals(0.5, Metrics.balancedError(logits, labels), 1e-12);
    }

    @Test
    void refusesWhatItCannotScore() {
        IllegalArgumentException noPositives = assertThrows(IllegalArgumentException.class,
                () -> Metrics.balancedError(column(1, -1), column(0, 0)));
        assertTrue(noPositives.getMessage().contains("positives and negatives"), noPositives.getMessage());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Metrics.balancedError(column(1, -1, 1), column(0, 1)));
        assertTrue(lengths.getMessage().contains("3 predictions") && lengths.getMessage().contains("2 labels"), lengths.getMessage());
    }

    /** Two 1×2×2 "scenes": masks and logits written out pixel by pixel. */
    private static INDArray scenes(double... v) {
        return Nd4j.create(v, new long[] {2, 1, 2, 2}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    @Test
    void pixelAccuracyAndIoUOnHandMadeMasks() {
        INDArray masks = scenes(1, 1, 0, 0, /* scene 2 */ 0, 1, 0, 0);
        // scene 1: predicts pixels 1 and 3 -> intersection 1, union 3; scene 2: predicts pixel 2 exactly
        INDArray logits = scenes(2, -1, 0.5, -3, /* scene 2 */ -1, 4, 0, -2);
        assertEquals(6.0 / 8, Metrics.pixelAccuracy(logits, masks), 1e-12, "two of eight pixels wrong");
        assertEquals((1.0 / 3 + 1.0) / 2, Metrics.meanIoU(logits, masks), 1e-12, "IoU per scene, then the mean");
        assertEquals(1.0, Metrics.meanIoU(scenes(-1, -1, -1, -1, -1, -1, -1, -1), scenes(0, 0, 0, 0, 0, 0, 0, 0)), 0.0,
                "nothing to find and nothing found counts as a perfect scene");
        assertEquals(0.0, Metrics.meanIoU(scenes(-1, -1, -1, -1, -1, -1, -1, -1), masks), 0.0, "predicting nothing scores 0");
    }

    @Test
    void masksOfAnotherShapeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.meanIoU(Nd4j.zeros(DataType.FLOAT, 2, 1, 4, 4), Nd4j.zeros(DataType.FLOAT, 2, 1, 2, 2)));
        assertTrue(e.getMessage().contains("differ in shape"), e.getMessage());
    }
}
