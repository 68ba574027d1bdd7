package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import ntk.data.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer's check end to end: `reproduce --fast` rerun from scratch must match the committed
 * reference/fast row for row (bit for bit on the machine that wrote it; within verify's default
 * tolerance on another CPU or native flavour).
 */
class FastRerunVerifiesTest {
    @Test
    void aFastRerunMatchesTheCommittedReference(@TempDir Path out) {
        Path reference = DataDirectory.root().toAbsolutePath().getParent().resolve(ReferenceFolder.FAST);
        assertTrue(Files.isRegularFile(reference.resolve("classification").resolve("comparison.csv")), "committed reference in " + reference);
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
}
