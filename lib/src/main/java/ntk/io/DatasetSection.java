package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.data.Datasets;
import ntk.data.FashionMnist;
import ntk.data.ItemShape;

/**
 * The {@code dataset} section of a module file: the data set's name, item shape and categories,
 * so a file says what it was trained on and is read back with the same categories. Files written
 * before the section existed hold Fashion-MNIST modules, and read as such.
 */
final class DatasetSection {
    private DatasetSection() {}

    static void encode(Dataset d, ObjectNode manifest) {
        ObjectNode section = manifest.putObject("dataset").put("name", d.name());
        ItemShape s = d.itemShape();
        section.putArray("itemShape").add(s.channels()).add(s.height()).add(s.width());
        ArrayNode ids = section.putArray("categories");
        d.categories().forEach(c -> ids.add(c.id()));
    }

    /** The data set a file names; the kit's own definition when it knows the name, which must agree with the file's. */
    static Dataset decode(JsonNode manifest) {
        if (!manifest.has("dataset")) {
            return FashionMnist.DATASET;
        }
        String where = "the dataset section";
        JsonNode section = ManifestFields.object(manifest, "dataset", "the manifest");
        String name = ManifestFields.text(section, "name", where);
        List<String> ids = new ArrayList<>();
        for (JsonNode id : ManifestFields.array(section, "categories", where)) {
            ids.add(id.asText());
        }
        List<Integer> shape = new ArrayList<>();
        for (JsonNode n : ManifestFields.array(section, "itemShape", where)) {
            shape.add(n.asInt());
        }
        if (!Datasets.isKnown(name)) {
            throw FileProblem.other("the file's modules were trained on the data set " + name + ", which this kit does not know",
                    "Register the data set (ntk.data.Datasets.register) or name its folder in the settings before loading the file.");
        }
        Dataset d = Datasets.named(name);
        List<String> known = d.categories().stream().map(Category::id).toList();
        List<Integer> knownShape = List.of(d.itemShape().channels(), d.itemShape().height(), d.itemShape().width());
        if (!known.equals(ids) || !knownShape.equals(shape)) {
            throw FileProblem.inconsistent("the file describes data set " + name + " as " + shape + " items of " + ids
                    + ", but the kit's " + name + " has " + knownShape + " items of " + known);
        }
        return d;
    }

    /** Category {@code id} of {@code d}, or a file problem naming the known ones. */
    static Category category(Dataset d, String id) {
        try {
            return d.category(id);
        } catch (IllegalArgumentException e) {
            throw FileProblem.inconsistent(e.getMessage());
        }
    }
}
