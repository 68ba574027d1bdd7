package ntk.nn;

import static ntk.ArrayChecks.gaussian;
import static ntk.ArrayChecks.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ntk.backend.Backend;
import ntk.data.FashionMnist;
import ntk.nn.Shape;
import ntk.nn.TwinGradientTest.Inputs;
import ntk.nn.TwinGradientTest.TrueBackward;
import ntk.nn.TwinGradientTest.Twin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max-pool windows whose maximum is tied. TwinGradientTest feeds Gaussian inputs, where ties have
 * probability zero; real pictures are full of them: on Fashion-MNIST's exactly-zero background a
 * convolution outputs its bias, a ReLU keeps it when positive, and whole windows hold one value.
 * Backprop then routes δ to a single element per window, and the twin must pick the same one.
 */
class MaxPoolTieTest {
    /** A Fashion-MNIST item: 1×28×28. */
    static final Shape FASHION_ITEM = Shape.image(1, 28, 28);

    /** |twin − autodiff| ≤ this × max |autodiff|, in double. */
    static final double TOLERANCE = 1e-12;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Eight 2×2 windows (row-major a b / c d): every kind of tie, at positive and negative values. */
    static final double[][] WINDOWS = {
            {0.7, 0.7, 0.1, 0.2}, {0.3, 0.1, 0.3, 0.2}, {0.5, 0.2, 0.1, 0.5}, {0.0, 0.4, 0.4, 0.1},
            {0.2, 0.6, 0.1, 0.6}, {0.1, 0.2, 0.9, 0.9}, {0.25, 0.25, 0.25, 0.25}, {-1, -1, -2, -1}};

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twinRoutesATiedWindowToTheElementBackpropPicks(DataType dtype) {
        INDArray x = Nd4j.create(dtype, 1, 1, 4, 8);
        for (int w = 0; w < WINDOWS.length; w++) {
            for (int i = 0; i < 4; i++) {
                x.putScalar(new long[] {0, 0, 2 * (w / 4) + i / 2, 2 * (w % 4) + i % 2}, WINDOWS[w][i]);
            }
        }
        ModuleSpec spec = new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(1, 4, 8), List.of(new MaxPool2d(2)));
        assertTwinIsBackprop(spec, Module.initialised(spec, Module.Init.HE, 1, dtype), x, dtype, 0);
    }

    /** Many windows with random ties (values from {0, ½, 1}), several channels, a batch, both pool sizes. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twinMatchesBackpropOnRandomTies(DataType dtype) {
        for (int size : new int[] {2, 3}) {
            ModuleSpec spec = new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(3, 2 * size, 4 * size), List.of(new MaxPool2d(size)));
            Random rng = new Random(size);
            INDArray x = Nd4j.create(dtype, spec.input().withBatch(2));
            for (long i = 0; i < x.length(); i++) {
                x.putScalar(i, rng.nextInt(3) * 0.5);
            }
            assertTwinIsBackprop(spec, Module.initialised(spec, Module.Init.HE, 1, dtype), x, dtype, 0);
        }
    }

    /** conv3x3 → ReLU → max-pool on a zero background: the ReLU keeps the positive bias, and the pool's windows tie. */
    @Test
    void twinMatchesBackpropOnAPositiveBiasPlateau() {
        ModuleSpec spec = new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(1, 8, 8),
                List.of(new Conv2d(3, 1, 3), new Relu(), new MaxPool2d(2)));
        Module m = withBiases(Module.initialised(spec, Module.Init.HE, 3, DataType.DOUBLE), 4);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 1, 8, 8);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 8), org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 7))
                .assign(gaussian(DataType.DOUBLE, 5, 2, 1, 3, 3));
        assertTrue(positiveTies(m, 2, x) > 10, "too few tied windows at a positive value; the test would be weak");
        assertTwinIsBackprop(spec, m, x, DataType.DOUBLE, TOLERANCE);
    }

    /** The category module f_c, with biases as a trained one has them, on Fashion-MNIST test pictures. */
    @Test
    void categoryModuleTwinMatchesBackpropOnRealPictures() {
        ModuleSpec spec = Architectures.categoryModule(FASHION_ITEM);
        Module m = withBiases(Module.initialised(spec, Module.Init.HE, 7, DataType.DOUBLE), 8);
        INDArray x = FashionMnist.load().test().images(new int[] {0, 1, 2, 3}).castTo(DataType.DOUBLE);
        assertTrue(positiveTies(m, 2, x) > 100, "too few tied windows at a positive value; the test would be weak");
        assertTwinIsBackprop(spec, m, x, DataType.DOUBLE, TOLERANCE);
    }

    /** The module with its biases drawn from [−0.05, 0.15): mostly positive, as after training. */
    private static Module withBiases(Module m, long seed) {
        Random rng = new Random(seed);
        Map<String, INDArray> p = new LinkedHashMap<>(m.parameters());
        p.replaceAll((name, v) -> {
            if (name.endsWith(".b")) {
                for (long i = 0; i < v.length(); i++) {
                    v.putScalar(i, -0.05 + 0.2 * rng.nextDouble());
                }
            }
            return v;
        });
        return new Module(m.spec(), p);
    }

    /** How many windows of the max-pool at layer {@code pool} have their (positive) maximum more than once. */
    private static int positiveTies(Module m, int pool, INDArray x) {
        Map<String, INDArray> p = new LinkedHashMap<>(m.parameters());
        p.keySet().removeIf(name -> Integer.parseInt(name.substring(0, name.indexOf('.'))) >= pool);
        ModuleSpec prefix = new ModuleSpec(m.spec().role(), m.spec().input(), m.spec().layers().subList(0, pool));
        INDArray a = new ForwardPass(new Module(prefix, p)).apply(x);
        int k = ((MaxPool2d) m.spec().layers().get(pool)).size(), ties = 0;
        for (int n = 0; n < a.size(0); n++) {
            for (int c = 0; c < a.size(1); c++) {
                for (int i = 0; i + k <= a.size(2); i += k) {
                    for (int j = 0; j + k <= a.size(3); j += k) {
                        double max = Double.NEGATIVE_INFINITY;
                        int count = 0;
                        for (int d = 0; d < k * k; d++) {
                            double v = a.getDouble(n, c, i + d / k, j + d % k);
                            count = v > max ? 1 : v == max ? count + 1 : count;
                            max = Math.max(max, v);
                        }
                        ties += max > 0 && count > 1 ? 1 : 0;
                    }
                }
            }
        }
        return ties;
    }

    private static void assertTwinIsBackprop(ModuleSpec spec, Module m, INDArray x, DataType dtype, double tolerance) {
        INDArray delta = gaussian(dtype, 9, spec.output().withBatch(x.size(0)));
        Inputs in = new Inputs(x, delta, x.mul(0));
        INDArray truth = new TrueBackward(m, dtype).jtDelta(x, delta);
        INDArray twin = new Twin(m, dtype).output(in);
        assertEquals(dtype, twin.dataType());
        assertTrue(truth.amaxNumber().doubleValue() > 1e-3, "the true gradient is (nearly) zero; the test would be vacuous");
        double err = relativeError(twin, truth);
        String shown = twin.length() <= 32 ? "\ntwin:  " + twin.reshape(-1) + "\ntruth: " + truth.reshape(-1) : "";
        assertTrue(err <= tolerance, spec.describe() + " (" + dtype + "): twin differs from autodiff's J(x)^T delta by " + err
                + " (relative)" + shown);
    }
}
