package ntk.transplant;

import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ntk.ArrayChecks;
import ntk.backend.Backend;
import ntk.backend.Quiet;
import ntk.nn.Architectures;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Trainer;
import ntk.transplant.TransplantSettings.Target;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pins the loss {@link BackDistillation} trains, by calling the production code: its value and
 * gradient equal a reference written independently from docs/method.md's formula (student and
 * teacher input gradients by autodiff, not by twins), λ = 0 gives forward distillation exactly,
 * several probes give the mean over probes, and redrawn probes are reproducible. Double precision,
 * small random modules: one head with one output (classification) and one with 256 (a decoder).
 */
class BackDistillationLossTest {
    static final Shape FEATURES = Shape.image(4, 4, 4);
    static final int POOL = 6;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** A task module, a teacher head of the same architecture, and an unlabeled pool of features. */
    record Case(String name, TransplantData data) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case classification() {
        return make("one output", Architectures.classificationHead(FEATURES, ModuleSpec.Role.TASK),
                Architectures.classificationHead(FEATURES, ModuleSpec.Role.TEACHER_HEAD));
    }

    static Case decoder() {
        return make("256 outputs", Architectures.segmentationHead(FEATURES, ModuleSpec.Role.TASK),
                Architectures.segmentationHead(FEATURES, ModuleSpec.Role.TEACHER_HEAD));
    }

    private static Case make(String name, ModuleSpec task, ModuleSpec teacher) {
        Module g = Module.initialised(task, Module.Init.HE, 21, DataType.DOUBLE);
        Module t = Module.initialised(teacher, Module.Init.HE, 22, DataType.DOUBLE);
        INDArray z = gaussian(DataType.DOUBLE, 23, FEATURES.withBatch(POOL)).add(0.3);
        INDArray noZ = Nd4j.create(DataType.DOUBLE, FEATURES.withBatch(0));
        INDArray noY = Nd4j.create(DataType.DOUBLE, g.spec().output().withBatch(0));
        return new Case(name, new TransplantData(g, t, Architectures.adapter(FEATURES), noZ, noY, z));
    }

    static TransplantSettings settings(Target target, double temperature, BackDistillation.LambdaRule rule, int probes, boolean redraw) {
        Trainer.Settings t = new Trainer.Settings(12, 1e-2, 4);
        return new TransplantSettings(target, temperature, rule, probes, redraw, 1, 2, t, t, ExpansionSettings.none());
    }

