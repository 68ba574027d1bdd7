package ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ends of the package order, read from the sources: ntk.notebook and ntk.cli sit on top and
 * neither uses the other (the command line once reached into the notebooks' Course), nothing
 * below uses either, ntk.backend uses no other package and ntk.data only ntk.backend.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("..", "lib", "src", "main", "java", "ntk");
    private static final Pattern REFERENCE = Pattern.compile("\\bntk\\.([a-z]+)\\.(?:[A-Z*])");

    /** For each package, the other kit packages its sources name (imports and qualified names). */
    static Map<String, Set<String>> uses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    @Test
    void notebookAndCliAreOnTopAndApart() {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.keySet().containsAll(Set.of("backend", "data", "run", "notebook", "cli")), "packages found: " + uses.keySet());
        uses.forEach((pkg, used) -> {
            assertTrue(!used.contains("cli"), "ntk." + pkg + " uses ntk.cli");
            assertTrue(!used.contains("notebook"), "ntk." + pkg + " uses ntk.notebook");
        });
    }

    @Test
    void backendUsesNothingAndDataOnlyBackend() {
        Map<String, Set<String>> uses = uses();
        assertEquals(Set.of(), uses.get("backend"));
        assertEquals(Set.of("backend"), uses.get("data"));
    }
}
