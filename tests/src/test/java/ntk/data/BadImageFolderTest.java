package ntk.data;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import ntk.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every way an image folder can be wrong is refused with a message naming the problem and the fix (docs/bad-input.md). */
class BadImageFolderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** A good folder of two pictures per category and split, broken by {@code damage}. */
    private Path folder(Consumer<Path> damage) {
        Path folder = ShapePictures.write(dir, "shapes", 1, 2, 2, 1);
        damage.accept(folder);
        return folder;
    }

    private static void assertRefused(Executable read, String... words) {
        Throwable e = assertThrows(RuntimeException.class, read);
        assertInstanceOf(DataException.class, e, "a DataException, got " + e);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "expected '" + w + "' in: " + e.getMessage());
        }
    }

    /** What reading the folder (description, then pictures) throws. */
    private Executable reading(Path folder) {
        return () -> Datasets.inFolder(folder.getParent(), folder.getFileName().toString()).load();
    }

    @Test
    void aMissingTrainOrTestFolder() {
        Path noTrain = folder(f -> move(f.resolve("train"), f.resolve("training")));
        assertRefused(reading(noTrain), "has no train/ folder", "create " + noTrain.resolve("train"));
        delete(noTrain);
        Path noTest = folder(f -> delete(f.resolve("test")));
        assertRefused(reading(noTest), "has no test/ folder", "train/<category>/ and test/<category>/");
    }

    @Test
    void anEmptyCategoryIsNamed() {
        Path f = folder(x -> {
            delete(x.resolve("test/square"));
            mkdir(x.resolve("test/square"));
        });
        assertRefused(reading(f), "category square has no images in " + f.resolve("test/square"), "add PNG or JPEG images");
    }

    @Test
    void aCorruptPictureIsNamedWithItsPath() {
        Path bad = dir.resolve("shapes/train/cross/cross-0001.png");
        Path f = folder(x -> write(bad, "\u0089PNG\r\n\u001a\n truncated"));
        assertRefused(reading(f), bad.toString(), "replace it");
        write(bad, "just text in a file named .png");
        assertRefused(reading(f), "the image " + bad, "is not a PNG or JPEG image");
    }

    @Test
    void aFileThatIsNoPictureOrAFolderInsideACategory() {
        Path notes = dir.resolve("shapes/train/circle/notes.txt");
        Path f = folder(x -> write(notes, "hello"));
        assertRefused(reading(f), notes.toString(), "not a PNG or JPEG image", "convert it or remove it");
        delete(notes);
        mkdir(f.resolve("train/circle/more"));
        assertRefused(reading(f), f.resolve("train/circle/more") + " is a folder inside the category folder");
    }

    @Test
    void aCategoryInTrainButNotInTestOrTheOtherWayRound() {
        Path f = folder(x -> delete(x.resolve("test/triangle")));
        assertRefused(reading(f), "category triangle has training images", "no folder " + f.resolve("test/triangle"));
        delete(f);
        Path g = folder(x -> delete(x.resolve("train/triangle")));
        assertRefused(reading(g), g.resolve("test/triangle") + " has no training counterpart");
    }

    @Test
    void aDescriptionWhoseNameIsNotTheFolders() {
        Path f = folder(x -> ShapePictures.writeManifest(x, "{\"name\": \"figures\", \"format\": \"image-folder\", \"itemShape\": [1, 28, 28]}"));
        assertRefused(reading(f), "names the data set figures, but its folder is shapes", "rename the folder to figures or set \"name\": \"shapes\"");
    }

    @Test
    void aFolderNameThatIsNoCategoryIdGetsARenameSuggestion() {
        Path f = folder(x -> {
            move(x.resolve("train/square"), x.resolve("train/Big Square"));
            move(x.resolve("test/square"), x.resolve("test/Big Square"));
        });
        assertRefused(reading(f), "Big Square", "rename it to big-square in both train/ and test/", "displayNames");
    }

    @Test
    void listedCategoriesMustMatchTheFolders() {
        Path f = folder(x -> ShapePictures.writeManifest(x, "{\"name\": \"shapes\", \"format\": \"image-folder\", \"itemShape\": [1, 28, 28],"
                + " \"categories\": [\"circle\", \"cross\", \"square\", \"star\"]}"));
        assertRefused(reading(f), "lists the category star", "no folder " + f.resolve("train/star"));
        ShapePictures.writeManifest(f, "{\"name\": \"shapes\", \"format\": \"image-folder\", \"itemShape\": [1, 28, 28],"
                + " \"categories\": [\"circle\", \"cross\", \"square\"]}");
        assertRefused(reading(f), f.resolve("train/triangle") + " is not among the categories", "add triangle to \"categories\"");
    }

    @Test
    void aBadItemShapeOrFormat() {
        Path f = folder(x -> ShapePictures.writeManifest(x, "{\"name\": \"shapes\", \"format\": \"image-folder\", \"itemShape\": [2, 28, 28]}"));
        assertRefused(reading(f), "greyscale (1 channel) or colour (3 channels), got 2");
        ShapePictures.writeManifest(f, "{\"name\": \"shapes\", \"format\": \"image-folder\", \"itemShape\": [1, 30, 30]}");
        assertRefused(reading(f), "multiples of 4");
        ShapePictures.writeManifest(f, "{\"name\": \"shapes\", \"format\": \"image-folder\"}");
        assertRefused(reading(f), "\"itemShape\" must be [channels, height, width]");
        ShapePictures.writeManifest(f, "{\"name\": \"shapes\", \"format\": \"pictures\", \"itemShape\": [1, 28, 28]}");
        assertRefused(reading(f), "unknown \"format\": \"pictures\"", "\"idx\"", "\"image-folder\"");
    }

    @Test
    void aFolderThatIsNeitherKindOrHasNoDescription() {
        Path f = folder(x -> delete(x.resolve("train")));
        ShapePictures.writeManifest(f, "{\"name\": \"shapes\", \"itemShape\": [1, 28, 28]}");
        assertRefused(reading(f), "does not say its \"format\"", "neither the four IDX files", "nor a train/ folder");
        delete(f.resolve("dataset.json"));
        assertRefused(reading(f), "has no dataset.json", "\"format\": \"image-folder\"");
    }

    @Test
    void fewerImagesThanACallerAsksForGivesTheNumbers() {
        Dataset d = Datasets.inFolder(folder(x -> {}).getParent(), "shapes");
        DatasetImages images = d.load();
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> images.validationSplit(List.of(d.category("circle")), 5, 1));
        assertTrue(split.getMessage().contains("cannot hold out 5 validation images of circle: it has 2 training images"), split.getMessage());
        IllegalArgumentException draw = assertThrows(IllegalArgumentException.class,
                () -> Samples.annotated(images.train(), d.category("circle"), 20, 1));
        assertTrue(draw.getMessage().contains("cannot draw 20 annotated images for circle (10 of it, 10 of other categories)")
                && draw.getMessage().contains("has 2 images of circle and 6 of others") && draw.getMessage().contains("teacherPerClass"),
                draw.getMessage());
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void mkdir(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
