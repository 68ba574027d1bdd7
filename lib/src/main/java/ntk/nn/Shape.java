package ntk.nn;

import java.util.Arrays;

/** The shape of one sample (no batch axis): an image [channels, height, width] or a vector [features]. */
public record Shape(int[] dims) {
    public Shape {
        dims = dims.clone();
        if (dims.length != 1 && dims.length != 3) {
            throw new IncompatibleShapeException("a sample shape has 1 (vector) or 3 (channels, height, width) axes, got " + Arrays.toString(dims));
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IncompatibleShapeException("shape axes must be positive, got " + Arrays.toString(dims));
            }
        }
    }

    public static Shape image(int channels, int height, int width) {
        return new Shape(new int[] {channels, height, width});
    }

    public static Shape vector(int features) {
        return new Shape(new int[] {features});
    }

    public boolean isImage() {
        return dims.length == 3;
    }

    public int channels() {
        return dims[0];
    }

    public int height() {
        return dims[1];
    }

    public int width() {
        return dims[2];
    }

    public int size() {
        return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The batch shape with a free first axis, as SameDiff placeholders want it. */
    public long[] withBatch(long batch) {
        long[] s = new long[dims.length + 1];
        s[0] = batch;
        for (int i = 0; i < dims.length; i++) {
            s[i + 1] = dims[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
