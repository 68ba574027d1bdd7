package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModuleCache's key changes with the training code, and only with it. */
class TrainingCodeVersionTest {

    private static Path classes(Path root, byte lossByte, byte cliByte) throws Exception {
        Files.createDirectories(root.resolve("ntk/train"));
        Files.createDirectories(root.resolve("ntk/cli"));
        Files.write(root.resolve("ntk/train/Loss.class"), new byte[] {1, 2, lossByte});
        Files.write(root.resolve("ntk/cli/Main.class"), new byte[] {4, 5, cliByte});
        return root;
    }

    @Test
    void aChangedTrainingClassChangesTheFingerprintAndACommandLineClassDoesNot(@TempDir Path dir) throws Exception {
        String base = TrainingCodeVersion.of(classes(dir.resolve("a"), (byte) 0, (byte) 0));
        assertEquals(base, TrainingCodeVersion.of(classes(dir.resolve("b"), (byte) 0, (byte) 0)), "same bytes, same fingerprint");
        assertNotEquals(base, TrainingCodeVersion.of(classes(dir.resolve("c"), (byte) 9, (byte) 0)), "a loss changed: train afresh");
        assertEquals(base, TrainingCodeVersion.of(classes(dir.resolve("d"), (byte) 0, (byte) 9)), "the command line does not train");
    }

    @Test
    void theKitsOwnFingerprintCoversItsTrainingPackages() throws Exception {
        String f = TrainingCodeVersion.fingerprint();
        assertTrue(f.matches("[0-9a-f]{10}"), f);
        Path where = Path.of(TrainingCodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var names = TrainingCodeVersion.classNames(where);
        for (String prefix : TrainingCodeVersion.PREFIXES) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), "no class under " + prefix + " in " + where);
        }
    }
}
