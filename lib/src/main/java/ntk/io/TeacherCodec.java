package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import ntk.data.Category;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.train.Teacher;

/** A teacher: {"teacher": {"category": "sandal", "features": "features", "head": "head"}} and its two modules. */
final class TeacherCodec {
    private static final String FEATURES = "features";
    private static final String HEAD = "head";

    private TeacherCodec() {}

    static void encode(Teacher t, ObjectNode manifest, ArrayNode modules, Map<String, byte[]> entries) {
        manifest.putObject("teacher").put("category", t.category().id()).put("features", FEATURES).put("head", HEAD);
        modules.add(ModuleCodec.encode(FEATURES, t.features(), entries));
        modules.add(ModuleCodec.encode(HEAD, t.head(), entries));
    }

    static Teacher decode(JsonNode manifest, ManifestModules modules) {
        String where = "the teacher section";
        JsonNode section = ManifestFields.object(manifest, "teacher", "the manifest");
        Category category = NetworkCodec.category(ManifestFields.text(section, "category", where));
        Module features = modules.get(ManifestFields.text(section, "features", where), "the teacher's category module");
        Module head = modules.get(ManifestFields.text(section, "head", where), "the teacher's head");
        requireRole(features, ModuleSpec.Role.CATEGORY, "the teacher's category module");
        requireRole(head, ModuleSpec.Role.TEACHER_HEAD, "the teacher's head");
        if (!head.spec().input().equals(features.spec().output())) {
            throw FileProblem.inconsistent("the teacher's head expects " + head.spec().input() + " but its category module produces "
                    + features.spec().output());
        }
        return new Teacher(category, features, head);
    }

    private static void requireRole(Module m, ModuleSpec.Role role, String what) {
        if (m.spec().role() != role) {
            throw FileProblem.inconsistent(what + " must have the role " + ModuleCodec.roleName(role) + ", not "
                    + ModuleCodec.roleName(m.spec().role()));
        }
    }
}
