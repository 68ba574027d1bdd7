package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ntk.generic.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result tables of the README and docs/results.md are written from a run's files, and a changed number makes them stale. */
class ReadmeTablesTest {

    @Test
    void blocksAreRewrittenFromTheRunAndGoStaleWhenANumberChanges(@TempDir Path dir) {
        Path ref = MadeUpRuns.classification(dir.resolve("a"), 0);
        String readme = "# Results\n\n<!-- table classification -->\nold\n<!-- end table -->\n\ntext\n"
                + "<!-- table classification-per-category -->\n<!-- end table -->\n";
        String updated = ReadmeTables.update(readme, ref);
        assertEquals(List.of(), ReadmeTables.stale(updated, ref));
        assertEquals(List.of("classification", "classification-per-category"), ReadmeTables.stale(readme, ref));
        assertTrue(updated.startsWith("# Results\n\n<!-- table classification -->\n| method |") && updated.contains("\ntext\n"), updated);
        // the 100-sample baseline: mean over seeds 1 and 2 of 0.1 + 0.01 s + 0.1, sample std 0.007
        assertTrue(updated.contains("| **supervised adapter (the 100-sample baseline)** | 100 | 0 | **0.215 ± 0.007** |"), updated);
        assertTrue(updated.contains("| teachers (the upper bound) | — | — | 0.020 |"), updated);
        assertTrue(updated.contains("| back-distillation on views + synthesised inputs | 0 | 0 |"), "the data-free row: " + updated);
        assertTrue(updated.indexOf("| untrained") < updated.indexOf("| supervised adapter | 10 |")
                && updated.indexOf("| back-distillation + labels | 10 |") > updated.indexOf("| back-distillation | 0 | 100 |"), updated);
        assertTrue(updated.contains("| supervised, 100 labels | 0.215 ± 0.007 |"), updated);

        Path changed = MadeUpRuns.classification(dir.resolve("b"), 0.001);
        assertEquals(List.of("classification", "classification-per-category"), ReadmeTables.stale(updated, changed));
    }

    @Test
    void aBlockNamedAfterAFolderIsTheRunBesideTheReference(@TempDir Path dir) {
        Path ref = MadeUpRuns.classification(dir.resolve("full"), 0);
        Path other = MadeUpRuns.classification(dir.resolve("other"), 0.001);
        String readme = "<!-- table classification -->\n<!-- end table -->\n<!-- table other/classification -->\n<!-- end table -->\n"
                + "<!-- table other/paired -->\n<!-- end table -->\n";
        String updated = ReadmeTables.update(readme, ref);
        assertEquals(List.of("classification", "other/classification", "other/paired"), ReadmeTables.names(updated));
        assertEquals(List.of(), ReadmeTables.stale(updated, ref));
        String[] blocks = updated.split("<!-- end table -->");
        assertEquals(ReadmeTables.render("classification", ref), blocks[0].substring(blocks[0].indexOf('\n') + 1));
        assertEquals(ReadmeTables.render("classification", other), blocks[1].substring(blocks[1].indexOf("-->\n") + 4));
        assertTrue(blocks[2].contains("classification"), "a folder with one task's run gives that task's paired evidence: " + blocks[2]);
        assertFalse(blocks[0].equals(blocks[1].substring(blocks[1].indexOf("-->\n") + 4)), "the two runs differ");
    }

    @Test
    void thePerSeedTableShowsEveryPairWithTheBaselinesScore(@TempDir Path dir) {
        Path ref = MadeUpRuns.classification(dir, 0);
        String table = ReadmeTables.render("classification-per-seed", ref);
        String category = ntk.config.ExperimentConfig.fast().categories().transplanted().get(0).id();
        assertTrue(table.startsWith("| condition | " + category + ", seed 1 | " + category + ", seed 2 |\n"), table);
        // the baseline errs 0.1 + 0.01 seed + 0.1 at 100 annotations; a zero-annotation condition 0.1 less
        assertTrue(table.contains("\n| supervised, 100 labels: balanced error | 0.210 | 0.220 |\n"), table);
        assertTrue(table.contains("\n| back, 100 unlabeled: difference | -0.100 | -0.100 |\n"), table);
        assertEquals(ReadmeTables.render("classification-paired", ref).lines().count() + 1, table.lines().count(),
                "the baseline's row, then one row per zero-annotation condition, as in the per-category table");
    }

