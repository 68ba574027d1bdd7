package ntk.generic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import ntk.backend.Backend;
import ntk.data.FashionMnist;
import ntk.nn.Architectures;
import ntk.nn.ForwardPass;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import ntk.train.Trainer;
import ntk.transplant.ForwardDistillation;
import ntk.transplant.Transplanter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One category module serves both tasks: 28×28 items for classification and 56×56 scenes for
 * segmentation, each through its own adapter, with the kit's real architectures (random weights).
 */
class TwoTaskNetworkTest {
    /** A Fashion-MNIST item: 1×28×28. */
    static final Shape FASHION_ITEM = Shape.image(1, 28, 28);

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static Module random(ModuleSpec spec, long seed) {
        return Module.initialised(spec, Module.Init.HE, seed, DataType.FLOAT);
    }

    private static GenericNetwork network() {
        GenericNetwork net = new GenericNetwork();
        for (Task t : Task.values()) {
            net.addTaskModule(t, random(t.head(t.adapter(FASHION_ITEM).output(), ModuleSpec.Role.TASK), 10 + t.ordinal()));
        }
        net.addCategory(FashionMnist.BAG, random(Architectures.categoryModule(FASHION_ITEM), 1));
        for (Task t : Task.values()) {
            net.addAdapter(FashionMnist.BAG, t, random(t.adapter(FASHION_ITEM), 20 + t.ordinal()));
        }
        return net;
    }

    @Test
    void oneCategoryModuleServesItemsAndScenes() {
        GenericNetwork net = network();
        Nd4j.getRandom().setSeed(3);
        INDArray items = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray scenes = Nd4j.rand(DataType.FLOAT, 2, 1, 56, 56);
        assertArrayEquals(new long[] {4, 1}, net.predict(FashionMnist.BAG, Task.CLASSIFICATION, items).shape());
        INDArray masks = net.predict(FashionMnist.BAG, Task.SEGMENTATION, scenes);
        assertArrayEquals(new long[] {2, 1, 56, 56}, masks.shape());
        // the route is g(h(f(x))) with f at the scenes' size
        Module f = net.categoryModule(FashionMnist.BAG).withInput(Task.SEGMENTATION.input(FASHION_ITEM));
        INDArray byHand = new ForwardPass(f, net.adapter(FashionMnist.BAG, Task.SEGMENTATION), net.taskModule(Task.SEGMENTATION)).apply(scenes);
        assertTrue(Arrays.equals(byHand.data().asFloat(), masks.data().asFloat()), "the route must equal the chain of its modules");
    }

    @Test
    void inputsOfTheOtherTaskGiveAClearError() {
        GenericNetwork net = network();
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class,
                () -> net.predict(FashionMnist.BAG, Task.SEGMENTATION, Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28)));
        assertTrue(e.getMessage().contains("segmentation inputs have the shape [1, 56, 56]"), e.getMessage());
    }

    @Test
    void transplantingTheSecondTaskKeepsTheFirstTasksRouteBitIdentical() {
        GenericNetwork net = network();
        Teacher t = new Teacher(FashionMnist.SANDAL, random(Architectures.categoryModule(FASHION_ITEM), 5),
                random(Task.CLASSIFICATION.head(Task.CLASSIFICATION.adapter(FASHION_ITEM).input(), ModuleSpec.Role.TEACHER_HEAD), 6))
                .withHead(Task.SEGMENTATION, random(Task.SEGMENTATION.head(Task.SEGMENTATION.adapter(FASHION_ITEM).input(), ModuleSpec.Role.TEACHER_HEAD), 7));
        Nd4j.getRandom().setSeed(4);
        INDArray items = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28);
        INDArray scenes = Nd4j.rand(DataType.FLOAT, 6, 1, 56, 56);
        Trainer.Settings s = new Trainer.Settings(3, 1e-2, 4);
        Transplanter.transplant(net, t, Task.CLASSIFICATION, new ForwardDistillation(ntk.config.TunedSettings.STARTING_POINT.get(ntk.generic.Task.CLASSIFICATION).withTraining(s)), none(Task.CLASSIFICATION),
                noLabels(Task.CLASSIFICATION), items, 1);
        INDArray before = net.predict(FashionMnist.SANDAL, Task.CLASSIFICATION, items);
        INDArray bagBefore = net.predict(FashionMnist.BAG, Task.SEGMENTATION, scenes);
        Transplanter.transplant(net, t, Task.SEGMENTATION, new ForwardDistillation(ntk.config.TunedSettings.STARTING_POINT.get(ntk.generic.Task.CLASSIFICATION).withTraining(s)), none(Task.SEGMENTATION),
                noLabels(Task.SEGMENTATION), scenes, 1);
        assertTrue(net.routes().containsAll(List.of(new GenericNetwork.Route(FashionMnist.SANDAL, Task.CLASSIFICATION),
                new GenericNetwork.Route(FashionMnist.SANDAL, Task.SEGMENTATION))));
        assertTrue(Arrays.equals(before.data().asBytes(), net.predict(FashionMnist.SANDAL, Task.CLASSIFICATION, items).data().asBytes()));
        assertTrue(Arrays.equals(bagBefore.data().asBytes(), net.predict(FashionMnist.BAG, Task.SEGMENTATION, scenes).data().asBytes()));
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> Transplanter.transplant(net, t, Task.SEGMENTATION,
                new ForwardDistillation(ntk.config.TunedSettings.STARTING_POINT.get(ntk.generic.Task.CLASSIFICATION).withTraining(s)), none(Task.SEGMENTATION), noLabels(Task.SEGMENTATION), scenes, 1));
        assertTrue(again.getMessage().contains("already connected to the segmentation task"), again.getMessage());
    }

    @Test
    void aTeacherWithoutTheTasksHeadSaysWhichHeadsItHas() {
        Teacher t = new Teacher(FashionMnist.SANDAL, random(Architectures.categoryModule(FASHION_ITEM), 5),
                random(Task.CLASSIFICATION.head(Task.CLASSIFICATION.adapter(FASHION_ITEM).input(), ModuleSpec.Role.TEACHER_HEAD), 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.head(Task.SEGMENTATION));
        assertTrue(e.getMessage().contains("no segmentation head") && e.getMessage().contains("classification"), e.getMessage());
    }

    private static INDArray none(Task t) {
        return Nd4j.create(DataType.FLOAT, t.input(FASHION_ITEM).withBatch(0));
    }

    private static INDArray noLabels(Task t) {
        return Nd4j.create(DataType.FLOAT, t.output(FASHION_ITEM).withBatch(0));
    }
}
