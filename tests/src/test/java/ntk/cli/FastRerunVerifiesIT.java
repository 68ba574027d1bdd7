package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import ntk.backend.Backend;
import ntk.data.DataDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer's check end to end: `reproduce --fast` rerun from scratch must match the committed
 * reference/fast row for row. Only with the native flavour that wrote the reference: another one
 * sums in another order, training takes another path, and scores move by up to 0.11 (docs/running.md,
 * "Verifying a rerun"), which no tolerance that still catches a changed method would cover.
 */
class FastRerunVerifiesIT {
    @Test
    void aFastRerunMatchesTheCommittedReference(@TempDir Path out) {
        Path reference = DataDirectory.root().toAbsolutePath().getParent().resolve(ReferenceFolder.FAST);
        assertTrue(Files.isRegularFile(reference.resolve("classification").resolve("comparison.csv")), "committed reference in " + reference);
        Backend.init();
        String written = referenceBackend(reference);
        Assumptions.assumeTrue(written.equals(Backend.describe()), "reference/fast was written with " + written + ", this is "
                + Backend.describe() + ": its scores are not expected to match");
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

    /** The backend line of the reference's run.txt, e.g. "CpuBackend (oneDNN+AVX2)". */
    private static String referenceBackend(Path reference) {
        try {
            String line = Files.readAllLines(reference.resolve("classification").resolve("run.txt")).stream()
                    .filter(l -> l.startsWith("backend: ")).findFirst().orElseThrow();
            return line.substring("backend: ".length(), line.lastIndexOf(", workers:"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
