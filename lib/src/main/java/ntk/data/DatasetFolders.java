package ntk.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;

/**
 * A data set folder described by its {@code dataset.json}, of one of two kinds, told by the
 * file's {@code "format"}: {@code "idx"} ({@link IdxManifest}) or {@code "image-folder"}
 * ({@link ImageFolderManifest}). Without a format, a folder holding the four IDX files (plain or
 * gzipped) is an IDX folder, and one holding a {@code train/} folder is an image folder.
 */
final class DatasetFolders {
    static final String FILE = "dataset.json";
    static final String IDX = "idx";

    private DatasetFolders() {}

    static Dataset read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode root = json(file);
        String format = root.has("format") ? root.get("format").asText() : guessed(folder, file);
        return switch (format) {
            case IDX -> IdxManifest.read(folder);
            case ImageFolder.FORMAT -> ImageFolderManifest.read(folder, root, file);
            default -> throw new DataException(file + ": unknown \"format\": \"" + format + "\"; use \"" + IDX + "\" (the four IDX files)"
                    + " or \"" + ImageFolder.FORMAT + "\" (train/<category>/ and test/<category>/ folders of images)");
        };
    }

    private static String guessed(Path folder, Path file) {
        if (IdxFolder.FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)) || Files.isRegularFile(folder.resolve(f + ".gz")))) {
            return IDX;
        }
        if (Files.isDirectory(folder.resolve(ImageFolderManifest.TRAIN))) {
            return ImageFolder.FORMAT;
        }
        throw new DataException(file + " does not say its \"format\", and " + folder + " holds neither the four IDX files " + IdxFolder.FILES
                + " (each may be .gz) nor a train/ folder of images: add the missing files or folders, or say \"format\": \"" + IDX
                + "\" or \"" + ImageFolder.FORMAT + "\"");
    }

    static JsonNode json(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new DataException(file + " must hold a JSON object describing the data set (name, format, itemShape, ...)");
            }
            return root;
        } catch (IOException e) {
            throw new DataException("cannot read the data set description " + file + ": " + e.getMessage(), e);
        }
    }

    /** The data set's {@code "name"}, which must be its folder's name. */
    static String name(Path folder, JsonNode root, Path file) {
        JsonNode n = root.get("name");
        if (n == null || !n.isTextual()) {
            throw new DataException(file + ": missing the text field \"name\" (the folder's name, " + folder.getFileName() + ")");
        }
        String name = n.asText();
        if (!name.equals(folder.getFileName().toString())) {
            throw new DataException(file + " names the data set " + name + ", but its folder is " + folder.getFileName()
                    + "; a data set's folder carries its name: rename the folder to " + name + " or set \"name\": \""
                    + folder.getFileName() + "\"");
        }
        return name;
    }

    /** The text list {@code key}, not empty. */
    static List<String> texts(JsonNode root, String key, Path file) {
        JsonNode n = root.get(key);
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new DataException(file + ": \"" + key + "\" must be a list of names");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The categories {@code ids} of data set {@code name}, in label order, shown by the optional {@code "displayNames"}. */
    static List<Category> categories(String name, List<String> ids, JsonNode root, Path file) {
        List<String> shown = root.has("displayNames") ? texts(root, "displayNames", file) : ids;
        if (shown.size() != ids.size()) {
            throw new DataException(file + ": " + ids.size() + " categories but " + shown.size() + " display names");
        }
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            categories.add(new Category(name, ids.get(i), shown.get(i), i));
        }
        return categories;
    }

    /** The {@code "itemShape"} [channels, height, width]. */
    static ItemShape shape(JsonNode root, Path file) {
        JsonNode shape = root.get("itemShape");
        if (shape == null || !shape.isArray() || shape.size() != 3 || !shape.get(0).isInt() || !shape.get(1).isInt() || !shape.get(2).isInt()) {
            throw new DataException(file + ": \"itemShape\" must be [channels, height, width], e.g. [1, 28, 28] for greyscale or"
                    + " [3, 32, 32] for colour items");
        }
        try {
            return new ItemShape(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }
}
