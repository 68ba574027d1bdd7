package ntk.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * After a worker's job the kit collects exactly once: ND4J's workspace clean-up already makes a
 * full collection, and a second one straight after it would free nothing (each stops every thread).
 * A release notes the resident size only once ND4J has freed what the collection found.
 */
class NativeMemoryTest {
    @Test
    void afterAJobThereIsExactlyOneCollection() {
        Backend.init();
        NativeMemory.releaseAfterRun(); // first use: ND4J's workspace manager starts up
        long before = collections();
        System.gc();
        long one = collections() - before;
        assertTrue(one > 0, "System.gc() must show in the collection counts for this test to mean anything");
        before = collections();
        NativeMemory.releaseAfterRun();
        assertEquals(one, collections() - before, "releaseAfterRun: one full collection (ND4J's), not none and not two");
    }

    @Test
    void aReleaseNotesTheResidentSizeAfterNd4jHasFreedTheGarbage() {
        Backend.init();
        NativeMemory.release();
        INDArray garbage = Nd4j.create(DataType.FLOAT, 64, 1024, 1024).assign(1); // 256 MiB, every page touched
        long holding = NativeMemory.residentKiB("VmRSS:");
        assertTrue(holding > 0, "needs /proc/self/status");
        garbage = null;
        NativeMemory.release();
        long freed = holding - NativeMemory.residentAtLastReleaseKiB();
        assertTrue(freed > 200 * 1024, "the release must see the 256 MiB array freed; it saw " + freed / 1024 + " MiB");
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
