package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's two commands are what the kit times as its main job and what CI runs. */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** The first line of the README's first bash block after {@code heading}. */
    private static String firstCommandAfter(String readme, String heading) {
        int at = readme.indexOf(heading);
        assertTrue(at >= 0, "README has no '" + heading + "'");
        int block = readme.indexOf("```bash\n", at) + "```bash\n".length();
        return readme.substring(block, readme.indexOf('\n', block)).replaceAll("\\s+#.*$", "").strip();
    }

    @Test
    void benchTimesTheMainJobTheReadmeNames() throws Exception {
        String line = firstCommandAfter(Files.readString(ROOT.resolve("README.md")), "**The main job**");
        String reproduce = line.substring(line.indexOf("reproduce") + "reproduce".length()).strip();
        assertEquals(String.join(" ", BenchCommand.MAIN_JOB), reproduce, "README's main job: " + line);
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws Exception {
        String test = firstCommandAfter(Files.readString(ROOT.resolve("README.md")), "**The tests:**");
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip)
                .filter(l -> l.startsWith("mvn ") && !l.startsWith("mvn -version")).toList();
        assertEquals(List.of(test), ci, ".ci/run must call the README's test command");
    }
}
