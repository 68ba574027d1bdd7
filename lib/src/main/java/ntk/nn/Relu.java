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
        return in.size() >= LARGE ? of(sd, x) : sd.nn.relu(x, 0.0);
    }

    /**
     * Inputs of at least this many values per example (the category module's 28×28 and 14×14
     * maps) use {@link #of}; smaller ones keep ND4J's single op, whose per-element cost is then
     * smaller than two more ops' fixed cost (measured: forward distillation on 7×7 features was
     * slower with the product).
     */
    static final int LARGE = 4096;

    /**
     * max(x, 0) written as x·step(x). ND4J's own ReLU op is differentiated by
     * {@code thresholdedrelu_bp}, which the CPU backend of 1.0.0-M2.1 runs as a lambda call per
     * element: 12 ms for one 64×16×28×28 batch here, 80 times the forward ReLU and a third of a
     * teacher's training step. The product's gradient, δ·step(x) (step's own gradient is zero),
     * takes two vectorised element-wise ops instead, and trains the same values to the bit: δ is
     * multiplied by exactly 1 or 0. (Where x &lt; 0 the output is −0.0 rather than +0.0, which no
     * sum, maximum or comparison tells apart.)
     */
    public static SDVariable of(SameDiff sd, SDVariable x) {
        return x.mul(sd.math.step(x, 0.0));
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
