package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
