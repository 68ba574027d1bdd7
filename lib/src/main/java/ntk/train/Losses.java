package ntk.train;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The loss terms the kit trains with, as SameDiff ops. */
public final class Losses {
    private Losses() {}

    /** Mean sigmoid cross-entropy of {@code logits} against 0/1 {@code labels}. */
    public static SDVariable binaryCrossEntropy(SameDiff sd, String name, SDVariable logits, SDVariable labels) {
        return sd.loss.sigmoidCrossEntropy(name, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
    }

    /**
     * {@link #binaryCrossEntropy(SameDiff, String, SDVariable, SDVariable)}'s value for given
     * logits and 0/1 labels of the same shape: the mean over every element of
     * −y log σ(z) − (1 − y) log(1 − σ(z)), as the supervised adapter's training evaluates it.
     */
    public static double binaryCrossEntropy(INDArray logits, INDArray labels) {
        if (!java.util.Arrays.equals(logits.shape(), labels.shape())) {
            throw new IllegalArgumentException("logits " + java.util.Arrays.toString(logits.shape()) + " and labels "
                    + java.util.Arrays.toString(labels.shape()) + " differ in shape");
        }
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.constant("logits", logits.castTo(DataType.FLOAT));
        SDVariable y = sd.constant("labels", labels.castTo(DataType.FLOAT));
        return binaryCrossEntropy(sd, "loss", z, y).eval().getDouble(0);
    }

    /** Mean over samples of the squared distance between two batches: (1/n) Σ_i ‖a_i − b_i‖². */
    public static SDVariable meanSquaredDistance(SameDiff sd, SDVariable a, SDVariable b) {
        SDVariable sq = sd.math.squaredDifference(a, b);
        return sq.sum().div(sd.sizeAt(a, 0).castTo(a.dataType()));
    }
}
