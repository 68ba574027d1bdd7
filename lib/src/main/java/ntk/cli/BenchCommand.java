package ntk.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Speed figures: printed, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Print speed and memory figures.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("not yet");
    }
}
