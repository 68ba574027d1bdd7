package ntk.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import ntk.data.Category;
import ntk.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The experiment's declarative parts: conditions, nested annotation sets, result tables. */
class ExperimentConfigTest {
    @Test
    void fastConfigRunsEveryMethodOnce() {
        ExperimentConfig f = ExperimentConfig.fast();
        List<Condition> c = f.conditions();
        assertEquals(new Condition(Condition.UNTRAINED, 0, 0), c.get(0));
        assertTrue(c.contains(new Condition(Condition.SUPERVISED, 10, 0)));
        assertTrue(c.contains(new Condition(Condition.FORWARD, 0, 100)));
        assertTrue(c.contains(new Condition(Condition.BACK, 0, 10)));
        assertTrue(c.contains(new Condition(Condition.BACK, 100, 100)));
        assertFalse(c.stream().anyMatch(x -> x.method().equals(Condition.SCRATCH)));
        assertEquals(c.size(), c.stream().distinct().count(), "conditions repeat");
        assertEquals(100, f.maxAnnotations());
        assertEquals(100, f.maxPool());
        assertTrue(ExperimentConfig.full().conditions().contains(new Condition(Condition.SCRATCH, 100, 0)));
        assertEquals(1000, ExperimentConfig.full().maxPool());
        for (ExperimentConfig config : List.of(f, ExperimentConfig.full())) {
            assertTrue(config.newCategories().stream().noneMatch(config.baseCategories()::contains));
        }
    }

    @Test
    void annotatedSamplesAreNestedAndBalancedAtEveryEvenBudget() {
        ImageSet s = ntk.SyntheticImages.thousand();
        int[] idx = ClassificationProtocol.nestedAnnotated(s, Category.SANDAL, 100, 4);
        assertEquals(100, idx.length);
        assertEquals(100, Arrays.stream(idx).distinct().count());
        for (int k = 2; k <= 100; k += 2) {
            int kk = k;
            long pos = Arrays.stream(idx, 0, k).filter(i -> s.label(i) == Category.SANDAL.label()).count();
            assertEquals(kk / 2, pos, "positives among the first " + k);
        }
    }

    @Test
    void resultsTablesAndCsv(@TempDir Path dir) throws Exception {
        List<ResultRow> rows = List.of(
                new ResultRow("classification", "sandal", Condition.BACK, 0, 10, 1, ClassificationProtocol.METRIC, 0.10),
                new ResultRow("classification", "sandal", Condition.BACK, 0, 10, 2, ClassificationProtocol.METRIC, 0.20),
                new ResultRow("classification", "shirt", Condition.BACK, 0, 10, 1, ClassificationProtocol.METRIC, 0.30),
                new ResultRow("classification", "shirt", Condition.BACK, 0, 10, 2, ClassificationProtocol.METRIC, 0.40),
                new ResultRow("classification", "shirt", Condition.BACK, 0, 10, 2, TransplantExperiment.SECONDS, 12.0));
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
}
