package ntk.protocol;

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

    /** Fraction of pixels whose predicted class (logit > 0) equals the mask, over all scenes. */
    public static double pixelAccuracy(INDArray logits, INDArray masks) {
        float[][] zy = flat(logits, masks);
        float[] z = zy[0];
        float[] y = zy[1];
        long right = 0;
        for (int i = 0; i < z.length; i++) {
            if ((z[i] > 0) == (y[i] > 0.5f)) {
                right++;
            }
        }
        return (double) right / z.length;
    }

    /**
     * Intersection over union of the predicted (logit > 0) and the true mask, per scene, averaged
     * over scenes. A scene whose mask and prediction are both empty counts as 1.
     */
    public static double meanIoU(INDArray logits, INDArray masks) {
        float[][] zy = flat(logits, masks);
        int n = (int) masks.size(0);
        int px = zy[0].length / n;
        double sum = 0;
        for (int s = 0; s < n; s++) {
            long inter = 0, union = 0;
            for (int p = s * px; p < (s + 1) * px; p++) {
                boolean pred = zy[0][p] > 0;
                boolean truth = zy[1][p] > 0.5f;
                inter += pred && truth ? 1 : 0;
                union += pred || truth ? 1 : 0;
            }
            sum += union == 0 ? 1.0 : (double) inter / union;
        }
        return sum / n;
    }

    private static float[][] flat(INDArray logits, INDArray masks) {
        if (!java.util.Arrays.equals(logits.shape(), masks.shape())) {
            throw new IllegalArgumentException("predicted masks " + java.util.Arrays.toString(logits.shape()) + " and true masks "
                    + java.util.Arrays.toString(masks.shape()) + " differ in shape");
        }
        return new float[][] {logits.reshape(-1).toFloatVector(), masks.reshape(-1).toFloatVector()};
    }
}
