package ntk.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** A fully connected layer y = x·W + b with W [in, out]; its twin is δ·Wᵀ. */
public record Dense(int in, int out) implements Layer {
    public Dense {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("dense sizes must be positive, got " + in + " -> " + out);
        }
    }

    @Override
    public Shape outputShape(Shape s) {
        if (s.isImage() || s.size() != in) {
            throw new IncompatibleShapeException(describe() + " needs a vector of " + in + " features, got " + s
                    + (s.isImage() ? " (put a flatten layer before it)" : ""));
        }
        return Shape.vector(out);
    }

    @Override
    public Map<String, long[]> parameterShapes(Shape s) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("W", new long[] {in, out});
        m.put("b", new long[] {out});
        return m;
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x, Function<String, SDVariable> p, Shape s) {
        return x.mmul(p.apply("W")).add(p.apply("b"));
    }

    @Override
    public SDVariable twin(SameDiff sd, SDVariable delta, SDVariable x, SDVariable y, Function<String, SDVariable> p, Shape s) {
        return sd.mmul(delta, p.apply("W"), false, true, false);
    }

    @Override
    public String describe() {
        return "dense(" + in + "->" + out + ")";
    }
}
