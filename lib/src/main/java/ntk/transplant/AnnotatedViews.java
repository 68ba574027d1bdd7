package ntk.transplant;

import java.util.Arrays;
import java.util.SplittableRandom;
import ntk.nn.IncompatibleShapeException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Augmented views of annotated images that keep their labels, so a method that learns from
 * annotations can use the same enlargement the distillation methods get for free: each view is
 * mirrored left to right (maybe), shifted by whole pixels (zero fill) and lightly noised. A
 * per-image label (classification's one logit) is copied; a per-pixel label (a segmentation mask
 * of the image's height and width) is mirrored and shifted with its image, never noised. There is
 * no mixup: a blend of two images has no one label.
 *
 * <p>Works on images [n, channels, height, width] of any size; image i's views come from the i-th
 * split of the seed, so asking for more views per image keeps the first ones, and their noise from
 * a stream of its own, so the noise level does not move them.
 */
public final class AnnotatedViews {
    /**
     * How many views of each annotated image, and how they vary.
     *
     * @param viewsPerImage views added per annotated image (0: the annotated images alone, as before these views existed)
     * @param maxShift      largest shift, in pixels, along each axis (uniform in ±maxShift)
     * @param flips         mirror left to right with probability 0.5
     * @param noise         standard deviation of Gaussian pixel noise (0 for none); images are clipped to [0, 1]
     */
    public record Settings(int viewsPerImage, int maxShift, boolean flips, double noise) {
        public Settings {
            if (viewsPerImage < 0) {
                throw new IllegalArgumentException("annotated views per image must be >= 0, got " + viewsPerImage);
            }
            if (maxShift < 0) {
                throw new IllegalArgumentException("annotated views' maxShift must be >= 0 pixels, got " + maxShift);
            }
            if (!(noise >= 0) || !Double.isFinite(noise)) {
                throw new IllegalArgumentException("annotated views' noise must be a finite standard deviation >= 0, got " + noise);
            }
        }

        /** No views (the annotated images alone), with the distillation views' variation at hand: ±3 px, flips, noise 0.05. */
        public static Settings none() {
            return new Settings(0, 3, true, 0.05);
        }

        public boolean enabled() {
            return viewsPerImage > 0;
        }

        public Settings withViewsPerImage(int n) {
            return new Settings(n, maxShift, flips, noise);
        }

        public Settings withVariation(int shift, boolean flip, double sigma) {
            return new Settings(viewsPerImage, shift, flip, sigma);
        }

        /** One line for tables and logs. */
        public String describe() {
            return enabled() ? viewsPerImage + " labelled views per annotated image (shifts up to " + maxShift + " px"
                    + (flips ? ", flips" : "") + ", noise " + SettingText.number(noise) + ")" : "no labelled views";
        }
    }

    /** Annotated images and their labels, row for row. */
    public record Labeled(INDArray images, INDArray labels) {}

    private AnnotatedViews() {}

    /**
     * The annotated images and labels followed by {@code settings.viewsPerImage()} views of image
     * 0 with their labels, of image 1, ...; the inputs themselves when the settings add no view.
     */
    public static Labeled expand(Settings settings, INDArray images, INDArray labels, long seed) {
        if (!settings.enabled() || images.size(0) == 0) {
            return new Labeled(images, labels);
        }
        long[] s = images.shape();
        if (s.length != 4) {
            throw new IncompatibleShapeException("annotated views need images [n, channels, height, width], got " + Arrays.toString(s));
        }
        if (labels.size(0) != s[0]) {
            throw new IncompatibleShapeException(s[0] + " annotated images but " + labels.size(0) + " labels");
        }
        int h = (int) s[2];
        int w = (int) s[3];
        if (settings.maxShift() > Math.min(h, w) - 1) {
            throw new IllegalArgumentException("a shift of " + settings.maxShift() + " px would move " + h + "×" + w
                    + " images out of the frame; use at most " + (Math.min(h, w) - 1));
        }
        long[] ls = labels.shape();
        boolean masks = ls.length == 4 && ls[2] == h && ls[3] == w;
        float[][] inRows = rows(images);
        float[][] labelRows = rows(labels);
        int n = inRows.length;
        int v = settings.viewsPerImage();
        float[][] outImages = Arrays.copyOf(inRows, n + n * v);
        float[][] outLabels = Arrays.copyOf(labelRows, n + n * v);
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = root.split();
            SplittableRandom noiseRng = rng.split(); // apart, so the noise level does not move the views
            for (int k = 0; k < v; k++) {
                int m = settings.maxShift();
                int dy = rng.nextInt(-m, m + 1);
                int dx = rng.nextInt(-m, m + 1);
                boolean flip = settings.flips() && rng.nextBoolean();
                float[] view = moved(inRows[i], h, w, dy, dx, flip);
                if (settings.noise() > 0) {
                    for (int p = 0; p < view.length; p++) {
                        view[p] = (float) Math.max(0, Math.min(1, view[p] + settings.noise() * noiseRng.nextGaussian()));
                    }
                }
                outImages[n + i * v + k] = view;
                outLabels[n + i * v + k] = masks ? moved(labelRows[i], h, w, dy, dx, flip) : labelRows[i].clone();
            }
        }
        return new Labeled(array(outImages, s, images.dataType()), array(outLabels, ls, labels.dataType()));
    }

    /**
     * Every channel of {@code src} (channels × h × w, row by row) mirrored left to right if
     * {@code flip}, then moved down by {@code dy} and right by {@code dx}; what comes in from outside is 0.
     */
    static float[] moved(float[] src, int h, int w, int dy, int dx, boolean flip) {
        float[] out = new float[src.length];
        for (int base = 0; base < src.length; base += h * w) {
            for (int r = 0; r < h; r++) {
                int sr = r - dy;
                if (sr < 0 || sr >= h) {
                    continue;
                }
                for (int c = 0; c < w; c++) {
                    int sc = c - dx;
                    if (sc >= 0 && sc < w) {
                        out[base + r * w + c] = src[base + sr * w + (flip ? w - 1 - sc : sc)];
                    }
                }
            }
        }
        return out;
    }

    /** One float array per row of {@code a} (its trailing dimensions in C order). */
    private static float[][] rows(INDArray a) {
        int n = (int) a.size(0);
        float[] all = n == 0 ? new float[0] : a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int per = n == 0 ? 0 : all.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
        }
        return out;
    }

    private static INDArray array(float[][] rows, long[] shapeOfOne, DataType type) {
        int per = rows.length == 0 ? 0 : rows[0].length;
        float[] all = new float[rows.length * per];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, all, i * per, per);
        }
        long[] shape = shapeOfOne.clone();
        shape[0] = rows.length;
        return Nd4j.create(all, shape, DataType.FLOAT).castTo(type);
    }
}
