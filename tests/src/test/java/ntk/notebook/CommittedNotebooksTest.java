package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The notebooks are committed as the reader should first see them: no outputs, no execution
 * counts (outputs belong to a run; CI's executed copies live under tests/target/notebooks), the
 * kernel name {@code java} that IJava and CI's stand-in both register, and an exercise at the end.
 */
class CommittedNotebooksTest {
    @TestFactory
    Stream<DynamicTest> everyNotebookIsCommittedWithoutOutputs() {
        return NotebookFiles.all().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
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
        }
        boolean exercise = StreamSupport.stream(json.path("cells").spliterator(), false)
                .filter(c -> "markdown".equals(c.path("cell_type").asText()))
                .anyMatch(c -> NotebookFiles.source(c).contains("## Try this"));
        assertTrue(exercise, nb + " has no \"## Try this\" exercise section");
    }
}