    static Stream<Arguments> targets() {
        return Stream.of(Arguments.of(classification(), Target.LOGITS, 1.0), Arguments.of(decoder(), Target.LOGITS, 1.0),
                Arguments.of(classification(), Target.PROBABILITIES, 2.0), Arguments.of(decoder(), Target.PROBABILITIES, 2.0));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("targets")
    void lambdaZeroIsForwardDistillationExactly(Case c, Target target, double temperature) {
        TransplantSettings zero = settings(target, temperature, new BackDistillation.LambdaRule(0, 0), 1, false);
        Trainer.Settings training = zero.training(); // batches of 4 from 6 images: the sampling order matters
        Module forward = new ForwardDistillation(zero).learnAdapter(c.data(), 5);
        // learnAdapter skips the backward graph at λ = 0; the full graph, trained, must give the same adapter
        BackDistillation.Graph g = new BackDistillation(zero).build(c.data(), 5);
        Module back = g.graph().train(g.loss(), g.placeholders(), training, g.batches());
        Module shortcut = new BackDistillation(zero).learnAdapter(c.data(), 5);
        for (String p : forward.parameterNames()) {
            ArrayChecks.assertBitIdentical(forward.parameters().get(p), back.parameters().get(p), c.name() + " " + target + " adapter " + p);
            ArrayChecks.assertBitIdentical(forward.parameters().get(p), shortcut.parameters().get(p), c.name() + " " + target + " shortcut " + p);
        }
        // and the backward term, once weighted, changes the adapter
        TransplantSettings weighted = zero.withLambda(new BackDistillation.LambdaRule(100, 1));
        Module withTerm = new BackDistillation(weighted).learnAdapter(c.data(), 5);
        double change = 0;
        for (String p : forward.parameterNames()) {
            change = Math.max(change, withTerm.parameters().get(p).sub(forward.parameters().get(p)).amaxNumber().doubleValue());
        }
        assertTrue(change > 1e-4, c.name() + ": the backward term did not change the adapter (max change " + change + ")");
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(classification(), settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(100, 1), 1, false)),
                Arguments.of(decoder(), settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(100, 1), 1, false)),
                Arguments.of(decoder(), settings(Target.PROBABILITIES, 2, new BackDistillation.LambdaRule(30, 0.5), 3, false)),
                Arguments.of(decoder(), settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(10, 1), 2, true)));
    }

    /**
     * The loss of one batch holding the whole pool, as BackDistillation builds it, against the
     * formula of docs/method.md computed here without twins; and its gradient against central differences
     * of that formula.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("losses")
    void lossAndGradientFollowTheFormula(Case c, TransplantSettings s) {
        int rows = POOL * s.probes();
        Trainer.Settings training = new Trainer.Settings(1, 1e-2, rows); // one batch holds every row
        BackDistillation method = new BackDistillation(s.withTraining(training));
        BackDistillation.Graph graph = method.build(c.data(), 9);
        INDArray[] batch = graph.batches().get();
        Map<String, INDArray> feed = new HashMap<>();
        for (int i = 0; i < batch.length; i++) {
            feed.put(graph.placeholders().get(i), batch[i]);
        }
        INDArray z = batch[0];
        INDArray v = batch[1];
        assertEquals(rows, z.size(0), "every image appears once per probe");
        for (int p = 1; p < s.probes(); p++) {
            INDArray copy = z.get(NDArrayIndex.interval(p * POOL, (p + 1) * POOL));
            ArrayChecks.assertBitIdentical(c.data().unlabeledFeatures(), copy, "rows of probe " + p);
            assertNotEquals(v.get(NDArrayIndex.interval(0, POOL)), v.get(NDArrayIndex.interval(p * POOL, (p + 1) * POOL)),
                    "each probe of an image is drawn anew");
        }
        assertEquals(s.lambda().at(POOL), graph.lambda(), 0.0, "lambda(n) uses the number of images, not of rows");

        Module h = graph.graph().adapter.read();
        double energy = s.redrawProbes() ? graph.energy() : energy(c.data().teacherHead(), z, v);
        if (!s.redrawProbes()) {
            assertEquals(energy, graph.energy(), 1e-12 * energy, "teacher's backward energy");
        }
        double reference = reference(c.data(), s, h, z, v, energy);
        double built = graph.graph().sd.output(feed, "loss").get("loss").getDouble(0);
        assertEquals(reference, built, 1e-9 * Math.abs(reference), c.name() + ": loss as built vs the formula");

        Map<String, INDArray> grads = Quiet.sameDiff(() -> graph.graph().sd.calculateGradients(feed, graph.graph().adapter.variableNames()));
        List<String> names = List.copyOf(h.parameterNames());
        double scale = grads.values().stream().mapToDouble(a -> a.amaxNumber().doubleValue()).max().orElse(0);
        assertTrue(scale > 1e-6, "gradients (nearly) zero: the check would be vacuous");
        double eps = 1e-6;
        for (int p = 0; p < names.size(); p++) {
            INDArray grad = grads.get(graph.graph().adapter.variableNames().get(p));
            long n = grad.length();
            for (long flat : new long[] {0, n / 2, n - 1}) {
                double plus = reference(c.data(), s, perturbed(h, names.get(p), flat, eps), z, v, energy);
                double minus = reference(c.data(), s, perturbed(h, names.get(p), flat, -eps), z, v, energy);
                double fd = (plus - minus) / (2 * eps);
                double gr = grad.reshape(n).getDouble(flat);
                assertTrue(Math.abs(gr - fd) <= 1e-5 * Math.max(Math.abs(gr), Math.abs(fd)) + 1e-8 * scale,
                        c.name() + " " + names.get(p) + "[" + flat + "]: gradient " + gr + ", finite difference " + fd);
            }
        }
    }

    @Test
    void redrawnProbesAreFreshEveryStepAndReproducibleFromTheSeed() {
        Case c = decoder();
        TransplantSettings s = settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(10, 1), 2, true);
        Trainer.Settings training = s.training();
        INDArray[] a1 = new BackDistillation(s).build(c.data(), 3).batches().get();
        BackDistillation.Graph again = new BackDistillation(s).build(c.data(), 3);
        INDArray[] b1 = again.batches().get();
        INDArray[] b2 = again.batches().get();
        INDArray[] other = new BackDistillation(s).build(c.data(), 4).batches().get();
        assertEquals(a1[1], b1[1], "the same seed draws the same probes");
        assertNotEquals(b1[1], b2[1], "the next step draws new probes");
        assertNotEquals(a1[1], other[1], "another seed draws other probes");
        Module first = new BackDistillation(s).learnAdapter(c.data(), 3);
        Module second = new BackDistillation(s).learnAdapter(c.data(), 3);
        for (String p : first.parameterNames()) {
            ArrayChecks.assertBitIdentical(first.parameters().get(p), second.parameters().get(p), "adapter " + p + " from the same seed");
        }
    }

    /** forward(y, y_T) + λ(n) · mean over rows ‖J_{g∘h}ᵀ v − J_{g_T}ᵀ v‖² / energy, everything by autodiff. */
    static double reference(TransplantData d, TransplantSettings s, Module h, INDArray z, INDArray v, double energy) {
        INDArray y = new ForwardPass(h, d.taskModule()).apply(z);
        INDArray yT = new ForwardPass(d.teacherHead()).apply(z);
        double rows = z.size(0);
        double forward;
        if (s.target() == Target.LOGITS) {
            INDArray r = y.sub(yT);
            forward = r.mul(r).sumNumber().doubleValue() / rows / d.taskModule().spec().output().size();
        } else {
            double t = s.temperature();
            double[] ys = y.dup().data().asDouble();
            double[] ts = yT.dup().data().asDouble();
            double sum = 0;
            for (int i = 0; i < ys.length; i++) {
                double p = 1 / (1 + Math.exp(-ts[i] / t));
                double x = ys[i] / t;
                sum += Math.max(x, 0) - x * p + Math.log1p(Math.exp(-Math.abs(x))); // cross-entropy against p
            }
            forward = sum / ys.length * t * t;
        }
        INDArray student = inputGradient(List.of(h, d.taskModule()), z, v);
        INDArray teacher = inputGradient(List.of(d.teacherHead()), z, v);
        INDArray r = student.sub(teacher);
        double backward = r.mul(r).sumNumber().doubleValue() / rows / energy;
        return forward + s.lambda().at(POOL) * backward;
    }

    /** The teacher's mean backward energy over the rows: mean ‖J_{g_T}ᵀ v‖². */
    static double energy(Module teacher, INDArray z, INDArray v) {
        INDArray u = inputGradient(List.of(teacher), z, v);
        return u.mul(u).sumNumber().doubleValue() / z.size(0);
    }

    /** {@code h} with one parameter entry moved by {@code eps} (for finite differences). */
    static Module perturbed(Module h, String name, long flat, double eps) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String n : h.parameterNames()) {
            INDArray a = h.parameters().get(n).dup();
            if (n.equals(name)) {
                INDArray f = a.reshape(a.length());
                f.putScalar(flat, f.getDouble(flat) + eps);
                a = f.reshape(a.shape());
            }
            p.put(n, a);
        }
        return new Module(h.spec(), p);
    }

    /** Autodiff's J(z)ᵀ v for a chain of modules: the gradient of sum(chain(z·1) · v) w.r.t. z. */
    static INDArray inputGradient(List<Module> chain, INDArray z, INDArray v) {
        SameDiff sd = SameDiff.create();
        SDVariable zIn = sd.placeHolder("z", DataType.DOUBLE, chain.get(0).spec().input().withBatch(-1));
        SDVariable vIn = sd.placeHolder("v", DataType.DOUBLE, chain.get(chain.size() - 1).spec().output().withBatch(-1));
        SDVariable x = zIn.mul(sd.var("one", Nd4j.scalar(DataType.DOUBLE, 1.0)));
        for (int i = 0; i < chain.size(); i++) {
            x = ModuleGraph.frozen(sd, "m" + i, chain.get(i)).apply(x).output();
        }
        x.mul(vIn).sum().rename("probe");
        sd.setLossVariables("probe");
        return Quiet.sameDiff(() -> sd.calculateGradients(Map.of("z", z, "v", v), "z")).get("z");
    }
}
