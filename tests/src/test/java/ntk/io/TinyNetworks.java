package ntk.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.Conv2d;
import ntk.nn.Dense;
import ntk.nn.Flatten;
import ntk.nn.MaxPool2d;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Relu;
import ntk.nn.Shape;
import ntk.train.Teacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tiny random modules, teachers and networks on 8×8 images, built in milliseconds. Every parameter,
 * biases included, is random, so a round trip that lost or reordered values would show.
 */
final class TinyNetworks {
    static final Shape IMAGE = Shape.image(1, 8, 8);
    static final Shape FEATURES = Shape.image(4, 4, 4);
    /** The categories of {@link #network}; the last one has no adapter. */
    static final List<Category> CATEGORIES = List.of(FashionMnist.TSHIRT, FashionMnist.TROUSER, FashionMnist.BAG, FashionMnist.DRESS);
    static final Category UNROUTED = FashionMnist.DRESS;

    private TinyNetworks() {}

    static ModuleSpec categorySpec() {
        return new ModuleSpec(ModuleSpec.Role.CATEGORY, IMAGE, List.of(new Conv2d(3, 1, 4), new Relu(), new MaxPool2d(2)));
    }

    static ModuleSpec adapterSpec() {
        return new ModuleSpec(ModuleSpec.Role.ADAPTER, FEATURES, List.of(new Conv2d(1, 4, 4), new Relu(), new Conv2d(1, 4, 4)));
    }

    /** Uses every layer type. */
    static ModuleSpec headSpec(ModuleSpec.Role role) {
        return new ModuleSpec(role, FEATURES, List.of(new Conv2d(3, 4, 4), new Relu(), new Flatten(),
                new Dense(64, 8), new Relu(), new Dense(8, 1)));
    }

    /** Gaussian values in every parameter, reproducible from {@code seed}. */
    static Module random(ModuleSpec spec, long seed, DataType dtype) {
        Random rng = new Random(seed);
        Map<String, INDArray> p = new LinkedHashMap<>();
        spec.parameterShapes().forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian() * 0.5;
            }
            p.put(name, Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype));
        });
        return new Module(spec, p);
    }

    static Teacher teacher(Category c, long seed) {
        return new Teacher(c, random(categorySpec(), seed, DataType.FLOAT), random(headSpec(ModuleSpec.Role.TEACHER_HEAD), seed + 1, DataType.FLOAT));
    }

    /** A task module, four categories, and adapters for all but {@link #UNROUTED}. */
    static GenericNetwork network(long seed) {
        GenericNetwork net = new GenericNetwork();
        net.addTaskModule(Task.CLASSIFICATION, random(headSpec(ModuleSpec.Role.TASK), seed, DataType.FLOAT));
        long s = seed;
        for (Category c : CATEGORIES) {
            net.addCategory(c, random(categorySpec(), ++s, DataType.FLOAT));
        }
        for (Category c : CATEGORIES) {
            if (c != UNROUTED) {
                net.addAdapter(c, Task.CLASSIFICATION, random(adapterSpec(), ++s, DataType.FLOAT));
            }
        }
        return net;
    }

    static INDArray images(long seed, int n) {
        Random rng = new Random(seed);
        float[] v = new float[n * IMAGE.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextFloat();
        }
        return Nd4j.create(v, IMAGE.withBatch(n), DataType.FLOAT);
    }

    /**
     * Same shape, type and bits in every entry (Module.sameAs and INDArray.equals allow differences
     * up to Nd4j.EPS_THRESHOLD).
     */
    static void assertSameBits(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes differ");
        assertEquals(expected.dataType(), actual.dataType(), what + ": data types differ");
        if (expected.dataType() == DataType.FLOAT) {
            float[] e = expected.dup('c').data().asFloat();
            float[] a = actual.dup('c').data().asFloat();
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                    fail(what + ": entry " + i + " differs: " + e[i] + " vs " + a[i]);
                }
            }
        } else {
            double[] e = expected.dup('c').data().asDouble();
            double[] a = actual.dup('c').data().asDouble();
            for (int i = 0; i < e.length; i++) {
                if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                    fail(what + ": entry " + i + " differs: " + e[i] + " vs " + a[i]);
                }
            }
        }
    }

    /** Same spec and bit-identical parameters. */
    static void assertSameModule(Module expected, Module actual, String what) {
        assertEquals(expected.spec(), actual.spec(), what + ": specs differ");
        assertEquals(List.copyOf(expected.parameterNames()), List.copyOf(actual.parameterNames()), what + ": parameter names differ");
        if (!expected.sameAs(actual)) {
            fail(what + ": Module.sameAs is false");
        }
        for (String p : expected.parameterNames()) {
            assertSameBits(expected.parameter(p), actual.parameter(p), what + " parameter " + p);
        }
    }
}
