package ntk.transplant;

import ntk.train.Losses;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The forward term of both distillations, written once so that back-distillation with λ = 0 is
 * forward distillation exactly: the student's outputs y against the teacher's y_T, averaged over
 * the output's elements (one logit, or 3,136 pixel logits) so that one λ rule weighs the forward
 * and backward terms alike whatever the task.
 */
final class DistillationTarget {
    private DistillationTarget() {}

    static SDVariable forwardTerm(SameDiff sd, SDVariable y, SDVariable yT, TransplantSettings s, long outputSize) {
        return switch (s.target()) {
            case LOGITS -> Losses.meanSquaredDistance(sd, y, yT).div(outputSize);
            case PROBABILITIES -> {
                // soft targets σ(y_T/T); the T² factor keeps the gradient's size independent of T
                // cross-entropy of the soft targets p = σ(y_T/T) against σ(x), x = y/T, in the stable form
                // max(x, 0) − x·p + log(1 + e^−|x|) from plain ops: ND4J's sigmoid cross-entropy op
                // back-propagates soft targets inexactly (0.2 % off finite differences in double precision)
                double t = s.temperature();
                SDVariable p = sd.nn.sigmoid(yT.div(t));
                SDVariable x = y.div(t);
                SDVariable perElement = ntk.nn.Relu.of(sd, x).sub(x.mul(p)).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
                yield perElement.mean().mul(t * t);
            }
        };
    }
}
