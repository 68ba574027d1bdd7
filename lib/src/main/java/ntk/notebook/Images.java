package ntk.notebook;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import ntk.data.DataDirectory;
import ntk.data.ImageSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pictures for the notebooks, drawn with Java2D: grids of Fashion-MNIST images (captioned, e.g.
 * with the teacher's {@link #logits}), signed maps (input gradients) in a blue-white-red scale,
 * and the main job's committed figures under a caption that says so ({@link #fullRun}). Every
 * picture is a {@link BufferedImage}, which {@code display(...)} shows as PNG.
 */
public final class Images {
    private static final int CAPTION = 16;

    private Images() {}

    /** One caption per row of classification outputs [n, 1]: the logit with its sign, e.g. "+3.9". */
    public static List<String> logits(INDArray outputs) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < outputs.size(0); i++) {
            out.add(String.format(java.util.Locale.ROOT, "%+.1f", outputs.getDouble(i, 0)));
        }
        return out;
    }

    /** Images {@code idx} of {@code set}, {@code cols} per row, each pixel drawn {@code scale}×{@code scale}. */
    public static BufferedImage grid(ImageSet set, int[] idx, int cols, int scale) {
        return grid(set.images(idx), cols, scale, null);
    }

    /**
     * A grid of greyscale images [n, 1, h, w] with values in [0, 1] (0 black, 1 white: light items
     * on black, as Fashion-MNIST stores them), with an optional caption under each.
     */
    public static BufferedImage grid(INDArray images, int cols, int scale, List<String> captions) {
        int n = (int) images.size(0);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        List<BufferedImage> tiles = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            tiles.add(grey(images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).reshape(h, w), scale));
        }
        return tile(tiles, cols, captions);
    }

    /**
     * Groups of images [n, 1, h, w] in [0, 1] one under another, each under its title and drawn
     * {@code cols} per row: e.g. a pool's real images, then the inputs synthesised from them.
     * {@code captions} holds one list per group (or null for none), e.g. the teacher's logits; a
     * group with no image shows "(none)".
     */
    public static BufferedImage groups(List<String> titles, List<INDArray> groups, List<List<String>> captions, int cols, int scale) {
        if (titles.size() != groups.size() || (captions != null && captions.size() != groups.size())) {
            throw new IllegalArgumentException(groups.size() + " groups of images need as many titles (got " + titles.size() + ")"
                    + (captions == null ? "" : " and caption lists (got " + captions.size() + ")"));
        }
        List<BufferedImage> rows = new java.util.ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            INDArray g = groups.get(i);
            rows.add(g.size(0) == 0 ? null : grid(g, cols, scale, captions == null ? null : captions.get(i)));
        }
        int width = rows.stream().filter(java.util.Objects::nonNull).mapToInt(BufferedImage::getWidth).max().orElse(200);
        int height = rows.stream().mapToInt(r -> CAPTION + (r == null ? CAPTION : r.getHeight())).sum();
        BufferedImage out = new BufferedImage(Math.max(width, 200), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ntk.report.Canvas.pen(out, Font.BOLD, 12);
        int y = 0;
        for (int i = 0; i < rows.size(); i++) {
            g.drawString(titles.get(i), 4, y + CAPTION - 3);
            y += CAPTION;
            if (rows.get(i) == null) {
                g.drawString("(none)", 4, y + CAPTION - 3);
                y += CAPTION;
            } else {
                g.drawImage(rows.get(i), 0, y, null);
                y += rows.get(i).getHeight();
            }
        }
        g.dispose();
        return out;
    }

    /** One [h, w] array in [0, 1] as a greyscale picture. */
    public static BufferedImage grey(INDArray map, int scale) {
        float[][] v = map.toFloatMatrix();
        BufferedImage img = new BufferedImage(v[0].length * scale, v.length * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < v.length; y++) {
            for (int x = 0; x < v[0].length; x++) {
                int g = Math.round(255 * Math.max(0f, Math.min(1f, v[y][x])));
                fill(img, x, y, scale, new Color(g, g, g).getRGB());
            }
        }
        return img;
    }

    /**
     * A signed [h, w] map, such as an input gradient: blue below zero, white at zero, red above,
     * scaled by the largest absolute value (so the picture shows the pattern, not the size;
     * compare sizes with numbers).
     */
    public static BufferedImage signed(INDArray map, int scale) {
        float[][] v = map.toFloatMatrix();
        double max = map.amaxNumber().doubleValue();
        BufferedImage img = new BufferedImage(v[0].length * scale, v.length * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < v.length; y++) {
            for (int x = 0; x < v[0].length; x++) {
                double t = max > 0 ? v[y][x] / max : 0;
                int fade = (int) Math.round(255 * (1 - Math.min(1, Math.abs(t))));
                Color c = t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
                fill(img, x, y, scale, c.getRGB());
            }
        }
        return img;
    }

    /** Pictures side by side in rows of {@code cols}, each with an optional caption underneath. */
    public static BufferedImage tile(List<BufferedImage> tiles, int cols, List<String> captions) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw");
        }
        int gap = 4;
        int tw = tiles.stream().mapToInt(BufferedImage::getWidth).max().getAsInt();
        int th = tiles.stream().mapToInt(BufferedImage::getHeight).max().getAsInt() + (captions == null ? 0 : CAPTION);
        int rows = (tiles.size() + cols - 1) / cols;
        int c = Math.min(cols, tiles.size());
        BufferedImage out = new BufferedImage(c * (tw + gap) + gap, rows * (th + gap) + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ntk.report.Canvas.pen(out, Font.PLAIN, 11);
        for (int i = 0; i < tiles.size(); i++) {
            int x = gap + (i % cols) * (tw + gap);
            int y = gap + (i / cols) * (th + gap);
            g.drawImage(tiles.get(i), x, y, null);
            if (captions != null && i < captions.size()) {
                g.drawString(fit(g, captions.get(i), tw), x, y + th - 4);
            }
        }
        g.dispose();
        return out;
    }

    /** Where the main job's committed full run lies in the clone, beside data/. */
    public static final String FULL_RUN = "reference/full";

    /**
     * A figure of the main job's committed full run (three seeds, four new categories), e.g.
     * {@code fullRun("classification/error_vs_annotations.png")} for
     * {@code reference/full/classification/error_vs_annotations.png} of the kit's clone, under the
     * caption "full run, committed: reference/full/…", so that it is never taken for this run's.
     * A fast-mode notebook shows it beside its own rough figure.
     */
    public static BufferedImage fullRun(String figure) {
        return fullRun(DataDirectory.root().toAbsolutePath().getParent(), figure);
    }

    static BufferedImage fullRun(Path clone, String figure) {
        String relative = FULL_RUN + "/" + figure;
        Path file = clone.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no committed figure " + relative + " in the clone " + clone
                    + "; the full run's figures are " + figures(clone.resolve(FULL_RUN)));
        }
        try {
            return captioned(ImageIO.read(file.toFile()), "full run, committed: " + relative);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> figures(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> p.toString().endsWith(".png")).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** {@code image} under a line of bold text. */
    public static BufferedImage captioned(BufferedImage image, String caption) {
        int strip = CAPTION + 6;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight() + strip, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ntk.report.Canvas.pen(out, Font.BOLD, 13);
        g.drawString(fit(g, caption, image.getWidth() - 8), 4, strip - 5);
        g.drawImage(image, 0, strip, null);
        g.dispose();
        return out;
    }

    private static String fit(Graphics2D g, String s, int width) {
        String t = s;
        while (t.length() > 1 && g.getFontMetrics().stringWidth(t) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static void fill(BufferedImage img, int x, int y, int scale, int rgb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                img.setRGB(x * scale + dx, y * scale + dy, rgb);
            }
        }
    }
}
