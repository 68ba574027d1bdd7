package ntk.cli;

import ntk.backend.NativeMemory;

/** Wall time and peak resident memory of this process (Linux: VmHWM in /proc/self/status). */
final class RunStats {
    private final long start = System.nanoTime();

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    String summary() {
        return String.format("wall time %.0f s, peak resident memory %.0f MiB", seconds(), NativeMemory.peakResidentMiB());
    }
}
