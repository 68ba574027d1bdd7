package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.protocol.TaskProtocol;
import ntk.run.SequentialApproaches;
import ntk.run.SequentialExperiment;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** Average, forgetting and backward transfer on hand-made LEGO rows whose answers are worked out by hand. */
class ContinualMetricsTest {

    private static SequentialExperiment.Row row(String approach, int step, String added, Task task, Category c, double value) {
        return new SequentialExperiment.Row(approach, step, added, task, c, TaskProtocol.metricOf(task), value, "");
    }

    /**
     * Classification error (lower is better): t-shirt 0.20 at step 0, 0.10 after sandal joins (it
     * improved), 0.15 after shirt; sandal 0.30 when learned, 0.50 after shirt; shirt 0.40.
     * Segmentation IoU (higher is better): t-shirt 0.6, then 0.5; sandal 0.7.
     */
    static List<SequentialExperiment.Row> handMade() {
        String a = SequentialApproaches.FINE_TUNE;
        Task cl = Task.CLASSIFICATION;
        Task seg = Task.SEGMENTATION;
        return List.of(
                row(a, 0, "base", cl, FashionMnist.TSHIRT, 0.20),
                row(a, 1, "sandal", cl, FashionMnist.TSHIRT, 0.10), row(a, 1, "sandal", cl, FashionMnist.SANDAL, 0.30),
                row(a, 2, "shirt", cl, FashionMnist.TSHIRT, 0.15), row(a, 2, "shirt", cl, FashionMnist.SANDAL, 0.50),
                row(a, 2, "shirt", cl, FashionMnist.SHIRT, 0.40),
                row(a, 0, "base", seg, FashionMnist.TSHIRT, 0.6),
                row(a, 1, "sandal", seg, FashionMnist.TSHIRT, 0.5), row(a, 1, "sandal", seg, FashionMnist.SANDAL, 0.7));
    }

    private static Row at(Table t, Task task, int step) {
        Table m = t.where(t.stringColumn("task").isEqualTo(task.id()).and(t.intColumn("step").isEqualTo(step)));
        assertEquals(1, m.rowCount(), task + " step " + step);
        return m.row(0);
    }

    @Test
    void errorMetricsCountARiseAsForgettingAndAFallAsPositiveTransfer() {
        Table t = ContinualMetrics.of(handMade());
        System.out.println(t.printAll());
        Row s0 = at(t, Task.CLASSIFICATION, 0);
        assertEquals(0.20, s0.getDouble("average"), 1e-12);
        assertTrue(Double.isNaN(s0.getDouble("forgetting_pos_worse")), "no earlier category at step 0");
        assertTrue(Double.isNaN(s0.getDouble("bwt_pos_better")));
        Row s1 = at(t, Task.CLASSIFICATION, 1);
        assertEquals(0.20, s1.getDouble("average"), 1e-12);
        assertEquals(-0.10, s1.getDouble("forgetting_pos_worse"), 1e-12, "t-shirt's error fell 0.20 -> 0.10");
        assertEquals(0.10, s1.getDouble("bwt_pos_better"), 1e-12);
        Row s2 = at(t, Task.CLASSIFICATION, 2);
        assertEquals(0.35, s2.getDouble("average"), 1e-12);
        // t-shirt: best 0.10 -> 0.15 (forgot 0.05) but 0.20 when learned -> 0.15 (BWT +0.05); sandal: 0.30 -> 0.50
        assertEquals((0.05 + 0.20) / 2, s2.getDouble("forgetting_pos_worse"), 1e-12);
        assertEquals((0.05 - 0.20) / 2, s2.getDouble("bwt_pos_better"), 1e-12);
        assertEquals(2, s2.getInt("earlier_categories"));
    }

    @Test
    void iouMetricsCountAFallAsForgetting() {
        Table t = ContinualMetrics.of(handMade());
        Row s1 = at(t, Task.SEGMENTATION, 1);
        assertEquals(0.6, s1.getDouble("average"), 1e-12);
        assertEquals(0.1, s1.getDouble("forgetting_pos_worse"), 1e-12);
        assertEquals(-0.1, s1.getDouble("bwt_pos_better"), 1e-12);
    }

    /** Every approach and every one of the ten categories: the figure is written for looking at, under target/. */
    @Test
    void figureShowsFourPanelsWithEveryCategoryNamed() throws Exception {
        List<SequentialExperiment.Row> rows = new ArrayList<>();
        List<Category> base = List.of(FashionMnist.TSHIRT, FashionMnist.TROUSER, FashionMnist.PULLOVER, FashionMnist.DRESS, FashionMnist.COAT, FashionMnist.BAG);
        List<Category> added = List.of(FashionMnist.SANDAL, FashionMnist.SHIRT, FashionMnist.SNEAKER, FashionMnist.ANKLE_BOOT);
        for (String a : SequentialExperiment.APPROACHES) {
            List<Category> present = new ArrayList<>(base);
            for (int step = 0; step <= added.size(); step++) {
                if (step > 0) {
                    present.add(added.get(step - 1));
                }
                for (Category c : present) {
                    double drift = a.equals(SequentialApproaches.TRANSPLANT) ? 0 : 0.03 * step * (1 + c.label() % 3);
                    rows.add(row(a, step, step == 0 ? "base" : added.get(step - 1).id(), Task.CLASSIFICATION, c, 0.05 + 0.01 * c.label() + drift));
                }
            }
        }
        Path dir = Path.of("target", "sequential-report-check");
        Files.createDirectories(dir);
        String text = SequentialReport.write(rows, dir);
        System.out.println(text);
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("classification.png").toFile());
        assertEquals(2 * 640, png.getWidth());
        assertEquals(2 * 480, png.getHeight());
        Table summary = Table.read().csv(dir.resolve("sequential_summary.csv").toFile());
        assertEquals(SequentialExperiment.APPROACHES.size() * (added.size() + 1), summary.rowCount());
    }
}
