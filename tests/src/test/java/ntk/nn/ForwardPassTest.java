package ntk.nn;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A forward pass splits large inputs into batches whose size follows the item's area, and the split changes no bit. */
class ForwardPassTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void aBatchHoldsFewerItemsTheLargerTheyAre() {
        assertEquals(250, ForwardPass.batchFor(Shape.image(1, 28, 28)), "Fashion-MNIST items");
        assertEquals(62, ForwardPass.batchFor(Shape.image(1, 56, 56)), "scenes of 2 × 2 items: a quarter as many");
        assertEquals(191, ForwardPass.batchFor(Shape.image(3, 32, 32)), "the area counts, not the channels");
        assertEquals(250, ForwardPass.batchFor(Shape.image(32, 7, 7)), "small feature maps: never more than 250");
        assertEquals(250, ForwardPass.batchFor(Shape.vector(10)));
        assertEquals(1, ForwardPass.batchFor(Shape.image(1, 600, 600)), "at least one item");
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
}
