package ntk.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Inputs and their labels, row by row: images with 0/1 category labels, or scenes with masks. */
public record Examples(INDArray inputs, INDArray labels) {
    public Examples {
        if (inputs.size(0) != labels.size(0)) {
            throw new DataException(inputs.size(0) + " inputs but " + labels.size(0) + " labels");
        }
    }

    public int size() {
        return (int) inputs.size(0);
    }

    /** The first {@code n} rows (copies), e.g. the 10 annotations nested in the 100. */
    public Examples first(int n) {
        if (n > size()) {
            throw new IllegalArgumentException("asked for the first " + n + " of " + size() + " examples");
        }
        return new Examples(firstRows(inputs, n), firstRows(labels, n));
    }

    /** The first {@code n} rows of {@code a}, as a new array (also for n = 0). */
    public static INDArray firstRows(INDArray a, int n) {
        if (n == 0) {
            long[] shape = a.shape().clone(); // never write into the array's own shape
            shape[0] = 0;
            return org.nd4j.linalg.factory.Nd4j.create(a.dataType(), shape);
        }
        return a.get(NDArrayIndex.interval(0, n)).dup();
    }

    @Override
    public String toString() {
        return size() + " examples, inputs " + Arrays.toString(inputs.shape()) + ", labels " + Arrays.toString(labels.shape());
    }
}