    @Test
    void anUnknownTableOrAMissingRunIsNamed(@TempDir Path dir) {
        Path ref = MadeUpRuns.classification(dir, 0);
        Exception e = assertThrows(IllegalArgumentException.class, () -> ReadmeTables.render("lego-overview", ref));
        assertTrue(e.getMessage().contains("lego-overview"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReadmeTables.render(Task.SEGMENTATION.id(), ref));
        assertTrue(e.getMessage().contains("reproduce --reference"), e.getMessage());
    }

    /** The documents that carry result tables: the README's headline tables and docs/results.md's full set. */
    static final List<String> DOCUMENTS = List.of("README.md", "docs/results.md");

    /**
     * The committed README and docs/results.md show the committed reference run's numbers: rewrite them with
     * `report --readme README.md docs/results.md --out reference/full`.
     */
    @Test
    void theDocumentsTablesAreTheReferenceRunsNumbers() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String regenerate = "; run `java -jar lib/target/ntk.jar report --readme " + String.join(" ", DOCUMENTS) + " --out reference/full`";
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (String document : DOCUMENTS) {
            String text = java.nio.file.Files.readString(root.resolve(document));
            List<String> names = ReadmeTables.names(text);
            assertTrue(!names.isEmpty(), document + " has no generated result tables");
            all.addAll(names);
            assertEquals(List.of(), ReadmeTables.stale(text, root.resolve("reference/full")),
                    document + "'s tables differ from reference/full" + regenerate);
        }
        String readme = java.nio.file.Files.readString(root.resolve("README.md"));
        assertTrue(ReadmeTables.names(readme).containsAll(List.of("classification", "segmentation")),
                "the README's headline tables are generated blocks: " + ReadmeTables.names(readme));
        assertTrue(all.containsAll(List.of("classification", "classification-per-category", "segmentation",
                "segmentation-per-category", "lego", "paired", "classification-paired", "segmentation-paired", "spread-paired")),
                "every result table is a generated block: " + all);
        assertTrue(ReadmeTables.names(readme).contains("paired"), "the README shows the paired evidence: " + ReadmeTables.names(readme));
    }

    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern WINS = Pattern.compile("\\d+/\\d+");
    private static final Pattern PERCENT = Pattern.compile("\\d+ %");
    private static final Pattern INTERVAL = Pattern.compile("\\[[+-]?\\d+\\.\\d+, [+-]?\\d+\\.\\d+\\]");

    /**
     * The README's headline ("What it finds") quotes the reference run: every decimal, win count
     * ("9/12") and percentage in its prose appears in a generated table of the README or
     * docs/results.md, so a regenerated reference cannot leave a stale number in the sentences. It
     * quotes intervals and win counts, not only means, and names a category carrying a margin.
     */
    @Test
    void everyNumberTheHeadlineQuotesIsInAGeneratedTable() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path reference = root.resolve("reference/full");
        String readme = java.nio.file.Files.readString(root.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## What it finds"), readme.indexOf("\n## ", readme.indexOf("## What it finds") + 1));
        String whole = section.replaceAll("(?s)<!-- table [a-z0-9/-]+ -->\\n.*?<!-- end table -->", "").replaceAll("\\s+", " ");
        // the protocol's history quotes a superseded run (docs/results.md tells it), not the reference run
        String history = "a procedure revised once after a test result";
        assertTrue(whole.contains(history), "the headline says the procedure was revised after a test result: " + whole);
        String prose = whole.replaceFirst(Pattern.quote(history) + "[^—]*—", "");
        StringBuilder tables = new StringBuilder();
        for (String document : DOCUMENTS) {
            for (String name : ReadmeTables.names(java.nio.file.Files.readString(root.resolve(document)))) {
                tables.append(ReadmeTables.render(name, reference)).append('\n');
            }
        }
        List<String> quoted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Pattern p : List.of(DECIMAL, WINS, PERCENT)) {
            Matcher m = p.matcher(prose);
            while (m.find()) {
                quoted.add(m.group());
                // the same number, not the start or end of a longer one
                if (!Pattern.compile("(?<![\\d.])" + Pattern.quote(m.group()) + "(?![\\d])").matcher(tables).find()) {
                    missing.add(m.group());
                }
            }
        }
        // an interval is quoted whole, so both its ends must sit together in a table
        Matcher interval = INTERVAL.matcher(prose);
        int intervals = 0;
        for (; interval.find(); intervals++) {
            if (!tables.toString().contains(interval.group())) {
                missing.add(interval.group());
            }
        }
        assertEquals(List.of(), missing, "numbers in the README's headline that no generated table shows (quoted: " + quoted + ")");
        assertTrue(intervals > 0, "the headline quotes intervals: " + prose);
        assertTrue(WINS.matcher(prose).find(), "the headline quotes win counts: " + prose);
        List<String> carriers = new ArrayList<>();
        for (Task task : Task.values()) {
            PairedEvidence.of(ComparisonReport.readRuns(reference.resolve(task.id()).resolve("comparison.csv")), ntk.protocol.TaskProtocol.metricOf(task))
                    .stream().map(PairedEvidence.Comparison::carriedBy).filter(c -> c != null).forEach(carriers::add);
        }
        assertTrue(carriers.isEmpty() || carriers.stream().anyMatch(c -> prose.toLowerCase(java.util.Locale.ROOT).contains(c.replace('-', ' ')))
                && prose.contains("carries"), "the headline names a category that carries a margin, of " + carriers + ": " + prose);
    }

    /** The paired tables from a made-up run: both pairs of the one category win by 0.1, so it carries the whole margin. */
    @Test
    void pairedTablesComeFromTheRun(@TempDir Path dir) {
        Path ref = MadeUpRuns.classification(dir.resolve("full"), 0);
        String perCategory = ReadmeTables.render("classification-paired", ref);
        assertTrue(perCategory.contains("| back, 100 unlabeled | -0.100 (2/2) | -0.100 [-0.100, -0.100] | 2/2 (p 0.5) |"), perCategory);
        assertTrue(perCategory.contains("(100 %) |"), perCategory);
        assertTrue(!perCategory.contains("supervised") && !perCategory.contains("untrained"), "only zero-annotation transplants: " + perCategory);
        String paired = ReadmeTables.render("paired", ref);
        assertTrue(paired.contains("classification") && !paired.contains("segmentation"), "a run of one task gives its columns only: " + paired);
        Exception e = assertThrows(IllegalArgumentException.class, () -> ReadmeTables.render("paired", dir.resolve("none")));
        assertTrue(e.getMessage().contains("reproduce --reference"), "a folder without a run is named: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReadmeTables.render("spread-paired", ref));
        assertTrue(e.getMessage().contains("spread"), e.getMessage());
    }
}
