package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import ntk.config.ExperimentConfig;
import ntk.generic.Task;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.Condition;
import ntk.protocol.ConditionPlan;
import ntk.protocol.ResultRow;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The report redraws summaries and figures from comparison.csv alone. */
class ComparisonReportTest {

    /** Made-up runs for the fast config: error = 0.1 * seed-independent level + 0.01 * seed. */
    private static List<ResultRow> rows(ExperimentConfig config) {
        List<ResultRow> rows = new ArrayList<>();
        String category = config.categories().transplanted().get(0).id();
        for (Condition c : ConditionPlan.classification(config)) {
            for (long seed : List.of(1L, 2L)) {
                // forward distillation a hair apart: runs equal to back-distillation's to the bit would be reported once (RepeatedRuns)
                double value = 0.1 + 0.01 * seed + 0.001 * c.annotations() + (c.method().equals(TransplantMethods.FORWARD) ? 1e-9 : 0);
                rows.add(new ResultRow("classification", category, c.method(), c.annotations(), c.unlabeled(), seed,
                        ClassificationProtocol.METRIC, value));
                rows.add(new ResultRow("classification", category, c.method(), c.annotations(), c.unlabeled(), seed,
                        TransplantExperiment.SECONDS, 1.5));
            }
        }
        return rows;
    }

    @Test
    void summariesAndFiguresComeBackFromTheCsv(@TempDir Path dir) throws Exception {
        ExperimentConfig config = ExperimentConfig.fast();
        Results.writeCsv(Results.table(rows(config)), dir.resolve("comparison.csv"));
        Table runs = ComparisonReport.readRuns(dir.resolve("comparison.csv"));
        assertEquals(4 * ConditionPlan.classification(config).size(), runs.rowCount());

        String text = ComparisonReport.write(config, Task.CLASSIFICATION, runs, dir);

        Table summary = ComparisonReport.readRuns(dir.resolve("comparison.csv"));
        assertEquals(runs.rowCount(), summary.rowCount(), "the report must not touch comparison.csv");
        Table avg = Table.read().csv(dir.resolve("summary.csv").toFile());
        Table sup10 = avg.where(avg.stringColumn("method").isEqualTo(TransplantMethods.SUPERVISED).and(avg.intColumn("annotations").isEqualTo(10)));
        assertEquals(1, sup10.rowCount());
        assertEquals(0.1 + 0.015 + 0.01, sup10.doubleColumn("mean").get(0), 1e-12, "mean over seeds 1 and 2");
        assertEquals(Math.sqrt(0.5) * 0.01, sup10.doubleColumn("std").get(0), 1e-12, "sample std of two seeds");
        for (String png : List.of("error_vs_annotations.png", "error_vs_unlabeled.png", "error_vs_real_images.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png + " is not a picture");
            assertTrue(Files.isRegularFile(dir.resolve(png.replace(".png", ".csv"))), png + " has no CSV beside it");
        }
        assertTrue(text.contains("supervised") && text.contains("0.125 ± 0.007"), text);
        // the paired evidence sits beside the summaries, so `report` redraws it from comparison.csv too
        Table paired = Table.read().csv(dir.resolve(PairedReport.FILE).toFile());
        assertEquals(ConditionPlan.classification(config).stream().filter(c -> c.annotations() == 0
                && TransplantMethods.isKnown(c.method()) && !c.method().equals(TransplantMethods.SUPERVISED)).count(), paired.rowCount(), paired.print());
        assertTrue(Files.isRegularFile(dir.resolve(PairedReport.PER_CATEGORY_FILE)) && Files.isRegularFile(dir.resolve(PairedReport.DIFFERENCES_FILE)));
        assertTrue(text.contains("paired evidence") && text.contains("10,000 resamples"), text);
    }

    /** The CSV beside each figure holds the rows the figure draws: the teacher's line too. */
    @Test
    void theFiguresCsvsHoldTheTeachersRow(@TempDir Path dir) throws Exception {
        Path task = MadeUpRuns.classification(dir, 0).resolve("classification");
        ComparisonReport.write(ExperimentConfig.fast(), Task.CLASSIFICATION, ComparisonReport.readRuns(task.resolve("comparison.csv")), task);
        for (String csv : List.of("error_vs_annotations.csv", "error_vs_unlabeled.csv")) {
            Table t = Table.read().csv(task.resolve(csv).toFile());
            Table teacher = t.where(t.stringColumn("method").isEqualTo(Condition.TEACHER));
            assertEquals(1, teacher.rowCount(), csv + ": " + t.print());
            assertEquals(0.02, teacher.doubleColumn("mean").get(0), 1e-12);
        }
    }

    @Test
    void aMissingCsvSaysToRunTheMainJobFirst(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComparisonReport.readRuns(dir.resolve("comparison.csv")));
        assertTrue(e.getMessage().contains("run `reproduce` first"), e.getMessage());
    }
}
