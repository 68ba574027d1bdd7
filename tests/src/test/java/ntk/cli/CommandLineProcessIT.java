package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ntk.data.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's bad-input rows that need a process of their own: another working folder, a tiny heap. */
class CommandLineProcessIT {
    private record Result(int code, String output) {}

    private static Result run(Path workDir, Map<String, String> env, String... jvmAndArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dntk.noRelaunch=true", "-cp", System.getProperty("java.class.path")));
        boolean main = false;
        for (String a : jvmAndArgs) {
            if (!main && !a.startsWith("-X")) {
                cmd.add(Main.class.getName());
                main = true;
            }
            cmd.add(a);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().remove("NTK_DATA");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void runningOutsideTheCloneSaysWhereTheDataIsLooked(@TempDir Path elsewhere) throws Exception {
        Result r = run(elsewhere, Map.of(), "reproduce", "--fast", "--out", elsewhere.resolve("results").toString());
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("cannot find the kit's data/ folder") && r.output().contains("set NTK_DATA"), r.output());
    }

    @Test
    void runningOutOfMemorySaysWhatToChange(@TempDir Path out) throws Exception {
        Result r = run(out, Map.of("NTK_DATA", DataDirectory.root().toAbsolutePath().toString()), "-Xmx40m",
                "reproduce", "--fast", "--out", out.resolve("results").toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("error: out of memory") && r.output().contains("-Xmx"), r.output());
    }
}
