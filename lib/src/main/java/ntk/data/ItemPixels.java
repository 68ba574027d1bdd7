package ntk.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Turns a picture of any size into one item of a data set's shape, by a rule that is exact and
 * the same on every machine (integer arithmetic only, no Java2D scaling):
 *
 * <ol>
 *   <li><b>Colour.</b> Each pixel is read as 8-bit sRGB ({@link BufferedImage#getRGB}); greyscale
 *       pictures (grey colour space) are read from their samples, so a grey value stays that value
 *       (getRGB would pass it through a gamma curve), 16-bit samples rounded to 8 bits.</li>
 *   <li><b>Alpha</b> is composited on black: a value v with alpha a counts as v·a/255.</li>
 *   <li><b>Grey</b> (1-channel items): the ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B; colour
 *       (3-channel) items keep R, G and B as their three channels, in that order.</li>
 *   <li><b>Size.</b> The picture is scaled to fit the item preserving its aspect ratio (the
 *       limiting side fills the item, the other is rounded to whole pixels, half up) and centred on
 *       black; where the padding is odd, the extra black row or column is at the bottom or right.</li>
 *   <li><b>Interpolation.</b> Area averaging, enlarging and shrinking alike: each item pixel is the
 *       mean of the picture over the pixel's footprint, each picture pixel weighted by the area of
 *       it the footprint covers.</li>
 *   <li><b>Rounding</b> happens once, at the end: to the nearest integer, halves up.</li>
 * </ol>
 */
public final class ItemPixels {
    /** BT.601 luma weights, in thousandths: they sum to 1000, so grey pictures keep their values. */
    private static final long RED = 299;
    private static final long GREEN = 587;
    private static final long BLUE = 114;
    private static final long SCALE = 1000;

    private ItemPixels() {}

    /** The item's bytes: channels one after another, each row by row (as {@link ImageSet} holds them). */
    public static byte[] of(BufferedImage picture, ItemShape shape) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        Fit fit = Fit.of(w, h, shape);
        int channels = shape.channels();
        Footprints across = new Footprints(w, fit.width());
        Footprints down = new Footprints(h, fit.height());
        long[][] sums = new long[channels][fit.width() * fit.height()];
        long[][] row = new long[channels][w];
        long[][] scaledRow = new long[channels][fit.width()];
        PictureRows rows = PictureRows.of(picture);
        for (int y = 0; y < h; y++) {
            rows.read(y, channels, row);
            for (int c = 0; c < channels; c++) {
                across.accumulate(row[c], scaledRow[c]);
            }
            for (int oy = down.first(y); oy <= down.last(y); oy++) {
                long weight = down.overlap(y, oy);
                for (int c = 0; c < channels; c++) {
                    long[] target = sums[c];
                    long[] source = scaledRow[c];
                    for (int ox = 0; ox < fit.width(); ox++) {
                        target[oy * fit.width() + ox] += weight * source[ox];
                    }
                }
            }
        }
        // each sum is a value in units of 1/(255·1000) weighted by overlaps that add up to w·h
        long denominator = (long) w * h * 255 * SCALE;
        byte[] out = new byte[shape.size()];
        int plane = shape.height() * shape.width();
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < fit.height(); oy++) {
                for (int ox = 0; ox < fit.width(); ox++) {
                    long value = (2 * sums[c][oy * fit.width() + ox] + denominator) / (2 * denominator);
                    out[c * plane + (fit.top() + oy) * shape.width() + fit.left() + ox] = (byte) Math.min(255, value);
                }
            }
        }
        return out;
    }

    /** Where the scaled picture lies in the item: its size and its top-left corner. */
    record Fit(int width, int height, int left, int top) {
        static Fit of(int w, int h, ItemShape shape) {
            int iw = shape.width();
            int ih = shape.height();
            int sw;
            int sh;
            if ((long) iw * h <= (long) ih * w) { // the width limits: sw/w = iw/w <= ih/h
                sw = iw;
                sh = (int) Math.max(1, Math.min(ih, (2L * h * iw + w) / (2L * w)));
            } else {
                sh = ih;
                sw = (int) Math.max(1, Math.min(iw, (2L * w * ih + h) / (2L * h)));
            }
            return new Fit(sw, sh, (iw - sw) / 2, (ih - sh) / 2);
        }
    }

    /**
     * One axis of the area average, in integers: measured in 1/{@code to} of a picture pixel,
     * picture pixel i covers [i·to, (i+1)·to) and item pixel o covers [o·from, (o+1)·from), where
     * {@code from} is the picture's side and {@code to} the scaled picture's.
     */
    static final class Footprints {
        private final int from;
        private final int to;

        Footprints(int from, int to) {
            this.from = from;
            this.to = to;
        }

        int first(int i) {
            return (int) ((long) i * to / from);
        }

        int last(int i) {
            return (int) (((long) (i + 1) * to - 1) / from);
        }

        /** How much of item pixel o's footprint picture pixel i covers; over all i it adds up to {@code from}. */
        long overlap(int i, int o) {
            long lo = Math.max((long) i * to, (long) o * from);
            long hi = Math.min((long) (i + 1) * to, (long) (o + 1) * from);
            return hi - lo;
        }

        /** Sets {@code out[o]} to the overlap-weighted sum of {@code in} over item pixel o's footprint. */
        void accumulate(long[] in, long[] out) {
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < from; i++) {
                for (int o = first(i); o <= last(i); o++) {
                    out[o] += overlap(i, o) * in[i];
                }
            }
        }
    }

    /** Reads one row of a picture as channel values composited on black, in units of 1/(255·1000). */
    private interface PictureRows {
        void read(int y, int channels, long[][] out);

        static PictureRows of(BufferedImage picture) {
            ColorSpace space = picture.getColorModel().getColorSpace();
            return space.getType() == ColorSpace.TYPE_GRAY ? new GreyRows(picture) : new RgbRows(picture);
        }
    }

    private static final class RgbRows implements PictureRows {
        private final BufferedImage picture;
        private final int[] argb;

        RgbRows(BufferedImage picture) {
            this.picture = picture;
            this.argb = new int[picture.getWidth()];
        }

        @Override
        public void read(int y, int channels, long[][] out) {
            picture.getRGB(0, y, argb.length, 1, argb, 0, argb.length);
            for (int x = 0; x < argb.length; x++) {
                int p = argb[x];
                long a = p >>> 24;
                long r = (p >> 16) & 0xff;
                long g = (p >> 8) & 0xff;
                long b = p & 0xff;
                if (channels == 1) {
                    out[0][x] = a * (RED * r + GREEN * g + BLUE * b);
                } else {
                    out[0][x] = a * SCALE * r;
                    out[1][x] = a * SCALE * g;
                    out[2][x] = a * SCALE * b;
                }
            }
        }
    }

    private static final class GreyRows implements PictureRows {
        private final Raster raster;
        private final int[] grey;
        private final int[] alpha;
        private final int greyMax;
        private final int alphaMax;

        GreyRows(BufferedImage picture) {
            this.raster = picture.getRaster();
            int width = picture.getWidth();
            this.grey = new int[width];
            this.alpha = raster.getNumBands() > 1 ? new int[width] : null;
            this.greyMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            this.alphaMax = alpha == null ? 255 : (1 << raster.getSampleModel().getSampleSize(1)) - 1;
        }

        @Override
        public void read(int y, int channels, long[][] out) {
            raster.getSamples(0, y, grey.length, 1, 0, grey);
            if (alpha != null) {
                raster.getSamples(0, y, alpha.length, 1, 1, alpha);
            }
            for (int x = 0; x < grey.length; x++) {
                long v = eightBits(grey[x], greyMax);
                long a = alpha == null ? 255 : eightBits(alpha[x], alphaMax);
                for (int c = 0; c < channels; c++) {
                    out[c][x] = a * SCALE * v;
                }
            }
        }

        private static long eightBits(int sample, int max) {
            return max == 255 ? sample : (2L * sample * 255 + max) / (2L * max);
        }
    }
}
