package ntk.transplant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ntk.ArrayChecks;
import ntk.backend.Backend;
import ntk.backend.Quiet;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.transplant.BackDistillationLossTest.Case;
import ntk.transplant.TransplantSettings.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Guards lesson 04's claim: the back-distillation loss written from scratch in about 20 lines of
 * plain SameDiff ops on the twins ({@link ModuleGraph.Trace#backward}), as the notebook writes it,
 * gives the value and the gradient with respect to the adapter that {@link BackDistillation}
 * computes ({@link BackDistillation#evaluate}), for both targets, one or several probes, fixed or
 * redrawn. Double precision, the small random modules of {@link BackDistillationLossTest}.
 */
class BackDistillationFromScratchTest {
    /** Relative tolerance of the loss and of the gradient (against its largest entry). */
    static final double TOLERANCE = 1e-10;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /**
     * The loss of docs/method.md on the rows z with probes v, from scratch: the forward term,
     * plus λ times the mean squared distance of the student's and the teacher's backward signals
     * divided by the teacher's mean backward energy on the same rows. The notebook's cell, line
     * for line; the loss is the variable "loss".
     */
    static SameDiff fromScratch(Module h, Module g, Module teacherHead, INDArray z, INDArray v,
            TransplantSettings s, double lambda) {
        SameDiff sd = SameDiff.create();
        SDVariable zIn = sd.constant("z", z);
        SDVariable probes = sd.constant("v", v);
        ModuleGraph.Trace adapter = ModuleGraph.trainable(sd, "h", h).apply(zIn); // learns
        ModuleGraph.Trace task = ModuleGraph.frozen(sd, "g", g).apply(adapter.output());
        ModuleGraph.Trace teacher = ModuleGraph.frozen(sd, "t", teacherHead).apply(zIn);
        SDVariable y = task.output();
        SDVariable yT = teacher.output();
        double t = s.temperature();
        SDVariable x = y.div(t);
        SDVariable p = sd.nn.sigmoid(yT.div(t));
        SDVariable forward = s.target() == Target.LOGITS
                ? sd.math.squaredDifference(y, yT).mean() // ‖y − y_T‖² / dim(y), mean over rows
                : sd.nn.softplus(x).sub(x.mul(p)).mean().mul(t * t); // CE(p, σ(x)) = softplus(x) − p·x
        SDVariable student = adapter.backward(task.backward(probes)); // J_{g∘h}(z)ᵀ v
        SDVariable reaction = teacher.backward(probes); // J_{g_T}(z)ᵀ v
        double rows = z.size(0);
        SDVariable energy = reaction.mul(reaction).sum().div(rows); // mean ‖J_{g_T}ᵀ v‖²
        SDVariable gap = student.sub(reaction);
        SDVariable backward = gap.mul(gap).sum().div(rows).div(energy);
        forward.add(backward.mul(lambda)).rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    static Stream<Arguments> cases() {
        BackDistillation.LambdaRule rule = new BackDistillation.LambdaRule(100, 1);
        return Stream.of(
                Arguments.of(BackDistillationLossTest.classification(), BackDistillationLossTest.settings(Target.LOGITS, 1, rule, 1, false)),
                Arguments.of(BackDistillationLossTest.classification(),
                        BackDistillationLossTest.settings(Target.PROBABILITIES, 1, rule, 1, false)),
                Arguments.of(BackDistillationLossTest.decoder(), BackDistillationLossTest.settings(Target.LOGITS, 1, rule, 2, true)),
                Arguments.of(BackDistillationLossTest.decoder(), BackDistillationLossTest.settings(Target.PROBABILITIES, 2,
                        new BackDistillation.LambdaRule(30, 0.5), 3, false)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void fromScratchEqualsBackDistillation(Case c, TransplantSettings s) {
        TransplantData d = c.data();
        Module h = Module.initialised(d.adapterSpec(), Module.Init.HE, 11, DataType.DOUBLE); // a fixed adapter, not the identity
        BackDistillation.Evaluation kit = new BackDistillation(s).evaluate(d, h, 9);
        SameDiff sd = fromScratch(h, d.taskModule(), d.teacherHead(), kit.z(), kit.v(), s, kit.lambda());

        double loss = sd.output(Map.of(), "loss").get("loss").getDouble(0);
        assertEquals(kit.loss(), loss, TOLERANCE * Math.abs(kit.loss()), c + ": the loss from scratch vs BackDistillation's");
        assertTrue(kit.backwardTerm() * kit.lambda() > 1e-3 * kit.loss(), c + ": the backward term hardly counts; the check would be weak");

        List<String> names = List.copyOf(h.parameterNames());
        List<String> vars = names.stream().map(n -> "h_" + n.replace('.', '_')).toList();
        Map<String, INDArray> grads = Quiet.sameDiff(() -> sd.calculateGradients(Map.of(), vars));
        for (int i = 0; i < names.size(); i++) {
            INDArray expected = kit.gradient().get(names.get(i));
            assertTrue(expected.amaxNumber().doubleValue() > 1e-8, c + ": gradient of " + names.get(i) + " is zero; vacuous");
            double err = ArrayChecks.relativeError(grads.get(vars.get(i)), expected);
            assertTrue(err <= TOLERANCE, c + ": gradient of " + names.get(i) + " from scratch vs BackDistillation's, relative error " + err);
        }
    }
}
