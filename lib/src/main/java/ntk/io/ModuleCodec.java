package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Layer;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One module in the manifest — its name, role, input shape, layers and a table of its parameters
 * (shape, data type, archive entry, SHA-256) — with the arrays themselves as archive entries.
 */
final class ModuleCodec {
    private ModuleCodec() {}

    /** The module's manifest entry; its arrays are added to {@code entries} under "arrays/name/param". */
    static ObjectNode encode(String name, Module m, Map<String, byte[]> entries) {
        ObjectNode n = ManifestFields.JSON.createObjectNode();
        n.put("name", name);
        n.put("role", roleName(m.spec().role()));
        ArrayNode input = n.putArray("input");
        Arrays.stream(m.spec().input().dims()).forEach(input::add);
        ArrayNode layers = n.putArray("layers");
        m.spec().layers().forEach(l -> layers.add(LayerCodec.encode(l)));
        ArrayNode params = n.putArray("parameters");
        for (String p : m.parameterNames()) {
            INDArray a = m.parameter(p);
            byte[] bytes = ArrayCodec.toBytes(a, "parameter " + p + " of module '" + name + "'");
            String entry = "arrays/" + name + "/" + p;
            ObjectNode pn = params.addObject();
            pn.put("name", p);
            ArrayNode shape = pn.putArray("shape");
            Arrays.stream(a.shape()).forEach(shape::add);
            pn.put("dtype", ArrayCodec.dtypeName(a.dataType()));
            pn.put("entry", entry);
            pn.put("sha256", ArrayCodec.sha256(bytes));
            entries.put(entry, bytes);
        }
        return n;
    }

    /** The module's name, as other parts of the manifest refer to it. */
    static String name(JsonNode n) {
        if (!n.isObject()) {
            throw FileProblem.inconsistent("every item of 'modules' must be a JSON object, got " + n);
        }
        return ManifestFields.text(n, "name", "a module");
    }

    static Module decode(JsonNode n, ModuleArchive archive) {
        String where = "module '" + name(n) + "'";
        ModuleSpec spec = spec(n, where);
        Map<String, long[]> expected = spec.parameterShapes();
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (JsonNode pn : ManifestFields.array(n, "parameters", where)) {
            String p = ManifestFields.text(pn, "name", "a parameter of " + where);
            String pw = "parameter " + p + " of " + where;
            long[] shape = ManifestFields.longs(pn, "shape", pw);
            if (!expected.containsKey(p)) {
                throw FileProblem.inconsistent(where + " lists a parameter " + p + " that its layers do not have (they have "
                        + expected.keySet() + ")");
            }
            if (!Arrays.equals(shape, expected.get(p))) {
                throw FileProblem.inconsistent(pw + " has shape " + Arrays.toString(shape) + " but its layers ("
                        + spec.describe() + ") need " + Arrays.toString(expected.get(p)));
            }
            if (params.containsKey(p)) {
                throw FileProblem.inconsistent(where + " lists the parameter " + p + " twice");
            }
            DataType dtype = ArrayCodec.dtype(ManifestFields.text(pn, "dtype", pw), pw);
            byte[] bytes = archive.entry(ManifestFields.text(pn, "entry", pw), pw);
            String stored = ManifestFields.text(pn, "sha256", pw);
            String actual = ArrayCodec.sha256(bytes);
            if (!stored.equalsIgnoreCase(actual)) {
                throw FileProblem.damaged(pw + " fails its SHA-256 check (the manifest says " + stored + ", the content has " + actual + ")");
            }
            params.put(p, ArrayCodec.fromBytes(bytes, shape, dtype, pw));
        }
        Set<String> missing = new LinkedHashSet<>(expected.keySet());
        missing.removeAll(params.keySet());
        if (!missing.isEmpty()) {
            throw FileProblem.inconsistent(where + " lacks the parameters " + missing + " that its layers need");
        }
        return new Module(spec, params);
    }

    private static ModuleSpec spec(JsonNode n, String where) {
        ModuleSpec.Role role = role(ManifestFields.text(n, "role", where), where);
        int[] dims = ManifestFields.ints(n, "input", where);
        List<Layer> layers = new ArrayList<>();
        ArrayNode ln = ManifestFields.array(n, "layers", where);
        for (int i = 0; i < ln.size(); i++) {
            layers.add(LayerCodec.decode(ln.get(i), "layer " + i + " of " + where));
        }
        try {
            return new ModuleSpec(role, new Shape(dims), layers);
        } catch (IncompatibleShapeException e) {
            throw FileProblem.inconsistent("the layers of " + where + " do not fit its input " + Arrays.toString(dims)
                    + " or each other: " + e.getMessage());
        }
    }

    static String roleName(ModuleSpec.Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ModuleSpec.Role role(String name, String where) {
        for (ModuleSpec.Role r : ModuleSpec.Role.values()) {
            if (roleName(r).equals(name)) {
                return r;
            }
        }
        throw FileProblem.inconsistent(where + " has the unknown role '" + name + "' (known: category, task, adapter, teacher-head)");
    }
}
