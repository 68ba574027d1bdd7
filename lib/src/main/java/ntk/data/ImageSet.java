package ntk.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images with their labels, kept as bytes (the whole Fashion-MNIST training set is 47 MB this
 * way) and turned into float arrays only for the rows a caller asks for. An image's bytes are its
 * channels one after another, each row by row.
 */
public final class ImageSet {
    private final byte[][] pixels;
    private final int[] labels;
    private final int channels;
    private final int rows;
    private final int cols;

    /** Greyscale images of {@code rows} × {@code cols}. */
    public ImageSet(byte[][] pixels, int[] labels, int rows, int cols) {
        this(pixels, labels, 1, rows, cols);
    }

    public ImageSet(byte[][] pixels, int[] labels, int channels, int rows, int cols) {
        if (pixels.length != labels.length) {
            throw new DataException("image and label counts differ: " + pixels.length + " images, " + labels.length + " labels");
        }
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != channels * rows * cols) {
                throw new DataException("image " + i + " has " + pixels[i].length + " bytes, not " + channels + "×" + rows + "×" + cols);
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    /** One image's shape. */
    public ItemShape shape() {
        return new ItemShape(channels, rows, cols);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Indices of all images whose label is (or is not) {@code category}. */
    public int[] indices(Category category, boolean positive) {
        return java.util.stream.IntStream.range(0, size())
                .filter(i -> (labels[i] == category.label()) == positive)
                .toArray();
    }

    /** Images {@code idx} as a [n, channels, rows, cols] float array scaled to [0, 1]. */
    public INDArray images(int[] idx) {
        int px = channels * rows * cols;
        float[] buf = new float[idx.length * px];
        for (int n = 0; n < idx.length; n++) {
            byte[] img = pixels[idx[n]];
            for (int p = 0; p < px; p++) {
                buf[n * px + p] = (img[p] & 0xff) / 255f;
            }
        }
        return Nd4j.create(buf, new long[] {idx.length, channels, rows, cols}, DataType.FLOAT);
    }

    /** Image {@code i}'s pixels, channel by channel and row by row, scaled to [0, 1]. */
    public float[] pixels(int i) {
        byte[] img = pixels[i];
        float[] out = new float[img.length];
        for (int p = 0; p < img.length; p++) {
            out[p] = (img[p] & 0xff) / 255f;
        }
        return out;
    }

    /** 1 where the image shows {@code category}, else 0, as a [n, 1] float column. */
    public INDArray isCategory(int[] idx, Category category) {
        float[] buf = new float[idx.length];
        for (int n = 0; n < idx.length; n++) {
            buf[n] = labels[idx[n]] == category.label() ? 1f : 0f;
        }
        return Nd4j.create(buf, new long[] {idx.length, 1}, DataType.FLOAT);
    }

    /** The images {@code idx} (in that order) as a set of their own; the pixels are shared, not copied. */
    public ImageSet subset(int[] idx) {
        byte[][] px = new byte[idx.length][];
        int[] lab = new int[idx.length];
        for (int n = 0; n < idx.length; n++) {
            px[n] = pixels[idx[n]];
            lab[n] = labels[idx[n]];
        }
        return new ImageSet(px, lab, channels, rows, cols);
    }

    /** All indices 0..size-1. */
    public int[] all() {
        int[] idx = new int[size()];
        Arrays.setAll(idx, i -> i);
        return idx;
    }
}
