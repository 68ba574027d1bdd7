package ntk.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kind of data set a folder holds: dataset.json's "format", or without one, the files it holds. */
class DatasetFoldersTest {
    private static final String IDX_DESCRIPTION = "{\"name\": \"digits\", \"categories\": [\"zero\", \"one\"], \"itemShape\": [1, 28, 28]}";

    @Test
    void withoutAFormatTheFourIdxFilesMakeAnIdxFolder(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("digits");
        ShapePictures.writeManifest(folder, IDX_DESCRIPTION);
        for (String f : IdxFolder.FILES) {
            Files.createFile(folder.resolve(f + ".gz")); // only their presence counts: describing reads no file
        }
        Dataset d = Datasets.inFolder(dir, "digits");
        assertInstanceOf(IdxFolder.class, d);
        assertEquals("one", d.ofLabel(1).id());
    }

    @Test
    void theFormatSaysItWhateverTheFolderHolds(@TempDir Path dir) {
        Path folder = ShapePictures.write(dir, "digits", 1, 1, 1, 1); // a train/ folder...
        ShapePictures.writeManifest(folder, IDX_DESCRIPTION.replace("{", "{\"format\": \"idx\", ")); // ...but an IDX set by its format
        assertInstanceOf(IdxFolder.class, Datasets.inFolder(dir, "digits"));
        ShapePictures.writeManifest(folder, "{\"name\": \"digits\", \"itemShape\": [1, 28, 28]}");
        assertInstanceOf(ImageFolder.class, Datasets.inFolder(dir, "digits"), "no format, a train/ folder");
    }

    @Test
    void theShippedMnistDescriptionStillReadsAsAnIdxFolder() {
        assertInstanceOf(IdxFolder.class, Datasets.inFolder(DataDirectory.root(), "mnist"));
    }
}
