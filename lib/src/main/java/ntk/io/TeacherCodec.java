package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import ntk.data.Category;
import ntk.data.Datasets;
import ntk.generic.Task;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.train.Teacher;

/**
 * A teacher: {"teacher": {"category": "sandal", "features": "features", "heads": {"classification":
 * "head-classification", ...}}} and its modules. A section with a single "head" (as the first
 * files had) is read as a classification head.
 */
final class TeacherCodec {
    private static final String FEATURES = "features";

    private TeacherCodec() {}

    static void encode(Teacher t, ObjectNode manifest, ArrayNode modules, Map<String, byte[]> entries) {
        DatasetSection.encode(Datasets.named(t.category().dataset()), manifest);
        ObjectNode section = manifest.putObject("teacher").put("category", t.category().id()).put("features", FEATURES);
        ObjectNode heads = section.putObject("heads");
        modules.add(ModuleCodec.encode(FEATURES, t.features(), entries));
        t.heads().forEach((task, head) -> {
            String name = "head-" + task.id();
            heads.put(task.id(), name);
            modules.add(ModuleCodec.encode(name, head, entries));
        });
    }

    static Teacher decode(JsonNode manifest, ManifestModules modules) {
        String where = "the teacher section";
        JsonNode section = ManifestFields.object(manifest, "teacher", "the manifest");
        Category category = DatasetSection.category(DatasetSection.decode(manifest), ManifestFields.text(section, "category", where));
        Module features = modules.get(ManifestFields.text(section, "features", where), "the teacher's category module");
        requireRole(features, ModuleSpec.Role.CATEGORY, "the teacher's category module");
        Map<Task, String> names = new LinkedHashMap<>();
        if (section.has("heads")) {
            JsonNode heads = ManifestFields.object(section, "heads", where);
            for (Iterator<Map.Entry<String, JsonNode>> it = heads.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                names.put(NetworkCodec.task(e.getKey()), ManifestFields.text(heads, e.getKey(), where + "'s heads"));
            }
        } else {
            names.put(Task.CLASSIFICATION, ManifestFields.text(section, "head", where));
        }
        Map<Task, Module> heads = new LinkedHashMap<>();
        names.forEach((task, name) -> {
            String what = "the teacher's " + task + " head";
            Module head = modules.get(name, what);
            requireRole(head, ModuleSpec.Role.TEACHER_HEAD, what);
            if (head.spec().input().channels() != features.spec().output().channels()) {
                throw FileProblem.inconsistent(what + " expects " + head.spec().input() + " but its category module produces "
                        + features.spec().output());
            }
            heads.put(task, head);
        });
        if (heads.isEmpty()) {
            throw FileProblem.inconsistent(where + " names no head");
        }
        return new Teacher(category, features, heads);
    }

    private static void requireRole(Module m, ModuleSpec.Role role, String what) {
        if (m.spec().role() != role) {
            throw FileProblem.inconsistent(what + " must have the role " + ModuleCodec.roleName(role) + ", not "
                    + ModuleCodec.roleName(m.spec().role()));
        }
    }
}
