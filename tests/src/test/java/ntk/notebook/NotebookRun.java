package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Executes notebooks top to bottom, headless, the way a reader runs them: Jupyter's own executor
 * ({@code jupyter nbconvert --execute}) drives a kernel named {@code java} over the Jupyter
 * protocol. The kernel is CI's stand-in for IJava (tests/kernel), configured by the same script
 * Binder uses for IJava (binder/java-kernel.py), so the notebooks run with the same class path
 * mechanism, memory settings, magics and display calls; or another installed kernel. A cell error,
 * a cell that did not run or a notebook that displayed no picture fails with the cell and its
 * error. The executed copies, with their outputs, go to tests/target/notebooks/, with each
 * notebook's wall time and the kernel's peak resident memory in timings.txt.
 *
 * <p>Used by {@link ExecuteNotebooksIT} (the check) and {@link PublishNotebooks} (regenerating
 * notebooks/executed/). Runs in the tests module's folder (where Maven runs the tests) with the
 * tests' class path: the kit's classes for the notebooks, the stand-in kernel's for its JVM.
 */
final class NotebookRun {
    private static final Path TARGET = NotebookFiles.ROOT.resolve("tests/target");
    private static final Path EXECUTED = TARGET.resolve("notebooks");
    private static final Path JUPYTER = TARGET.resolve("jupyter");
    /** A cell longer than this in fast mode is a bug, not a slow machine. */
    private static final int CELL_TIMEOUT_S = 900;
    private static final String INSTALL_HINT = "The notebook test needs Jupyter's headless executor (nbconvert with "
            + "nbclient and jupyter_client) for Python 3. On Debian/Ubuntu: apt-get install jupyter-nbconvert "
            + "python3-nbclient python3-jupyter-client (.ci/run does this); elsewhere: pip install nbconvert nbclient. "
            + "Set NTK_PYTHON to the Python that has them if it is not /usr/bin/python3.";

    /** fast or default. */
    private final String mode;
    /** Another kernel's spec folder; empty for CI's stand-in. */
    private final String kernel;
    private final String python;

    private NotebookRun(String mode, String kernel, String python) {
        this.mode = mode;
        this.kernel = kernel;
        this.python = python;
    }

    /**
     * Finds Jupyter's executor and writes the kernel's spec: {@code mode} fast or default,
     * {@code kernel} the folder of another installed kernel's {@code kernel.json}, or empty for the
     * stand-in.
     */
    static NotebookRun prepare(String mode, String kernel) throws Exception {
        if (!mode.equals("fast") && !mode.equals("default")) {
            throw new IllegalArgumentException("the notebooks' mode must be fast or default, got '" + mode + "'");
        }
        NotebookRun run = new NotebookRun(mode, kernel, findPython());
        Files.createDirectories(EXECUTED);
        Files.deleteIfExists(EXECUTED.resolve("timings.txt"));
        run.writeKernelSpec();
        return run;
    }

    /** The notebooks whose names start with one of {@code prefixes}, all of them if there are none. */
    static List<Path> select(List<String> prefixes) {
        return NotebookFiles.all().stream()
                .filter(nb -> prefixes.isEmpty() || prefixes.stream().anyMatch(p -> nb.getFileName().toString().startsWith(p)))
                .toList();
    }

