package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.ResultRow;
import ntk.report.ReadmeTables;
import ntk.report.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `report --readme` rewrites the result tables of every document it is given (the README and docs/results.md). */
class ReportReadmeCommandTest {

    @Test
    void everyDocumentGivenIsRewritten(@TempDir Path dir) throws Exception {
        Path reference = ntk.report.MadeUpRuns.classification(dir.resolve("reference"), 0);
        Path readme = dir.resolve("README.md");
        Path results = dir.resolve("results.md");
        Files.writeString(readme, "# Kit\n\n<!-- table classification -->\nold\n<!-- end table -->\n");
        Files.writeString(results, "# Results\n\n<!-- table classification-per-category -->\nold\n<!-- end table -->\n\nmore text\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"report", "--readme", readme.toString(), results.toString(), "--out", reference.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "" + err);

        String r = Files.readString(readme);
        String s = Files.readString(results);
        assertEquals(List.of(), ReadmeTables.stale(r, reference), r);
        assertEquals(List.of(), ReadmeTables.stale(s, reference), s);
        assertTrue(r.contains("| **supervised adapter (the 100-sample baseline)** |") && !r.contains("\nold\n"), r);
        assertTrue(s.contains("| supervised, 100 labels |") && s.endsWith("<!-- end table -->\n\nmore text\n"), s);
    }

    /** `report --spread` pairs a spread folder's runs draw by draw and says why it gives no interval. */
    @Test
    void spreadFoldersGetTheirPairedFile(@TempDir Path dir) throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        for (long draw : List.of(2019L, 2020L, 2021L)) {
            rows.add(new ResultRow("classification", "sneaker", ntk.transplant.TransplantMethods.SUPERVISED, 100, 0, draw,
                    ClassificationProtocol.METRIC, 0.08));
            rows.add(new ResultRow("classification", "sneaker", ntk.transplant.TransplantMethods.BACK, 0, 100, draw,
                    ClassificationProtocol.METRIC, 0.05 + 0.01 * (draw - 2019)));
        }
        tech.tablesaw.api.Table runs = Results.table(rows);
        runs.column("seed").setName("pretrain_seed"); // as spread writes it
        Results.writeCsv(runs, dir.resolve("classification.csv"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"report", "--spread", dir.toString(), "--tasks", "classification"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "" + err);
        tech.tablesaw.api.Table paired = tech.tablesaw.api.Table.read().csv(dir.resolve("classification-paired.csv").toFile());
        assertEquals("no interval: 3 pre-training draws are too few for a bootstrap, so none is computed", paired.stringColumn("interval").get(0));
        assertEquals(-0.02, paired.doubleColumn("mean_difference").get(0), 1e-12, "draws differ by -0.03, -0.02, -0.01");
        assertEquals(3, paired.intColumn("draws_won").get(0));
    }
}
