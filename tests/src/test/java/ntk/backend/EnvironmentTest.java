package ntk.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One rule for every NTK_* switch: NTK_FAST=true once gave fast notebooks but the full main job. */
class EnvironmentTest {
    @Test
    void oneTrueAndYesSwitchOnInAnyCase() {
        for (String on : new String[] {"1", "true", "TRUE", "True", "yes", "Yes", " 1 ", "true\n"}) {
            assertTrue(Environment.isOn("NTK_FAST", on), "'" + on + "'");
        }
    }

    @Test
    void unsetEmptyZeroFalseAndNoSwitchOff() {
        for (String off : new String[] {null, "", "  ", "0", "false", "FALSE", "no", "No"}) {
            assertFalse(Environment.isOn("NTK_FAST", off), "'" + off + "'");
        }
    }

    @Test
    void anythingElseIsAnErrorNamingTheVariableAndTheAcceptedValues() {
        for (String odd : new String[] {"2", "on", "off", "ture", "fast", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environment.isOn("NTK_DEBUG", odd), odd);
            assertTrue(e.getMessage().contains("NTK_DEBUG") && e.getMessage().contains("'" + odd + "'")
                    && e.getMessage().contains("true") && e.getMessage().contains("false"), e.getMessage());
        }
    }

    @Test
    void wholeNumbersAreReadAndBlankIsUnset() {
        assertEquals(OptionalInt.of(3), Environment.wholeNumber("NTK_WORKERS", " 3 "));
        assertEquals(OptionalInt.empty(), Environment.wholeNumber("NTK_WORKERS", null));
        assertEquals(OptionalInt.empty(), Environment.wholeNumber("NTK_WORKERS", " "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environment.wholeNumber("NTK_WORKERS", "two"));
        assertTrue(e.getMessage().contains("NTK_WORKERS"), e.getMessage());
    }

    @Test
    void noOtherClassOfTheKitReadsTheEnvironment() throws Exception {
        Path sources = Path.of("..", "lib", "src", "main", "java");
        assertTrue(Files.isRegularFile(sources.resolve("ntk/backend/Environment.java")), "the kit's sources from " + Path.of("").toAbsolutePath());
        List<String> readers;
        try (Stream<Path> files = Files.walk(sources)) {
            readers = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(Path.of("ntk", "backend", "Environment.java")))
                    .filter(f -> read(f).contains("getenv(") && !f.endsWith(Path.of("ntk", "cli", "Relaunch.java")))
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), readers, "read the environment through Environment (Relaunch only checks glibc's MALLOC_ARENA_MAX)");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
