package ntk.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data sets found by name: Fashion-MNIST built in, the shipped MNIST through its dataset.json, and what is refused. */
class DatasetsTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void fashionMnistIsBuiltInWithItsTenCategoriesInLabelOrder() {
        Dataset d = Datasets.named("fashion-mnist");
        assertSame(FashionMnist.DATASET, d);
        assertEquals(10, d.categories().size());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, d.categories().get(i).label());
        }
        assertEquals(new ItemShape(1, 28, 28), d.itemShape());
        assertEquals(FashionMnist.SANDAL, d.category("sandal"));
    }

    @Test
    void theShippedMnistIsReadThroughItsManifestAndChecked() {
        Dataset d = Datasets.named("mnist");
        assertEquals(List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
                d.categories().stream().map(Category::id).toList());
        assertEquals(new ItemShape(1, 28, 28), d.itemShape());
        DatasetImages images = d.load();
        assertEquals(60_000, images.train().size());
        assertEquals(10_000, images.test().size());
        // counts known from the official files (data/mnist/README.md)
        assertEquals(5923, images.train().indices(d.category("zero"), true).length);
        assertEquals(892, images.test().indices(d.category("five"), true).length);
        assertEquals(d.category("five").label(), images.train().label(0), "the first training digit is a 5");
    }

    @Test
    void categoriesOfTwoDataSetsNeverCompareEqual() {
        Category mnistZero = Datasets.named("mnist").ofLabel(0);
        assertEquals(0, FashionMnist.TSHIRT.label());
        assertTrue(!mnistZero.equals(FashionMnist.TSHIRT));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.named("kuzushiji"));
        assertTrue(e.getMessage().contains("'kuzushiji'") && e.getMessage().contains("fashion-mnist")
                && e.getMessage().contains("dataset.json"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> FashionMnist.DATASET.category("digit"));
        assertTrue(c.getMessage().contains("fashion-mnist") && c.getMessage().contains("ankle-boot"), c.getMessage());
    }

    @Test
    void anIdxFolderThatDoesNotHoldWhatItsManifestSaysIsRefused(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("digits"));
        Path mnist = DataDirectory.root().resolve("mnist");
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(mnist.resolve(f), folder.resolve(f));
        }
        String manifest = Files.readString(mnist.resolve("dataset.json")).replace("\"name\": \"mnist\"", "\"name\": \"digits\"");
        Files.writeString(folder.resolve("dataset.json"), manifest.replace("[1, 28, 28]", "[1, 32, 32]"));
        DataException shape = assertThrows(DataException.class, () -> IdxManifest.read(folder).load());
        assertTrue(shape.getMessage().contains("1×28×28") && shape.getMessage().contains("1×32×32"), shape.getMessage());

        Files.writeString(folder.resolve("dataset.json"), manifest.replace("\"zero\", ", ""));
        DataException labels = assertThrows(DataException.class, () -> IdxManifest.read(folder).load());
        assertTrue(labels.getMessage().contains("9 categories"), labels.getMessage());

        Files.writeString(folder.resolve("dataset.json"), manifest.replace("ba891046", "00000000"));
        DataException sum = assertThrows(DataException.class, () -> IdxManifest.read(folder).load());
        assertTrue(sum.getMessage().contains("train-images-idx3-ubyte") && sum.getMessage().contains("SHA-256"), sum.getMessage());
    }
}
