package ntk.transplant;

import java.util.Arrays;
import ntk.generic.Task;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of images [n, c, h, w] as one float array per image (channel by channel, each row by
 * row), so the pool expansions can work with plain loops: no ND4J op that might leak, and exact
 * reproducibility. Spatial operations (shifts, blur, priors) work on each channel's plane alike.
 */
final class PixelBatch {
    final int channels;
    final int height;
    final int width;
    final float[][] images;

    PixelBatch(int channels, int height, int width, float[][] images) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.images = images;
    }

    /** The images of {@code a}, [n, C, H, W] at whatever size they come. */
    static PixelBatch of(INDArray a) {
        long[] s = a.shape();
        if (s.length != 4) {
            throw new IncompatibleShapeException("expected images [n, channels, height, width], got " + Arrays.toString(s));
        }
        return of(a, null, Shape.image((int) s[1], (int) s[2], (int) s[3]));
    }

    /** The images of {@code a}, which must be [n, C, H, W] for {@code task}'s inputs of shape {@code in}. */
    static PixelBatch of(INDArray a, Task task, Shape in) {
        long[] s = a.shape();
        if (s.length != 4 || s[1] != in.channels() || s[2] != in.height() || s[3] != in.width()) {
            throw new IncompatibleShapeException("the " + task + " task takes images [n, " + in.channels() + ", " + in.height() + ", "
                    + in.width() + "], got " + Arrays.toString(s));
        }
        int n = (int) s[0];
        int px = in.size();
        float[] all = n == 0 ? new float[0] : a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) {
            images[i] = Arrays.copyOfRange(all, i * px, (i + 1) * px);
        }
        return new PixelBatch(in.channels(), in.height(), in.width(), images);
    }

    /** An empty batch of the same image shape, to fill with {@code images}. */
    PixelBatch with(float[][] images) {
        return new PixelBatch(channels, height, width, images);
    }

    /** Pixels per image, all channels. */
    int pixels() {
        return channels * height * width;
    }

    int size() {
        return images.length;
    }

    /** These images followed by {@code more}'s. */
    PixelBatch concat(PixelBatch more) {
        if (more.channels != channels || more.height != height || more.width != width) {
            throw new IncompatibleShapeException("cannot join " + channels + "×" + height + "×" + width + " and " + more.channels + "×"
                    + more.height + "×" + more.width + " images");
        }
        float[][] all = Arrays.copyOf(images, images.length + more.images.length);
        System.arraycopy(more.images, 0, all, images.length, more.images.length);
        return with(all);
    }

    /** The images from {@code from} on. */
    PixelBatch from(int from) {
        return with(Arrays.copyOfRange(images, from, images.length));
    }

    /** As a [n, c, h, w] float array. */
    INDArray toArray() {
        int px = pixels();
        float[] all = new float[images.length * px];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, all, i * px, px);
        }
        return Nd4j.create(all, new long[] {images.length, channels, height, width}, DataType.FLOAT);
    }

    /** {@link #shifted} on every channel plane of a c×h×w image. */
    static float[] shifted(float[] src, int c, int h, int w, int dy, int dx, boolean flip) {
        if (c == 1) {
            return shifted(src, h, w, dy, dx, flip);
        }
        float[] out = new float[src.length];
        for (int k = 0; k < c; k++) {
            float[] plane = shifted(Arrays.copyOfRange(src, k * h * w, (k + 1) * h * w), h, w, dy, dx, flip);
            System.arraycopy(plane, 0, out, k * h * w, h * w);
        }
        return out;
    }

    /**
     * {@code src} mirrored left to right if {@code flip}, then moved down by {@code dy} and right by
     * {@code dx} pixels; what comes in from outside is 0. Shifting back by (−dy, −dx) is its
     * transpose (for gradients).
     */
    static float[] shifted(float[] src, int h, int w, int dy, int dx, boolean flip) {
        float[] out = new float[h * w];
        for (int r = 0; r < h; r++) {
            int sr = r - dy;
            if (sr < 0 || sr >= h) {
                continue;
            }
            for (int c = 0; c < w; c++) {
                int sc = c - dx; // column of the (maybe mirrored) image that lands here
                if (sc >= 0 && sc < w) {
                    out[r * w + c] = src[sr * w + (flip ? w - 1 - sc : sc)];
                }
            }
        }
        return out;
    }

    /** Mean squared difference between neighbouring pixels (down and right), over pixel pairs: 0 for a flat image. */
    static double totalVariation(float[] img, int h, int w) {
        double sum = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float v = img[r * w + c];
                if (r + 1 < h) {
                    sum += square(img[(r + 1) * w + c] - v);
                }
                if (c + 1 < w) {
                    sum += square(img[r * w + c + 1] - v);
                }
            }
        }
        return sum / neighbourPairs(h, w);
    }

    static double neighbourPairs(int h, int w) {
        return (double) (h - 1) * w + (double) h * (w - 1);
    }

    private static double square(double d) {
        return d * d;
    }

    /**
     * {@code img} blurred by a Gaussian of standard deviation {@code sigma} pixels (kernel cut at
     * 2σ, renormalised, zero outside the frame), in place of {@code img}; sigma 0 leaves it as it is.
     */
    static void blur(float[] img, int c, int h, int w, double sigma) {
        if (c == 1) {
            blur(img, h, w, sigma);
            return;
        }
        for (int k = 0; k < c; k++) {
            float[] plane = java.util.Arrays.copyOfRange(img, k * h * w, (k + 1) * h * w);
            blur(plane, h, w, sigma);
            System.arraycopy(plane, 0, img, k * h * w, h * w);
        }
    }

    /** {@link #blur} on one h×w plane. */
    static void blur(float[] img, int h, int w, double sigma) {
        if (sigma <= 0) {
            return;
        }
        int radius = (int) Math.ceil(2 * sigma);
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] rows = new float[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    int cc = c + i;
                    if (cc >= 0 && cc < w) {
                        acc += k[i + radius] * img[r * w + cc];
                    }
                }
                rows[r * w + c] = acc;
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    int rr = r + i;
                    if (rr >= 0 && rr < h) {
                        acc += k[i + radius] * rows[rr * w + c];
                    }
                }
                img[r * w + c] = acc;
            }
        }
    }
}
