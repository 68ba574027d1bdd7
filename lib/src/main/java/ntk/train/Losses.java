package ntk.train;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The loss terms the kit trains with, as SameDiff ops. */
public final class Losses {
    private Losses() {}

    /** Mean sigmoid cross-entropy of {@code logits} against 0/1 {@code labels}. */
    public static SDVariable binaryCrossEntropy(SameDiff sd, String name, SDVariable logits, SDVariable labels) {
        return sd.loss.sigmoidCrossEntropy(name, labels, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
    }

    /** Mean over samples of the squared distance between two batches: (1/n) Σ_i ‖a_i − b_i‖². */
    public static SDVariable meanSquaredDistance(SameDiff sd, SDVariable a, SDVariable b) {
        SDVariable sq = sd.math.squaredDifference(a, b);
        return sq.sum().div(sd.sizeAt(a, 0).castTo(a.dataType()));
    }
}
