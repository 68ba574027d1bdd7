package ntk.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A chain of frozen modules compiled once into a forward-only graph and applied in batches
 * ({@link RowBatches}).
 * Not thread-safe: give each thread its own.
 */
public final class ForwardPass {
    private final SameDiff sd;
    private final Shape input;
    private final String out;
    private final int batch;

    public ForwardPass(List<Module> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a forward pass needs at least one module");
        }
        for (int i = 1; i < chain.size(); i++) {
            Shape produced = chain.get(i - 1).spec().output();
            Shape expected = chain.get(i).spec().input();
            if (!produced.equals(expected)) {
                throw new IncompatibleShapeException("cannot chain modules: " + chain.get(i - 1).spec().role() + " produces " + produced
                        + " but " + chain.get(i).spec().role() + " expects " + expected);
            }
        }
        this.sd = SameDiff.create();
        this.input = chain.get(0).spec().input();
        SDVariable h = sd.placeHolder("x", chain.get(0).dataType(), input.withBatch(-1));
        List<ModuleGraph> graphs = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ModuleGraph g = ModuleGraph.frozen(sd, "m" + i, chain.get(i));
            graphs.add(g);
            h = g.apply(h).output();
        }
        this.out = h.name();
        this.batch = RowBatches.sizeFor(input, chain.get(chain.size() - 1).spec().output());
    }

    public ForwardPass(Module... chain) {
        this(List.of(chain));
    }

    /** Applies the chain to {@code x} [n, ...input shape]. */
    public INDArray apply(INDArray x) {
        long[] s = x.shape();
        long[] expected = input.withBatch(s[0]);
        if (!java.util.Arrays.equals(s, expected)) {
            throw new IncompatibleShapeException("input has shape " + java.util.Arrays.toString(s) + ", expected [n, " + input.toString().substring(1));
        }
        return RowBatches.apply(batch, b -> new INDArray[] {sd.outputSingle(Map.of("x", b[0]), out)}, x)[0];
    }
}
