package ntk.nn;

import java.util.function.Function;
import ntk.backend.NativeMemory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs a frozen graph over many rows a batch at a time, so that its activations, and a notebook's
 * native memory, stay bounded whatever the number of rows. The graphs it runs treat every row on
 * its own, so a split changes no bit of the result.
 */
final class RowBatches {
    private RowBatches() {}

    /** Rows per batch up to 28×28: small enough that a conv stack's activations stay near 50 MB. */
    static final int ROWS = 250;
    /** Larger items go in proportionally fewer at a time (56×56 scenes: 62). */
    static final int ROWS_PIXELS = ROWS * 28 * 28;

    /**
     * Rows per batch for a graph whose ends have these shapes: {@link #ROWS}, or {@link #ROWS_PIXELS}
     * over the largest image area among them where that is less (at least one). Both ends count: a
     * segmentation head takes small feature maps and gives whole masks.
     */
    static int sizeFor(Shape... ends) {
        int area = 1;
        for (Shape s : ends) {
            if (s.isImage()) {
                area = Math.max(area, s.height() * s.width());
            }
        }
        return Math.max(1, Math.min(ROWS, ROWS_PIXELS / area));
    }

    /**
     * {@code graph} applied to {@code inputs} (the same number of rows each) {@code size} rows at a
     * time, its outputs' batches put back together in order.
     */
    static INDArray[] apply(int size, Function<INDArray[], INDArray[]> graph, INDArray... inputs) {
        long n = inputs[0].size(0);
        if (n <= size) {
            return graph.apply(inputs);
        }
        INDArray[] results = null;
        for (long i = 0; i < n; i += size) {
            long end = Math.min(n, i + size);
            INDArray[] batch = new INDArray[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                batch[k] = inputs[k].get(NDArrayIndex.interval(i, end)).dup();
            }
            INDArray[] out = graph.apply(batch);
            if (results == null) {
                results = new INDArray[out.length];
                for (int k = 0; k < out.length; k++) {
                    long[] shape = out[k].shape().clone();
                    shape[0] = n;
                    results[k] = Nd4j.create(out[k].dataType(), shape);
                }
            }
            for (int k = 0; k < out.length; k++) {
                results[k].get(NDArrayIndex.interval(i, end)).assign(out[k]);
            }
            NativeMemory.releaseIfGrown();
        }
        NativeMemory.release();
        return results;
    }
}
