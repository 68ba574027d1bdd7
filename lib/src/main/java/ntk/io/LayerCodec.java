package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ntk.nn.Conv2d;
import ntk.nn.Dense;
import ntk.nn.Flatten;
import ntk.nn.Layer;
import ntk.nn.MaxPool2d;
import ntk.nn.Relu;
import ntk.nn.Upsample2d;

/** A layer as a typed JSON object, e.g. {"type": "conv2d", "kernel": 3, "in": 1, "out": 16}. */
final class LayerCodec {
    static final String KNOWN_TYPES = "conv2d, relu, maxpool2d, upsample2d, flatten, dense";

    private LayerCodec() {}

    static ObjectNode encode(Layer layer) {
        ObjectNode n = ManifestFields.JSON.createObjectNode();
        // Layer is sealed: a new layer type fails here until it gets a JSON form
        if (layer instanceof Conv2d c) {
            n.put("type", "conv2d").put("kernel", c.kernel()).put("in", c.in()).put("out", c.out());
        } else if (layer instanceof Relu) {
            n.put("type", "relu");
        } else if (layer instanceof MaxPool2d p) {
            n.put("type", "maxpool2d").put("size", p.size());
        } else if (layer instanceof Upsample2d u) {
            n.put("type", "upsample2d").put("factor", u.factor());
        } else if (layer instanceof Flatten) {
            n.put("type", "flatten");
        } else if (layer instanceof Dense d) {
            n.put("type", "dense").put("in", d.in()).put("out", d.out());
        } else {
            throw new IllegalArgumentException("no file format for layer " + layer.describe());
        }
        return n;
    }

    static Layer decode(JsonNode n, String where) {
        if (!n.isObject()) {
            throw FileProblem.inconsistent(where + " must be a JSON object, got " + n);
        }
        String type = ManifestFields.text(n, "type", where);
        try {
            return switch (type) {
                case "conv2d" -> new Conv2d(ManifestFields.integer(n, "kernel", where), ManifestFields.integer(n, "in", where),
                        ManifestFields.integer(n, "out", where));
                case "relu" -> new Relu();
                case "maxpool2d" -> new MaxPool2d(ManifestFields.integer(n, "size", where));
                case "upsample2d" -> new Upsample2d(ManifestFields.integer(n, "factor", where));
                case "flatten" -> new Flatten();
                case "dense" -> new Dense(ManifestFields.integer(n, "in", where), ManifestFields.integer(n, "out", where));
                default -> throw FileProblem.other(where + " has the unknown layer type '" + type + "'",
                        "This kit knows the layer types " + KNOWN_TYPES + "; the file was written by a newer or different tool:"
                                + " upgrade the kit, or " + FileProblem.WRITE_AGAIN + ".");
            };
        } catch (IllegalArgumentException e) { // the layer's own checks, e.g. an even kernel
            throw FileProblem.inconsistent(where + " is not a valid layer: " + e.getMessage());
        }
    }
}