    /** Executes {@code notebook}, checks every cell, and returns the executed copy under tests/target/notebooks/. */
    Path execute(Path notebook) throws Exception {
        String name = notebook.getFileName().toString();
        Path executed = EXECUTED.resolve(name);
        Files.deleteIfExists(executed);
        Path log = EXECUTED.resolve(name.replace(".ipynb", ".log"));
        List<String> cmd = List.of(python, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=java",
                "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_S,
                "--output-dir", EXECUTED.toString(), "--output", name, notebook.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", JUPYTER.toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", JUPYTER.resolve("runtime").toString());
        // the stand-in kernel writes its peak resident memory here when it shuts down
        Path peak = EXECUTED.resolve(name.replace(".ipynb", ".peak"));
        Files.deleteIfExists(peak);
        pb.environment().put("NTK_KERNEL_PEAK_FILE", peak.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(45, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(name + " did not finish within 45 minutes; see " + log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(name + " failed (nbconvert exit " + p.exitValue() + "):\n" + tail(output, 6000));
        }
        JsonNode json = NotebookFiles.read(executed);
        List<JsonNode> cells = NotebookFiles.codeCells(json).toList();
        for (int i = 0; i < cells.size(); i++) {
            for (JsonNode out : cells.get(i).path("outputs")) {
                assertTrue(!"error".equals(out.path("output_type").asText()), name + ", code cell " + (i + 1) + ": "
                        + out.path("ename").asText() + ": " + out.path("evalue").asText());
            }
            assertEquals(i + 1, cells.get(i).path("execution_count").asInt(), name + ", code cell " + (i + 1) + " did not run");
        }
        long images = cells.stream().flatMap(c -> Stream.of(c.path("outputs")).flatMap(o -> java.util.stream.StreamSupport.stream(o.spliterator(), false)))
                .filter(o -> o.path("data").has("image/png")).count();
        assertTrue(images > 0, name + " displayed no image/png: display(...) did not reach the notebook");
        String memory = Files.isReadable(peak) ? Files.readString(peak).trim() : "unknown";
        Files.writeString(EXECUTED.resolve("timings.txt"), String.format(Locale.ROOT, "%s (%s mode%s): %.1f s, kernel peak resident memory %s%n",
                name, mode, kernel.isEmpty() ? "" : ", kernel " + kernel, seconds, memory),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return executed;
    }

    /**
     * Copies {@code executed}, the checked run of {@code notebook}, to its place under
     * notebooks/executed/ (solutions to notebooks/executed/solutions/), and returns that place.
     */
    static Path publish(Path notebook, Path executed) throws IOException {
        Path published = NotebookFiles.executedCopy(notebook);
        Files.createDirectories(published.getParent());
        Path tmp = published.resolveSibling(notebook.getFileName() + ".tmp");
        Files.copy(executed, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, published, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return published;
    }

    /** The Python with nbconvert and nbclient: NTK_PYTHON, else Debian's, else python3 on the PATH. */
    private static String findPython() throws Exception {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("NTK_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        } else {
            // Debian's Jupyter packages belong to /usr/bin/python3; a pyenv or venv python3 may come first on the PATH
            if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
                candidates.add("/usr/bin/python3");
            }
            candidates.add("python3");
        }
        StringBuilder tried = new StringBuilder();
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import nbconvert, nbclient, jupyter_client; print(nbconvert.__version__)")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
                tried.append("\n  ").append(c).append(": ").append(tail(out, 300));
            } catch (IOException e) {
                tried.append("\n  ").append(c).append(": ").append(e.getMessage());
            }
        }
        fail(INSTALL_HINT + "\nTried:" + tried);
        return null;
    }

    /**
     * The stand-in kernel's spec, "java", under tests/target/jupyter (found through JUPYTER_PATH
     * before any kernel installed on the machine). Its JVM runs the kernel's own classes; the kit
     * reaches JShell through IJAVA_CLASSPATH, as under IJava. With another kernel, that kernel's
     * spec instead.
     */
    private void writeKernelSpec() throws Exception {
        Path dir = JUPYTER.resolve("kernels/java");
        Files.createDirectories(dir);
        if (kernel.isEmpty()) {
            writeStandInSpec(dir);
        } else {
            Path spec = Path.of(kernel).resolve("kernel.json");
            if (!Files.isReadable(spec)) {
                fail("-Dnotebooks.kernel=" + kernel + ": no kernel.json there; give the folder of an installed kernel "
                        + "(jupyter kernelspec list shows them)");
            }
            // the whole folder: a spec may name files beside it as {resource_dir}/... (JJava's jars)
            try (Stream<Path> files = Files.list(Path.of(kernel))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // The kit's class path: what this JVM runs (the library's classes and its dependencies),
        // less the tests module's own folders, which hold no library code (and do not all exist).
        Path ownTarget = TARGET.toAbsolutePath();
        String kitClassPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().startsWith(ownTarget) && Files.exists(Path.of(e)))
                .collect(Collectors.joining(File.pathSeparator));
        run(List.of(python, NotebookFiles.ROOT.resolve("binder/java-kernel.py").toString(), dir.toString(),
                "--classpath", kitClassPath, "--env", "NTK_FAST=" + (mode.equals("fast") ? "1" : "0"),
                "--env", "NTK_NOTEBOOK_CACHE=" + TARGET.resolve("notebook-cache")));
    }

    private static void writeStandInSpec(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String kernelClassPath = String.join(File.pathSeparator, codeSources(
                ntk.kernel.Main.class, io.github.spencerpark.jupyter.kernel.BaseKernel.class,
                org.zeromq.ZMQ.class, com.neilalexander.jnacl.NaCl.class, com.google.gson.Gson.class));
        String spec = """
                {"argv": [%s, "-cp", %s, "ntk.kernel.Main", "{connection_file}"],
                 "display_name": "Java (CI stand-in for IJava)", "language": "java", "interrupt_mode": "message", "env": {}}
                """.formatted(quote(java), quote(kernelClassPath));
        Files.writeString(dir.resolve("kernel.json"), spec, StandardCharsets.UTF_8);
    }

    private static List<String> codeSources(Class<?>... classes) throws Exception {
        List<String> out = new ArrayList<>();
        for (Class<?> c : classes) {
            out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return out;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd.subList(0, 3)) + " failed:\n" + out);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n);
    }
}
