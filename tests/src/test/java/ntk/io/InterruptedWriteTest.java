package ntk.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A save that dies halfway leaves the old file as it was and no temporary file beside it. */
class InterruptedWriteTest {
    @TempDir
    Path dir;
    Path file;
    byte[] oldBytes;
    GenericNetwork oldNetwork;

    @BeforeEach
    void writeOldFile() throws IOException {
        file = dir.resolve("network.ntk");
        oldNetwork = TinyNetworks.network(41);
        ModuleFiles.saveNetwork(file, oldNetwork);
        oldBytes = Files.readAllBytes(file);
    }

    /** Passes {@code limit} bytes through, then fails as a full disk or a killed process would. */
    static final class FailingStream extends FilterOutputStream {
        private final int limit;
        private final boolean unchecked;
        int written;

        FailingStream(OutputStream out, int limit, boolean unchecked) {
            super(out);
            this.limit = limit;
            this.unchecked = unchecked;
        }

        @Override
        public void write(int b) throws IOException {
            if (written >= limit) {
                if (unchecked) {
                    throw new IllegalStateException("simulated crash after " + written + " bytes");
                }
                throw new IOException("simulated full disk after " + written + " bytes");
            }
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    private void writeNewNetworkFailingAfter(int limit, boolean unchecked, Class<? extends Exception> expected) {
        ModuleArchive archive = ModuleFiles.networkArchive(TinyNetworks.network(42));
        FailingStream[] stream = new FailingStream[1];
        assertThrows(expected, () -> AtomicFiles.write(file, tmp -> {
            try (OutputStream out = new FailingStream(Files.newOutputStream(tmp), limit, unchecked)) {
                stream[0] = (FailingStream) out;
                archive.writeTo(out);
            }
        }));
        assertEquals(limit, stream[0].written, "the write got that far before failing");
    }

    private void assertOldFileIntactAndAlone() throws IOException {
        assertArrayEquals(oldBytes, Files.readAllBytes(file), "the old file is byte-identical");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        INDArray x = TinyNetworks.images(3, 4);
        GenericNetwork loaded = ModuleFiles.loadNetwork(file);
        for (var r : oldNetwork.routes()) {
            TinyNetworks.assertSameBits(oldNetwork.predict(r.category(), Task.CLASSIFICATION, x),
                    loaded.predict(r.category(), Task.CLASSIFICATION, x), "old prediction " + r);
        }
    }

    @Test
    void anIOErrorMidwayLeavesTheOldFile() throws IOException {
        int half = oldBytes.length / 2;
        writeNewNetworkFailingAfter(half, false, java.io.UncheckedIOException.class);
        assertOldFileIntactAndAlone();
    }

    @Test
    void aCrashMidwayLeavesTheOldFile() throws IOException {
        writeNewNetworkFailingAfter(100, true, IllegalStateException.class);
        assertOldFileIntactAndAlone();
    }

    @Test
    void theNextSaveSucceeds() throws IOException {
        writeNewNetworkFailingAfter(oldBytes.length / 3, false, java.io.UncheckedIOException.class);
        GenericNetwork replacement = TinyNetworks.network(43);
        ModuleFiles.saveNetwork(file, replacement);
        assertTrue(ModuleFiles.loadNetwork(file).taskModule(Task.CLASSIFICATION).sameAs(replacement.taskModule(Task.CLASSIFICATION)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
