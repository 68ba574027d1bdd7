package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import ntk.backend.Backend;
import ntk.backend.Cpu;
import ntk.data.DataDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer's check end to end: `reproduce --fast` rerun from scratch must match the committed
 * reference/fast row for row. Only with the native flavour and the CPU that wrote the reference:
 * another flavour, or the same one on a CPU with other vector extensions or caches (oneDNN picks
 * its kernels at run time), sums in another order, training takes another path, and scores move by
 * up to 0.13 (docs/running.md, "Verifying a rerun"), which no tolerance that still catches a
 * changed method would cover.
 */
class FastRerunVerifiesIT {
    @Test
    void aFastRerunMatchesTheCommittedReference(@TempDir Path out) {
        Path reference = DataDirectory.root().toAbsolutePath().getParent().resolve(ReferenceFolder.FAST);
        assertTrue(Files.isRegularFile(reference.resolve("classification").resolve("comparison.csv")), "committed reference in " + reference);
        Backend.init();
        String backend = referenceLine(reference, "backend: ");
        String written = backend.substring(0, backend.lastIndexOf(", workers:")); // the number of workers changes no bit
        Assumptions.assumeTrue(written.equals(Backend.describe()), "reference/fast was written with " + written + ", this is "
                + Backend.describe() + ": its scores are not expected to match");
        String cpu = referenceLine(reference, "cpu: ");
        Assumptions.assumeTrue(cpu.equals(Cpu.describe()), "reference/fast was written on the CPU \"" + cpu + "\", this is \""
                + Cpu.describe() + "\": its scores are not expected to match");
        StringWriter log = new StringWriter();
        Path results = out.resolve("results");
        int reproduced = Main.execute(new String[] {"reproduce", "--fast", "--out", results.toString()},
                new PrintWriter(log, true), new PrintWriter(log, true));
        assertEquals(0, reproduced, log.toString());

        StringWriter report = new StringWriter();
        int verified = Main.execute(new String[] {"verify", "--against", reference.toString(), results.toString()},
                new PrintWriter(report, true), new PrintWriter(report, true));
        System.out.println(report);
        assertEquals(0, verified, report.toString());
    }

    /** The rest of the line of the reference's run.txt that starts with {@code key} ("backend: ", "cpu: "); "none" where there is none. */
    private static String referenceLine(Path reference, String key) {
        try {
            return Files.readAllLines(reference.resolve("classification").resolve("run.txt")).stream()
                    .filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(key.length())).orElse("none");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
