package ntk.nn;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** ReLU; its twin passes δ where the input was positive (step() has a zero gradient). */
public record Relu() implements Layer {
    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    public Map<String, long[]> parameterShapes(Shape in) {
        return Map.of();
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> p, Shape in) {
        return sd.nn.relu(x, 0.0);
    }

    @Override
    public SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> p, Shape in) {
        return delta.mul(sd.math.step(x, 0.0));
    }

    @Override
    public String describe() {
        return "relu";
    }
}
