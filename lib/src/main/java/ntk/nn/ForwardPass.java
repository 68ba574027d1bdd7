package ntk.nn;

import java.util.ArrayList;
import ntk.backend.NativeMemory;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A chain of frozen modules compiled once into a forward-only graph and applied in batches.
 * Not thread-safe: give each thread its own.
 */
public final class ForwardPass {
    /** Items per batch up to 28×28: small enough that a conv stack's activations stay near 50 MB. */
    static final int BATCH = 250;
    /**
     * Larger items go in proportionally fewer at a time (56×56 scenes: 62), so that the
     * activations, and a notebook's native memory, do not grow with the item's area.
     */
    static final int BATCH_PIXELS = BATCH * 28 * 28;
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
        this.batch = batchFor(input);
    }

    /** Items of {@code shape} per batch: {@link #BATCH}, or {@link #BATCH_PIXELS} over the item's area where that is less (at least one). */
    static int batchFor(Shape shape) {
        return shape.isImage() ? Math.max(1, Math.min(BATCH, BATCH_PIXELS / (shape.height() * shape.width()))) : BATCH;
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
        long n = s[0];
        if (n <= batch) {
            return sd.outputSingle(Map.of("x", x), out);
        }
        INDArray result = null;
        for (long i = 0; i < n; i += batch) {
            long end = Math.min(n, i + batch);
            INDArray chunk = sd.outputSingle(Map.of("x", x.get(NDArrayIndex.interval(i, end)).dup()), out);
            if (result == null) {
                long[] shape = chunk.shape().clone();
                shape[0] = n;
                result = Nd4j.create(chunk.dataType(), shape);
            }
            result.get(NDArrayIndex.interval(i, end)).assign(chunk);
            NativeMemory.releaseIfGrown();
        }
        NativeMemory.release();
        return result;
    }
}
