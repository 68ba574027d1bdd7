package ntk.nn;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward passes and backward signals split large inputs into batches whose size follows the
 * largest item area at either end of the graph, and the split changes no bit.
 */
class ForwardPassTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void aBatchHoldsFewerItemsTheLargerTheyAre() {
        assertEquals(250, RowBatches.sizeFor(Shape.image(1, 28, 28)), "Fashion-MNIST items");
        assertEquals(62, RowBatches.sizeFor(Shape.image(1, 56, 56)), "scenes of 2 × 2 items: a quarter as many");
        assertEquals(191, RowBatches.sizeFor(Shape.image(3, 32, 32)), "the area counts, not the channels");
        assertEquals(250, RowBatches.sizeFor(Shape.image(32, 7, 7), Shape.vector(1)), "small feature maps to a logit: never more than 250");
        assertEquals(62, RowBatches.sizeFor(Shape.image(32, 14, 14), Shape.image(1, 56, 56)), "a segmentation head: its masks count");
        assertEquals(250, RowBatches.sizeFor(Shape.vector(10)));
        assertEquals(1, RowBatches.sizeFor(Shape.image(1, 600, 600)), "at least one item");
    }

    @Test
    void scenesSplitIntoBatchesGiveTheBitsOfOneAtATime() {
        Module f = Module.initialised(Architectures.categoryModule(Shape.image(1, 56, 56)), Module.Init.HE, 7, DataType.FLOAT);
        ForwardPass pass = new ForwardPass(f);
        INDArray scenes = gaussian(DataType.FLOAT, 3, 130, 1, 56, 56); // batches of 62, 62 and 6
        INDArray all = pass.apply(scenes);
        for (int i : new int[] {0, 61, 62, 123, 124, 129}) {
            INDArray one = pass.apply(scenes.get(NDArrayIndex.interval(i, i + 1)).dup());
            assertBitIdentical(one, all.get(NDArrayIndex.interval(i, i + 1)), "scene " + i);
        }
    }

    @Test
    void aSegmentationHeadsBackwardSignalSplitIntoBatchesGivesTheBitsOfOneAtATime() {
        Shape features = Shape.image(32, 14, 14);
        Module head = Module.initialised(Architectures.segmentationHead(features, ModuleSpec.Role.TEACHER_HEAD), Module.Init.HE, 7,
                DataType.FLOAT);
        BackwardSignal signal = new BackwardSignal(head);
        INDArray z = gaussian(DataType.FLOAT, 3, 130, 32, 14, 14); // batches of 62, 62 and 6
        INDArray v = gaussian(DataType.FLOAT, 4, 130, 1, 56, 56);
        BackwardSignal.Result all = signal.apply(z, v);
        for (int i : new int[] {0, 61, 62, 123, 124, 129}) {
            BackwardSignal.Result one = signal.apply(z.get(NDArrayIndex.interval(i, i + 1)).dup(), v.get(NDArrayIndex.interval(i, i + 1)).dup());
            assertBitIdentical(one.output(), all.output().get(NDArrayIndex.interval(i, i + 1)), "output of scene " + i);
            assertBitIdentical(one.signal(), all.signal().get(NDArrayIndex.interval(i, i + 1)), "signal of scene " + i);
        }
        assertThrows(IncompatibleShapeException.class, () -> signal.apply(z, v.get(NDArrayIndex.interval(0, 5)).dup()));
    }
}
