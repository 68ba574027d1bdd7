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
     * Lets the collector free finished graphs' arrays (about 20 ms here), waits for ND4J to free
     * their memory, then asks glibc to hand freed pages back to the system: without that the
     * resident size only ever grows.
     */
    public static void release() {
        System.gc();
        awaitDeallocation();
        trimAfterCollection();
    }

    /** The least time {@link #awaitDeallocation} waits, and the most. */
    static final int DEALLOCATION_MIN_MS = 10;
    static final int DEALLOCATION_MAX_MS = 100;

    /**
     * ND4J frees a collected array's native memory on its own deallocator threads, after the
     * collection has returned. Trimming and noting the resident size at once saw none of it freed:
     * every release then raised the mark {@link #releaseIfGrown} measures growth from, and one
     * segmentation back-distillation climbed from 0.55 to 1.45 GiB although most of it was garbage
     * (measured here; the memory went within 5 ms of the collection). So it waits at least
     * {@value #DEALLOCATION_MIN_MS} ms, then until the trimmed resident size stops falling.
     */
    private static void awaitDeallocation() {
        if (GLIBC.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        sleep(DEALLOCATION_MIN_MS);
        long previous = trimmedResidentKiB();
        while ((System.nanoTime() - start) / 1_000_000 < DEALLOCATION_MAX_MS) {
            sleep(2);
            long now = trimmedResidentKiB();
            if (now >= previous - 1024) {
                return;
            }
            previous = now;
        }
    }

    private static long trimmedResidentKiB() {
        GLIBC.ifPresent(c -> c.malloc_trim(0));
        return residentKiB("VmRSS:");
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the pages a collection freed back to the system and notes the resident size left. */
    private static void trimAfterCollection() {
        residentAtLastRelease.set(trimmedResidentKiB());
    }

    /**
     * Growth of the resident size that makes {@link #releaseIfGrown} collect. Since a release sees
     * what it freed, 128 MiB made collections frequent enough to cost about 10 % of a fast run's
     * time; at 256 the peaks stayed far below the notebooks' 1.5 GiB.
     */
    static final int GROWTH_MIB = 256;

    private static final AtomicLong residentAtLastRelease = new AtomicLong();

    /** The resident size the last release left, in KiB: what {@link #releaseIfGrown} measures growth from. */
    static long residentAtLastReleaseKiB() {
        return residentAtLastRelease.get();
    }

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
    static long residentKiB(String field) {
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
        awaitDeallocation();
        trimAfterCollection();
    }
}
