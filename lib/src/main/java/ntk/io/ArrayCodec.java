package ntk.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
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

    static byte[] toBytes(INDArray a) {
        dtypeName(a.dataType()); // refuses what cannot be stored
        INDArray c = a.dup('c');
        if (c.dataType() == DataType.FLOAT) {
            float[] v = c.data().asFloat();
            ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            return b.array();
        }
        double[] v = c.data().asDouble();
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
            return Nd4j.create(v, shape, DataType.FLOAT);
        }
        double[] v = new double[(int) n];
        b.asDoubleBuffer().get(v);
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }
}
