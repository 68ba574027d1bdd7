package ntk.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs independent jobs (training runs) side by side, one native thread each.
 *
 * <p>Measured here on 2 cores: small SameDiff steps are dominated by per-op overhead, and one
 * OpenMP thread per step is about twice as fast as two; running one job per core on top of that
 * roughly quadruples throughput. OpenMP's thread count is a per-thread setting, so every worker
 * sets its own before it touches ND4J.
 */
public final class Workers {
    private Workers() {}

    /** Beyond this many workers the memory budget (about 2 GB) would not hold; NTK_WORKERS overrides. */
    private static final int DEFAULT_MAX = 4;

    /** Number of parallel workers: NTK_WORKERS, else the number of cores, at most {@value #DEFAULT_MAX}. */
    public static int count() {
        java.util.OptionalInt configured = Environment.workers();
        if (configured.isPresent()) {
            return Math.max(1, configured.getAsInt());
        }
        return Math.max(1, Math.min(DEFAULT_MAX, Runtime.getRuntime().availableProcessors()));
    }

    /** Limits the calling thread's native ops to one thread. */
    public static void singleThreadedNatives() {
        Backend.init();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    /** Applies {@code job} to every item on {@link #count()} workers; results keep the input order. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> job) {
        Backend.init();
        WarmUp.once();
        // Even with one worker, jobs run single-threaded, so results never depend on the worker count.
        int n = Math.min(count(), Math.max(1, items.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(() -> {
                singleThreadedNatives();
                r.run();
            }, "ntk-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    R result = job.apply(item);
                    NativeMemory.releaseAfterRun();
                    return result;
                }));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
