package ntk.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * After a worker's job the kit collects exactly once: ND4J's workspace clean-up already makes a
 * full collection, and a second one straight after it would free nothing (each stops every thread).
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

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
