package ntk.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What of the CPU decides the last bits of a run: oneDNN, inside the "oneDNN+AVX2" flavour,
 * chooses its kernels at run time from the vector extensions it finds (AVX-512, AMX, ...) and
 * sizes its blocks to the caches, so two machines with the same flavour but other CPUs sum in
 * another order. Measured here: a fast rerun on a CPU with AVX-512 and AMX differed from a
 * reference written by the same flavour on another CPU in 175 of 176 rows.
 */
public final class Cpu {
    private Cpu() {}

    /**
     * One line such as "Intel(R) Xeon(R) Processor; cache size 107520 KB; avx avx2 avx512f ... fma",
     * from Linux's /proc/cpuinfo (model name, cache size, the flags that start with avx, amx or fma);
     * "unknown" where it cannot be read.
     */
    public static String describe() {
        return describe(Path.of("/proc/cpuinfo"));
    }

    static String describe(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            Optional<String> model = field(lines, "model name");
            Optional<String> cache = field(lines, "cache size");
            Optional<String> flags = field(lines, "flags");
            if (flags.isEmpty()) {
                return "unknown";
            }
            String vector = Arrays.stream(flags.get().split("\\s+"))
                    .filter(f -> f.startsWith("avx") || f.startsWith("amx") || f.startsWith("fma"))
                    .sorted()
                    .collect(Collectors.joining(" "));
            return model.orElse("unknown model") + "; cache size " + cache.orElse("unknown") + "; " + (vector.isEmpty() ? "no avx" : vector);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The value of the first "name : value" line of {@code name}. */
    private static Optional<String> field(List<String> lines, String name) {
        return lines.stream()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst();
    }
}
