package ntk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The loader on the kit's real files, and on damaged copies of them. */
class FashionMnistTest {
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void dataDirectoryIsFoundFromTheTestsModule() {
        // Surefire runs in tests/; the walk-up must find the kit's data/ folder one level above.
        Path expected = Path.of("..", "data", "fashion-mnist").toAbsolutePath().normalize();
        if (System.getProperty("ntk.data") == null && System.getenv("NTK_DATA") == null) {
            assertEquals(expected, DataDirectory.fashionMnist().toAbsolutePath().normalize());
        }
        assertTrue(Files.isDirectory(DataDirectory.fashionMnist()));
    }

    @Test
    void realFilesHoldTheWholeDataSet() {
        DatasetImages data = FashionMnist.load();
        assertSame(data, FashionMnist.load(), "loaded data is cached per folder");
        ImageSet train = data.train();
        ImageSet test = data.test();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        for (ImageSet s : List.of(train, test)) {
            assertEquals(28, s.rows());
            assertEquals(28, s.cols());
        }
        for (Category c : FashionMnist.CATEGORIES) {
            assertEquals(6000, train.indices(c, true).length, "training images of " + c);
            assertEquals(54000, train.indices(c, false).length, "training images not of " + c);
            assertEquals(1000, test.indices(c, true).length, "test images of " + c);
        }
        // Labels known from the official files: the first training image is an ankle boot, the first test image too.
        assertEquals(FashionMnist.ANKLE_BOOT.label(), train.label(0));
        assertEquals(FashionMnist.ANKLE_BOOT.label(), test.label(0));
        assertEquals(FashionMnist.TSHIRT.label(), train.label(1));
    }

    @Test
    void imagesAreScaledToTheUnitInterval() {
        ImageSet test = FashionMnist.load().test();
        INDArray x = test.images(test.all());
        assertArrayEquals(new long[] {10000, 1, 28, 28}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals(0.0, x.minNumber().doubleValue(), 0.0);
        assertEquals(1.0, x.maxNumber().doubleValue(), 0.0);
        double mean = x.meanNumber().doubleValue();
        assertTrue(mean > 0.2 && mean < 0.4, "Fashion-MNIST's mean pixel is about 0.29, got " + mean);

        ImageSet train = FashionMnist.load().train();
        int[] some = {0, 1, 59999};
        INDArray y = train.images(some);
        assertArrayEquals(new long[] {3, 1, 28, 28}, y.shape());
        assertTrue(y.minNumber().doubleValue() >= 0 && y.maxNumber().doubleValue() <= 1);
        INDArray labels = train.isCategory(some, FashionMnist.ANKLE_BOOT);
        assertArrayEquals(new float[] {1f, 0f, train.label(59999) == FashionMnist.ANKLE_BOOT.label() ? 1f : 0f}, labels.toFloatVector());
    }

    /** A fresh copy of the four official .gz files (and nothing unpacked). */
    private static Path copyOfData(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fashion-mnist"));
        for (String f : FILES) {
            Files.copy(DataDirectory.fashionMnist().resolve(f), folder.resolve(f));
        }
        return folder;
    }

    @Test
    void missingFileIsNamedWithTheFix(@TempDir Path dir) throws IOException {
        Path folder = copyOfData(dir);
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte.gz"));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(folder));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- data/fashion-mnist"), "the message should say how to fix it: " + e.getMessage());
    }

    @Test
    void missingFolderIsReported(@TempDir Path dir) {
        Path folder = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(folder));
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void truncatedFileIsReportedAsCorrupt(@TempDir Path dir) throws IOException {
        Path folder = copyOfData(dir);
        Path victim = folder.resolve("train-labels-idx1-ubyte.gz");
        byte[] all = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(all, all.length / 2));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(folder));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz") && e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout"), e.getMessage());
        assertNoPartialFilesLeft(folder);
    }

    @Test
    void fileWithOtherContentFailsTheChecksum(@TempDir Path dir) throws IOException {
        Path folder = copyOfData(dir);
        Path victim = folder.resolve("t10k-labels-idx1-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(victim))) {
            out.write("not the Fashion-MNIST labels".getBytes(StandardCharsets.UTF_8));
        }
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(folder));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256"), "the message should mention the checksum: " + e.getMessage());
        assertTrue(e.getMessage().contains(FashionMnist.CONTENT_SHA256.get("t10k-labels-idx1-ubyte")), e.getMessage());
        assertNoPartialFilesLeft(folder);
        assertTrue(Files.notExists(folder.resolve("unpacked").resolve("t10k-labels-idx1-ubyte")), "a file that failed its check was kept");
    }

    @Test
    void damagedUnpackedCopyIsReplacedFromTheArchive(@TempDir Path dir) throws IOException {
        Path folder = copyOfData(dir);
        // Only the small label files: unpack, damage, unpack again.
        IdxFolder set = FashionMnist.in(folder);
        Path unpacked = set.unpacked(folder, "t10k-labels-idx1-ubyte");
        String good = IdxFolder.sha256(unpacked);
        assertEquals(FashionMnist.CONTENT_SHA256.get("t10k-labels-idx1-ubyte"), good);
        Files.write(unpacked, new byte[] {1, 2, 3});
        Path again = set.unpacked(folder, "t10k-labels-idx1-ubyte");
        assertEquals(unpacked, again);
        assertEquals(good, IdxFolder.sha256(again));
    }

    private static void assertNoPartialFilesLeft(Path folder) throws IOException {
        Path unpacked = folder.resolve("unpacked");
        if (Files.isDirectory(unpacked)) {
            try (var files = Files.list(unpacked)) {
                List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
                assertTrue(parts.isEmpty(), "temporary files left behind: " + parts);
            }
        }
    }
}
