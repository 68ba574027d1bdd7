package ntk.transplant;

import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ntk.backend.Backend;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.protocol.Metrics;
import ntk.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The supervised adapter, the baseline every transplant is compared with: through a frozen,
 * randomly initialised task module it fits a toy set whose two classes are apart, and it is the
 * labels that it fits (the same images with the labels flipped give the flipped predictions).
 */
class SupervisedAdapterTest {
    private static final Shape Z = Shape.image(4, 4, 4);
    private static final TransplantSettings SETTINGS = TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION)
            .withSupervised(new Trainer.Settings(200, 1e-2, 16));

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** {@code n} feature maps, the first half of class 1 (shifted up by 1.5), the rest class 0 (shifted down). */
    private static INDArray[] toySet(int n, long seed) {
        INDArray z = gaussian(DataType.FLOAT, seed, Z.withBatch(n));
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 1);
        for (int i = 0; i < n; i++) {
            boolean positive = i < n / 2;
            z.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).addi(positive ? 1.5 : -1.5);
            y.putScalar(i, 0, positive ? 1 : 0);
        }
        return new INDArray[] {z, y};
    }

    private static double errorOf(Module adapter, Module task, INDArray[] set) {
        return Metrics.balancedError(new ForwardPass(adapter, task).apply(set[0]), set[1]);
    }

    @Test
    void fitsASeparableToySetFromItsLabels() {
        Module task = Module.initialised(Architectures.classificationHead(Z, ModuleSpec.Role.TASK), Module.Init.HE, 3, DataType.FLOAT);
        Module teacher = Module.initialised(Architectures.classificationHead(Z, ModuleSpec.Role.TEACHER_HEAD), Module.Init.HE, 4,
                DataType.FLOAT);
        INDArray[] train = toySet(32, 1);
        INDArray[] heldOut = toySet(64, 2);
        INDArray none = Nd4j.create(DataType.FLOAT, Z.withBatch(0));
        SupervisedAdapter method = new SupervisedAdapter(SETTINGS);

        Module fitted = method.learnAdapter(new TransplantData(task, teacher, Architectures.adapter(Z), train[0], train[1], none), 7);
        double error = errorOf(fitted, task, heldOut);
        assertTrue(error <= 0.05, "the supervised adapter should separate the toy classes on held-out maps, balanced error " + error);

        INDArray flipped = train[1].rsub(1);
        Module fittedToFlipped = method.learnAdapter(new TransplantData(task, teacher, Architectures.adapter(Z), train[0], flipped, none), 7);
        double flippedError = errorOf(fittedToFlipped, task, heldOut);
        assertTrue(flippedError >= 0.95, "trained on flipped labels, it should predict the flipped classes: balanced error against"
                + " the true ones " + flippedError);
    }
}
