package ntk.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU line of run.txt names what makes oneDNN choose other kernels, and nothing that changes from boot to boot. */
class CpuTest {
    @Test
    void namesTheModelTheCacheAndTheVectorExtensionsInOrder(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor\t: 0
                model name\t: Intel(R) Xeon(R) Processor
                cpu MHz\t\t: 2100.000
                cache size\t: 107520 KB
                flags\t\t: fpu sse2 avx512f fma avx2 amx_tile avx sse4_2 avx512_vnni
                bogomips\t: 4200.00

                processor\t: 1
                model name\t: Intel(R) Xeon(R) Processor
                cpu MHz\t\t: 2099.998
                """);
        assertEquals("Intel(R) Xeon(R) Processor; cache size 107520 KB; amx_tile avx avx2 avx512_vnni avx512f fma", Cpu.describe(cpuinfo));
    }

    @Test
    void withoutCpuinfoItSaysUnknown(@TempDir Path dir) {
        assertEquals("unknown", Cpu.describe(dir.resolve("missing")));
    }
}
