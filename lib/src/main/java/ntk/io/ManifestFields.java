package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The manifest's JSON: one shared mapper, and readers for required fields that say which field of
 * which part is missing or malformed, so an edited manifest gets a precise complaint.
 */
final class ManifestFields {
    /** Indented, so the manifest reads well in `unzip -p file.ntk manifest.json`; duplicate keys are an error. */
    static final ObjectMapper JSON = Json.MAPPER;

    private ManifestFields() {}

    static JsonNode field(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw FileProblem.inconsistent("the manifest lacks the field '" + field + "' of " + where);
        }
        return v;
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = field(node, field, where);
        if (!v.isTextual()) {
            throw FileProblem.inconsistent("the manifest field '" + field + "' of " + where + " must be a string, got " + v);
        }
        return v.asText();
    }

    static int integer(JsonNode node, String field, String where) {
        JsonNode v = field(node, field, where);
        if (!v.isInt()) {
            throw FileProblem.inconsistent("the manifest field '" + field + "' of " + where + " must be an integer, got " + v);
        }
        return v.intValue();
    }

    static ArrayNode array(JsonNode node, String field, String where) {
        JsonNode v = field(node, field, where);
        if (!v.isArray()) {
            throw FileProblem.inconsistent("the manifest field '" + field + "' of " + where + " must be a list, got " + v);
        }
        return (ArrayNode) v;
    }

    static JsonNode object(JsonNode node, String field, String where) {
        JsonNode v = field(node, field, where);
        if (!v.isObject()) {
            throw FileProblem.inconsistent("the manifest field '" + field + "' of " + where + " must be an object, got " + v);
        }
        return v;
    }

    /** A list of integers, e.g. a shape. */
    static long[] longs(JsonNode node, String field, String where) {
        ArrayNode a = array(node, field, where);
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).canConvertToLong() || !a.get(i).isIntegralNumber()) {
                throw FileProblem.inconsistent("the manifest field '" + field + "' of " + where + " must list integers, got " + a);
            }
            out[i] = a.get(i).longValue();
        }
        return out;
    }

    static int[] ints(JsonNode node, String field, String where) {
        long[] l = longs(node, field, where);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != (int) l[i]) {
                throw FileProblem.inconsistent("the manifest field '" + field + "' of " + where + " holds " + l[i] + ", too large");
            }
            out[i] = (int) l[i];
        }
        return out;
    }
}
