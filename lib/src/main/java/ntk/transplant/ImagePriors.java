package ntk.transplant;

/**
 * What makes a synthesised input look like an image rather than adversarial noise: total variation
 * with squared differences (TV^β with β = 2, as in Mahendran and Vedaldi's inversions: the mean
 * squared difference of neighbouring pixels, {@link PixelBatch#totalVariation}), whose gradient is
 * a smooth Laplacian rather than L1's ±1 pattern, and the mean squared pixel, for a dark
 * background as Fashion-MNIST items have. Computed per image in plain Java, with their gradients.
 */
record ImagePriors(double tvWeight, double l2Weight) {
    /** {@link #addGradient(float[], int, int, float[])} on each channel plane of a c×h×w image; the values add up. */
    double addGradient(float[] img, int c, int h, int w, float[] grad) {
        if (c == 1) {
            return addGradient(img, h, w, grad);
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
            float[] plane = java.util.Arrays.copyOfRange(img, k * h * w, (k + 1) * h * w);
            float[] g = java.util.Arrays.copyOfRange(grad, k * h * w, (k + 1) * h * w);
            sum += addGradient(plane, h, w, g);
            System.arraycopy(g, 0, grad, k * h * w, h * w);
        }
        return sum;
    }

    /** Adds the priors' gradient for {@code img} (h×w) to {@code grad} and returns their value. */
    double addGradient(float[] img, int h, int w, float[] grad) {
        double pairs = PixelBatch.neighbourPairs(h, w);
        float tvStep = (float) (2 * tvWeight / pairs);
        float l2Step = (float) (2 * l2Weight / (h * w));
        double tv = 0;
        double l2 = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int p = r * w + c;
                float v = img[p];
                l2 += v * v;
                grad[p] += l2Step * v;
                if (r + 1 < h) {
                    tv += pull(img, grad, p, p + w, tvStep);
                }
                if (c + 1 < w) {
                    tv += pull(img, grad, p, p + 1, tvStep);
                }
            }
        }
        return tvWeight * tv / pairs + l2Weight * l2 / (h * w);
    }

    /** (img[b] − img[a])², and its gradient times {@code step} / 2 into grad. */
    private static double pull(float[] img, float[] grad, int a, int b, float step) {
        float d = img[b] - img[a];
        grad[b] += step * d;
        grad[a] -= step * d;
        return d * d;
    }
}
