package ntk.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameter arrays as raw little-endian values in C order; the shape and data type live in the
 * manifest. Raw values (rather than ND4J's own serialisation) keep the files readable from any
 * language, e.g. numpy.frombuffer(data, "<f4").reshape(shape).
 */
final class ArrayCodec {
    /** How every array entry is encoded; written to the manifest so a future encoding can be told apart. */
    static final String ENCODING = "raw-little-endian-c-order";

    private ArrayCodec() {}

    /** The manifest's name for a data type; only float32 and float64 are stored. */
    static String dtypeName(DataType t) {
        return switch (t) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            default -> throw new IllegalArgumentException("parameters of data type " + t + " cannot be stored; module files hold float32 or float64");
        };
    }

    static DataType dtype(String name, String where) {
        return switch (name) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw FileProblem.inconsistent(where + " has the unknown data type '" + name + "' (known: float32, float64)");
        };
    }

    /**
     * The array's raw bytes. Refuses (IllegalArgumentException, naming {@code where}) a data type
     * module files do not hold, and values that are not finite, which no loader would accept.
     */
    static byte[] toBytes(INDArray a, String where) {
        dtypeName(a.dataType()); // refuses what cannot be stored
        INDArray c = a.dup('c');
        if (c.dataType() == DataType.FLOAT) {
            float[] v = c.data().asFloat();
            refuseToStore(nonFinite(v.length, i -> v[i]), where);
            ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            return b.array();
        }
        double[] v = c.data().asDouble();
        refuseToStore(nonFinite(v.length, i -> v[i]), where);
        ByteBuffer b = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        return b.array();
    }

    static INDArray fromBytes(byte[] bytes, long[] shape, DataType dtype, String where) {
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        int size = dtype == DataType.FLOAT ? Float.BYTES : Double.BYTES;
        if (bytes.length != n * size) {
            throw FileProblem.inconsistent(where + " holds " + bytes.length + " bytes, but shape " + Arrays.toString(shape)
                    + " of " + dtypeName(dtype) + " needs " + n * size);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == DataType.FLOAT) {
            float[] v = new float[(int) n];
            b.asFloatBuffer().get(v);
            refuseToLoad(nonFinite(v.length, i -> v[i]), where);
            return Nd4j.create(v, shape, DataType.FLOAT);
        }
        double[] v = new double[(int) n];
        b.asDoubleBuffer().get(v);
        refuseToLoad(nonFinite(v.length, i -> v[i]), where);
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private static final String NOT_FINITE_FIX = "module files hold finite weights only, and these come from a training run that"
            + " diverged: train again with a lower learning rate";

    private static void refuseToStore(String nonFinite, String where) {
        if (nonFinite != null) {
            throw new IllegalArgumentException(where + " holds " + nonFinite + "; " + NOT_FINITE_FIX);
        }
    }

    private static void refuseToLoad(String nonFinite, String where) {
        if (nonFinite != null) {
            throw FileProblem.notFinite(where + " holds " + nonFinite);
        }
    }

    /** Where {@code n} values first stop being finite, as "NaN at entry 5 (1 of 16 values is NaN or infinite)"; null if all are finite. */
    static String nonFinite(int n, IntToDoubleFunction value) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(value.applyAsDouble(i))) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return value.applyAsDouble(first) + " at entry " + first + " (" + count + " of " + n + " values "
                + (count == 1 ? "is" : "are") + " NaN or infinite)";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }
}
