package ntk.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * over the scene. The CSV beside it holds every panel's IoU.
 */
public final class SceneGallery {
    private static final int SCALE = 2;
    private static final int GAP = 4;
    private static final int HEADER = 30;
    private static final Color TRUTH = new Color(40, 200, 80);
    private static final Color PREDICTED = new Color(230, 60, 40);

    private SceneGallery() {}

    /** The panels' titles and masks (logits; > 0 is "target"), in column order after the scene itself. */
    static Map<String, INDArray> columns(TransplantExperiment.Gallery g) {
        Map<String, INDArray> cols = new LinkedHashMap<>();
        cols.put("true mask", g.labels().sub(0.5)); // 1 -> 0.5 > 0, 0 -> -0.5
        cols.put("teacher", g.teacher());
        g.predictions().forEach((c, p) -> cols.put(label(c), p));
        return cols;
    }

    static String label(Condition c) {
        String m = switch (c.method()) {
            case TransplantMethods.SUPERVISED -> "supervised";
            case TransplantMethods.FORWARD -> "forward";
            case TransplantMethods.BACK -> "back";
            case Condition.UNTRAINED -> "untrained";
            default -> c.method();
        };
        List<String> parts = new ArrayList<>(List.of(m));
        if (c.annotations() > 0) {
            parts.add(c.annotations() + " labels");
        }
        if (c.unlabeled() > 0) {
            parts.add(c.unlabeled() + " unlab.");
        }
        return String.join(", ", parts);
    }

    /** Writes the picture to {@code png} and the IoU of every panel to the CSV beside it. */
    public static void write(TransplantExperiment.Gallery g, Path png) {
        Map<String, INDArray> cols = columns(g);
        int n = (int) g.inputs().size(0);
        int side = (int) g.inputs().size(3) * SCALE;
        int width = GAP + (cols.size() + 1) * (side + GAP);
        BufferedImage out = new BufferedImage(width, HEADER + n * (side + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = Canvas.pen(out, Font.PLAIN, 10);
        gr.drawString(g.category().id() + " scenes (seed " + g.seed() + ")", GAP, 12);
        List<String> titles = new ArrayList<>(List.of("scene"));
        titles.addAll(cols.keySet());
        for (int j = 0; j < titles.size(); j++) {
            gr.drawString(titles.get(j), GAP + j * (side + GAP), HEADER - 4);
        }
        Table ious = Table.create("gallery", IntColumn.create("scene"), StringColumn.create("panel"), DoubleColumn.create("iou"));
        for (int i = 0; i < n; i++) {
            float[][] scene = g.inputs().get(NDArrayIndex.point(i), NDArrayIndex.point(0)).toFloatMatrix();
            int y = HEADER + i * (side + GAP);
            gr.drawImage(panel(scene, null, null), GAP, y, null);
            int j = 1;
            for (Map.Entry<String, INDArray> e : cols.entrySet()) {
                float[][] mask = e.getValue().get(NDArrayIndex.point(i), NDArrayIndex.point(0)).toFloatMatrix();
                gr.drawImage(panel(scene, mask, e.getKey().equals("true mask") ? TRUTH : PREDICTED), GAP + j * (side + GAP), y, null);
                ious.intColumn("scene").append(i);
                ious.stringColumn("panel").append(e.getKey());
                ious.doubleColumn("iou").append(Metrics.meanIoU(e.getValue().get(NDArrayIndex.interval(i, i + 1)),
                        g.labels().get(NDArrayIndex.interval(i, i + 1))));
                j++;
            }
        }
        gr.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(out, "png", tmp.toFile()));
        Results.writeCsv(ious, png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", ".csv")));
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
