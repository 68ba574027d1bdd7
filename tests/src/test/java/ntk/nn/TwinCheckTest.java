package ntk.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What notebook 04 shows about the backward twin, checked: a dense layer's twin is Wᵀδ, a
 * convolution's is the convolution of δ with the flipped kernel, and a whole chain's twin agrees
 * with finite differences of its forward pass, which {@link TwinCheck} computes.
 */
class TwinCheckTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void aChainsTwinMatchesFiniteDifferences() {
        // every layer type of a classification route, Gaussian weights and input: no ties, no kinks
        ModuleSpec features = new ModuleSpec(ModuleSpec.Role.CATEGORY, Shape.image(1, 6, 6),
                List.of(new Conv2d(3, 1, 3), new Relu(), new MaxPool2d(2)));
        ModuleSpec head = new ModuleSpec(ModuleSpec.Role.TASK, Shape.image(3, 3, 3),
                List.of(new Conv2d(1, 3, 2), new Relu(), new Flatten(), new Dense(18, 5), new Relu(), new Dense(5, 1)));
        List<Module> chain = List.of(gaussian(features, 1), gaussian(head, 2));
        INDArray x = Nd4j.create(gaussianValues(36, 3), new long[] {1, 1, 6, 6}, DataType.DOUBLE);
        int[] coordinates = TwinCheck.pick(x, v -> true, 12, 4);
        assertEquals(12, coordinates.length);
        List<TwinCheck.Coordinate> rows = TwinCheck.at(chain, x, coordinates);
        assertTrue(rows.stream().anyMatch(r -> Math.abs(r.twin()) > 1e-3), "a check where every gradient vanishes proves nothing");
        assertTrue(TwinCheck.worst(rows) < 1e-6, TwinCheck.table("twin vs finite differences", rows));
    }

    @Test
    void aDenseLayersTwinIsTheTransposedWeightTimesDelta() {
        double[][] w = {{1, 2, -1}, {0, 3, 4}}; // y = W x, W 2×3
        double[] delta = {2, -1};
        // the kit stores a dense layer's weight as [in, out], i.e. Wᵀ
        Module dense = new Module(new ModuleSpec(ModuleSpec.Role.TASK, Shape.vector(3), List.of(new Dense(3, 2))),
                Map.of("0.W", Nd4j.create(w).castTo(DataType.DOUBLE).transpose(), "0.b", Nd4j.zeros(DataType.DOUBLE, 2)));
        INDArray twin = new BackwardSignal(dense).apply(Nd4j.create(new double[][] {{0.5, -0.5, 1}}),
                Nd4j.create(new double[][] {delta})).signal();
        double[] expected = {2 * 1 - 0, 2 * 2 - 3, 2 * -1 - 4}; // Wᵀδ
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], twin.getDouble(0, i), 1e-12, "entry " + i);
        }
    }

    @Test
    void aConvolutionsTwinIsTheConvolutionWithTheFlippedKernel() {
        int n = 4;
        int k = 3;
        double[] kernel = {1, 2, 0, -1, 0.5, 3, 2, -2, 1};
        INDArray w = Nd4j.create(kernel, new long[] {k, k, 1, 1}, DataType.DOUBLE);
        Module conv = new Module(new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(1, n, n), List.of(new Conv2d(k, 1, 1))),
                Map.of("0.W", w, "0.b", Nd4j.zeros(DataType.DOUBLE, 1)));
        double[] d = gaussianValues(n * n, 5);
        INDArray delta = Nd4j.create(d, new long[] {1, 1, n, n}, DataType.DOUBLE);
        INDArray twin = new BackwardSignal(conv).apply(Nd4j.rand(DataType.DOUBLE, 1, 1, n, n), delta).signal();
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                double sum = 0;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        int i = p + a - 1;
                        int j = q + b - 1;
                        if (i >= 0 && i < n && j >= 0 && j < n) {
                            sum += kernel[(k - 1 - a) * k + (k - 1 - b)] * d[i * n + j]; // flipped kernel
                        }
                    }
                }
                assertEquals(sum, twin.getDouble(0, 0, p, q), 1e-12, "at (" + p + ", " + q + ")");
            }
        }
    }

    @Test
    void meanCosineIsOneWithItselfMinusOneWithTheNegatedChainAndTheSameInChunks() {
        ModuleSpec spec = new ModuleSpec(ModuleSpec.Role.TASK, Shape.image(1, 6, 6),
                List.of(new Conv2d(3, 1, 2), new Relu(), new Flatten(), new Dense(72, 1)));
        Module m = gaussian(spec, 7);
        Map<String, INDArray> negated = m.parameters();
        negated.replaceAll((k, v) -> k.startsWith("3.") ? v.neg() : v);
        Module minus = new Module(spec, negated);
        Module other = gaussian(spec, 8);
        int n = TwinCheck.COSINE_BATCH * 2 + 30; // three passes, the last one short
        INDArray x = Nd4j.create(gaussianValues(n * 36, 9), new long[] {n, 1, 6, 6}, DataType.DOUBLE);
        assertEquals(1.0, TwinCheck.meanCosine(List.of(m), List.of(m), x), 1e-9);
        assertEquals(-1.0, TwinCheck.meanCosine(List.of(m), List.of(minus), x), 1e-9);
        // every image's cosine, computed in one pass, averages to what the chunked passes give
        INDArray ones = Nd4j.ones(DataType.DOUBLE, n, 1);
        INDArray ga = new BackwardSignal(m).apply(x, ones).signal().reshape(n, -1);
        INDArray gb = new BackwardSignal(other).apply(x, ones).signal().reshape(n, -1);
        double whole = ga.mul(gb).sum(1).div(ga.norm2(1).mul(gb.norm2(1))).meanNumber().doubleValue();
        assertTrue(Math.abs(whole) > 0.01, "two random chains whose gradients happen to be orthogonal prove nothing: " + whole);
        assertEquals(whole, TwinCheck.meanCosine(List.of(m), List.of(other), x), 1e-9);
    }

    private static Module gaussian(ModuleSpec spec, long seed) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        long s = seed * 100;
        for (var e : spec.parameterShapes().entrySet()) {
            long size = 1;
            for (long d : e.getValue()) {
                size *= d;
            }
            p.put(e.getKey(), Nd4j.create(gaussianValues((int) size, s++), e.getValue(), DataType.DOUBLE));
        }
        return new Module(spec, p);
    }

    private static double[] gaussianValues(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
