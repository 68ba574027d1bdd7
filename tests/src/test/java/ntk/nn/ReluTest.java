package ntk.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ReLU a large map gets (x·step(x), for a cheaper gradient) is ND4J's ReLU: the same values
 * and, bit for bit, the same gradient — including at inputs of exactly 0, common on zero background.
 */
class ReluTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void aLargeMapsReluHasNd4jsValuesAndGradientToTheBit() {
        Shape large = Shape.image(16, 28, 28);
        assertTrue(large.size() >= Relu.LARGE, "the shape must take the product path");
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 16, 28, 28);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(0); // exact zeros: where the conventions could differ
        INDArray w = Nd4j.randn(DataType.FLOAT, 2, 16, 28, 28);
        INDArray[] kit = valueAndGradient(x, w, (sd, v) -> new Relu().forward(sd, v, null, large));
        INDArray[] nd4j = valueAndGradient(x, w, (sd, v) -> sd.nn.relu(v, 0.0));
        assertArrayEquals(nd4j[0].data().asFloat(), kit[0].data().asFloat(), 0f, "values");
        assertArrayEquals(nd4j[1].data().asFloat(), kit[1].data().asFloat(), 0f, "gradient");
        assertTrue(nd4j[1].sumNumber().doubleValue() != 0, "a zero gradient would prove nothing");
    }

    /** relu(x) and the gradient of sum(w ⊙ relu(x)) with respect to x. */
    private static INDArray[] valueAndGradient(INDArray x, INDArray w, java.util.function.BiFunction<SameDiff, SDVariable, SDVariable> relu) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable y = relu.apply(sd, in);
        y.mul(sd.constant(w)).sum().markAsLoss();
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x");
        return new INDArray[] {y.eval(), g.get("x")};
    }
}
