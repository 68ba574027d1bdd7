package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The notebooks are committed as the reader should first see them: no outputs, no execution
 * counts (outputs belong to a run), the kernel name {@code java} that IJava and CI's stand-in both
 * register, and no magic beyond the two line magics both IJava 1.3.0 and JJava have. Each lesson
 * ends with a summary and exercises and has worked solutions in
 * notebooks/solutions/; its executed copy in notebooks/executed/ holds the same cells as the
 * source, every code cell run (regenerate it with notebooks/publish.sh, never by hand).
 */
class CommittedNotebooksTest {
    @TestFactory
    Stream<DynamicTest> everyNotebookIsCommittedWithoutOutputs() {
        return NotebookFiles.all().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
    }

    @TestFactory
    Stream<DynamicTest> everyLessonEndsWithASummaryAndExercisesAndHasSolutions() {
        return NotebookFiles.lessons().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            JsonNode json = NotebookFiles.read(nb);
            List<String> headings = markdown(json).flatMap(m -> m.lines()).filter(l -> l.startsWith("## ")).map(String::trim).toList();
            assertTrue(headings.contains("## Summary"), nb.getFileName() + " has no \"## Summary\" section; headings: " + headings);
            assertTrue(headings.contains("## Exercises"), nb.getFileName() + " has no \"## Exercises\" section; headings: " + headings);
            String prefix = NotebookFiles.lessonPrefix(nb); // "04-", "04b-"
            assertTrue(NotebookFiles.solutions().stream().anyMatch(s -> s.getFileName().toString().startsWith(prefix)),
                    nb.getFileName() + " has no worked solutions in notebooks/solutions/ (a notebook named " + prefix + "...)");
            assertTrue(markdown(json).anyMatch(m -> m.contains("$")), nb.getFileName() + " writes no maths ($...$)");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookHasAnExecutedCopyWithTheSameCells() {
        return NotebookFiles.all().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            Path copy = NotebookFiles.executedCopy(nb);
            String regenerate = "; regenerate the executed copies with notebooks/publish.sh (docs/notebooks.md, section Executed copies)";
            assertTrue(Files.isRegularFile(copy), "no executed copy " + copy + regenerate);
            List<JsonNode> source = cells(NotebookFiles.read(nb));
            List<JsonNode> executed = cells(NotebookFiles.read(copy));
            assertEquals(source.size(), executed.size(), copy + ": number of cells differs from " + nb.getFileName() + regenerate);
            int code = 0;
            for (int i = 0; i < source.size(); i++) {
                String where = copy.getFileName() + ", cell " + (i + 1);
                assertEquals(source.get(i).path("cell_type").asText(), executed.get(i).path("cell_type").asText(), where + regenerate);
                assertEquals(NotebookFiles.source(source.get(i)), NotebookFiles.source(executed.get(i)), where + ": source differs" + regenerate);
                if ("code".equals(source.get(i).path("cell_type").asText())) {
                    code++;
                    assertEquals(code, executed.get(i).path("execution_count").asInt(), where + " was not run" + regenerate);
                }
            }
        }));
    }

    private static List<JsonNode> cells(JsonNode notebook) {
        return StreamSupport.stream(notebook.path("cells").spliterator(), false).toList();
    }

    private static Stream<String> markdown(JsonNode notebook) {
        return cells(notebook).stream().filter(c -> "markdown".equals(c.path("cell_type").asText())).map(NotebookFiles::source);
    }

    private static void check(Path nb) {
        JsonNode json = NotebookFiles.read(nb);
        assertEquals(4, json.path("nbformat").asInt(), nb + ": nbformat");
        assertEquals("java", json.path("metadata").path("kernelspec").path("name").asText(), nb + ": kernel name");
        List<JsonNode> cells = NotebookFiles.codeCells(json).toList();
        assertTrue(cells.size() > 0, nb + " has no code cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            String where = nb.getFileName() + ", code cell " + (i + 1);
            assertEquals(0, cell.path("outputs").size(), where + " has outputs: clear them before committing");
            assertTrue(cell.path("execution_count").isNull(), where + " has an execution count: clear outputs before committing");
            for (String line : NotebookFiles.source(cell).lines().toList()) {
                String t = line.strip();
                assertTrue(!t.startsWith("%") || PORTABLE_MAGICS.stream().anyMatch(m -> t.equals(m) || t.startsWith(m + " ")),
                        where + " uses the magic '" + t + "', which IJava 1.3.0 or JJava lacks; only " + PORTABLE_MAGICS
                                + " run on both (the kit comes through the kernel's class path, not %maven)");
            }
        }
    }

    /** The line magics IJava 1.3.0 and JJava 1.0-a7 both have (and CI's stand-in kernel implements). */
    private static final List<String> PORTABLE_MAGICS = List.of("%jars", "%classpath");
}
