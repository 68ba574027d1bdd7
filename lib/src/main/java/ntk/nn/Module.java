package ntk.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A module of the generic network: a spec and its parameters. Immutable: the arrays are copied
 * in, and {@link #parameter} hands out copies, so no caller can change a module another category
 * relies on.
 */
public final class Module {
    /** How a fresh module's weights start. */
    public enum Init {
        /** He-normal weights, zero biases. */
        HE,
        /** Identity where a layer maps n channels to n channels (centre tap of a conv), else He. */
        IDENTITY
    }

    private final ModuleSpec spec;
    private final Map<String, INDArray> params;

    public Module(ModuleSpec spec, Map<String, INDArray> params) {
        this.spec = spec;
        Map<String, long[]> shapes = spec.parameterShapes();
        if (!shapes.keySet().equals(params.keySet())) {
            throw new IncompatibleShapeException("parameters " + params.keySet() + " do not match the spec's " + shapes.keySet()
                    + " (" + spec.describe() + ")");
        }
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (var e : shapes.entrySet()) {
            INDArray a = params.get(e.getKey());
            if (!Arrays.equals(a.shape(), e.getValue())) {
                throw new IncompatibleShapeException("parameter " + e.getKey() + " has shape " + Arrays.toString(a.shape())
                        + ", the spec needs " + Arrays.toString(e.getValue()) + " (" + spec.describe() + ")");
            }
            copy.put(e.getKey(), a.dup());
        }
        this.params = Collections.unmodifiableMap(copy);
    }

    /** A freshly initialised module, reproducible from {@code seed}. */
    public static Module initialised(ModuleSpec spec, Init init, long seed, DataType dtype) {
        Random rng = new Random(seed);
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            Layer layer = spec.layers().get(i);
            Map<String, long[]> shapes = layer.parameterShapes(spec.inputOf(i));
            for (var e : shapes.entrySet()) {
                long[] shape = e.getValue();
                INDArray a;
                if (e.getKey().equals("b")) {
                    a = Nd4j.zeros(dtype, shape);
                } else if (init == Init.IDENTITY && isSquare(layer)) {
                    a = identity(layer, shape, dtype);
                } else {
                    a = heNormal(shape, fanIn(layer), rng, dtype);
                }
                p.put(i + "." + e.getKey(), a);
            }
        }
        return new Module(spec, p);
    }

    private static boolean isSquare(Layer l) {
        return (l instanceof Conv2d c && c.in() == c.out()) || (l instanceof Dense d && d.in() == d.out());
    }

    private static int fanIn(Layer l) {
        if (l instanceof Conv2d c) {
            return c.kernel() * c.kernel() * c.in();
        }
        return ((Dense) l).in();
    }

    private static INDArray identity(Layer l, long[] shape, DataType dtype) {
        INDArray a = Nd4j.zeros(dtype, shape);
        if (l instanceof Conv2d c) {
            int k = c.kernel() / 2;
            for (int ch = 0; ch < c.in(); ch++) {
                a.putScalar(new long[] {k, k, ch, ch}, 1.0);
            }
        } else {
            for (int ch = 0; ch < shape[0]; ch++) {
                a.putScalar(new long[] {ch, ch}, 1.0);
            }
        }
        return a;
    }

    private static INDArray heNormal(long[] shape, int fanIn, Random rng, DataType dtype) {
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        double std = Math.sqrt(2.0 / fanIn);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * std;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }

    public ModuleSpec spec() {
        return spec;
    }

    /**
     * The same parameters applied to inputs of another size: a fully convolutional module (such as
     * a category module) serves 28×28 items and 56×56 scenes alike. Throws
     * {@link IncompatibleShapeException} if a layer (e.g. a dense one) fixes the size.
     */
    public Module withInput(Shape input) {
        if (input.equals(spec.input())) {
            return this;
        }
        return new Module(new ModuleSpec(spec.role(), input, spec.layers()), params);
    }

    /** Parameter names, "layerIndex.name", in layer order. */
    public java.util.Set<String> parameterNames() {
        return params.keySet();
    }

    /** A copy of one parameter. */
    public INDArray parameter(String name) {
        INDArray a = params.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; this module has " + params.keySet());
        }
        return a.dup();
    }

    /** Copies of all parameters, in layer order. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /** The array itself, for building graphs inside this package without a copy; never modified. */
    INDArray parameterView(String name) {
        return params.get(name);
    }

    public DataType dataType() {
        return params.isEmpty() ? DataType.FLOAT : params.values().iterator().next().dataType();
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(INDArray::length).sum();
    }

    /** True if both modules have the same spec and bit-identical parameters. */
    public boolean sameAs(Module other) {
        return spec.equals(other.spec) && params.keySet().equals(other.params.keySet())
                && params.entrySet().stream().allMatch(e -> bitIdentical(e.getValue(), other.params.get(e.getKey())));
    }

    /** INDArray.equals tolerates tiny differences; modules must match bit for bit. */
    private static boolean bitIdentical(INDArray a, INDArray b) {
        return a.dataType() == b.dataType() && Arrays.equals(a.shape(), b.shape())
                && Arrays.equals(a.dup('c').data().asBytes(), b.dup('c').data().asBytes());
    }

    @Override
    public String toString() {
        return spec.describe() + ", " + parameterCount() + " parameters";
    }
}
