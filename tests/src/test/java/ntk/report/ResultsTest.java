package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.ResultRow;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Result rows as Tablesaw tables and CSV files. */
class ResultsTest {
    @Test
    void resultsTablesAndCsv(@TempDir Path dir) throws Exception {
        List<ResultRow> rows = List.of(
                new ResultRow("classification", "sandal", TransplantMethods.BACK, 0, 10, 1, ClassificationProtocol.METRIC, 0.10),
                new ResultRow("classification", "sandal", TransplantMethods.BACK, 0, 10, 2, ClassificationProtocol.METRIC, 0.20),
                new ResultRow("classification", "shirt", TransplantMethods.BACK, 0, 10, 1, ClassificationProtocol.METRIC, 0.30),
                new ResultRow("classification", "shirt", TransplantMethods.BACK, 0, 10, 2, ClassificationProtocol.METRIC, 0.40),
                new ResultRow("classification", "shirt", TransplantMethods.BACK, 0, 10, 2, TransplantExperiment.SECONDS, 12.0));
        Table runs = Results.table(rows);
        assertEquals(5, runs.rowCount());
        Table per = Results.perCategory(runs, ClassificationProtocol.METRIC);
        Table sandal = per.where(per.stringColumn("category").isEqualTo("sandal"));
        assertEquals(0.15, sandal.doubleColumn("mean").get(0), 1e-12);
        assertEquals(Math.sqrt(0.005), sandal.doubleColumn("std").get(0), 1e-12);
        Table avg = Results.averaged(runs, ClassificationProtocol.METRIC, List.of("sandal", "shirt"));
        assertEquals(1, avg.rowCount());
        // Per seed: (0.1 + 0.3) / 2 = 0.2 and (0.2 + 0.4) / 2 = 0.3; mean 0.25, sample std of the two.
        assertEquals(0.25, avg.doubleColumn("mean").get(0), 1e-12);
        assertEquals(Math.sqrt(0.005), avg.doubleColumn("std").get(0), 1e-12);
        assertEquals(2, ((Number) avg.column("n").get(0)).intValue());

        Path csv = dir.resolve("sub").resolve("comparison.csv");
        Results.writeCsv(runs, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("task,category,method,annotations,unlabeled,seed,metric,value", lines.get(0));
        assertEquals(6, lines.size());
        Table seconds = Results.averaged(runs, TransplantExperiment.SECONDS, List.of("shirt"));
        assertEquals(12.0, seconds.doubleColumn("mean").get(0), 0.0, "metrics must not be mixed");
        try (var files = Files.list(csv.getParent())) {
            assertEquals(List.of(csv), files.toList(), "temporary files left beside the CSV");
        }
    }

    @Test
    void oneConditionsMeanIsOneCallAndAnAmbiguousOrMissingConditionIsNamed() {
        List<ResultRow> rows = List.of(
                new ResultRow("classification", "sandal", TransplantMethods.BACK, 0, 10, 1, ClassificationProtocol.METRIC, 0.10),
                new ResultRow("classification", "sandal", TransplantMethods.BACK, 0, 100, 1, ClassificationProtocol.METRIC, 0.05),
                new ResultRow("classification", "sandal", TransplantMethods.SUPERVISED, 10, 0, 1, ClassificationProtocol.METRIC, 0.30),
                new ResultRow("classification", "shirt", TransplantMethods.SUPERVISED, 10, 0, 1, ClassificationProtocol.METRIC, 0.50));
        Table avg = Results.averaged(Results.table(rows), ClassificationProtocol.METRIC, List.of("sandal", "shirt"));
        assertEquals(0.40, Results.mean(avg, TransplantMethods.SUPERVISED, 10), 1e-12);
        assertEquals(0.05, Results.mean(avg, TransplantMethods.BACK, 0, 100), 1e-12);
        var several = assertThrows(IllegalArgumentException.class, () -> Results.mean(avg, TransplantMethods.BACK, 0));
        assertTrue(several.getMessage().contains("unlabeled pool size"), several.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Results.mean(avg, TransplantMethods.BACK, 0, 1000));
        assertTrue(none.getMessage().contains(TransplantMethods.BACK + " 0/100"), none.getMessage());
        Table per = Results.perCategory(Results.table(rows), ClassificationProtocol.METRIC);
        var mixed = assertThrows(IllegalArgumentException.class, () -> Results.mean(per, TransplantMethods.SUPERVISED, 10));
        assertTrue(mixed.getMessage().contains("one category"), mixed.getMessage());
    }
}
