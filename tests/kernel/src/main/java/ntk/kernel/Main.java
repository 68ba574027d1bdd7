package ntk.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

/** Entry point: {@code java -cp <kernel class path> ntk.kernel.Main <connection_file>}. */
public final class Main {
    private static volatile NotebookKernel kernel;

    private Main() {}

    static NotebookKernel kernel() {
        NotebookKernel k = kernel;
        if (k == null) {
            throw new IllegalStateException("no notebook kernel is running in this JVM");
        }
        return k;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ntk.kernel.Main <connection_file>");
        }
        String contents = Files.readString(Path.of(args[0]));
        // the base kernel logs each channel loop's start/stop at INFO on stderr, through
        // java.util.logging loggers named "Loop-<channel>": raise the root level
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        JupyterConnection connection = new JupyterConnection(KernelConnectionProperties.parse(contents));
        kernel = new NotebookKernel();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel = null;
        System.exit(0);
    }

    /**
     * With NTK_KERNEL_PEAK_FILE set, writes this process's peak resident memory (Linux VmHWM) there
     * when the kernel is asked to shut down, so the notebook test can report each notebook's peak memory.
     * Not something IJava does; it changes nothing a notebook sees.
     */
    static void writePeakMemory() {
        String file = System.getenv("NTK_KERNEL_PEAK_FILE");
        Path status = Path.of("/proc/self/status");
        if (file == null || file.isBlank() || !Files.isReadable(status)) {
            return;
        }
        try (var lines = Files.lines(status)) {
            String peak = lines.filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: unknown");
            Files.writeString(Path.of(file), peak.substring("VmHWM:".length()).trim() + "\n");
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("cannot write the kernel's peak memory to " + file + ": " + e.getMessage());
        }
    }
}
