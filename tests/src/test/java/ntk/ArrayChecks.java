package ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the tests: seeded random arrays and exact comparisons. */
public final class ArrayChecks {
    private ArrayChecks() {}

    /** Standard-normal entries, reproducible from {@code seed}. */
    public static INDArray gaussian(DataType dtype, long seed, long... shape) {
        Random rng = new Random(seed);
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }

    /** Uniform [0, 1) entries, reproducible from {@code seed}. */
    public static INDArray uniform(DataType dtype, long seed, long... shape) {
        Random rng = new Random(seed);
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }

    /**
     * Same shape, same data type and the same bits in every entry. (INDArray.equals is not enough:
     * it accepts differences up to Nd4j.EPS_THRESHOLD.)
     */
    public static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes differ");
        assertEquals(expected.dataType(), actual.dataType(), what + ": data types differ");
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                fail(what + ": entry " + i + " differs: " + e[i] + " vs " + a[i]);
            }
        }
    }

    /** max |a − b| / max |b|: the largest error relative to the reference's scale. */
    public static double relativeError(INDArray actual, INDArray reference) {
        assertArrayEquals(reference.shape(), actual.shape(), "shapes differ");
        double scale = reference.amaxNumber().doubleValue();
        double diff = actual.sub(reference).amaxNumber().doubleValue();
        return scale == 0 ? diff : diff / scale;
    }
}
