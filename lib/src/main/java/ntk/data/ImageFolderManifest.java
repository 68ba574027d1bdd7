package ntk.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads an image folder's {@code dataset.json} and checks the folder's layout:
 *
 * <pre>{@code
 * {
 *   "name": "shapes",                      // the folder's name
 *   "format": "image-folder",
 *   "itemShape": [1, 28, 28],              // channels (1 grey, 3 colour), height, width
 *   "categories": ["circle", "square"],    // optional: label order; default the train/ sub-folders, sorted
 *   "displayNames": ["Circle", "Square"]   // optional: default the ids
 * }
 * }</pre>
 *
 * Other keys (source, licence) document the set and are not read. A category's id is its
 * folder's name, so folder names must be category ids (lower-case letters, digits, hyphens);
 * every category has a folder in {@code train/} and in {@code test/}, and those folders hold no
 * other. Folders whose names start with a dot are skipped (.ipynb_checkpoints), and so are files
 * directly in {@code train/} or {@code test/}.
 */
final class ImageFolderManifest {
    static final String TRAIN = "train";
    static final String TEST = "test";

    private ImageFolderManifest() {}

    static ImageFolder read(Path folder) {
        Path file = folder.resolve(DatasetFolders.FILE);
        return read(folder, DatasetFolders.json(file), file);
    }

    static ImageFolder read(Path folder, JsonNode root, Path file) {
        String name = DatasetFolders.name(folder, root, file);
        ItemShape shape = DatasetFolders.shape(root, file);
        Path train = split(folder, TRAIN);
        Path test = split(folder, TEST);
        List<String> trainFolders = categoryFolders(train);
        List<String> testFolders = categoryFolders(test);
        List<String> ids = root.has("categories") ? DatasetFolders.texts(root, "categories", file) : trainFolders;
        for (String id : ids) {
            if (!trainFolders.contains(id)) {
                throw new DataException(file + " lists the category " + id + ", but there is no folder " + train.resolve(id)
                        + ": add it with the category's training images, or remove " + id + " from \"categories\"");
            }
        }
        for (String f : trainFolders) {
            if (!ids.contains(f)) {
                throw new DataException("the folder " + train.resolve(f) + " is not among the categories " + file + " lists"
                        + " (" + String.join(", ", ids) + "): add " + f + " to \"categories\", or remove the folder");
            }
            if (!testFolders.contains(f)) {
                throw new DataException("category " + f + " has training images (" + train.resolve(f) + ") but no folder "
                        + test.resolve(f) + ": every category needs test images; add that folder with some, or remove the category");
            }
        }
        for (String f : testFolders) {
            if (!trainFolders.contains(f)) {
                throw new DataException("the folder " + test.resolve(f) + " has no training counterpart " + train.resolve(f)
                        + ": every category needs training images; add that folder with some, or remove " + test.resolve(f));
            }
        }
        List<Category> categories = DatasetFolders.categories(name, ids, root, file);
        try {
            return new ImageFolder(name, categories, shape, folder);
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    private static Path split(Path folder, String split) {
        Path p = folder.resolve(split);
        if (!Files.isDirectory(p)) {
            throw new DataException("the image folder " + folder + " has no " + split + "/ folder: an image folder holds train/<category>/"
                    + " and test/<category>/ folders of PNG or JPEG images; create " + p + " with one folder per category");
        }
        return p;
    }

    /** The names of {@code split}'s sub-folders, sorted; each must be a category id. */
    private static List<String> categoryFolders(Path split) {
        List<String> names;
        try (Stream<Path> entries = Files.list(split)) {
            names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + split + ": " + e.getMessage(), e);
        }
        for (String n : names) {
            if (!n.matches(Category.ID)) {
                String id = suggestedId(n);
                throw new DataException("the folder " + split.resolve(n) + " is not named as a category id is (lower-case letters,"
                        + " digits and hyphens, not starting with a hyphen): rename it" + (id.isEmpty() ? "" : " to " + id)
                        + " in both train/ and test/ (" + DatasetFolders.FILE + "'s \"displayNames\" can show another name)");
            }
        }
        return names;
    }

    /** "Ankle Boot" and "ankle_boot" to "ankle-boot", "Café" to "cafe". */
    static String suggestedId(String folderName) {
        String plain = Normalizer.normalize(folderName, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

}
