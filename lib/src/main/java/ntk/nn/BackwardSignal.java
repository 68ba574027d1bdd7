package ntk.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * For a chain of frozen modules, computes at once the output y(x) and the backward signal
 * J(x)ᵀ v, the input gradient of ⟨y, v⟩, with the chain's backward twins. It is what a teacher
 * "reacts" with, and what back-distillation teaches the student to reproduce. Large inputs go
 * through in batches ({@link RowBatches}).
 */
public final class BackwardSignal {
    /** Output and backward signal of a batch. */
    public record Result(INDArray output, INDArray signal) {}

    private final SameDiff sd = SameDiff.create();
    private final String out;
    private final String signal;
    private final int batch;

    public BackwardSignal(List<Module> chain) {
        Shape in = chain.get(0).spec().input();
        Shape outShape = chain.get(chain.size() - 1).spec().output();
        SDVariable x = sd.placeHolder("x", chain.get(0).dataType(), in.withBatch(-1));
        SDVariable v = sd.placeHolder("v", chain.get(0).dataType(), outShape.withBatch(-1));
        List<ModuleGraph.Trace> traces = new ArrayList<>();
        SDVariable h = x;
        for (int i = 0; i < chain.size(); i++) {
            ModuleGraph.Trace t = ModuleGraph.frozen(sd, "m" + i, chain.get(i)).apply(h);
            traces.add(t);
            h = t.output();
        }
        SDVariable d = v;
        for (int i = traces.size() - 1; i >= 0; i--) {
            d = traces.get(i).backward(d);
        }
        this.out = h.name();
        this.signal = d.name();
        this.batch = RowBatches.sizeFor(in, outShape);
    }

    public BackwardSignal(Module... chain) {
        this(List.of(chain));
    }

    /** y(x) and J(x)ᵀ v for inputs x and probes v (one per row of x), in batches ({@link RowBatches}). */
    public Result apply(INDArray x, INDArray v) {
        if (x.size(0) != v.size(0)) {
            throw new IncompatibleShapeException("one probe per input row: " + x.size(0) + " inputs, " + v.size(0) + " probes");
        }
        INDArray[] r = RowBatches.apply(batch, b -> {
            Map<String, INDArray> o = sd.output(Map.of("x", b[0], "v", b[1]), out, signal);
            return new INDArray[] {o.get(out), o.get(signal)};
        }, x, v);
        return new Result(r[0], r[1]);
    }
}
