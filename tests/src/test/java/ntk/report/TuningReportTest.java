package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.protocol.ResultRow;
import ntk.run.SettingsSearch;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The tuning outputs: a row per candidate in search order, the kept ones marked, a figure and the selection file. */
class TuningReportTest {
    @Test
    void writesCandidatesFigureAndSettingsThatReadBack(@TempDir Path dir) throws Exception {
        TransplantSettings start = TunedSettings.STARTING_POINT.get(Task.SEGMENTATION);
        TransplantSettings probs = start.withTarget(TransplantSettings.Target.PROBABILITIES, 1.0);
        SettingsSearch.Candidate a = new SettingsSearch.Candidate("segmentation-01", "target", "logits", start, false, List.of(100), List.of(1L));
        SettingsSearch.Candidate b = new SettingsSearch.Candidate("segmentation-02", "target", "probabilities T=1", probs, false, List.of(100), List.of(1L));
        List<ResultRow> rows = List.of(
                new ResultRow("segmentation", "bag", "segmentation-01", 0, 100, 1, "iou", 0.50),
                new ResultRow("segmentation", "bag", "segmentation-02", 0, 100, 1, "iou", 0.60));
        SettingsSearch.Outcome o = new SettingsSearch.Outcome(Task.SEGMENTATION, SettingsSearch.Part.ADAPTER, probs,
                List.of(new SettingsSearch.Scored(a, 0.50, 0.01, false), new SettingsSearch.Scored(b, 0.60, 0.02, true)), rows,
                java.util.Map.of("target", 12.34));

        TuningReport.write(o, dir);
        Table c = Table.read().csv(dir.resolve("segmentation.csv").toFile());
        assertEquals(2, c.rowCount());
        assertEquals("probabilities T=1", c.stringColumn("changes").get(1));
        assertEquals(0.60, c.doubleColumn("validation_iou").get(1), 0.0);
        assertTrue(c.booleanColumn("kept").get(1) && !c.booleanColumn("kept").get(0), "the kept candidate is marked");
        assertEquals("real unlabeled 100, seed 1", c.stringColumn("scored_at").get(0));
        assertEquals(12.3, c.doubleColumn("stage_seconds").get(1), 0.0, "each stage's cost beside its candidates");
        assertTrue(Files.size(dir.resolve("segmentation.png")) > 10_000, "a figure was drawn");
        assertEquals(2, Table.read().csv(dir.resolve("segmentation-runs.csv").toFile()).rowCount());
        // the figure drawn again from the CSV alone is the figure drawn from the search
        byte[] drawn = Files.readAllBytes(dir.resolve("segmentation.png"));
        Files.delete(dir.resolve("segmentation.png"));
        assertEquals(List.of(dir.resolve("segmentation.png")), TuningReport.redraw(dir));
        org.junit.jupiter.api.Assertions.assertArrayEquals(drawn, Files.readAllBytes(dir.resolve("segmentation.png")),
                "report --tuning redraws the same figure from segmentation.csv");

        Path settings = dir.resolve(TunedSettings.FILE);
        TunedSettings.write(settings, java.util.Map.of(Task.SEGMENTATION, probs, Task.CLASSIFICATION,
                TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION)), "test");
        assertEquals(probs, TunedSettings.load(settings).get(Task.SEGMENTATION), "selected settings read back as written");
    }

    @Test
    void settingsFileWithAnUnknownKeyNamesIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(TunedSettings.FILE);
        TunedSettings.write(f, TunedSettings.STARTING_POINT, "test");
        Files.writeString(f, Files.readString(f).replace("\"probes\"", "\"probs\""));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(ntk.data.DataException.class, () -> TunedSettings.load(f));
        assertTrue(e.getMessage().contains("probes") && e.getMessage().contains(f.toString()), e.getMessage());
    }
}
