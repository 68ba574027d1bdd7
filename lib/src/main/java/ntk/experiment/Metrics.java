package ntk.experiment;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Evaluation measures. */
public final class Metrics {
    private Metrics() {}

    /**
     * Balanced error rate of logits against 0/1 labels: the mean of the miss rate on positives and
     * the false-alarm rate on negatives, so that "always no" scores 0.5 whatever the class ratio
     * (on the Fashion-MNIST test set one image in ten is positive).
     */
    public static double balancedError(INDArray logits, INDArray labels) {
        float[] z = logits.reshape(-1).toFloatVector();
        float[] y = labels.reshape(-1).toFloatVector();
        if (z.length != y.length) {
            throw new IllegalArgumentException(z.length + " predictions for " + y.length + " labels");
        }
        long pos = 0, neg = 0, missed = 0, falseAlarms = 0;
        for (int i = 0; i < z.length; i++) {
            boolean predicted = z[i] > 0;
            if (y[i] > 0.5f) {
                pos++;
                if (!predicted) {
                    missed++;
                }
            } else {
                neg++;
                if (predicted) {
                    falseAlarms++;
                }
            }
        }
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("balanced error needs positives and negatives; got " + pos + " and " + neg);
        }
        return 0.5 * ((double) missed / pos + (double) falseAlarms / neg);
    }
}
