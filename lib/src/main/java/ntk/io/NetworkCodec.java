package ntk.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.data.Datasets;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.Module;

/**
 * A generic network: its task modules, category modules and routes (category, task, adapter), in
 * the order they were registered, so the loaded network lists them in the same order.
 */
final class NetworkCodec {
    private NetworkCodec() {}

    static void encode(GenericNetwork net, ObjectNode manifest, ArrayNode modules, Map<String, byte[]> entries) {
        if (net.dataset() != null) {
            DatasetSection.encode(Datasets.named(net.dataset()), manifest);
        }
        ObjectNode section = manifest.putObject("network");
        ArrayNode tasks = section.putArray("tasks");
        for (Task t : net.tasks()) {
            String name = "task/" + t.id();
            modules.add(ModuleCodec.encode(name, net.taskModule(t), entries));
            tasks.addObject().put("task", t.id()).put("module", name);
        }
        ArrayNode categories = section.putArray("categories");
        for (Category c : net.categories()) {
            String name = "category/" + c.id();
            modules.add(ModuleCodec.encode(name, net.categoryModule(c), entries));
            categories.addObject().put("category", c.id()).put("module", name);
        }
        ArrayNode routes = section.putArray("routes");
        for (GenericNetwork.Route r : net.routes()) {
            String name = "adapter/" + r.category().id() + "/" + r.task().id();
            modules.add(ModuleCodec.encode(name, net.adapter(r.category(), r.task()), entries));
            routes.addObject().put("category", r.category().id()).put("task", r.task().id()).put("adapter", name);
        }
    }

    static GenericNetwork decode(JsonNode manifest, ManifestModules modules) {
        String where = "the network section";
        JsonNode section = ManifestFields.object(manifest, "network", "the manifest");
        Dataset dataset = DatasetSection.decode(manifest);
        GenericNetwork net = new GenericNetwork();
        for (JsonNode n : ManifestFields.array(section, "tasks", where)) {
            Task t = task(ManifestFields.text(n, "task", "a task of " + where));
            Module g = modules.get(ManifestFields.text(n, "module", "task " + t), "task " + t);
            register(() -> net.addTaskModule(t, g), "the " + t + " task module");
        }
        for (JsonNode n : ManifestFields.array(section, "categories", where)) {
            Category c = DatasetSection.category(dataset, ManifestFields.text(n, "category", "a category of " + where));
            Module f = modules.get(ManifestFields.text(n, "module", "category " + c), "category " + c);
            register(() -> net.addCategory(c, f), "category " + c);
        }
        for (JsonNode n : ManifestFields.array(section, "routes", where)) {
            String rw = "a route of " + where;
            Category c = DatasetSection.category(dataset, ManifestFields.text(n, "category", rw));
            Task t = task(ManifestFields.text(n, "task", rw));
            Module h = modules.get(ManifestFields.text(n, "adapter", rw), "the route " + c + " -> " + t);
            register(() -> net.addAdapter(c, t, h), "the route " + c + " -> " + t);
        }
        return net;
    }

    /**
     * The tasks that have a task module. GenericNetwork lists categories and routes but not tasks,
     * so ask it for each known task.
     */

    /** The network's own checks (roles, shapes, duplicates) guard loading too; their message says what is wrong. */
    private static void register(Runnable add, String what) {
        try {
            add.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw FileProblem.inconsistent("cannot register " + what + ": " + e.getMessage());
        }
    }

    static Task task(String id) {
        try {
            return Task.parse(id);
        } catch (IllegalArgumentException e) {
            throw FileProblem.other(e.getMessage(), "The file was written by a kit that knows more tasks: upgrade the kit.");
        }
    }

}
