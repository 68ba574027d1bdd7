package ntk.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an IDX folder's {@code dataset.json}: its {@code name} (the folder's name), its
 * {@code categories} ids in label order, optional {@code displayNames}, its {@code itemShape}
 * {@code [1, height, width]}, and optional {@code sha256} sums of the unpacked files' content,
 * keyed by file name without {@code .gz}. Other keys (source, licence, counts) document the set and
 * are not read. {@code data/mnist/dataset.json} is an example.
 */
final class IdxManifest {
    static final String FILE = "dataset.json";

    private IdxManifest() {}

    static IdxFolder read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DataException("cannot read the data set description " + file + ": " + e.getMessage(), e);
        }
        String name = text(root, "name", file);
        if (!name.equals(folder.getFileName().toString())) {
            throw new DataException(file + " names the data set " + name + ", but its folder is " + folder.getFileName()
                    + "; a data set's folder carries its name");
        }
        List<String> ids = texts(root, "categories", file);
        List<String> shown = root.has("displayNames") ? texts(root, "displayNames", file) : ids;
        if (shown.size() != ids.size()) {
            throw new DataException(file + ": " + ids.size() + " categories but " + shown.size() + " display names");
        }
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            categories.add(new Category(name, ids.get(i), shown.get(i), i));
        }
        JsonNode shape = root.get("itemShape");
        if (shape == null || !shape.isArray() || shape.size() != 3) {
            throw new DataException(file + ": itemShape must be [channels, height, width], e.g. [1, 28, 28]");
        }
        Map<String, String> sums = new LinkedHashMap<>();
        if (root.has("sha256")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("sha256").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                sums.put(e.getKey(), e.getValue().asText());
            }
        }
        try {
            return new IdxFolder(name, categories, new ItemShape(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt()),
                    () -> folder, sums, "Restore the folder " + folder + " (" + FILE + " says where its files come from).");
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String key, Path file) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual()) {
            throw new DataException(file + ": missing the text field \"" + key + "\"");
        }
        return n.asText();
    }

    private static List<String> texts(JsonNode root, String key, Path file) {
        JsonNode n = root.get(key);
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new DataException(file + ": \"" + key + "\" must be a list of names");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }
}
