package ntk.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reproducible minibatches from arrays that share their first axis: each epoch visits every row
 * once in a new random order. Sets no larger than a batch are served whole every step.
 */
public final class BatchSampler {
    private final INDArray[] arrays;
    private final int batchSize;
    private final SplittableRandom rng;
    private final int rows;
    private int[] order;
    private int cursor;

    public BatchSampler(int batchSize, long seed, INDArray... arrays) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("no arrays to sample from");
        }
        this.rows = (int) arrays[0].size(0);
        for (INDArray a : arrays) {
            if (a.size(0) != rows) {
                throw new IllegalArgumentException("arrays to sample together must have the same number of rows: " + rows + " vs " + a.size(0));
            }
        }
        if (rows == 0) {
            throw new IllegalArgumentException("cannot sample batches from an empty set");
        }
        this.arrays = arrays;
        this.batchSize = batchSize;
        this.rng = new SplittableRandom(seed);
    }

    public int rows() {
        return rows;
    }

    /**
     * The next batch, one array per input array, in the same order. SameDiff asks for batches from
     * inside its training workspace; the batch must not live there, or the workspace's reuse
     * overwrites it while it is still in use.
     */
    public INDArray[] next() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return nextBatch();
        }
    }

    private INDArray[] nextBatch() {
        if (rows <= batchSize) {
            return arrays;
        }
        if (order == null || cursor + batchSize > rows) {
            order = ntk.data.Samples.draw(range(rows), rows, rng);
            cursor = 0;
        }
        int[] idx = java.util.Arrays.copyOfRange(order, cursor, cursor + batchSize);
        cursor += batchSize;
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = rowsOf(arrays[i], idx);
        }
        return out;
    }

    /** Rows {@code idx} of {@code a}, for arrays of any rank. */
    public static INDArray rowsOf(INDArray a, int[] idx) {
        long[] shape = a.shape().clone(); // shape() may be the array's own cache: never write to it
        if (idx.length == 0) {
            shape[0] = 0;
            return Nd4j.create(a.dataType(), shape);
        }
        INDArray flat = a.reshape(a.ordering(), shape[0], a.length() / shape[0]);
        INDArray picked = Nd4j.pullRows(flat, 1, idx);
        shape[0] = idx.length;
        return picked.reshape(shape);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        java.util.Arrays.setAll(r, i -> i);
        return r;
    }
}
