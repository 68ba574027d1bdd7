package ntk.nn;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** [C, H, W] to [C·H·W]; its twin reshapes back. */
public record Flatten() implements Layer {
    @Override
    public Shape outputShape(Shape in) {
        return Shape.vector(in.size());
    }

    @Override
    public Map<String, long[]> parameterShapes(Shape in) {
        return Map.of();
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> p, Shape in) {
        return x.reshape(-1, in.size());
    }

    @Override
    public SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> p, Shape in) {
        return delta.reshape(in.withBatch(-1));
    }

    @Override
    public String describe() {
        return "flatten";
    }
}
