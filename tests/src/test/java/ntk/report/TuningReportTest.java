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
    private static final TransplantSettings START = TunedSettings.STARTING_POINT.get(Task.SEGMENTATION);
    private static final TransplantSettings PROBS = START.withTarget(TransplantSettings.Target.PROBABILITIES, 1.0);

    /** Two target candidates scored 0.50 and {@code second}; the second kept when {@code secondKept}. */
    private static SettingsSearch.Outcome outcome(double second, boolean secondKept) {
        SettingsSearch.Candidate a = new SettingsSearch.Candidate("segmentation-01", "target", "logits", START, false, List.of(100), List.of(1L));
        SettingsSearch.Candidate b = new SettingsSearch.Candidate("segmentation-02", "target", "probabilities T=1", PROBS, false, List.of(100), List.of(1L));
        List<ResultRow> rows = List.of(
                new ResultRow("segmentation", "bag", "segmentation-01", 0, 100, 1, "iou", 0.50),
                new ResultRow("segmentation", "bag", "segmentation-02", 0, 100, 1, "iou", second));
        return new SettingsSearch.Outcome(Task.SEGMENTATION, SettingsSearch.Part.ADAPTER, secondKept ? PROBS : START,
                List.of(new SettingsSearch.Scored(a, 0.50, 0.01, !secondKept), new SettingsSearch.Scored(b, second, 0.02, secondKept)), rows,
                java.util.Map.of("target", 12.34));
    }

    @Test
    void writesCandidatesFigureAndSettingsThatReadBack(@TempDir Path dir) throws Exception {
        TuningReport.write(outcome(0.60, true), dir);
        Table c = Table.read().csv(dir.resolve("segmentation.csv").toFile());
        assertEquals(2, c.rowCount());
        assertEquals("probabilities T=1", c.stringColumn("changes").get(1));
        assertEquals(0.60, c.doubleColumn("validation_iou").get(1), 0.0);
        assertTrue(c.booleanColumn("kept").get(1) && !c.booleanColumn("kept").get(0), "the kept candidate is marked");
        assertEquals(2, Table.read().csv(dir.resolve("segmentation-runs.csv").toFile()).rowCount());
        // the figure drawn again from the CSV alone is the figure drawn from the search
        byte[] drawn = Files.readAllBytes(dir.resolve("segmentation.png"));
        Files.delete(dir.resolve("segmentation.png"));
        assertEquals(List.of(dir.resolve("segmentation.png")), TuningReport.redraw(dir));
        org.junit.jupiter.api.Assertions.assertArrayEquals(drawn, Files.readAllBytes(dir.resolve("segmentation.png")),
                "report --tuning redraws the same figure from segmentation.csv");

        Path settings = dir.resolve(TunedSettings.FILE);
        TunedSettings.write(settings, java.util.Map.of(Task.SEGMENTATION, PROBS, Task.CLASSIFICATION,
                TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION)), "test");
        assertEquals(PROBS, TunedSettings.load(settings).get(Task.SEGMENTATION), "selected settings read back as written");
    }

    /** The figure is drawn from the candidates: another score, or another candidate kept, moves pixels. */
    @Test
    void theFigureShowsEachCandidatesScoreAndWhichWasKept(@TempDir Path dir) throws Exception {
        int[] drawn = pixels(outcome(0.60, true), dir.resolve("a"));
        assertTrue(java.util.Arrays.stream(drawn).distinct().count() > 2, "the figure is blank");
        assertTrue(!java.util.Arrays.equals(drawn, pixels(outcome(0.70, true), dir.resolve("b"))), "a changed score left the figure as it was");
        assertTrue(!java.util.Arrays.equals(drawn, pixels(outcome(0.60, false), dir.resolve("c"))), "another kept candidate left the figure as it was");
    }

    private static int[] pixels(SettingsSearch.Outcome o, Path dir) throws Exception {
        TuningReport.write(o, Files.createDirectories(dir));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(dir.resolve("segmentation.png").toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
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
