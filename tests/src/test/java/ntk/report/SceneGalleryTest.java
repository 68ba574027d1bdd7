package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.backend.Backend;
import ntk.data.FashionMnist;
import ntk.protocol.Condition;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** masks.png: every mask panel shows its own IoU under it, the same the CSV holds; the scene column shows none. */
class SceneGalleryTest {
    static final int SIDE = 20;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Two scenes, the target a square in the corner; the method marks half of it, the teacher all of it. */
    static TransplantExperiment.Gallery gallery() {
        INDArray scenes = Nd4j.zeros(DataType.FLOAT, 2, 1, SIDE, SIDE);
        INDArray truth = Nd4j.zeros(DataType.FLOAT, 2, 1, SIDE, SIDE);
        INDArray half = Nd4j.zeros(DataType.FLOAT, 2, 1, SIDE, SIDE).sub(1);
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    scenes.putScalar(new int[] {i, 0, y, x}, 0.8);
                    truth.putScalar(new int[] {i, 0, y, x}, 1);
                    if (x < 5) {
                        half.putScalar(new int[] {i, 0, y, x}, 1);
                    }
                }
            }
        }
        Map<Condition, INDArray> predictions = new LinkedHashMap<>();
        predictions.put(new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 10), half);
        return new TransplantExperiment.Gallery(FashionMnist.SANDAL, 1, scenes, truth, truth.sub(0.5), predictions);
    }

    @Test
    void everyMaskPanelShowsItsIoU(@TempDir Path dir) throws Exception {
        Table ious = Table.create("gallery", IntColumn.create("scene"), StringColumn.create("panel"), DoubleColumn.create("iou"));
        BufferedImage image = SceneGallery.draw(gallery(), ious);
        assertEquals(2 * 3, ious.rowCount(), "true mask, teacher and the method, for two scenes");
        assertTrue(ious.stringColumn("panel").asList().contains("back-distillation+views+synthesis, 10 unlab."), ious.print());
        double method = ious.doubleColumn("iou").get(2);
        assertTrue(method > 0 && method < 1, "the method's mean IoU over target and background: " + method);
        assertEquals("IoU " + String.format(java.util.Locale.ROOT, "%.2f", method), SceneGallery.caption(method));
        assertEquals("IoU 0.82", SceneGallery.caption(0.8189415041782729));
        assertEquals("IoU 1.00", SceneGallery.caption(1.0));

        // under each mask panel a caption (dark text on the white page), under the scene none
        int side = SIDE * 2;
        int header = 46;
        for (int row = 0; row < 2; row++) {
            int captionTop = header + row * (side + 13 + 4) + side;
            assertEquals(0, darkPixels(image, 4, captionTop, side, 13), "no IoU under the scene, row " + row);
            for (int col = 1; col <= 3; col++) {
                int x = 4 + col * (side + 4);
                assertTrue(darkPixels(image, x, captionTop, side, 13) > 20, "no IoU under panel " + col + ", row " + row);
            }
        }
        // the column's title sits above a bar of the method's colour
        int x = 4 + 3 * (side + 4);
        assertEquals(Palette.colour(TransplantMethods.BACK_VIEWS_SYNTHESIS).getRGB() & 0xFFFFFF, image.getRGB(x + 5, header - 2) & 0xFFFFFF);

        Path png = dir.resolve("masks.png");
        SceneGallery.write(gallery(), png);
        List<String> csv = Files.readAllLines(dir.resolve("masks.csv"));
        assertEquals(1 + 6, csv.size());
        assertTrue(csv.contains("0,true mask,1.0") && csv.contains("0,teacher,1.0"), csv.toString());
        assertEquals(List.of("back+views+synth.", "10 unlab."), SceneGallery.title(new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 10)));
    }

    private static int darkPixels(BufferedImage image, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 128 && ((rgb >> 8) & 0xFF) < 128 && (rgb & 0xFF) < 128) {
                    n++;
                }
            }
        }
        return n;
    }
}
