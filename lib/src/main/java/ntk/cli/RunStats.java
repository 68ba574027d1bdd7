package ntk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Wall time and peak resident memory of this process (Linux: VmHWM in /proc/self/status). */
final class RunStats {
    private final long start = System.nanoTime();

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Peak resident set size in MiB, or -1 where /proc is not available. */
    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    String summary() {
        return String.format("wall time %.0f s, peak resident memory %.0f MiB", seconds(), peakRssMiB());
    }
}
