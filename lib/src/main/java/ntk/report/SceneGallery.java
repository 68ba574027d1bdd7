package ntk.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import ntk.io.AtomicFiles;
import ntk.protocol.Condition;
import ntk.protocol.Metrics;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A few test scenes of one category as a picture: one row per scene, one column each for the
 * scene, its true mask, the teacher's mask and the mask of every method, each mask drawn in colour
 * over the scene, with its IoU against the true mask under it. A column's title names the method
 * above a bar of its colour in the kit's {@link Palette}. The CSV beside the picture holds the
 * same IoUs unrounded.
 */
public final class SceneGallery {
    private static final int SCALE = 2;
    private static final int GAP = 4;
    /** The picture's title and two lines of column titles. */
    private static final int HEADER = 46;
    /** The line under each mask with its IoU. */
    private static final int CAPTION = 13;
    /** The height of the bar of the method's colour under a column title. */
    private static final int BAR = 3;
    private static final Color TRUTH = new Color(40, 200, 80);
    private static final Color PREDICTED = new Color(230, 60, 40);
    static final String TRUE_MASK = "true mask";

    private SceneGallery() {}

    /** One column: its name in the CSV, its method (for the colour; null for the true mask), its title's lines, its masks. */
    record Column(String name, String method, List<String> title, INDArray masks) {}

    /** The mask columns (logits; > 0 is "target"), in order after the scene itself. */
    static List<Column> columns(TransplantExperiment.Gallery g) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(TRUE_MASK, null, List.of(TRUE_MASK), g.labels().sub(0.5))); // 1 -> 0.5 > 0, 0 -> -0.5
        cols.add(new Column("teacher", Condition.TEACHER, List.of("teacher"), g.teacher()));
        g.predictions().forEach((c, p) -> cols.add(new Column(label(c), c.method(), title(c), p)));
        return cols;
    }

    /** A condition's name in the CSV, e.g. "back, 100 unlab.". */
    static String label(Condition c) {
        List<String> parts = new ArrayList<>(List.of(shortName(c.method(), false)));
        parts.addAll(counts(c));
        return String.join(", ", parts);
    }

    /** A condition's column title: the method's short name, then the counts ("10 labels", "100 unlab."). */
    static List<String> title(Condition c) {
        List<String> counts = counts(c);
        return List.of(shortName(c.method(), true), counts.isEmpty() ? "" : String.join(", ", counts));
    }

    private static String shortName(String method, boolean forTitle) {
        return switch (method) {
            case TransplantMethods.SUPERVISED -> "supervised";
            case TransplantMethods.FORWARD -> "forward";
            case TransplantMethods.BACK -> "back";
            case Condition.UNTRAINED -> "untrained";
            case TransplantMethods.BACK_VIEWS -> forTitle ? "back+views" : method;
            case TransplantMethods.BACK_VIEWS_SYNTHESIS -> forTitle ? "back+views+synth." : method;
            case Condition.SCRATCH -> forTitle ? "from scratch" : method;
            default -> method;
        };
    }

    private static List<String> counts(Condition c) {
        List<String> parts = new ArrayList<>();
        if (c.annotations() > 0) {
            parts.add(c.annotations() + " labels");
        }
        if (c.unlabeled() > 0) {
            parts.add(c.unlabeled() + " unlab.");
        }
        return parts;
    }

    /** The caption under a mask: the IoU to two decimals (the CSV keeps every digit). */
    static String caption(double iou) {
        return String.format(java.util.Locale.ROOT, "IoU %.2f", iou);
    }

    /** The picture: {@link #write} saves it beside the IoUs; {@code ious} receives one row per mask panel. */
    static BufferedImage draw(TransplantExperiment.Gallery g, Table ious) {
        List<Column> cols = columns(g);
        int n = (int) g.inputs().size(0);
        int side = (int) g.inputs().size(3) * SCALE;
        int width = GAP + (cols.size() + 1) * (side + GAP);
        int rowHeight = side + CAPTION + GAP;
        BufferedImage out = new BufferedImage(width, HEADER + n * rowHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = Canvas.pen(out, Font.PLAIN, 10);
        gr.drawString(g.category().id() + " scenes (seed " + g.seed() + "); under each mask its IoU against the true mask", GAP, 12);
        gr.drawString("scene", GAP, HEADER - 17);
        for (int j = 0; j < cols.size(); j++) {
            Column col = cols.get(j);
            int x = GAP + (j + 1) * (side + GAP);
            if (col.method() != null) {
                // a bar of the method's colour under its title, as its lines and markers are coloured in the figures
                gr.setColor(Palette.colour(col.method()));
                gr.fillRect(x, HEADER - BAR - 1, side, BAR);
                gr.setColor(Color.BLACK);
            }
            gr.drawString(fit(gr, col.title().get(0), side), x, HEADER - 17);
            if (col.title().size() > 1) {
                gr.drawString(fit(gr, col.title().get(1), side), x, HEADER - 6);
            }
        }
        for (int i = 0; i < n; i++) {
            float[][] scene = g.inputs().get(NDArrayIndex.point(i), NDArrayIndex.point(0)).toFloatMatrix();
            int y = HEADER + i * rowHeight;
            gr.drawImage(panel(scene, null, null), GAP, y, null);
            for (int j = 0; j < cols.size(); j++) {
                Column col = cols.get(j);
                float[][] mask = col.masks().get(NDArrayIndex.point(i), NDArrayIndex.point(0)).toFloatMatrix();
                int x = GAP + (j + 1) * (side + GAP);
                gr.drawImage(panel(scene, mask, col.name().equals(TRUE_MASK) ? TRUTH : PREDICTED), x, y, null);
                double iou = Metrics.meanIoU(col.masks().get(NDArrayIndex.interval(i, i + 1)), g.labels().get(NDArrayIndex.interval(i, i + 1)));
                gr.drawString(caption(iou), x, y + side + CAPTION - 3);
                ious.intColumn("scene").append(i);
                ious.stringColumn("panel").append(col.name());
                ious.doubleColumn("iou").append(iou);
            }
        }
        gr.dispose();
        return out;
    }

    /** Writes the picture to {@code png} and the IoU of every panel to the CSV beside it. */
    public static void write(TransplantExperiment.Gallery g, Path png) {
        Table ious = Table.create("gallery", IntColumn.create("scene"), StringColumn.create("panel"), DoubleColumn.create("iou"));
        BufferedImage out = draw(g, ious);
        AtomicFiles.write(png, tmp -> ImageIO.write(out, "png", tmp.toFile()));
        Results.writeCsv(ious, png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", ".csv")));
    }

    /** {@code s} cut (with an ellipsis) to {@code width} pixels. */
    private static String fit(Graphics2D g, String s, int width) {
        if (g.getFontMetrics().stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && g.getFontMetrics().stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** The scene in grey, with the mask's pixels (logit > 0) tinted. */
    private static BufferedImage panel(float[][] scene, float[][] mask, Color tint) {
        BufferedImage img = new BufferedImage(scene[0].length * SCALE, scene.length * SCALE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < scene.length; y++) {
            for (int x = 0; x < scene[0].length; x++) {
                int v = Math.round(255 * Math.max(0f, Math.min(1f, scene[y][x])));
                Color c = new Color(v, v, v);
                if (mask != null && mask[y][x] > 0) {
                    c = new Color((v + 2 * tint.getRed()) / 3, (v + 2 * tint.getGreen()) / 3, (v + 2 * tint.getBlue()) / 3);
                }
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        img.setRGB(x * SCALE + dx, y * SCALE + dy, c.getRGB());
                    }
                }
            }
        }
        return img;
    }
}
