package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ntk.protocol.ResultRow;
import ntk.report.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `verify` on small hand-made results folders: what passes, what fails, and that it names the rows that fail. */
class VerifyCommandTest {
    private record Outcome(int code, String out, String err) {}

    private static final double BACK_ERROR = 0.0612345678901234;

    private static List<ResultRow> rows(double backError) {
        return new ArrayList<>(List.of(
                new ResultRow("classification", "sandal", "teacher", 0, 0, 1, "balanced_error", 0.0134),
                new ResultRow("classification", "sandal", "supervised", 100, 0, 1, "balanced_error", 0.05),
                new ResultRow("classification", "sandal", "back-distillation", 0, 100, 1, "balanced_error", backError),
                new ResultRow("classification", "sandal", "back-distillation", 0, 100, 1, "seconds", 6.4)));
    }

    /** A results folder as `reproduce` lays it out: classification/comparison.csv and sequential/sequential.csv. */
    private static Path folder(Path root, String name, List<ResultRow> rows, double sequentialScore) throws IOException {
        Path dir = root.resolve(name);
        Results.writeCsv(Results.table(rows), dir.resolve("classification").resolve("comparison.csv"));
        Files.createDirectories(dir.resolve("sequential"));
        Files.writeString(dir.resolve("sequential").resolve("sequential.csv"), String.join("\n",
                "approach,step,added,task,category,metric,value,output_sha256",
                "transplant,0,,classification,t-shirt,balanced_error,0.07,ab12",
                "transplant,1,sandal,classification,sandal,balanced_error," + sequentialScore + ",cd34", ""));
        return dir;
    }

    private static Outcome verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void identicalResultsAreAllEqual(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        Path rerun = folder(root, "rerun", rows(BACK_ERROR), 0.031);
        Outcome o = verify("verify", "--against", reference.toString(), rerun.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("all rows equal (5 of 5"), "three comparison scores (not the timing) and two LEGO scores: " + o.out());
    }

    @Test
    void aDifferenceBelowTheToleranceStillPasses(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        Path rerun = folder(root, "rerun", rows(BACK_ERROR + 1e-12), 0.031);
        Outcome o = verify("verify", "--against", reference.toString(), "--tolerance", "1e-9", rerun.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("within tolerance") && o.out().contains("back-distillation"), o.out());
        assertTrue(o.out().matches("(?s).*within tolerance\\s*\\|\\s*1\\b.*"), "one row within tolerance: " + o.out());
    }

    @Test
    void aLargerDifferenceFailsAndNamesTheRow(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        Path rerun = folder(root, "rerun", rows(BACK_ERROR + 0.01), 0.031);
        Outcome o = verify("verify", "--against", reference.toString(), "--tolerance", "1e-9", rerun.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("classification, sandal, back-distillation, 0 annotations, 100 unlabeled, seed 1, balanced_error"), o.out());
        assertTrue(o.out().matches("(?s).*different\\s*\\|\\s*1\\b.*"), "one row different: " + o.out());
    }

    @Test
    void aChangedSequentialScoreFailsToo(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        Path rerun = folder(root, "rerun", rows(BACK_ERROR), 0.032);
        Outcome o = verify("verify", "--against", reference.toString(), rerun.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("sequential, transplant, step 1, classification, sandal"), o.out());
    }

    @Test
    void timingsAreNotCompared(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        List<ResultRow> slower = rows(BACK_ERROR);
        slower.set(3, new ResultRow("classification", "sandal", "back-distillation", 0, 100, 1, "seconds", 60.0));
        Outcome o = verify("verify", "--against", reference.toString(), folder(root, "rerun", slower, 0.031).toString());
        assertEquals(0, o.code(), o.out() + o.err());
    }

    @Test
    void aMissingRowIsDifferent(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        List<ResultRow> fewer = rows(BACK_ERROR);
        fewer.remove(1);
        Outcome o = verify("verify", "--against", reference.toString(), folder(root, "rerun", fewer, 0.031).toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("classification, sandal, supervised, 100 annotations, 0 unlabeled, seed 1, balanced_error"), o.out());
        assertTrue(o.out().matches("(?s).*missing\\s*\\|\\s*1\\b.*"), "one row missing: " + o.out());
    }

    @Test
    void missingFoldersSayWhatToRun(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        Outcome noReference = verify("verify", "--against", root.resolve("reference-fast").toString(), reference.toString());
        assertEquals(2, noReference.code(), noReference.out() + noReference.err());
        assertTrue(noReference.err().contains("reproduce --fast --reference --out"), noReference.err());
        Outcome noResults = verify("verify", "--against", reference.toString(), root.resolve("results").toString());
        assertEquals(2, noResults.code(), noResults.out() + noResults.err());
        assertTrue(noResults.err().contains("run `ntk reproduce` first"), noResults.err());
    }

    @Test
    void aRunOfSomePartsIsComparedOnThoseAndNamesTheRest(@TempDir Path root) throws Exception {
        Path reference = folder(root, "reference", rows(BACK_ERROR), 0.031);
        Results.writeCsv(Results.table(List.of(new ResultRow("segmentation", "sandal", "supervised", 100, 0, 1, "iou", 0.5))),
                reference.resolve("segmentation").resolve("comparison.csv"));
        Path rerun = folder(root, "rerun", rows(BACK_ERROR), 0.031);
        Outcome o = verify("verify", "--against", reference.toString(), rerun.toString());
        assertEquals(0, o.code(), "the main job's rerun holds no segmentation: " + o.out() + o.err());
        assertTrue(o.out().contains("not compared, not in " + rerun + ": segmentation") && o.out().contains("reproduce --tasks"), o.out());

        Path segmentationOnly = root.resolve("segmentation-only");
        Results.writeCsv(Results.table(List.of(new ResultRow("segmentation", "sandal", "supervised", 100, 0, 1, "iou", 0.51))),
                segmentationOnly.resolve("segmentation").resolve("comparison.csv"));
        o = verify("verify", "--against", reference.toString(), segmentationOnly.toString());
        assertEquals(1, o.code(), "a changed score of the part that ran still fails: " + o.out() + o.err());
        assertTrue(o.out().contains("(segmentation)") && o.out().contains("classification, sequential"), o.out());
    }
}
