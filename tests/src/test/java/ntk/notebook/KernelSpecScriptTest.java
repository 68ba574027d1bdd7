package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * binder/java-kernel.py on the kernel specs IJava 1.3.0 and JJava 1.0-a7 install: both kernels
 * get the kit's class path and the memory limits, JJava's through its launcher's variable.
 */
class KernelSpecScriptTest {
    private static final String IJAVA = """
            {"argv": ["java", "-jar", "/opt/ijava/ijava-1.3.0.jar", "{connection_file}"],
             "display_name": "Java", "language": "java", "interrupt_mode": "message", "env": {}}
            """;
    private static final String JJAVA = """
            {"argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
             "display_name": "Java (jjava)", "language": "java", "interrupt_mode": "message", "env": {}, "metadata": {}}
            """;

    @TempDir
    Path dir;

    @Test
    void ijavaGetsTheClassPathAndItsJvmTheLimits() throws Exception {
        JsonNode spec = configure(IJAVA);
        assertEquals(List.of("java", "-Xmx768m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=256m", "-Djava.awt.headless=true",
                "-jar", "/opt/ijava/ijava-1.3.0.jar", "{connection_file}"), argv(spec), "options right after java, in the kernel's JVM");
        assertEquals("/kit/ntk.jar:/kit/lib/*.jar", spec.path("env").path("IJAVA_CLASSPATH").asText());
        assertEquals("1", spec.path("env").path("NTK_FAST").asText());
        assertEquals("512m", spec.path("env").path("NTK_MAX_NATIVE").asText());
    }

    @Test
    void jjavaGetsTheClassPathAndItsKernelJvmTheLimitsThroughTheLauncher() throws Exception {
        JsonNode env = configure(JJAVA).path("env");
        assertEquals("/kit/ntk.jar:/kit/lib/*.jar", env.path("JJAVA_CLASSPATH").asText());
        // JJava's launcher starts the kernel's JVM with JJAVA_JVM_OPTS only, not with its own options
        String options = env.path("JJAVA_JVM_OPTS").asText();
        assertTrue(options.contains("-Xmx768m") && options.contains("-XX:+UseSerialGC"), options);
    }

    @Test
    void runningItTwiceChangesNothing() throws Exception {
        JsonNode once = configure(JJAVA);
        Path spec = dir.resolve("kernel.json");
        assertEquals(0, run(spec.getParent()).exitCode, "second run");
        assertEquals(once, new ObjectMapper().readTree(spec.toFile()));
    }

    @Test
    void aSpecThatDoesNotStartJavaIsRefusedWithItsPath() throws Exception {
        Files.writeString(dir.resolve("kernel.json"), """
                {"argv": ["python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "env": {}}
                """, StandardCharsets.UTF_8);
        Result r = run(dir);
        assertNotEquals(0, r.exitCode);
        assertTrue(r.output.contains("expected argv to start with java") && r.output.contains("kernel.json"), r.output);
    }

    private JsonNode configure(String json) throws Exception {
        Files.writeString(dir.resolve("kernel.json"), json, StandardCharsets.UTF_8);
        Result r = run(dir);
        assertEquals(0, r.exitCode, r.output);
        return new ObjectMapper().readTree(dir.resolve("kernel.json").toFile());
    }

    private static List<String> argv(JsonNode spec) {
        List<String> out = new ArrayList<>();
        spec.path("argv").forEach(a -> out.add(a.asText()));
        return out;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path kernelDir) throws Exception {
        Process p = new ProcessBuilder(python(), NotebookFiles.ROOT.resolve("binder/java-kernel.py").toString(), kernelDir.toString(),
                "--classpath", "/kit/ntk.jar:/kit/lib/*.jar", "--env", "NTK_FAST=1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java-kernel.py did not finish");
        return new Result(p.exitValue(), out);
    }

    /** The script needs only Python's standard library. */
    private static String python() {
        String configured = System.getenv("NTK_PYTHON");
        return configured != null && !configured.isBlank() ? configured : "python3";
    }
}
