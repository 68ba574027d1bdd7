package ntk.backend;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Keeps SameDiff's "Added differentiated op ..." lines (printed straight to System.out, one per op,
 * whenever a graph's gradient function is built) out of what users read. Everything else printed
 * meanwhile is passed through.
 */
public final class Quiet {
    private static final String CHATTER = "Added differentiated op";

    private Quiet() {}

    /** Runs {@code work} with SameDiff's per-op chatter filtered out of System.out. */
    public static synchronized <T> T sameDiff(Supplier<T> work) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return work.get();
        } finally {
            System.setOut(original);
            for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isEmpty() && !line.startsWith(CHATTER)) {
                    original.println(line);
                }
            }
        }
    }

    public static void sameDiff(Runnable work) {
        sameDiff(() -> {
            work.run();
            return null;
        });
    }
}
