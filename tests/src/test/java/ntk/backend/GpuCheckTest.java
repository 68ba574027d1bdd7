package ntk.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CUDA guard recognises cards the ND4J 1.0.0-M2.1 CUDA build cannot run, and says what to do. */
class GpuCheckTest {
    @Test
    void hopperIsParsedAndRefused() {
        List<GpuCheck.Gpu> gpus = GpuCheck.parse("NVIDIA H100 80GB HBM3, 9.0");
        assertEquals(List.of(new GpuCheck.Gpu("NVIDIA H100 80GB HBM3", "9.0")), gpus);
        assertFalse(gpus.get(0).supported());
    }

    @Test
    void turingIsSupported() {
        List<GpuCheck.Gpu> gpus = GpuCheck.parse("Tesla T4, 7.5");
        assertEquals(1, gpus.size());
        assertEquals("Tesla T4", gpus.get(0).name());
        assertEquals("7.5", gpus.get(0).computeCapability());
        assertTrue(gpus.get(0).supported());
    }

    @Test
    void severalCardsBlankLinesAndCommasInNames() {
        List<GpuCheck.Gpu> gpus = GpuCheck.parse("NVIDIA A100-SXM4-40GB, 8.0\n\nNVIDIA GeForce RTX 4090, 8.9\r\nOdd, Name, 8.6\n");
        assertEquals(3, gpus.size());
        assertTrue(gpus.get(0).supported());
        assertFalse(gpus.get(1).supported(), "Ada (8.9) is newer than the build's newest code (8.6)");
        assertEquals(new GpuCheck.Gpu("Odd, Name", "8.6"), gpus.get(2));
        assertTrue(gpus.get(2).supported());
        assertTrue(GpuCheck.parse("").isEmpty());
        assertTrue(GpuCheck.parse("no capability here").isEmpty());
    }

    @Test
    void messageNamesTheCardItsCapabilityAndTheWayOut() {
        String m = GpuCheck.message(new GpuCheck.Gpu("NVIDIA H100 80GB HBM3", "9.0"));
        assertTrue(m.contains("NVIDIA H100 80GB HBM3"), m);
        assertTrue(m.contains("9.0"), m);
        assertTrue(m.contains("without -Dcuda"), m);
        assertTrue(m.contains("8.6"), "the message should say which capabilities are supported: " + m);
    }

    /** Any unsupported card among several is refused with its own message; no cards, or only supported ones, pass. */
    @Test
    void everyCardIsCheckedAndAnUnsupportedOneIsRefused() {
        List<GpuCheck.Gpu> mixed = GpuCheck.parse("Tesla T4, 7.5\nNVIDIA A100-SXM4-40GB, 8.0\nNVIDIA H100 80GB HBM3, 9.0\n");
        UnsupportedGpuException e = assertThrows(UnsupportedGpuException.class, () -> GpuCheck.requireSupported(mixed));
        assertEquals(GpuCheck.message(mixed.get(2)), e.getMessage());
        assertDoesNotThrow(() -> GpuCheck.requireSupported(mixed.subList(0, 2)));
        assertDoesNotThrow(() -> GpuCheck.requireSupported(List.of()), "no nvidia-smi: ND4J reports what it finds");
    }
}
