package ntk.transplant;

import static ntk.ArrayChecks.gaussian;
import static ntk.ArrayChecks.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ntk.backend.Backend;
import ntk.backend.Quiet;
import ntk.nn.Architectures;
import ntk.nn.BackwardSignal;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The student's side of back-distillation, h.backward(g.backward(v)), as BackDistillation builds
 * it (trainable adapter, frozen classification head), equals autodiff's input gradient of
 * sum(g(h(z)) · v), and training through it follows the gradient of the true backward loss.
 * Double precision, small feature maps.
 */
class BackDistillationGradientTest {
    static final Shape FEATURES = Shape.image(4, 4, 4);
    static final int BATCH = 3;
    /** max |twin − autodiff| ≤ this × max |autodiff|. */
    static final double SIGNAL_TOLERANCE = 1e-10;
    /** Finite differences: step, relative tolerance, and absolute floor as a fraction of the largest gradient. */
    static final double EPS = 1e-6;
    static final double REL_TOLERANCE = 1e-5;
    static final double ABS_TOLERANCE = 1e-8;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static Stream<Arguments> adapters() {
        return Stream.of(
                Arguments.of("default adapter (1x1, depth 2), He init", Architectures.adapter(FEATURES), Module.Init.HE),
                Arguments.of("default adapter (1x1, depth 2), identity init", Architectures.adapter(FEATURES), Module.Init.IDENTITY),
                Arguments.of("3x3 adapter, depth 2", Architectures.adapter(FEATURES, 3, 2), Module.Init.HE),
                Arguments.of("1x1 adapter, depth 3", Architectures.adapter(FEATURES, 1, 3), Module.Init.HE));
    }

