package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * binder/postBuild, run as it is in a scratch home folder with no network: the IJava release zip is a
 * local stand-in (same layout, an installer that registers kernel "java" through jupyter_client as
 * IJava's does) fetched by curl from a file URL, and Maven and Java are stand-ins that record their
 * calls and leave what the real build leaves (jars in lib/target and in ~/.m2/repository). The checksum
 * line is set the way the publishing checklist says. What this cannot show, Binder's own build of the
 * image, is listed in docs/notebooks.md.
 */
class BinderPostBuildTest {
    private static final Pattern CHECKSUM_LINE = Pattern.compile("(?m)^IJAVA_SHA256=\"([^\"]*)\"$");
    private static final Pattern BADGE = Pattern.compile("\\(https://mybinder\\.org/v2/gh/([^/]+)/([^/]+)/([^?)]+)\\?urlpath=([^)]+)\\)");

    @TempDir
    Path scratch;

    private Path repo;
    private Path home;
    private Path calls;
    private String zipSha256;

    @BeforeEach
    void layOut() throws Exception {
        repo = scratch.resolve("repo");
        home = scratch.resolve("home");
        calls = scratch.resolve("calls.log");
        Files.createDirectories(repo.resolve("binder"));
        Files.createDirectories(home);
        Files.createDirectories(scratch.resolve("tmp"));
        for (String file : List.of("postBuild", "java-kernel.py", "jupyter_server_config.json")) {
            Files.copy(NotebookFiles.ROOT.resolve("binder").resolve(file), repo.resolve("binder").resolve(file));
        }
        zipSha256 = writeStandInRelease(scratch.resolve("ijava-1.3.0.zip"));
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        executable(bin.resolve("python3"), "#!/bin/sh\nexec '" + python() + "' \"$@\"\n");
        // what the real build leaves: the kit's jars in lib/target, their first copy in Maven's repository
        executable(bin.resolve("mvn"), """
                #!/bin/sh
                echo "mvn $*" >> "$CALLS"
                mkdir -p lib/target/lib "$HOME/.m2/repository/org/example/dep/1.0"
                echo jar > lib/target/ntk.jar
                echo jar > lib/target/lib/dep-1.0.jar
                echo jar > "$HOME/.m2/repository/org/example/dep/1.0/dep-1.0.jar"
                """);
        executable(bin.resolve("java"), """
                #!/bin/sh
                echo "java NTK_FAST=$NTK_FAST $*" >> "$CALLS"
                """);
    }

    @Test
    void withTheReleaseChecksumItInstallsTheKernelCullsIdleKernelsAndKeepsOneCopyOfTheJars() throws Exception {
        Result r = postBuild(zipSha256);
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("SHA-256 " + zipSha256 + " (verified)"), r.output);

        JsonNode spec = new ObjectMapper().readTree(home.resolve(".local/share/jupyter/kernels/java/kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        spec.path("argv").forEach(a -> argv.add(a.asText()));
        assertEquals("java", argv.get(0));
        assertTrue(argv.contains("-Xmx768m"), argv.toString());
        assertEquals(home.resolve(".local/share/jupyter/kernels/java/ijava-1.3.0.jar").toString(), argv.get(argv.indexOf("-jar") + 1),
                "the installer's kernel.json, pointing at the installed jar");
        assertEquals(repo.resolve("lib/target/ntk.jar") + ":" + repo.resolve("lib/target/lib") + "/*.jar",
                spec.path("env").path("IJAVA_CLASSPATH").asText(), "the class path is lib/target's jars, not Maven's repository");
        assertEquals("1", spec.path("env").path("NTK_FAST").asText());

        Path config = home.resolve(".jupyter/jupyter_server_config.json");
        JsonNode culling = new ObjectMapper().readTree(config.toFile()).path("MappingKernelManager");
        assertEquals(600, culling.path("cull_idle_timeout").asInt(), culling.toString());
        assertTrue(culling.path("cull_connected").asBoolean(), "kernels of notebooks left open are culled too");
        assertEquals(60, culling.path("cull_interval").asInt());
        assertEquals("600 60 True False", jupyterReads(config),
                "Jupyter's config path holds the file, and traitlets reads cull_idle_timeout, cull_interval, cull_connected, cull_busy");

        List<String> log = Files.readAllLines(calls);
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("mvn ") && log.get(0).contains("package"), log.get(0));
        assertEquals("java NTK_FAST=1 -Xmx768m -XX:+UseSerialGC -jar lib/target/ntk.jar pretrain --notebook-cache", log.get(1));

        assertFalse(Files.exists(home.resolve(".m2/repository")), "Maven's copy of the jars is gone");
        assertTrue(Files.exists(repo.resolve("lib/target/lib/dep-1.0.jar")), "the kernel's copy stays");
        try (Stream<Path> left = Files.list(scratch.resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "the downloaded zip and its unpacked folder are removed");
        }
    }

    @Test
    void aWrongChecksumStopsTheBuildBeforeAnythingIsInstalled() throws Exception {
        String wrong = "0".repeat(64);
        Result r = postBuild(wrong);
        assertNotEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("error:") && r.output.contains(zipSha256) && r.output.contains(wrong), r.output);
        assertNothingInstalled();
    }

    @Test
    void aMissingChecksumStopsTheBuildAndSaysWhereToPutIt() throws Exception {
        Result r = postBuild("");
        assertNotEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("IJAVA_SHA256 in binder/postBuild is empty") && r.output.contains(zipSha256)
                && r.output.contains("docs/notebooks.md#publishing-on-binder"), r.output);
        assertNothingInstalled();
    }

    @Test
    void theCommittedChecksumLineIsEmptyOrASha256() throws Exception {
        Matcher m = CHECKSUM_LINE.matcher(Files.readString(NotebookFiles.ROOT.resolve("binder/postBuild")));
        assertTrue(m.find(), "binder/postBuild has no line IJAVA_SHA256=\"...\" (the line the publishing checklist edits)");
        assertTrue(m.group(1).isEmpty() || m.group(1).matches("[0-9a-f]{64}"), "not a SHA-256: " + m.group(1));
        assertFalse(m.find(), "two IJAVA_SHA256 lines");
    }

    @Test
    void theBadgeOpensTheTourAtAReleaseTag() throws Exception {
        Matcher m = BADGE.matcher(Files.readString(NotebookFiles.ROOT.resolve("README.md")));
        assertTrue(m.find(), "README.md has no Binder badge");
        assertTrue(m.group(3).matches("v\\d+\\.\\d+\\.\\d+"), "the badge opens " + m.group(3) + ", not a release tag such as v0.2.0");
        assertEquals("lab/tree/notebooks/00-tour.ipynb", m.group(4));
        assertTrue(Files.exists(NotebookFiles.ROOT.resolve("notebooks/00-tour.ipynb")));
    }

    private void assertNothingInstalled() {
        assertFalse(Files.exists(calls), "nothing was built or run");
        assertFalse(Files.exists(home.resolve(".local/share/jupyter/kernels")), "no kernel installed");
        assertFalse(Files.exists(home.resolve(".jupyter")), "no Jupyter config written");
    }

    /** The stand-in release zip, laid out like IJava's: install.py and java/ (kernel.json template, jar). */
    private static String writeStandInRelease(Path zip) throws Exception {
        Map<String, String> entries = Map.of(
                "install.py", """
                        import argparse, json, os
                        from jupyter_client.kernelspec import KernelSpecManager
                        p = argparse.ArgumentParser()
                        p.add_argument("--user", action="store_true")
                        p.add_argument("--replace", action="store_true")
                        a = p.parse_args()
                        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "java")
                        dest = KernelSpecManager().install_kernel_spec(here, kernel_name="java", user=a.user, replace=a.replace)
                        path = os.path.join(dest, "kernel.json")
                        with open(path) as f:
                            spec = json.loads(f.read().replace("@KERNEL_INSTALL_DIRECTORY@", dest))
                        with open(path, "w") as f:
                            json.dump(spec, f)
                        print("Installed java kernel into " + dest)
                        """,
                "java/kernel.json", """
                        {"argv": ["java", "-jar", "@KERNEL_INSTALL_DIRECTORY@/ijava-1.3.0.jar", "{connection_file}"],
                         "display_name": "Java", "language": "java", "interrupt_mode": "message", "env": {}}
                        """,
                "java/ijava-1.3.0.jar", "stand-in");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of("install.py", "java/kernel.json", "java/ijava-1.3.0.jar")) {
                z.putNextEntry(new ZipEntry(name));
                z.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));
    }

    private record Result(int exitCode, String output) {}

    /** The scratch copy of postBuild with its checksum line set to {@code sha256}, run with only the scratch folder's tools first on the PATH. */
    private Result postBuild(String sha256) throws Exception {
        Path script = repo.resolve("binder/postBuild");
        String text = Files.readString(script);
        Matcher m = CHECKSUM_LINE.matcher(text);
        assertTrue(m.find(), "no IJAVA_SHA256=\"...\" line in binder/postBuild");
        Files.writeString(script, m.replaceFirst("IJAVA_SHA256=\"" + sha256 + "\""));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear(); // no JUPYTER_*, XDG_* or Maven settings of this machine
        env.put("HOME", home.toString());
        env.put("PATH", scratch.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("TMPDIR", scratch.resolve("tmp").toString());
        env.put("LANG", "C.UTF-8");
        env.put("CALLS", calls.toString());
        env.put("IJAVA_URL", scratch.resolve("ijava-1.3.0.zip").toUri().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "postBuild did not finish");
        return new Result(p.exitValue(), out);
    }

    /** What Jupyter makes of the written file: whether its folder is on Jupyter's config path, and the culling settings traitlets loads. */
    private String jupyterReads(Path config) throws Exception {
        String script = """
                import sys
                from jupyter_core.paths import jupyter_config_path
                from traitlets.config.loader import JSONFileConfigLoader
                folder, name = sys.argv[1].rsplit("/", 1)
                assert folder in jupyter_config_path(), (folder, jupyter_config_path())
                k = JSONFileConfigLoader(name, path=folder).load_config().MappingKernelManager
                print(k.cull_idle_timeout, k.cull_interval, k.cull_connected, k.get("cull_busy", False))
                """;
        ProcessBuilder pb = new ProcessBuilder(python(), "-c", script, config.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JUPYTER") || k.startsWith("XDG"));
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A Python with jupyter_client (what IJava's installer and postBuild import): NTK_PYTHON, else Debian's, else python3. */
    private static String python() throws Exception {
        String configured = System.getenv("NTK_PYTHON");
        List<String> candidates = configured != null && !configured.isBlank() ? List.of(configured) : List.of("/usr/bin/python3", "python3");
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import sys, jupyter_client, jupyter_core, traitlets; print(sys.executable)")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return out;
                }
            } catch (IOException e) {
                // not there: try the next
            }
        }
        fail("binder/postBuild needs a Python with jupyter_client (Debian: python3-jupyter-client; or set NTK_PYTHON); tried " + candidates);
        return null;
    }
}
