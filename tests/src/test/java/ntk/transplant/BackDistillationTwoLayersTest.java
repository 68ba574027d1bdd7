package ntk.transplant;

import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ntk.ArrayChecks;
import ntk.backend.Backend;
import ntk.nn.Architectures;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Trainer;
import ntk.transplant.TransplantSettings.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Back-distillation at two layers: f_c cut after its first block gives f_c back, and the loss
 * adds to the one-layer loss exactly λ(n) · mean ‖J_{g∘h∘rest}ᵀ v − J_{g_T∘rest}ᵀ v‖² / (the
 * teacher's energy there), computed here by autodiff through f_c's rest instead of by its twin.
 */
class BackDistillationTwoLayersTest {
    private static final int POOL = BackDistillationLossTest.POOL; // its reference weighs by λ(POOL)

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void theFirstBlockAndTheRestMakeTheCategoryModule() {
        Module f = Module.initialised(Architectures.categoryModule(ntk.nn.Shape.image(1, 28, 28)), Module.Init.HE, 3, DataType.FLOAT);
        Module[] parts = FirstBlock.split(f);
        assertEquals(3, parts[0].spec().layers().size(), "conv, relu, pool");
        assertEquals(f.spec().output(), parts[1].spec().output());
        INDArray x = uniform(DataType.FLOAT, 4, 7, 1, 28, 28);
        ArrayChecks.assertBitIdentical(new ForwardPass(f).apply(x), new ForwardPass(parts[0], parts[1]).apply(x), "f_c against its two parts");
    }

    private record Setup(TransplantData data, Module upper, INDArray a) {}

    private static Setup setup() {
        Module f = Module.initialised(Architectures.categoryModule(ntk.nn.Shape.image(1, 28, 28)), Module.Init.HE, 31, DataType.DOUBLE);
        INDArray x = uniform(DataType.DOUBLE, 32, POOL, 1, 28, 28);
        FirstBlock block = FirstBlock.of(f, Nd4j.zeros(DataType.DOUBLE, 0, 1, 28, 28), x);
        INDArray z = new ForwardPass(block.upper()).apply(block.unlabeled());
        Shape features = f.spec().output();
        Module g = Module.initialised(Architectures.classificationHead(features, ModuleSpec.Role.TASK), Module.Init.HE, 33, DataType.DOUBLE);
        Module t = Module.initialised(Architectures.classificationHead(features, ModuleSpec.Role.TEACHER_HEAD), Module.Init.HE, 34, DataType.DOUBLE);
        TransplantData d = new TransplantData(g, t, Architectures.adapter(features), Nd4j.zeros(DataType.DOUBLE, features.withBatch(0)),
                Nd4j.zeros(DataType.DOUBLE, 0, 1), z).withFirstBlock(block);
        return new Setup(d, block.upper(), block.unlabeled());
    }

    private static double loss(BackDistillation.Graph graph) {
        INDArray[] batch = graph.batches().get();
        Map<String, INDArray> feed = new HashMap<>();
        for (int i = 0; i < batch.length; i++) {
            feed.put(graph.placeholders().get(i), batch[i]);
        }
        return graph.graph().sd.output(feed, "loss").get("loss").getDouble(0);
    }

    @Test
    void theSecondTermIsTheBackwardMismatchCarriedThroughTheRestOfTheCategoryModule() {
        Setup s = setup();
        Trainer.Settings oneBatch = new Trainer.Settings(1, 1e-2, POOL);
        TransplantSettings one = new TransplantSettings(Target.LOGITS, 1, new BackDistillation.LambdaRule(30, 1), 1, false, 1, 2, oneBatch,
                oneBatch, ExpansionSettings.none());
        BackDistillation.Graph g1 = new BackDistillation(one).build(s.data(), 9);
        BackDistillation.Graph g2 = new BackDistillation(one.withBackwardLayers(2)).build(s.data(), 9);
        assertEquals(List.of("a", "v", "yT", "uT"), g2.placeholders(), "two layers feed the first block's outputs");
        INDArray v = g1.batches().get()[1];
        INDArray z = s.data().unlabeledFeatures();
        Module h = g1.graph().adapter.read();

        INDArray student = BackDistillationLossTest.inputGradient(List.of(s.upper(), h, s.data().taskModule()), s.a(), v);
        INDArray teacher = BackDistillationLossTest.inputGradient(List.of(s.upper(), s.data().teacherHead()), s.a(), v);
        double energy = teacher.mul(teacher).sumNumber().doubleValue() / POOL;
        INDArray r = student.sub(teacher);
        double second = one.lambda().at(POOL) * r.mul(r).sumNumber().doubleValue() / POOL / energy;
        assertTrue(second > 1e-6, "the mismatch at the first block is (nearly) zero: the check would be vacuous");

        double first = BackDistillationLossTest.reference(s.data(), one, h, z, v, g1.energy());
        assertEquals(first, loss(g1), 1e-9 * first, "one layer: the formula");
        assertEquals(first + second, loss(g2), 1e-9 * (first + second), "two layers: one layer's loss plus the term at the first block");
    }

    @Test
    void twoLayersWithoutTheFirstBlocksOutputsAreRefused() {
        Setup s = setup();
        TransplantSettings two = new TransplantSettings(Target.LOGITS, 1, new BackDistillation.LambdaRule(30, 1), 1, false, 1, 2,
                new Trainer.Settings(2, 1e-2, POOL), new Trainer.Settings(2, 1e-2, POOL), ExpansionSettings.none()).withBackwardLayers(2);
        TransplantData without = s.data().withFirstBlock(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BackDistillation(two).learnAdapter(without, 1));
        assertTrue(e.getMessage().contains("first block"), e.getMessage());
    }
}