    private static Module head(long seed) {
        return Module.initialised(Architectures.classificationHead(FEATURES, ModuleSpec.Role.TASK), Module.Init.HE, seed, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void studentSignalIsTheInputGradientOfTheWholeStudent(String name, ModuleSpec spec, Module.Init init) {
        Module h = Module.initialised(spec, init, 3, DataType.DOUBLE);
        Module g = head(4);
        INDArray z = gaussian(DataType.DOUBLE, 5, FEATURES.withBatch(BATCH));
        INDArray v = gaussian(DataType.DOUBLE, 6, BATCH, 1);

        INDArray truth = autodiffInputGradient(List.of(h, g), z, v);
        assertTrue(truth.amaxNumber().doubleValue() > 1e-3, name + ": the true signal is (nearly) zero; the test would be vacuous");

        Student student = new Student(h, g);
        INDArray twin = student.signal(z, v);
        double err = relativeError(twin, truth);
        assertTrue(err <= SIGNAL_TOLERANCE, name + ": student signal differs from autodiff by " + err + " (relative)");

        // The library's frozen-chain version, used for the teacher's side, agrees too.
        BackwardSignal.Result r = new BackwardSignal(h, g).apply(z, v);
        double errChain = relativeError(r.signal(), truth);
        assertTrue(errChain <= SIGNAL_TOLERANCE, name + ": BackwardSignal differs from autodiff by " + errChain);
        INDArray y = new ntk.nn.ForwardPass(h, g).apply(z);
        assertTrue(relativeError(r.output(), y) <= SIGNAL_TOLERANCE, name + ": BackwardSignal's output is not g(h(z))");
    }

    @Test
    void teacherSignalIsTheInputGradientOfTheTeacherHead() {
        Module head = Module.initialised(Architectures.classificationHead(FEATURES, ModuleSpec.Role.TEACHER_HEAD),
                Module.Init.HE, 8, DataType.DOUBLE);
        INDArray z = gaussian(DataType.DOUBLE, 9, FEATURES.withBatch(BATCH));
        INDArray v = BackDistillation.rademacher(new long[] {BATCH, 1}, DataType.DOUBLE, 10);
        INDArray truth = autodiffInputGradient(List.of(head), z, v);
        INDArray signal = new BackwardSignal(head).apply(z, v).signal();
        assertArrayEquals(FEATURES.withBatch(BATCH), signal.shape());
        double err = relativeError(signal, truth);
        assertTrue(err <= SIGNAL_TOLERANCE, "teacher signal differs from autodiff by " + err);
    }

    @Test
    void probesAreReproducibleRademacherVectors() {
        INDArray a = BackDistillation.rademacher(new long[] {50, 3}, DataType.DOUBLE, 7);
        INDArray b = BackDistillation.rademacher(new long[] {50, 3}, DataType.DOUBLE, 7);
        INDArray c = BackDistillation.rademacher(new long[] {50, 3}, DataType.DOUBLE, 8);
        assertArrayEquals(new long[] {50, 3}, a.shape());
        assertEquals(a, b);
        assertNotEquals(a, c);
        for (double x : a.data().asDouble()) {
            assertEquals(1.0, Math.abs(x), "probe entries are +1 or -1");
        }
        double mean = a.meanNumber().doubleValue();
        assertTrue(Math.abs(mean) < 0.3, "both signs should occur about equally often, mean " + mean);
    }

    /**
     * The gradient BackDistillation trains with: d‖h.backward(g.backward(v)) − u‖²/dθ_h, against
     * central differences of ‖J_{g∘h}(z;θ)ᵀ v − u‖² with the signal recomputed by autodiff.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void backwardTermGradientMatchesFiniteDifferencesOfTheTrueLoss(String name, ModuleSpec spec, Module.Init init) {
        Module h = Module.initialised(spec, init, 13, DataType.DOUBLE);
        Module g = head(14);
        INDArray z = gaussian(DataType.DOUBLE, 15, FEATURES.withBatch(BATCH));
        INDArray v = gaussian(DataType.DOUBLE, 16, BATCH, 1);
        INDArray u = gaussian(DataType.DOUBLE, 17, FEATURES.withBatch(BATCH));

        Student student = new Student(h, g);
        Map<String, INDArray> grads = student.weightGradients(z, v, u);
        double scale = grads.values().stream().mapToDouble(a -> a.amaxNumber().doubleValue()).max().orElse(0);
        assertTrue(scale > 1e-3, name + ": all gradients (nearly) zero");

        TrueStudent truth = new TrueStudent(h, g);
        List<String> params = new ArrayList<>(h.parameterNames());
        int checked = 0;
        for (int p = 0; p < params.size(); p++) {
            INDArray theta = truth.sd.getArrForVarName(truth.adapter.variableNames().get(p));
            INDArray grad = grads.get(student.adapter.variableNames().get(p));
            long n = theta.length();
            for (long flat : new long[] {0, n / 3, (2 * n) / 3, n - 1}) {
                INDArray t = theta.reshape(n); // a view: writes go to the graph's array
                double orig = t.getDouble(flat);
                t.putScalar(flat, orig + EPS);
                double plus = truth.loss(z, v, u);
                t.putScalar(flat, orig - EPS);
                double minus = truth.loss(z, v, u);
                t.putScalar(flat, orig);
                double fd = (plus - minus) / (2 * EPS);
                double gr = grad == null ? 0.0 : grad.reshape(n).getDouble(flat);
                double allowed = REL_TOLERANCE * Math.max(Math.abs(gr), Math.abs(fd)) + ABS_TOLERANCE * scale;
                assertTrue(Math.abs(gr - fd) <= allowed, name + ": " + params.get(p) + "[" + flat + "]: twin gradient " + gr
                        + ", finite difference " + fd);
                checked++;
            }
        }
        assertEquals(4 * params.size(), checked);
    }

    /** Autodiff's J(z)ᵀ v for a chain of modules: the gradient of sum(chain(z·1) · v) w.r.t. z. */
    private static INDArray autodiffInputGradient(List<Module> chain, INDArray z, INDArray v) {
        SameDiff sd = SameDiff.create();
        SDVariable zIn = sd.placeHolder("z", DataType.DOUBLE, chain.get(0).spec().input().withBatch(-1));
        SDVariable vIn = sd.placeHolder("v", DataType.DOUBLE, chain.get(chain.size() - 1).spec().output().withBatch(-1));
        // A variable equal to 1 in front of the chain: SameDiff only differentiates towards variables.
        SDVariable one = sd.var("one", Nd4j.scalar(DataType.DOUBLE, 1.0));
        SDVariable x = zIn.mul(one);
        for (int i = 0; i < chain.size(); i++) {
            x = ModuleGraph.frozen(sd, "m" + i, chain.get(i)).apply(x).output();
        }
        x.mul(vIn).sum().rename("probe");
        sd.setLossVariables("probe");
        INDArray g = Quiet.sameDiff(() -> sd.calculateGradients(Map.of("z", z, "v", v), "z")).get("z");
        assertNotNull(g, "no gradient for z");
        return g;
    }

    /** The student graph as BackDistillation builds it: trainable adapter, frozen head, twins. */
    static final class Student {
        final SameDiff sd = SameDiff.create();
        final ModuleGraph adapter;
        final String signal;

        Student(Module h, Module g) {
            SDVariable z = sd.placeHolder("z", DataType.DOUBLE, h.spec().input().withBatch(-1));
            SDVariable v = sd.placeHolder("v", DataType.DOUBLE, g.spec().output().withBatch(-1));
            SDVariable u = sd.placeHolder("u", DataType.DOUBLE, h.spec().input().withBatch(-1));
            adapter = ModuleGraph.trainable(sd, "adapter", h);
            ModuleGraph task = ModuleGraph.frozen(sd, "task", g);
            ModuleGraph.Trace ht = adapter.apply(z);
            ModuleGraph.Trace gt = task.apply(ht.output());
            SDVariable s = ht.backward(gt.backward(v));
            signal = s.name();
            sd.math.squaredDifference(s, u).sum().rename("backwardLoss");
            sd.setLossVariables("backwardLoss");
        }

        INDArray signal(INDArray z, INDArray v) {
            return sd.output(Map.of("z", z, "v", v), signal).get(signal);
        }

        Map<String, INDArray> weightGradients(INDArray z, INDArray v, INDArray u) {
            return Quiet.sameDiff(() -> sd.calculateGradients(Map.of("z", z, "v", v, "u", u), adapter.variableNames()));
        }
    }

    /** ‖J_{g∘h}(z;θ)ᵀ v − u‖² with the signal from autodiff, at the graph's current adapter weights. */
    static final class TrueStudent {
        final SameDiff sd = SameDiff.create();
        final ModuleGraph adapter;

        TrueStudent(Module h, Module g) {
            SDVariable z = sd.placeHolder("z", DataType.DOUBLE, h.spec().input().withBatch(-1));
            SDVariable v = sd.placeHolder("v", DataType.DOUBLE, g.spec().output().withBatch(-1));
            adapter = ModuleGraph.trainable(sd, "adapter", h);
            SDVariable one = sd.var("one", Nd4j.scalar(DataType.DOUBLE, 1.0));
            SDVariable y = ModuleGraph.frozen(sd, "task", g).apply(adapter.apply(z.mul(one)).output()).output();
            y.mul(v).sum().rename("probe");
            sd.setLossVariables("probe");
        }

        double loss(INDArray z, INDArray v, INDArray u) {
            INDArray s = Quiet.sameDiff(() -> sd.calculateGradients(Map.of("z", z, "v", v), "z")).get("z");
            INDArray r = s.sub(u);
            return r.mul(r).sumNumber().doubleValue();
        }
    }
}
