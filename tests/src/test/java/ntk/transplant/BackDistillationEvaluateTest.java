package ntk.transplant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ntk.ArrayChecks;
import ntk.backend.Backend;
import ntk.nn.Architectures;
import ntk.nn.Module;
import ntk.transplant.BackDistillationLossTest.Case;
import ntk.transplant.TransplantSettings.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BackDistillation#evaluate}: at any adapter, the loss of the whole pool with the first
 * draw of probes equals docs/method.md's formula computed without twins
 * ({@link BackDistillationLossTest#reference}), its terms add up to it, its gradient follows central
 * differences of that formula, and evaluating changes nothing that training computes.
 */
class BackDistillationEvaluateTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(BackDistillationLossTest.classification(),
                        BackDistillationLossTest.settings(Target.PROBABILITIES, 1, new BackDistillation.LambdaRule(100, 1), 1, false)),
                Arguments.of(BackDistillationLossTest.decoder(),
                        BackDistillationLossTest.settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(10, 1), 2, true)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void lossTermsAndGradientFollowTheFormula(Case c, TransplantSettings s) {
        TransplantData d = c.data();
        Module h = Module.initialised(d.adapterSpec(), Module.Init.HE, 17, DataType.DOUBLE);
        BackDistillation.Evaluation e = new BackDistillation(s).evaluate(d, h, 9);
        int rows = BackDistillationLossTest.POOL * s.probes();
        assertEquals(rows, e.z().size(0), "the whole pool once per probe");
        assertEquals(s.lambda().at(BackDistillationLossTest.POOL), e.lambda(), 0.0);
        double energy = BackDistillationLossTest.energy(d.teacherHead(), e.z(), e.v());
        assertEquals(energy, e.energy(), 1e-12 * energy, "the energy is the batch's own mean backward energy");
        double reference = BackDistillationLossTest.reference(d, s, h, e.z(), e.v(), energy);
        assertEquals(reference, e.loss(), 1e-9 * reference, c + ": loss vs the formula");
        assertEquals(e.loss(), e.forwardTerm() + e.lambda() * e.backwardTerm(), 1e-12 * e.loss(), "forward + λ · backward");
        assertTrue(e.backwardTerm() > 0 && e.forwardTerm() > 0);

        double eps = 1e-6;
        double scale = e.gradient().values().stream().mapToDouble(a -> a.amaxNumber().doubleValue()).max().orElse(0);
        assertTrue(scale > 1e-6, "gradient (nearly) zero: the check would be vacuous");
        assertEquals(List.copyOf(h.parameterNames()), List.copyOf(e.gradient().keySet()), "the gradient under the parameters' names");
        for (String name : h.parameterNames()) {
            INDArray grad = e.gradient().get(name);
            long n = grad.length();
            for (long flat : new long[] {0, n / 2, n - 1}) {
                double plus = BackDistillationLossTest.reference(d, s, BackDistillationLossTest.perturbed(h, name, flat, eps), e.z(), e.v(), energy);
                double minus = BackDistillationLossTest.reference(d, s, BackDistillationLossTest.perturbed(h, name, flat, -eps), e.z(), e.v(), energy);
                double fd = (plus - minus) / (2 * eps);
                double gr = grad.reshape(n).getDouble(flat);
                assertTrue(Math.abs(gr - fd) <= 1e-5 * Math.max(Math.abs(gr), Math.abs(fd)) + 1e-8 * scale,
                        c + " " + name + "[" + flat + "]: gradient " + gr + ", finite difference " + fd);
            }
        }
    }

    @Test
    void evaluatingChangesNothingTrainingComputes() {
        Case c = BackDistillationLossTest.classification();
        TransplantSettings s = BackDistillationLossTest.settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(100, 1), 1, false);
        BackDistillation method = new BackDistillation(s);
        Module before = method.learnAdapter(c.data(), 5);
        Module h = Module.initialised(c.data().adapterSpec(), Module.Init.HE, 3, DataType.DOUBLE);
        INDArray w = h.parameters().get("0.W").dup();
        BackDistillation.Evaluation first = method.evaluate(c.data(), h, 5);
        Module after = method.learnAdapter(c.data(), 5);
        for (String p : before.parameterNames()) {
            ArrayChecks.assertBitIdentical(before.parameters().get(p), after.parameters().get(p), "adapter " + p);
        }
        ArrayChecks.assertBitIdentical(w, h.parameters().get("0.W"), "the adapter evaluated at");
        BackDistillation.Evaluation again = method.evaluate(c.data(), h, 5);
        assertEquals(first.loss(), again.loss(), 0.0, "the same adapter, pool and seed give the same loss");
        ArrayChecks.assertBitIdentical(first.v(), again.v(), "probes");
        // at the identity the training starts from, the loss is the one of the graph's first batch
        Module identity = Module.initialised(c.data().adapterSpec(), Module.Init.IDENTITY, 5, DataType.DOUBLE);
        BackDistillation.Graph g = new BackDistillation(s.withTraining(new ntk.train.Trainer.Settings(1, 1e-2, BackDistillationLossTest.POOL)))
                .build(c.data(), 5);
        INDArray[] batch = g.batches().get();
        Map<String, INDArray> feed = new LinkedHashMap<>();
        for (int i = 0; i < batch.length; i++) {
            feed.put(g.placeholders().get(i), batch[i]);
        }
        double built = g.graph().sd.output(feed, "loss").get("loss").getDouble(0);
        assertEquals(built, method.evaluate(c.data(), identity, 5).loss(), 1e-12 * built);
    }

    @Test
    void refusesTwoLayersAndAnotherAdapterShape() {
        Case c = BackDistillationLossTest.classification();
        TransplantSettings s = BackDistillationLossTest.settings(Target.LOGITS, 1, new BackDistillation.LambdaRule(100, 1), 1, false);
        Module h = Module.initialised(c.data().adapterSpec(), Module.Init.HE, 3, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> new BackDistillation(s.withBackwardLayers(2)).evaluate(c.data(), h, 1));
        Module other = Module.initialised(Architectures.adapter(BackDistillationLossTest.FEATURES, 3, 2), Module.Init.HE, 3,
                DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> new BackDistillation(s).evaluate(c.data(), other, 1));
    }
}
