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

/** What needs a process of its own: docs/bad-input.md's rows (another working folder, a tiny heap) and environment switches. */
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
    void ntkFastTrueSwitchesTheCommandLineToTheFastSettingsLikeTheNotebooks() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        // it once needed exactly "1" here, while the notebooks also took "true"
        Result fast = run(dir, Map.of("NTK_FAST", "true"), "reproduce", "--print-config");
        assertEquals(0, fast.code(), fast.output());
        assertTrue(fast.output().contains("\"name\" : \"fast\""), fast.output());
        Result full = run(dir, Map.of("NTK_FAST", "0"), "reproduce", "--print-config");
        assertTrue(full.output().contains("\"name\" : \"full\""), full.output());
        Result odd = run(dir, Map.of("NTK_FAST", "fsat"), "reproduce", "--print-config");
        assertEquals(1, odd.code(), odd.output());
        assertTrue(odd.output().contains("error: NTK_FAST must be 1, true or yes"), odd.output());
    }

    @Test
    void aMistypedNtkDebugIsReportedBesideTheErrorItWasToDetail() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        Result r = run(dir, Map.of("NTK_DEBUG", "maybe"), "reproduce", "--config", dir.resolve("no-such-settings.json").toString());
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("error: no settings file") && r.output().contains("error: NTK_DEBUG must be"), r.output());
        assertTrue(!r.output().contains("\tat "), "no stack trace: " + r.output());
        Result on = run(dir, Map.of("NTK_DEBUG", "yes"), "reproduce", "--config", dir.resolve("no-such-settings.json").toString());
        assertTrue(on.output().contains("\tat ntk."), "NTK_DEBUG=yes prints the stack trace: " + on.output());
    }

    @Test
    void runningOutOfMemorySaysWhatToChange(@TempDir Path out) throws Exception {
        Result r = run(out, Map.of("NTK_DATA", DataDirectory.root().toAbsolutePath().toString()), "-Xmx40m",
                "reproduce", "--fast", "--out", out.resolve("results").toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("error: out of memory") && r.output().contains("-Xmx"), r.output());
    }
}
