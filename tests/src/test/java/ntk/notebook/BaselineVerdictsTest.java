package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ntk.generic.Task;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** BaselineVerdicts and SeedSpread: one-seed wins are only called wins beyond twice the seed-to-seed spread. */
class BaselineVerdictsTest {
    private static Table perCategory() {
        return Table.create("spread", StringColumn.create("category", "sneaker", "ankle-boot", "sneaker", "ankle-boot"),
                StringColumn.create("method", TransplantMethods.BACK, TransplantMethods.BACK, TransplantMethods.SUPERVISED, TransplantMethods.SUPERVISED),
                IntColumn.create("annotations", 0, 0, 100, 100), IntColumn.create("unlabeled", 10, 10, 0, 0),
                DoubleColumn.create("std", 0.03, 0.04, 0.0, 0.0));
    }

    private static Table averaged(double back10, double back100, double supervised100) {
        return Table.create("avg", StringColumn.create("method", TransplantMethods.BACK, TransplantMethods.BACK, TransplantMethods.SUPERVISED),
                IntColumn.create("annotations", 0, 0, 100), IntColumn.create("unlabeled", 10, 100, 0),
                DoubleColumn.create("mean", back10, back100, supervised100));
    }

    @Test
    void spreadOfAMeanOverCategoriesAddsTheirVariances() {
        SeedSpread s = new SeedSpread(perCategory());
        assertEquals(0.03, s.ofMean(TransplantMethods.BACK, 0, 10, List.of("sneaker")), 1e-12);
        assertEquals(0.025, s.ofMean(TransplantMethods.BACK, 0, 10, List.of("sneaker", "ankle-boot")), 1e-12); // √(0.03²+0.04²)/2
        assertTrue(Double.isNaN(s.ofMean(TransplantMethods.BACK, 0, 1000, List.of("sneaker"))), "a condition the reference lacks");
        assertTrue(Double.isNaN(s.ofMean(TransplantMethods.BACK, 0, 10, List.of("shirt"))), "a category the reference lacks");
    }

    @Test
    void aDifferenceInsideTwiceTheSpreadIsNoVerdict() {
        assertEquals(BaselineVerdicts.Verdict.BEATS, BaselineVerdicts.verdict(0.07, 0.03));
        assertEquals(BaselineVerdicts.Verdict.WITHIN_NOISE, BaselineVerdicts.verdict(0.05, 0.03));
        assertEquals(BaselineVerdicts.Verdict.WITHIN_NOISE, BaselineVerdicts.verdict(-0.05, 0.03));
        assertEquals(BaselineVerdicts.Verdict.LOSES, BaselineVerdicts.verdict(-0.07, 0.03));
        assertEquals(BaselineVerdicts.Verdict.NO_SPREAD_KNOWN_BEATS, BaselineVerdicts.verdict(0.001, Double.NaN));
    }

    @Test
    void reportReadsErrorsLowerIsBetterAndIoUHigherIsBetter() {
        SeedSpread s = new SeedSpread(perCategory());
        String error = BaselineVerdicts.report(averaged(0.02, 0.05, 0.10), List.of("sneaker"), true, 100, List.of(TransplantMethods.BACK),
                List.of(10, 100), s);
        assertTrue(error.contains("10 unlabeled: 0.020  gain +0.080, noise ±0.030  -> beats the baseline"), error);
        assertTrue(error.contains("100 unlabeled: 0.050  gain +0.050, noise ±?  -> beats the baseline (one seed, spread unknown)"), error);
        String iou = BaselineVerdicts.report(averaged(0.02, 0.05, 0.10), List.of("sneaker"), false, 100, List.of(TransplantMethods.BACK),
                List.of(10), s);
        assertTrue(iou.contains("gain -0.080, noise ±0.030  -> does not beat it"), iou);
    }

    /** The spread comes from the reference's own row: the std column of (category, supervised, 100, 0), read here line by line. */
    @Test
    void theMainJobsSpreadIsItsStdOverSeedsForEachTask() throws Exception {
        for (Task task : Task.values()) {
            java.nio.file.Path csv = ntk.data.DataDirectory.root().toAbsolutePath().getParent()
                    .resolve("reference/full").resolve(task.id()).resolve("summary_per_category.csv");
            List<String> header = List.of(java.nio.file.Files.readAllLines(csv).get(0).split(","));
            double sneaker = std(csv, header, "sneaker");
            double ankleBoot = std(csv, header, "ankle-boot");
            SeedSpread spread = SeedSpread.reference(task);
            assertEquals(sneaker, spread.ofMean(TransplantMethods.SUPERVISED, 100, 0, List.of("sneaker")), 0.0, task + ", sneaker");
            assertEquals(Math.hypot(sneaker, ankleBoot) / 2, spread.ofMean(TransplantMethods.SUPERVISED, 100, 0, List.of("sneaker", "ankle-boot")),
                    1e-15, task + ", the mean of sneaker and ankle boot");
        }
    }

    private static double std(java.nio.file.Path csv, List<String> header, String category) throws Exception {
        List<String[]> rows = java.nio.file.Files.readAllLines(csv).stream().map(l -> l.split(","))
                .filter(r -> r[header.indexOf("category")].equals(category) && r[header.indexOf("method")].equals(TransplantMethods.SUPERVISED)
                        && r[header.indexOf("annotations")].equals("100") && r[header.indexOf("unlabeled")].equals("0"))
                .toList();
        assertEquals(1, rows.size(), csv + ": the supervised adapter on 100 labels, " + category);
        double std = Double.parseDouble(rows.get(0)[header.indexOf("std")]);
        assertTrue(std > 0, csv + ": a spread of 0 would not tell a wrong row from a right one");
        return std;
    }
}
