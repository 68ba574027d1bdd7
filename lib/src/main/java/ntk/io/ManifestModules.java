package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.Map;
import ntk.nn.Module;

/** The manifest's "modules" list, looked up by name and decoded with their arrays on demand. */
final class ManifestModules {
    private final Map<String, JsonNode> byName = new LinkedHashMap<>();
    private final ModuleArchive archive;

    ManifestModules(ModuleArchive archive) {
        this.archive = archive;
        ArrayNode list = ManifestFields.array(archive.manifest(), "modules", "the manifest");
        for (JsonNode n : list) {
            String name = ModuleCodec.name(n);
            if (byName.put(name, n) != null) {
                throw FileProblem.inconsistent("the manifest lists two modules named '" + name + "'");
            }
        }
    }

    /** The only module (of a single-module file). */
    Module only() {
        if (byName.size() != 1) {
            throw FileProblem.inconsistent("a single-module file lists exactly one module, this one lists " + byName.keySet());
        }
        return ModuleCodec.decode(byName.values().iterator().next(), archive);
    }

    /** The module {@code name}, which {@code usedBy} (e.g. "the teacher's head") refers to. */
    Module get(String name, String usedBy) {
        JsonNode n = byName.get(name);
        if (n == null) {
            throw FileProblem.inconsistent(usedBy + " refers to the module '" + name + "', which the manifest does not list (it lists "
                    + byName.keySet() + ")");
        }
        return ModuleCodec.decode(n, archive);
    }
}
