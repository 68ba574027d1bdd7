package ntk.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
        JsonNode root = DatasetFolders.json(file);
        String name = DatasetFolders.name(folder, root, file);
        List<Category> categories = DatasetFolders.categories(name, DatasetFolders.texts(root, "categories", file), root, file);
        ItemShape shape = DatasetFolders.shape(root, file);
        Map<String, String> sums = new LinkedHashMap<>();
        if (root.has("sha256")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("sha256").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                sums.put(e.getKey(), e.getValue().asText());
            }
        }
        try {
            return new IdxFolder(name, categories, shape, () -> folder, sums, "Restore the folder " + folder + " (" + FILE + " says where its files come from).");
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }
}
