package ntk.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J once, with the native flavour chosen on purpose.
 *
 * <p>The CPU build ships two flavours of ND4J's natives: oneDNN+AVX2 (about four times faster on
 * these convolutions) and a plain one. JavaCPP prefers the oneDNN flavour whenever its jar is on
 * the class path, and that flavour cannot run on a CPU without AVX2, so on such a CPU we ask for
 * the plain flavour before the natives load. With the CUDA backend on the class path (Maven
 * profile {@code cuda}) we check the GPU's compute capability first: the 1.0.0-M2.1 CUDA build
 * carries machine code for 3.7 to 8.6 only and would otherwise die in native code.
 */
public final class Backend {
    /** JavaCPP's switch for the native flavour; "" selects the plain build. */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static volatile String description;

    private Backend() {}

    /** Idempotent; call before the first ND4J array is made. */
    public static synchronized void init() {
        if (description != null) {
            return;
        }
        limitNativeMemory();
        String flavour;
        if (cudaOnClassPath()) {
            GpuCheck.requireSupportedGpu();
            flavour = "CUDA";
        } else {
            flavour = chooseCpuFlavour();
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.create(1); // loads the natives now, so failures surface here with context
        description = Nd4j.getBackend().getClass().getSimpleName() + " (" + flavour + ")";
    }

    /** A one-line description such as "CpuBackend (oneDNN+AVX2)". */
    public static String describe() {
        init();
        return description;
    }

    /**
     * ND4J's arrays live outside the Java heap and are freed only when the garbage collector
     * finds their Java handles unreachable; with a small heap that can take long. JavaCPP's
     * limits make it collect (and finally fail clearly) before the process outgrows its budget.
     * Default: 512 MiB of JavaCPP-tracked memory (ND4J's CPU arrays are not counted there, see
     * NativeMemory); no cap on the resident size, since a cap fails the run when memory the C
     * allocator still holds cannot be collected.
     * -D options or NTK_MAX_NATIVE and NTK_MAX_RSS (JavaCPP size strings such as "1500m")
     * override them.
     */
    private static void limitNativeMemory() {
        setIfAbsent("org.bytedeco.javacpp.maxbytes", Environment.maxNative());
        setIfAbsent("org.bytedeco.javacpp.maxphysicalbytes", Environment.maxRss());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static boolean cudaOnClassPath() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String chooseCpuFlavour() {
        String requested = System.getProperty(EXTENSION_PROPERTY);
        if (requested != null) {
            return requested.isEmpty() ? "plain (requested)" : requested + " (requested)";
        }
        if (cpuHasAvx2()) {
            return "oneDNN+AVX2";
        }
        System.setProperty(EXTENSION_PROPERTY, "");
        return "plain, no AVX2 on this CPU";
    }

    /** Reads /proc/cpuinfo on Linux; elsewhere trusts that the oneDNN build loads. */
    static boolean cpuHasAvx2() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return true;
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.toLowerCase(Locale.ROOT).startsWith("flags"))
                    .findFirst()
                    .map(l -> (" " + l + " ").contains(" avx2 "))
                    .orElse(true);
        } catch (IOException e) {
            return true;
        }
    }
}
