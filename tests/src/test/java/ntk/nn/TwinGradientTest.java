package ntk.nn;

import static ntk.ArrayChecks.gaussian;
import static ntk.ArrayChecks.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import ntk.backend.Backend;
import ntk.backend.Quiet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward twin is the centrepiece of back-distillation (docs/method.md, "The method, as this kit formulates it"): for every layer
 * type it supports, and for small multi-layer adapters, in double precision,
 * <ol>
 *   <li>the twin's output equals the true input gradient J(x)ᵀδ that SameDiff's autodiff computes, and</li>
 *   <li>backprop through the twin gives the gradient of the TRUE backward loss
 *       L(θ) = ‖J(x;θ)ᵀδ − u‖², checked against central finite differences in which J(x;θ)ᵀδ is
 *       recomputed by autodiff for every perturbed θ.</li>
 * </ol>
 */
class TwinGradientTest {
    /** (a): max |twin − autodiff| ≤ this × max |autodiff|. */
    static final double TWIN_TOLERANCE = 1e-10;
    /** (b): central-difference step on one parameter entry. */
    static final double EPS = 1e-6;
    /** (b): |twin gradient − finite difference| ≤ REL × max(|both|) + ABS × (largest twin gradient of the module). */
    static final double GRADIENT_REL_TOLERANCE = 1e-5;
    static final double GRADIENT_ABS_TOLERANCE = 1e-8;
    /** (b): parameter entries checked per tensor (all of them if the tensor is smaller). */
    static final int ENTRIES_PER_TENSOR = 6;
    static final int BATCH = 3;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static Stream<Arguments> modules() {
        ModuleSpec.Role a = ModuleSpec.Role.ADAPTER;
        // Channel counts differ (in != out) and images are not square, so a transposed weight
        // layout or swapped height/width in a twin cannot go unnoticed.
        return Stream.of(
                Arguments.of("conv1x1", new ModuleSpec(a, Shape.image(3, 4, 5), List.of(new Conv2d(1, 3, 2)))),
                Arguments.of("conv3x3", new ModuleSpec(a, Shape.image(2, 5, 6), List.of(new Conv2d(3, 2, 3)))),
                Arguments.of("conv5x5", new ModuleSpec(a, Shape.image(2, 6, 5), List.of(new Conv2d(5, 2, 2)))),
                Arguments.of("dense", new ModuleSpec(a, Shape.vector(7), List.of(new Dense(7, 4)))),
                Arguments.of("relu (image)", new ModuleSpec(a, Shape.image(2, 3, 4), List.of(new Relu()))),
                Arguments.of("relu (vector)", new ModuleSpec(a, Shape.vector(9), List.of(new Relu()))),
                Arguments.of("maxpool2", new ModuleSpec(a, Shape.image(2, 4, 6), List.of(new MaxPool2d(2)))),
                Arguments.of("maxpool3", new ModuleSpec(a, Shape.image(2, 6, 3), List.of(new MaxPool2d(3)))),
                Arguments.of("flatten", new ModuleSpec(a, Shape.image(2, 3, 4), List.of(new Flatten()))),
                Arguments.of("upsample2", new ModuleSpec(a, Shape.image(2, 3, 4), List.of(new Upsample2d(2)))),
                Arguments.of("upsample3", new ModuleSpec(a, Shape.image(2, 2, 3), List.of(new Upsample2d(3)))),
                Arguments.of("segmentation decoder conv5x5-relu-up2-conv3x3-relu-up2-conv1x1", new ModuleSpec(a, Shape.image(3, 3, 4),
                        List.of(new Conv2d(5, 3, 4), new Relu(), new Upsample2d(2), new Conv2d(3, 4, 2), new Relu(), new Upsample2d(2),
                                new Conv2d(1, 2, 1)))),
                Arguments.of("default adapter conv1x1-relu-conv1x1", Architectures.adapter(Shape.image(4, 4, 4))),
                Arguments.of("adapter conv3x3-relu-conv3x3", Architectures.adapter(Shape.image(3, 5, 4), 3, 2)),
                Arguments.of("conv3x3(2->4)-relu-conv3x3(4->3)", new ModuleSpec(a, Shape.image(2, 4, 5),
                        List.of(new Conv2d(3, 2, 4), new Relu(), new Conv2d(3, 4, 3)))),
                Arguments.of("conv-relu-maxpool-flatten-dense", new ModuleSpec(a, Shape.image(2, 4, 6),
                        List.of(new Conv2d(3, 2, 3), new Relu(), new MaxPool2d(2), new Flatten(), new Dense(18, 5)))),
                Arguments.of("dense-relu-dense", new ModuleSpec(a, Shape.vector(6),
                        List.of(new Dense(6, 8), new Relu(), new Dense(8, 3)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void twinEqualsTheTrueInputGradient(String name, ModuleSpec spec) {
        Module m = Module.initialised(spec, Module.Init.HE, 11, DataType.DOUBLE);
        Inputs in = Inputs.of(spec, 21);
        INDArray truth = new TrueBackward(m).jtDelta(in.x, in.delta);
        INDArray twin = new Twin(m).output(in);

        assertEquals(DataType.DOUBLE, twin.dataType());
        assertTrue(truth.amaxNumber().doubleValue() > 1e-3, name + ": the true gradient is (nearly) zero; the test would be vacuous");
        double err = relativeError(twin, truth);
        assertTrue(err <= TWIN_TOLERANCE, name + ": twin differs from autodiff's J(x)^T delta by " + err + " (relative)");
    }

    /**
     * The comparison above is sharp enough to catch the likeliest twin bug: a transposed 3×3
     * convolution built from the kernel with its channel axes swapped but not flipped in space.
     */
    @org.junit.jupiter.api.Test
    void aConvolutionTwinWithoutTheKernelFlipIsCaught() {
        ModuleSpec spec = new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.image(2, 5, 6), List.of(new Conv2d(3, 2, 3)));
        Module m = Module.initialised(spec, Module.Init.HE, 11, DataType.DOUBLE);
        Inputs in = Inputs.of(spec, 21);
        INDArray truth = new TrueBackward(m).jtDelta(in.x, in.delta);

        SameDiff sd = SameDiff.create();
        SDVariable delta = sd.placeHolder("delta", DataType.DOUBLE, spec.output().withBatch(-1));
        SDVariable w = sd.constant("W", m.parameter("0.W")).permute(0, 1, 3, 2);
        SDVariable wrong = sd.cnn.conv2d(delta, w, org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder()
                .kH(3).kW(3).paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.SAME).dataFormat("NCHW").build());
        INDArray unflipped = sd.output(Map.of("delta", in.delta), wrong.name()).get(wrong.name());
        double err = relativeError(unflipped, truth);
        assertTrue(err > 1e3 * TWIN_TOLERANCE && err > 1e-2, "an unflipped kernel should be far off, relative error " + err);
    }

    /**
     * ND4J 1.0.0-M2.1's reverse op leaks native memory on every call (about 250 KB for a 3×3×32×16
     * kernel; the main job's resident size grew by gigabytes while the convolution twin used it),
     * so no twin, nor its gradient, may contain it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modulesWithParameters")
    void twinGraphsAvoidTheLeakingReverseOp(String name, ModuleSpec spec) {
        Twin t = new Twin(Module.initialised(spec, Module.Init.HE, 11, DataType.DOUBLE));
        Quiet.sameDiff(() -> t.sd.createGradFunction());
        List<String> ops = new ArrayList<>();
        for (var op : t.sd.ops()) {
            ops.add(op.opName());
        }
        for (var op : t.sd.getFunction("grad").ops()) {
            ops.add(op.opName());
        }
        assertTrue(ops.size() > 1, name + ": no ops found, the check would be vacuous");
        assertTrue(ops.stream().noneMatch(o -> o.startsWith("reverse")), name + ": twin graph uses " + ops);
    }

    /** The modules that own parameters; relu, max-pool, up-sampling and flatten are covered inside the multi-layer ones. */
    static Stream<Arguments> modulesWithParameters() {
        return modules().filter(a -> !((ModuleSpec) a.get()[1]).parameterShapes().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modulesWithParameters")
    void backpropThroughTheTwinEqualsFiniteDifferencesOfTheTrueBackwardLoss(String name, ModuleSpec spec) {
        Module m = Module.initialised(spec, Module.Init.HE, 12, DataType.DOUBLE);
        Inputs in = Inputs.of(spec, 22);
        Twin twin = new Twin(m);
        Map<String, INDArray> twinGrads = twin.weightGradients(in);
        TrueBackward truth = new TrueBackward(m);

        double scale = 0;
        for (INDArray g : twinGrads.values()) {
            scale = Math.max(scale, g.amaxNumber().doubleValue());
        }
        assertTrue(scale > 1e-3, name + ": every weight gradient is (nearly) zero; the test would be vacuous");

        SplittableRandom pick = new SplittableRandom(5);
        int checked = 0;
        for (String param : m.parameterNames()) {
            String var = truth.varName(param);
            INDArray theta = truth.sd.getArrForVarName(var);
            INDArray grad = twinGrads.get(param);
            for (long flat : entries(theta.length(), pick)) {
                long[] idx = unravel(flat, theta.shape());
                double orig = theta.getDouble(idx);
                theta.putScalar(idx, orig + EPS);
                double plus = truth.backwardLoss(in);
                theta.putScalar(idx, orig - EPS);
                double minus = truth.backwardLoss(in);
                theta.putScalar(idx, orig);
                double fd = (plus - minus) / (2 * EPS);
                double g = grad.getDouble(idx);
                double allowed = GRADIENT_REL_TOLERANCE * Math.max(Math.abs(g), Math.abs(fd)) + GRADIENT_ABS_TOLERANCE * scale;
                assertTrue(Math.abs(g - fd) <= allowed, name + ": parameter " + param + java.util.Arrays.toString(idx)
                        + ": twin gradient " + g + ", finite difference of the true loss " + fd
                        + " (|diff| " + Math.abs(g - fd) + " > allowed " + allowed + ")");
                checked++;
            }
        }
        assertTrue(checked >= 2 * m.parameterNames().size() || checked >= m.parameterCount(), "too few entries checked: " + checked);
    }

    /** Up to ENTRIES_PER_TENSOR distinct flat indices, always including the first and the last. */
    private static List<Long> entries(long length, SplittableRandom rng) {
        List<Long> out = new ArrayList<>();
        if (length <= ENTRIES_PER_TENSOR) {
            for (long i = 0; i < length; i++) {
                out.add(i);
            }
            return out;
        }
        out.add(0L);
        out.add(length - 1);
        while (out.size() < ENTRIES_PER_TENSOR) {
            long i = rng.nextLong(length);
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    /** Gaussian input x, output gradient δ and backward target u (no ties, no exact zeros). */
    record Inputs(INDArray x, INDArray delta, INDArray u) {
        static Inputs of(ModuleSpec spec, long seed) {
            return new Inputs(gaussian(DataType.DOUBLE, seed, spec.input().withBatch(BATCH)),
                    gaussian(DataType.DOUBLE, seed + 1, spec.output().withBatch(BATCH)),
                    gaussian(DataType.DOUBLE, seed + 2, spec.input().withBatch(BATCH)));
        }

        Map<String, INDArray> feed() {
            return Map.of("x", x, "delta", delta, "u", u);
        }
    }

    /** Autodiff's J(x;θ)ᵀδ: the gradient of sum(module(x) * δ) with respect to the input placeholder. */
    static final class TrueBackward {
        final SameDiff sd = SameDiff.create();
        final ModuleGraph graph;

        TrueBackward(Module m) {
            this(m, DataType.DOUBLE);
        }

        TrueBackward(Module m, DataType dtype) {
            SDVariable x = sd.placeHolder("x", dtype, m.spec().input().withBatch(-1));
            SDVariable delta = sd.placeHolder("delta", dtype, m.spec().output().withBatch(-1));
            graph = ModuleGraph.trainable(sd, "m", m);
            // SameDiff refuses to differentiate a graph without a trainable variable behind the loss,
            // and prunes the backward ops no variable needs (relu, max-pool and flatten own none).
            // Scaling x by a variable equal to 1 keeps every value bit-identical and puts the whole
            // module on the path to a variable, so the gradient w.r.t. x is always computed.
            SDVariable one = sd.var("one", org.nd4j.linalg.factory.Nd4j.scalar(dtype, 1.0));
            graph.apply(x.mul(one)).output().mul(delta).sum().rename("probe");
            sd.setLossVariables("probe");
        }

        String varName(String param) {
            List<String> params = new ArrayList<>(graph.module().parameterNames());
            return graph.variableNames().get(params.indexOf(param));
        }

        INDArray jtDelta(INDArray x, INDArray delta) {
            Map<String, INDArray> g = Quiet.sameDiff(() -> sd.calculateGradients(Map.of("x", x, "delta", delta), "x"));
            INDArray r = g.get("x");
            assertNotNull(r, "SameDiff returned no gradient for the input placeholder");
            return r.dup();
        }

        /** L(θ) = ‖J(x;θ)ᵀδ − u‖² at the graph's current parameter values. */
        double backwardLoss(Inputs in) {
            INDArray r = jtDelta(in.x, in.delta).sub(in.u);
            return r.mul(r).sumNumber().doubleValue();
        }
    }

    /** The module's backward twin, its output and the gradient of ‖twin(δ) − u‖² w.r.t. the parameters. */
    static final class Twin {
        final SameDiff sd = SameDiff.create();
        final ModuleGraph graph;
        final String twin;

        Twin(Module m) {
            this(m, DataType.DOUBLE);
        }

        Twin(Module m, DataType dtype) {
            SDVariable x = sd.placeHolder("x", dtype, m.spec().input().withBatch(-1));
            SDVariable delta = sd.placeHolder("delta", dtype, m.spec().output().withBatch(-1));
            SDVariable u = sd.placeHolder("u", dtype, m.spec().input().withBatch(-1));
            graph = ModuleGraph.trainable(sd, "m", m);
            SDVariable t = graph.apply(x).backward(delta);
            twin = t.name();
            sd.math.squaredDifference(t, u).sum().rename("twinLoss");
            sd.setLossVariables("twinLoss");
        }

        INDArray output(Inputs in) {
            return sd.output(in.feed(), twin).get(twin);
        }

        /** Parameter name ("0.W") to d‖twin(δ) − u‖²/dθ; zeros where SameDiff finds no path to the loss. */
        Map<String, INDArray> weightGradients(Inputs in) {
            List<String> vars = graph.variableNames();
            Map<String, INDArray> g = Quiet.sameDiff(() -> sd.calculateGradients(in.feed(), vars));
            Map<String, INDArray> out = new HashMap<>();
            List<String> params = new ArrayList<>(graph.module().parameterNames());
            for (int i = 0; i < params.size(); i++) {
                INDArray gi = g.get(vars.get(i));
                out.put(params.get(i), gi != null ? gi.dup() : graph.module().parameter(params.get(i)).mul(0));
            }
            return out;
        }
    }
}
