package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Where back-distillation repeats forward distillation's runs bit for bit (λ = 0 selected), the
 * reports show them once and say so; a single differing score keeps both.
 */
class RepeatedRunsTest {
    /** Segmentation-like runs: back-distillation equal to forward at 100 scenes (timings apart), different at 1,000 in one run. */
    private static Table runs() {
        List<ResultRow> rows = new ArrayList<>();
        for (String category : List.of("sneaker", "ankle-boot")) { // the fast preset's new categories
            for (long seed : List.of(1L, 2L)) {
                double s = 0.01 * seed + (category.equals("ankle-boot") ? 0.1 : 0);
                rows.add(new ResultRow("segmentation", category, TransplantMethods.SUPERVISED, 100, 0, seed, "iou", 0.55 + s));
                for (int pool : List.of(100, 1000)) {
                    rows.add(new ResultRow("segmentation", category, TransplantMethods.FORWARD, 0, pool, seed, "iou", 0.5 + s));
                    boolean odd = pool == 1000 && seed == 2 && category.equals("ankle-boot");
                    rows.add(new ResultRow("segmentation", category, TransplantMethods.BACK, 0, pool, seed, "iou", 0.5 + s + (odd ? 1e-12 : 0)));
                    rows.add(new ResultRow("segmentation", category, TransplantMethods.FORWARD, 0, pool, seed, TransplantExperiment.SECONDS, 1.0));
                    rows.add(new ResultRow("segmentation", category, TransplantMethods.BACK, 0, pool, seed, TransplantExperiment.SECONDS, 2.0));
                }
            }
        }
        return Results.table(rows);
    }

    @Test
    void backDistillationEqualToForwardToTheBitIsDroppedAndOneDifferenceKeepsIt() {
        Table runs = runs();
        assertEquals(Set.of(100), RepeatedRuns.backRepeatsForward(runs), "timings aside, only the pool of 100 repeats");
        Table shown = RepeatedRuns.withoutRepeats(runs);
        assertEquals(runs.rowCount() - 8, shown.rowCount(), "back-distillation's eight rows at 100 (scores and timings) left out");
        assertFalse(shown.where(shown.stringColumn("method").isEqualTo(TransplantMethods.BACK).and(shown.intColumn("unlabeled").isEqualTo(100)))
                .rowCount() > 0);
        assertTrue(RepeatedRuns.note(runs).contains("[100]"), RepeatedRuns.note(runs));
        assertEquals("", RepeatedRuns.note(shown), "nothing repeats once the repeats are out");
    }

    @Test
    void theReadmesPairedTableLabelsTheRepeatedCell() {
        Table runs = runs();
        String table = PairedTables.compact(Map.of(Task.SEGMENTATION, PairedEvidence.of(RepeatedRuns.withoutRepeats(runs), "iou")),
                Map.of(Task.SEGMENTATION, RepeatedRuns.repeated(runs)));
        assertTrue(table.contains("| back, 100 unlabeled | = forward, 100 unlabeled (λ = 0: the same runs) |"), table);
        assertTrue(table.contains("| back, 1000 unlabeled | -0.050"), "a condition that differs keeps its own row: " + table);
        assertEquals(List.of(new Condition(TransplantMethods.BACK, 0, 100)), RepeatedRuns.repeated(runs));
    }

    @Test
    void aReportWritesTheRepeatedConditionOnce(@org.junit.jupiter.api.io.TempDir Path dir) {
        Table runs = runs();
        String printed = ComparisonReport.write(ntk.config.ExperimentConfig.fast(), Task.SEGMENTATION, runs, dir);
        assertTrue(printed.contains("repeats forward distillation's runs bit for bit"), printed);
        Table summary = Table.read().csv(dir.resolve("summary.csv").toFile());
        assertEquals(0, summary.where(summary.stringColumn("method").isEqualTo(TransplantMethods.BACK)
                .and(summary.intColumn("unlabeled").isEqualTo(100))).rowCount(), "summary.csv lists back-distillation at 100 once, as forward");
    }
}
