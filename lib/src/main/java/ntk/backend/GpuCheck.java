package ntk.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Refuses GPUs that the ND4J 1.0.0-M2.1 CUDA build has no machine code for. */
public final class GpuCheck {
    /** Compute capabilities compiled into libnd4jcuda.so of nd4j-cuda-11.6 1.0.0-M2.1 (no PTX). */
    static final List<String> SUPPORTED = List.of("3.7", "5.0", "5.2", "6.0", "6.1", "7.0", "7.5", "8.0", "8.6");

    private GpuCheck() {}

    /** One GPU as nvidia-smi reports it. */
    public record Gpu(String name, String computeCapability) {
        boolean supported() {
            return SUPPORTED.contains(computeCapability);
        }
    }

    static void requireSupportedGpu() {
        requireSupported(query()); // no nvidia-smi gives no cards: ND4J then reports what it finds
    }

    /** Throws {@link UnsupportedGpuException} for the first card the build cannot run; none or only supported ones pass. */
    static void requireSupported(List<Gpu> gpus) {
        for (Gpu gpu : gpus) {
            if (!gpu.supported()) {
                throw new UnsupportedGpuException(message(gpu));
            }
        }
    }

    static String message(Gpu gpu) {
        return "GPU '" + gpu.name() + "' has compute capability " + gpu.computeCapability()
                + ", but the ND4J 1.0.0-M2.1 CUDA backend only carries code for " + String.join(", ", SUPPORTED)
                + " (Kepler to Ampere: T4, V100, A100, RTX 30xx) and no PTX, so it cannot run here."
                + " Rebuild without -Dcuda to use the CPU backend.";
    }

    /** Parses lines such as "NVIDIA H100 80GB HBM3, 9.0". */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            int comma = line.lastIndexOf(',');
            if (comma > 0) {
                gpus.add(new Gpu(line.substring(0, comma).trim(), line.substring(comma + 1).trim()));
            }
        }
        return gpus;
    }

    private static List<Gpu> query() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            return parse(out);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
