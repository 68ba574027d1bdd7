package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** notebooks/README.md's syllabus has one row per lesson, in course order, each with its time. */
class SyllabusTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| \\[[^]]+\\]\\(([^)]+\\.ipynb)\\) \\|.*\\| (\\d+) \\+ (\\d+) min \\|$");

    @Test
    void everyLessonHasARowWithItsTime() throws Exception {
        Matcher m = ROW.matcher(Files.readString(NotebookFiles.FOLDER.resolve("README.md")));
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1));
            assertTrue(Integer.parseInt(m.group(2)) > 0 && Integer.parseInt(m.group(3)) > 0, m.group());
        }
        List<String> lessons = NotebookFiles.lessons().stream().map(Path::getFileName).map(Path::toString).toList();
        assertEquals(lessons, rows, "notebooks/README.md's syllabus rows (lesson | objectives | prerequisites | lesson + exercises min)");
    }

    /** Every lesson opens with the syllabus's objectives and its prerequisites, and ends with further reading that cites work. */
    @Test
    void everyLessonStatesItsObjectivesAndEndsWithFurtherReading() throws Exception {
        Pattern row = Pattern.compile("(?m)^\\| \\[[^]]+\\]\\(([^)]+\\.ipynb)\\) \\| (.*?) \\| .*?\\| \\d+ \\+ \\d+ min \\|$");
        Matcher m = row.matcher(Files.readString(NotebookFiles.FOLDER.resolve("README.md")));
        int lessons = 0;
        while (m.find()) {
            JsonNode cells = new ObjectMapper().readTree(NotebookFiles.FOLDER.resolve(m.group(1)).toFile()).get("cells");
            String first = text(cells.get(0));
            assertTrue(first.contains("**Objectives.** After this lesson you can " + m.group(2) + "."), m.group(1)
                    + ": the first cell states the syllabus's objectives");
            assertTrue(first.contains("**Prerequisites.**"), m.group(1) + ": the first cell names the prerequisites");
            String last = text(cells.get(cells.size() - 1));
            assertTrue(last.startsWith("## Further reading") && last.contains("* "), m.group(1) + " ends with further reading: " + last);
            lessons++;
        }
        assertEquals(NotebookFiles.lessons().size(), lessons);
    }

    private static String text(JsonNode cell) {
        StringBuilder b = new StringBuilder();
        cell.get("source").forEach(l -> b.append(l.asText()));
        return b.toString();
    }
}
