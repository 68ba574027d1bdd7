package ntk.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ntk.generic.Task;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.protocol.SegmentationProtocol;
import ntk.report.PairedEvidence.Comparison;
import ntk.report.PairedEvidence.PerCategory;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The paired evidence on hand-made rows whose differences, wins, p-values and carrying category are known. */
class PairedEvidenceTest {
    private static final String ERROR = ClassificationProtocol.METRIC;
    private static final String IOU = SegmentationProtocol.IOU;

    /** One row per seed 1, 2, 3 of {@code values}. */
    private static void add(List<ResultRow> rows, String metric, String category, String method, int annotations, int unlabeled,
            double... values) {
        for (int s = 0; s < values.length; s++) {
            rows.add(new ResultRow("t", category, method, annotations, unlabeled, s + 1, metric, values[s]));
        }
    }

    /**
     * Classification, sandal and shirt, 3 seeds. The 100-annotation baseline errs 0.10 (sandal) and
     * 0.20 (shirt); back-distillation from 100 images differs by -0.05, -0.04, +0.02 (sandal) and
     * -0.10, -0.08, 0 (shirt). The 10-annotation adapter (0.50 everywhere) would turn every pair into
     * a win; the rows that are no headline condition must be left out.
     */
    private static Table classification() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, ERROR, "sandal", TransplantMethods.SUPERVISED, 100, 0, 0.10, 0.10, 0.10);
        add(rows, ERROR, "shirt", TransplantMethods.SUPERVISED, 100, 0, 0.20, 0.20, 0.20);
        add(rows, ERROR, "sandal", TransplantMethods.SUPERVISED, 10, 0, 0.50, 0.50, 0.50);
        add(rows, ERROR, "shirt", TransplantMethods.SUPERVISED, 10, 0, 0.50, 0.50, 0.50);
        add(rows, ERROR, "sandal", TransplantMethods.BACK, 0, 100, 0.05, 0.06, 0.12);
        add(rows, ERROR, "shirt", TransplantMethods.BACK, 0, 100, 0.10, 0.12, 0.20);
        add(rows, ERROR, "sandal", TransplantMethods.BACK, 10, 100, 0.01, 0.01, 0.01);     // with labels: not a headline condition
        add(rows, ERROR, "sandal", Condition.UNTRAINED, 0, 0, 0.5, 0.5, 0.5);
        add(rows, ERROR, "sandal", Condition.SCRATCH, 100, 0, 0.09, 0.09, 0.09);
        add(rows, "seconds", "sandal", TransplantMethods.BACK, 0, 100, 9.0, 9.0, 9.0);    // another metric
        rows.add(new ResultRow("t", "sandal", Condition.TEACHER, 0, 0, 2019, ERROR, 0.01));
        return Results.table(rows);
    }

    @Test
    void differencesWinsTiesAndTheCarryingCategoryOfHandMadeRows() {
        List<Comparison> all = PairedEvidence.of(classification(), ERROR);
        assertEquals(List.of(new Condition(TransplantMethods.BACK, 0, 100)), all.stream().map(Comparison::condition).toList(),
                "only zero-annotation transplant conditions are compared");
        Comparison c = all.get(0);
        assertEquals(100, c.baselineAnnotations(), "the baseline is the largest supervised budget");
        double[] expected = {-0.05, -0.04, 0.02, -0.10, -0.08, 0.0};
        assertArrayEquals(expected, c.pairs().stream().mapToDouble(PairedEvidence.Pair::difference).toArray(), 1e-12,
                "sandal seeds 1-3, then shirt seeds 1-3");
        assertEquals(-0.25 / 6, c.meanDifference(), 1e-12);
        assertEquals(0.65 / 6, c.transplantMean(), 1e-12);
        assertEquals(0.15, c.baselineMean(), 1e-12);
        assertEquals(4, c.wins(), "lower error wins");
        assertEquals(1, c.losses());
        assertEquals(1, c.ties(), "shirt, seed 3: the same score");
        assertEquals(12.0 / 32, c.signTestP(), 1e-15, "2 (C(5,0) + C(5,1)) / 2^5: the tie left out");

        PerCategory sandal = c.categories().get(0);
        PerCategory shirt = c.categories().get(1);
        assertEquals(List.of("sandal", "shirt"), c.categories().stream().map(PerCategory::category).toList());
        assertEquals(-0.07 / 3, sandal.meanDifference(), 1e-12);
        assertEquals(2, sandal.wins());
        assertEquals(-0.06, shirt.meanDifference(), 1e-12);
        assertEquals(0.07 / 0.25, sandal.share(), 1e-12);
        assertEquals(0.18 / 0.25, shirt.share(), 1e-12);
        assertEquals("shirt", c.carriedBy(), "72 % of the margin comes from shirt");
    }

    @Test
    void theSignTestAgainstAHandComputation() {
        assertEquals(2.0 / 4096, PairedEvidence.signTestP(12, 0), 1e-18, "12 of 12: 2 / 2^12");
        assertEquals(2.0 / 4096, PairedEvidence.signTestP(0, 12), 1e-18, "two-sided");
        assertEquals(2.0 * (1 + 12 + 66 + 220) / 4096, PairedEvidence.signTestP(9, 3), 1e-15, "9 of 12");
        assertEquals(1.0, PairedEvidence.signTestP(6, 6), "an even split");
        assertEquals(1.0, PairedEvidence.signTestP(0, 0), "no untied pair");
        assertEquals(2.0 / Math.pow(2, 200), PairedEvidence.signTestP(200, 0), 1e-75, "exact far in the tail");
    }

    @Test
    void theBootstrapIntervalIsReproducibleAndContainsTheMean() {
        Comparison a = PairedEvidence.of(classification(), ERROR).get(0);
        Comparison b = PairedEvidence.of(classification(), ERROR).get(0);
        assertEquals(a.low(), b.low(), 0.0, "bit for bit");
        assertEquals(a.high(), b.high(), 0.0);
        assertTrue(a.low() < a.meanDifference() && a.meanDifference() < a.high(), a.low() + " .. " + a.high());
        assertTrue(a.low() >= -0.10 && a.high() <= 0.02, "within the smallest and largest difference");
        double[] d = a.pairs().stream().mapToDouble(PairedEvidence.Pair::difference).toArray();
        assertArrayEquals(new double[] {a.low(), a.high()}, PairedEvidence.bootstrap(d, PairedEvidence.RESAMPLES, PairedEvidence.BOOTSTRAP_SEED),
                0.0, "the stated resamples and seed");
        assertNotEquals(a.low(), PairedEvidence.bootstrap(d, PairedEvidence.RESAMPLES, PairedEvidence.BOOTSTRAP_SEED + 1)[0],
                "another seed, other bits: the seed is what makes it reproducible");
        assertArrayEquals(new double[] {-0.25, -0.25}, PairedEvidence.bootstrap(new double[] {-0.25, -0.25, -0.25}, 1000, 7), 0.0,
                "equal differences leave nothing to resample");
        // half zeros, half ones: a resampled mean is B(12, 1/2) / 12, whose 2.5 % and 97.5 % quantiles are 3/12 and 9/12
        // (P(X <= 2) = 1.9 %, P(X <= 3) = 7.3 %), so the 250th and 9,750th of the sorted means land on them
        double[] half = PairedEvidence.bootstrap(new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 10_000, 3);
        assertArrayEquals(new double[] {0.25, 0.75}, half, 1e-12);
    }

    /**
     * Segmentation: higher IoU is better. Sandal's transplant loses 0.06 in every seed, shirt's and
     * sneaker's win 0.01: the mean loses (-0.04 / 3), 6 of 9 pairs win, and sandal carries the margin
     * with 150 % of it, the others pulling the other way.
     */
    @Test
    void aSegmentationWinIsAHigherIouAndALosingCategoryCarriesTheMargin() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, IOU, "sandal", TransplantMethods.SUPERVISED, 100, 0, 0.50, 0.50, 0.50);
        add(rows, IOU, "shirt", TransplantMethods.SUPERVISED, 100, 0, 0.40, 0.40, 0.40);
        add(rows, IOU, "sneaker", TransplantMethods.SUPERVISED, 100, 0, 0.60, 0.60, 0.60);
        add(rows, IOU, "sandal", TransplantMethods.SUPERVISED, 20, 0, 0.30, 0.30, 0.30);
        add(rows, IOU, "shirt", TransplantMethods.SUPERVISED, 20, 0, 0.30, 0.30, 0.30);
        add(rows, IOU, "sneaker", TransplantMethods.SUPERVISED, 20, 0, 0.30, 0.30, 0.30);
        add(rows, IOU, "sandal", TransplantMethods.FORWARD, 0, 1000, 0.44, 0.44, 0.44);
        add(rows, IOU, "shirt", TransplantMethods.FORWARD, 0, 1000, 0.41, 0.41, 0.41);
        add(rows, IOU, "sneaker", TransplantMethods.FORWARD, 0, 1000, 0.61, 0.61, 0.61);
        add(rows, SegmentationProtocol.PIXEL_ACCURACY, "sandal", TransplantMethods.FORWARD, 0, 1000, 0.1, 0.1, 0.1);
        Comparison c = PairedEvidence.of(Results.table(rows), IOU).get(0);
        assertEquals(100, c.baselineAnnotations());
        assertEquals(-0.04 / 3, c.meanDifference(), 1e-12);
        assertEquals(6, c.wins(), "shirt and sneaker: a higher IoU wins");
        assertEquals(3, c.losses());
        assertEquals(2.0 * (1 + 9 + 36 + 84) / 512, c.signTestP(), 1e-15, "3 losses of 9");
        assertEquals("sandal", c.carriedBy());
        assertEquals(1.5, c.categories().get(0).share(), 1e-9);
        assertEquals("> 100 %", PairedTables.percent(c.categories().get(0).share()), "the others pull the other way: no size is printed");
        assertEquals("50 %", PairedTables.percent(0.5));
        assertTrue(c.low() < 0 && c.high() > 0, "one category's loss against two categories' wins: the interval covers 0");
    }

    @Test
    void noCategoryCarriesAMarginSpreadEvenly() {
        List<ResultRow> rows = new ArrayList<>();
        // binary fractions, so both differences are exactly -0.125 and each share exactly one half
        add(rows, ERROR, "sandal", TransplantMethods.SUPERVISED, 100, 0, 0.25);
        add(rows, ERROR, "shirt", TransplantMethods.SUPERVISED, 100, 0, 0.5);
        add(rows, ERROR, "sandal", TransplantMethods.BACK_VIEWS, 0, 10, 0.125);
        add(rows, ERROR, "shirt", TransplantMethods.BACK_VIEWS, 0, 10, 0.375);
        Comparison c = PairedEvidence.of(Results.table(rows), ERROR).get(0);
        assertEquals(0.5, c.categories().get(0).share(), 0.0);
        assertEquals(0.5, c.categories().get(1).share(), 0.0);
        assertNull(c.carriedBy(), "half is not more than half");
    }

    /** spread: the seed column is the pre-training draw; per draw the difference of the means, their mean, and no interval. */
    @Test
    void overDrawsEachDrawsDifferenceAndTheirMeanWithoutAnInterval(@TempDir Path dir) throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        for (long draw : List.of(2019L, 2020L)) {
            double shift = draw == 2019 ? 0 : 0.02;
            rows.add(new ResultRow("t", "sandal", TransplantMethods.SUPERVISED, 100, 0, draw, IOU, 0.50));
            rows.add(new ResultRow("t", "shirt", TransplantMethods.SUPERVISED, 100, 0, draw, IOU, 0.40));
            rows.add(new ResultRow("t", "sandal", TransplantMethods.BACK, 0, 100, draw, IOU, 0.52 - shift));
            rows.add(new ResultRow("t", "shirt", TransplantMethods.BACK, 0, 100, draw, IOU, 0.42 - shift - shift));
        }
        List<PairedEvidence.OverDraws> over = PairedEvidence.overDraws(Results.table(rows), IOU);
        assertEquals(1, over.size());
        assertEquals(0.02, over.get(0).perDraw().get(2019L), 1e-12);
        assertEquals(-0.01, over.get(0).perDraw().get(2020L), 1e-12);
        assertEquals(0.005, over.get(0).meanDifference(), 1e-12);
        assertEquals(1, over.get(0).wins());
        String text = PairedReport.writeOverDraws(Task.SEGMENTATION, Results.table(rows), dir.resolve("segmentation-paired.csv"));
        assertTrue(text.contains("2 pre-training draws are too few for a bootstrap, so none is computed"), text);
        Table csv = Table.read().csv(dir.resolve("segmentation-paired.csv").toFile());
        assertEquals(0.02, csv.doubleColumn("difference_draw_2019").get(0), 1e-12);
        assertTrue(csv.stringColumn("interval").get(0).startsWith("no interval"), csv.print());
    }

    @Test
    void theCsvFilesHoldEveryComparisonPairAndTheMethod(@TempDir Path dir) throws Exception {
        String text = PairedReport.write(Task.CLASSIFICATION, classification(), dir);
        Table summary = Table.read().csv(dir.resolve(PairedReport.FILE).toFile());
        assertEquals(1, summary.rowCount());
        assertEquals(4, summary.intColumn("wins").get(0));
        assertEquals(1, summary.intColumn("ties").get(0));
        assertEquals(5, summary.intColumn("sign_test_n").get(0));
        assertEquals(PairedEvidence.RESAMPLES, summary.intColumn("resamples").get(0));
        assertEquals("shirt", summary.stringColumn("carried_by").get(0));
        assertEquals(2, Table.read().csv(dir.resolve(PairedReport.PER_CATEGORY_FILE).toFile()).rowCount());
        Table pairs = Table.read().csv(dir.resolve(PairedReport.DIFFERENCES_FILE).toFile());
        assertEquals(Map.of("win", 4, "loss", 1, "tie", 1), Map.of("win", pairs.stringColumn("outcome").countOccurrences("win"),
                "loss", pairs.stringColumn("outcome").countOccurrences("loss"), "tie", pairs.stringColumn("outcome").countOccurrences("tie")));
        assertTrue(text.contains("10,000 resamples") && text.contains("seed " + PairedEvidence.BOOTSTRAP_SEED) && text.contains("ties counted and left out")
                && text.contains("-0.042") && text.contains("4/6") && text.contains("0.38"), text);
        assertTrue(Files.readString(dir.resolve(PairedReport.FILE)).contains("supervised,100"), "the baseline is named in the file");
    }

    /**
     * The committed paired files are what the kit writes from the committed runs: rewrite them with
     * `report --out reference/full`, `report --out reference/fast` and `report --spread reference/spread`.
     */
    @Test
    void theReferencePairedFilesAreWhatTheirRunsGive(@TempDir Path dir) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String reference : List.of("reference/full", "reference/fast")) {
            for (Task task : Task.values()) {
                Path committed = root.resolve(reference).resolve(task.id());
                Path written = dir.resolve(reference).resolve(task.id());
                PairedReport.write(task, ComparisonReport.readRuns(committed.resolve("comparison.csv")), written);
                for (String file : List.of(PairedReport.FILE, PairedReport.PER_CATEGORY_FILE, PairedReport.DIFFERENCES_FILE)) {
                    assertEquals(Files.readString(written.resolve(file)), Files.readString(committed.resolve(file)),
                            committed.resolve(file) + " is stale: run `java -jar lib/target/ntk.jar report --out " + reference + "`");
                }
            }
        }
        for (Task task : Task.values()) {
            Path committed = root.resolve("reference/spread").resolve(task.id() + "-paired.csv");
            Path written = dir.resolve(task.id() + "-paired.csv");
            PairedReport.writeOverDraws(task, ReadmeTables.spreadRuns(root.resolve("reference/spread").resolve(task.id() + ".csv")), written);
            assertEquals(Files.readString(written), Files.readString(committed),
                    committed + " is stale: run `java -jar lib/target/ntk.jar report --spread reference/spread`");
        }
    }
}
