package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every number docs/results.md's prose quotes from a run is in the committed file it comes from:
 * each section is checked against its own sources (tune's candidate tables, the reference run's
 * summaries, the spread's, the LEGO rows), and its ranges and lists against the rows they
 * summarise. Regenerating a reference without rewriting the sentences fails here. The generated
 * tables themselves are {@link ReadmeTablesTest}'s; the section "Before the selection protocol"
 * quotes a run that is no longer committed and says so.
 */
class ResultsNumbersTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path FULL = ROOT.resolve("reference/full");
    static final Path SPREAD = ROOT.resolve("reference/spread");
    /** The confirmation on the second data set, run with the settings frozen. */
    static final Path MNIST = ROOT.resolve("reference/mnist");
    static final Path TUNING = ROOT.resolve("data/tuning");
    static final String RESULTS = "docs/results.md";
    static final String HISTORY = "## Before the selection protocol";
    /**
     * The supervised adapter's mean balanced error at 100 annotations in the previous reference run
     * (commit 5f78021, reference/full/classification/summary.csv), before the supervised baseline had
     * its own search; docs/results.md compares the searched baseline with it.
     */
    static final double EARLIER_BASELINE = 0.07638888888888888;

    /** The sources of each section of docs/results.md, by heading. */
    static Map<String, QuotedNumbers> sources() {
        Map<String, QuotedNumbers> s = new LinkedHashMap<>();
        s.put("## How the settings are chosen", new QuotedNumbers().addFiles(Stream.of("classification",
                "classification-supervised", "classification-scratch", "classification-expansion", "classification-lego",
                "segmentation", "segmentation-heads", "segmentation-supervised", "segmentation-expansion")
                .map(part -> TUNING.resolve(part + ".csv")).toArray(Path[]::new)).addFiles(TUNING.resolve("selected-settings.json")));
        s.put("## Classification", summaries("classification").addFiles(SPREAD.resolve("classification-summary.csv"),
                SPREAD.resolve("segmentation-summary.csv")).addRunFile(FULL.resolve("classification/run.txt"))
                .addRunFile(SPREAD.resolve("classification-run.txt")).add(EARLIER_BASELINE)
                .addRunFile(SPREAD.resolve("segmentation-run.txt")).addText(table("spread-paired")));
        QuotedNumbers segmentation = summaries("segmentation").addFiles(TUNING.resolve("segmentation.csv"))
                .addRunFile(FULL.resolve("segmentation/run.txt")).addText(table("segmentation") + table("segmentation-paired"));
        CsvRows.meanSeconds(FULL.resolve("segmentation/comparison.csv")).forEach(segmentation::add);
        s.put("## Segmentation", segmentation);
        s.put("## Paired evidence", new QuotedNumbers().addFiles(FULL.resolve("classification/summary.csv"))
                .addText(table("classification-paired") + table("segmentation-paired") + table("spread-paired")
                        + table("classification-per-category")));
        QuotedNumbers few = summaries("classification").addFiles(FULL.resolve("segmentation/summary.csv"));
        CsvRows.meanSeconds(FULL.resolve("classification/comparison.csv")).forEach(few::add);
        s.put("## Few or no real images", few);
        s.put("## LEGO: adding the new categories one by one", new QuotedNumbers().addFiles(FULL.resolve("sequential/sequential.csv"),
                FULL.resolve("sequential/sequential_summary.csv"), FULL.resolve("sequential/settings.json")));
        Path mnist = MNIST.resolve("classification");
        s.put("## A second data set: the confirmation on MNIST", new QuotedNumbers().addFiles(
                ROOT.resolve("data/mnist/dataset.json"), ROOT.resolve("lib/src/main/resources/ntk/config/mnist.json"),
                mnist.resolve("summary.csv"), mnist.resolve("summary_per_category.csv"), mnist.resolve("settings.json"),
                FULL.resolve("classification/summary.csv"))
                .addRunFile(mnist.resolve("run.txt")).addRunFile(FULL.resolve("classification/run.txt"))
                .addText(mnistTable("classification-paired") + mnistTable("classification-per-seed") + table("classification-paired")));
        return s;
    }

    private static QuotedNumbers summaries(String task) {
        Path dir = FULL.resolve(task);
        return new QuotedNumbers().addFiles(dir.resolve("summary.csv"), dir.resolve("summary_per_category.csv"), dir.resolve("settings.json"));
    }

    private static String table(String name) {
        return ReadmeTables.render(name, FULL);
    }

    private static String mnistTable(String name) {
        return ReadmeTables.render(name, MNIST);
    }

    /** The document's sections by heading ("## ..."), each with its text. */
    static Map<String, String> sections(String markdown) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : markdown.split("\n(?=## )")) {
            out.put(part.lines().findFirst().orElse("").trim(), part);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyNumberASectionQuotesIsInItsSources() {
        Map<String, String> sections = sections(QuotedNumbers.read(ROOT.resolve(RESULTS)));
        List<String> checked = new ArrayList<>(sources().keySet());
        checked.add(HISTORY);
        assertEquals(sections.keySet().stream().filter(h -> h.startsWith("## ")).toList(), checked,
                RESULTS + "'s sections changed: say here which files each new one quotes");
        Map<String, QuotedNumbers> sources = sources();
        return sources.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> missing = e.getValue().missing(QuotedNumbers.prose(sections.get(e.getKey())));
            assertEquals(List.of(), missing, RESULTS + ", " + e.getKey() + ": numbers that none of the section's sources shows");
        }));
    }

    @Test
    void theHistorySectionSaysItsNumbersAreNotTiedToAFile() {
        String history = sections(QuotedNumbers.read(ROOT.resolve(RESULTS))).get(HISTORY);
        assertTrue(history.contains("no longer in the repository") && history.contains("no test ties them"), history);
    }

    /** Each range and list the prose quotes, as the rows it summarises give it. */
    static List<String> claims() {
        List<String> c = new ArrayList<>();
        CsvRows tuning = CsvRows.read(TUNING.resolve("classification-expansion.csv"));
        List<Double> dataFree = tuning.values("validation_balanced_error", r -> r.get("scored_at").matches("real unlabeled 0(,.*)?"));
        c.add("validation error " + QuotedNumbers.format(min(dataFree), 3) + " to " + QuotedNumbers.format(max(dataFree), 2));
        c.add("scores " + QuotedNumbers.range(backWithLabels(), 3));
        double baseline = CsvRows.read(FULL.resolve("classification/summary.csv")).values("mean",
                r -> r.get("method").equals("supervised") && r.get("annotations").equals("100")).get(0);
        c.add("it scores " + QuotedNumbers.format(baseline, 3) + ": **" + (baseline > EARLIER_BASELINE ? "worse" : "better")
                + "** than the earlier, unsearched configuration");

        // segmentation's back-distillation rows are runs of their own only where λ > 0 was selected
        CsvRows segmentationSummary = CsvRows.read(FULL.resolve("segmentation/summary.csv"));
        boolean ownRuns = !segmentationSummary.values("mean", r -> r.get("method").equals("back-distillation"))
                .equals(segmentationSummary.values("mean", r -> r.get("method").equals("forward-distillation")));
        c.add(ownRuns ? "back-distillation's rows are runs of their own, no longer forward distillation's"
                : "back-distillation is forward distillation, row for row");

        // over pre-training draws: back-distillation with real images, plain from 10 and the rest
        CsvRows draws = CsvRows.read(SPREAD.resolve("classification-paired.csv"));
        Predicate<Map<String, String>> back = r -> r.get("method").startsWith("back-distillation") && !r.get("unlabeled").equals("0");
        Predicate<Map<String, String>> plainTen = r -> r.get("method").equals("back-distillation") && r.get("unlabeled").equals("10");
        c.add("(by " + QuotedNumbers.format(-draws.values("mean_difference", back.and(plainTen)).get(0), 3) + " from 10 plain images, by "
                + QuotedNumbers.range(draws.values("mean_difference", back.and(plainTen.negate())).stream().map(v -> -v).toList(), 3)
                        .replace("–", " to ") + " from the rest)");

        CsvRows lego = CsvRows.read(FULL.resolve("sequential/sequential.csv"));
        Predicate<Map<String, String>> own = r -> r.get("added").equals(r.get("category"));
        Predicate<Map<String, String>> baselines = r -> !r.get("approach").equals("transplant");
        Predicate<Map<String, String>> classification = r -> r.get("task").equals("classification");
        Predicate<Map<String, String>> shirt = r -> r.get("category").equals("shirt");
        c.add("the annotated baselines get " + QuotedNumbers.range(lego.values("value", own.and(baselines).and(classification).and(shirt.negate())), 3)
                + " on sandal, sneaker and ankle boot and " + QuotedNumbers.range(lego.values("value", own.and(baselines).and(classification).and(shirt)), 2)
                + " on shirt");
        c.add("(balanced error " + list(lego.values("value", own.and(classification).and(r -> r.get("approach").equals("transplant")))));
        Predicate<Map<String, String>> segmentation = classification.negate();
        c.add("(IoU " + list(lego.values("value", own.and(segmentation).and(r -> r.get("approach").equals("lwf"))))
                + " against " + list(lego.values("value", own.and(segmentation).and(r -> r.get("approach").equals("transplant")))) + ")");
        return c;
    }

    /** Back-distillation plus 10, 20 or 100 labels on 100 unlabeled images, the main job's means. */
    static List<Double> backWithLabels() {
        return CsvRows.read(FULL.resolve("classification/summary.csv")).values("mean",
                r -> r.get("method").equals("back-distillation") && !r.get("annotations").equals("0"));
    }

    @Test
    void everyRangeAndListIsTheRowsItSummarises() {
        String text = QuotedNumbers.read(ROOT.resolve(RESULTS));
        List<String> claims = claims();
        String flowing = text.replaceAll("\\s+", " "); // a claim may wrap across lines
        List<String> wrong = claims.stream().filter(c -> !flowing.contains(c)).toList();
        assertEquals(List.of(), wrong, RESULTS + " should say, from the committed rows");
        String checked = String.join("\n", sections(text).entrySet().stream().filter(e -> !e.getKey().equals(HISTORY))
                .map(e -> QuotedNumbers.prose(e.getValue())).toList());
        List<String> unclaimed = QuotedNumbers.ranges(checked).stream().filter(r -> claims.stream().noneMatch(c -> c.contains(r))).toList();
        assertEquals(List.of(), unclaimed, RESULTS + ": ranges no claim here checks; add one");
    }

    static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> QuotedNumbers.format(v, 3)).toList());
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
