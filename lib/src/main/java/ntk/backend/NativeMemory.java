package ntk.backend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J frees an array's native memory only when the garbage collector has found its Java handle
 * unreachable, SameDiff keeps a cache of arrays per graph, and ND4J's CPU backend never collects
 * on its own (its periodic collection is switched off there). With a small, rarely collected
 * heap, finished graphs and the arrays of past training steps can hold gigabytes of native memory
 * (measured here: 4 GB after scoring four categories on the test set; segmentation heads' training
 * swinging between 1.3 and 2.1 GB). The kit therefore collects after each large pass and each
 * worker's job, and during training whenever the resident size has grown by {@value #GROWTH_MIB}
 * MiB since the last collection. One collection stops every thread for 20-100 ms here (more in a
 * notebook's kernel, whose heap also holds JShell), so none is made twice in a row.
 */
public final class NativeMemory {
    private NativeMemory() {}

    /**
     * Lets the collector free finished graphs' arrays (about 20 ms here), then asks glibc to hand
     * freed pages back to the system: without that the resident size only ever grows.
     */
    public static void release() {
        System.gc();
        trimAfterCollection();
    }

    /** Hands the pages a collection freed back to the system and notes the resident size left. */
    private static void trimAfterCollection() {
        GLIBC.ifPresent(c -> c.malloc_trim(0));
        residentAtLastRelease.set(residentKiB("VmRSS:"));
    }

    /** Growth of the resident size that makes {@link #releaseIfGrown} collect. */
    static final int GROWTH_MIB = 128;

    private static final AtomicLong residentAtLastRelease = new AtomicLong();

    /**
     * {@link #release()} if the resident size grew by more than {@value #GROWTH_MIB} MiB since the
     * last release; cheap otherwise (one read of /proc/self/status), so training calls it every
     * step. Does nothing where /proc is not available.
     */
    public static void releaseIfGrown() {
        long now = residentKiB("VmRSS:");
        long last = residentAtLastRelease.get();
        if (now >= 0 && now - last > GROWTH_MIB * 1024L && residentAtLastRelease.compareAndSet(last, now)) {
            release();
        }
    }

    /** Peak resident size of this process in MiB, or -1 where /proc is not available. */
    public static double peakResidentMiB() {
        long kib = residentKiB("VmHWM:");
        return kib < 0 ? -1 : kib / 1024.0;
    }

    /** A size field of /proc/self/status in KiB ("VmRSS:", "VmHWM:"), or -1 where there is none. */
    private static long residentKiB(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static final Path STATUS = Path.of("/proc/self/status");

    /** The one C function the kit calls directly (through JNA, which ND4J already brings). */
    interface CLibrary extends Library {
        int malloc_trim(long pad);
    }

    private static final Optional<CLibrary> GLIBC = loadGlibc();

    private static Optional<CLibrary> loadGlibc() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Native.loadLibrary("c", CLibrary.class));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty(); // not glibc (e.g. musl): nothing to trim
        }
    }

    /**
     * After a job on a worker thread: drops the thread's ND4J workspaces, which SameDiff opens per
     * graph and thread and which otherwise live as long as the thread. ND4J ends that with a full
     * collection of its own (MemoryManager.invokeGc), so only the trim is left to do here.
     */
    public static void releaseAfterRun() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        trimAfterCollection();
    }
}
