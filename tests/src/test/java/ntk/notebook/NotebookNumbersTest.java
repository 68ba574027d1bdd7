package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import ntk.report.CsvRows;
import ntk.report.QuotedNumbers;
import ntk.report.ReadmeTables;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every number a notebook's markdown quotes from a run is in a committed file: the fast mode's
 * runs in the executed copies (the lesson's and its solutions', which the exercises quote), the
 * main job in the result tables generated from reference/full; each range the markdown quotes is
 * the one the reference's rows give. Maths and code quote no run.
 */
class NotebookNumbersTest {
    private static final Path FULL = NotebookFiles.ROOT.resolve("reference/full");

    /** The main job's numbers as the README's and docs/results.md's generated tables show them. */
    private static final String MAIN_JOB = mainJobTables();

    private static String mainJobTables() {
        StringBuilder all = new StringBuilder();
        for (String doc : List.of("README.md", "docs/results.md")) {
            for (String name : ReadmeTables.names(QuotedNumbers.read(NotebookFiles.ROOT.resolve(doc)))) {
                all.append(ReadmeTables.render(name, FULL)).append('\n');
            }
        }
        return all.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyNumberTheMarkdownQuotesIsInTheRunItQuotes() {
        return NotebookFiles.all().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            QuotedNumbers sources = new QuotedNumbers().addText(MAIN_JOB);
            for (Path copy : executedCopies(nb)) {
                sources.addText(outputs(NotebookFiles.read(copy)));
            }
            String prose = prose(nb);
            assertEquals(List.of(), sources.missing(prose), nb.getFileName() + ": numbers in the markdown that neither the executed"
                    + " copies (" + executedCopies(nb) + ") nor the main job's tables show");
            String name = nb.getFileName().toString();
            List<String> expected = RANGES.entrySet().stream().filter(e -> name.startsWith(e.getKey())).map(Map.Entry::getValue).toList();
            assertEquals(expected, QuotedNumbers.ranges(prose).stream().distinct().toList(),
                    nb.getFileName() + ": the ranges the markdown quotes, as reference/full's rows give them");
        }));
    }

    /** The ranges the notebooks quote, by file-name prefix, computed from the reference's rows. */
    private static final Map<String, String> RANGES = Map.of(
            "02-pretraining-teachers.ipynb", teacherRange());

    /** The main job's teachers of sandal, sneaker and ankle boot (shirt's is quoted apart). */
    private static String teacherRange() {
        Predicate<Map<String, String>> teacher = r -> r.get("method").equals("teacher")
                && List.of("sandal", "sneaker", "ankle-boot").contains(r.get("category"));
        return QuotedNumbers.range(CsvRows.read(FULL.resolve("classification/summary_per_category.csv")).values("mean", teacher), 3);
    }

    /** The notebook's markdown cells as prose, without the paper's arXiv number and the kernel memory note. */
    private static String prose(Path nb) {
        // further reading cites papers (years, arXiv numbers), not runs
        String markdown = String.join("\n", cells(NotebookFiles.read(nb)).stream()
                .filter(c -> "markdown".equals(c.path("cell_type").asText())).map(NotebookFiles::source)
                .filter(text -> !text.startsWith("## Further reading")).toList());
        // "up to about 1.7 GiB": the note before every notebook, a memory ceiling from docs/notebooks.md, not a result
        return QuotedNumbers.prose(markdown).replace("1901.06978", "").replace("about 1.7 GiB", "");
    }

    /** The executed copies of the notebook and of its counterpart (the lesson's solutions, or the solutions' lesson). */
    private static List<Path> executedCopies(Path nb) {
        String prefix = NotebookFiles.lessonPrefix(nb);
        List<Path> copies = new ArrayList<>();
        Stream.concat(NotebookFiles.lessons().stream(), NotebookFiles.solutions().stream())
                .filter(p -> p.getFileName().toString().startsWith(prefix))
                .forEach(p -> copies.add(NotebookFiles.executedCopy(p)));
        return copies;
    }

    /** The text every code cell printed. */
    private static String outputs(JsonNode notebook) {
        StringBuilder text = new StringBuilder();
        for (JsonNode cell : cells(notebook)) {
            for (JsonNode out : cell.path("outputs")) {
                JsonNode t = out.has("text") ? out.path("text") : out.path("data").path("text/plain");
                if (t.isArray()) {
                    t.forEach(line -> text.append(line.asText()));
                } else {
                    text.append(t.asText());
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static List<JsonNode> cells(JsonNode notebook) {
        return StreamSupport.stream(notebook.path("cells").spliterator(), false).toList();
    }
}
