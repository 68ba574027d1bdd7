package ntk.generic;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import ntk.data.Category;
import ntk.nn.ForwardPass;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generic network: a registry of category modules f_c, shared task modules g_t and adapters
 * h_{c,t}, and the routing predict(c, t, x) = g_t(h_{c,t}(f_c(x))).
 *
 * <p>Modules are immutable and registered once: adding a category registers new modules and never
 * replaces or retrains one that another category uses, so existing categories' predictions stay
 * bit-for-bit the same.
 */
public final class GenericNetwork {
    private final Map<Category, Module> categoryModules = new LinkedHashMap<>();
    private final Map<Task, Module> taskModules = new LinkedHashMap<>();
    private final Map<Route, Module> adapters = new LinkedHashMap<>();
    private final Map<CompiledRoute, ForwardPass> compiled = new HashMap<>();

    /** A (category, task) pair. */
    public record Route(Category category, Task task) {}

    /** A route compiled for one input size. */
    private record CompiledRoute(Route route, Shape input) {}

    /** A new network with the same modules (they are immutable, so nothing is shared that could change). */
    public synchronized GenericNetwork copy() {
        GenericNetwork n = new GenericNetwork();
        n.categoryModules.putAll(categoryModules);
        n.taskModules.putAll(taskModules);
        n.adapters.putAll(adapters);
        return n;
    }

    public synchronized void addTaskModule(Task task, Module g) {
        requireRole(g, ModuleSpec.Role.TASK);
        if (taskModules.containsKey(task)) {
            throw new IllegalStateException("the network already has a " + task + " task module; task modules are shared and never replaced");
        }
        taskModules.put(task, g);
    }

    public synchronized void addCategory(Category category, Module f) {
        requireRole(f, ModuleSpec.Role.CATEGORY);
        if (categoryModules.containsKey(category)) {
            throw new IllegalStateException("category " + category + " is already in the network; its modules are never replaced");
        }
        String dataset = dataset();
        if (dataset != null && !dataset.equals(category.dataset())) {
            throw new IllegalArgumentException("category " + category + " is a category of " + category.dataset()
                    + ", but this network's categories are of " + dataset + "; a network serves one data set");
        }
        categoryModules.put(category, f);
    }

    /**
     * Connects a category to a task through its adapter; both modules must be registered already.
     * The category module is fully convolutional, so only its channels are checked here; the
     * spatial size follows the task's inputs and is checked when the route first sees them.
     */
    public synchronized void addAdapter(Category category, Task task, Module h) {
        requireRole(h, ModuleSpec.Role.ADAPTER);
        Module f = categoryModule(category);
        Module g = taskModule(task);
        if (h.spec().input().channels() != f.spec().output().channels()) {
            throw new IncompatibleShapeException("the adapter expects " + h.spec().input() + " but category " + category
                    + "'s module produces " + f.spec().output());
        }
        if (!h.spec().output().equals(g.spec().input())) {
            throw new IncompatibleShapeException("the adapter produces " + h.spec().output() + " but the " + task
                    + " task module expects " + g.spec().input());
        }
        Route r = new Route(category, task);
        if (adapters.containsKey(r)) {
            throw new IllegalStateException("category " + category + " already has a " + task + " adapter; adapters are never replaced");
        }
        adapters.put(r, h);
    }

    /** g_t(h_{c,t}(f_c(images))) for a batch of inputs (items or scenes, as the task takes). */
    public synchronized INDArray predict(Category category, Task task, INDArray images) {
        Route r = new Route(category, task);
        Module h = adapters.get(r);
        if (h == null) {
            categoryModule(category); // names an unknown category or task first
            taskModule(task);
            throw new IllegalArgumentException("category " + category + " is not connected to the " + task
                    + " task (no adapter); connected: " + adapters.keySet());
        }
        Shape input = sampleShape(images);
        return compiled.computeIfAbsent(new CompiledRoute(r, input), k -> {
            Module f = atInput(category, task, images);
            if (!f.spec().output().equals(h.spec().input())) {
                throw new IncompatibleShapeException("category " + category + "'s module turns " + input + " inputs into "
                        + f.spec().output() + " features, but its " + task + " adapter expects " + h.spec().input()
                        + "; " + task + " inputs have the shape " + task.input(categoryModule(category).spec().input()));
            }
            return new ForwardPass(f, h, taskModules.get(task));
        }).apply(images);
    }

    /** f_c(images): the category module's features, at the inputs' own size. */
    public synchronized INDArray features(Category category, INDArray images) {
        return new ForwardPass(atInput(category, null, images)).apply(images);
    }

    /** f_c for inputs of the batch's size, or an error naming the batch, the module and the task's input shape. */
    private Module atInput(Category category, Task task, INDArray images) {
        Module f = categoryModule(category);
        try {
            return f.withInput(sampleShape(images));
        } catch (IncompatibleShapeException e) {
            throw new IncompatibleShapeException("inputs of shape " + java.util.Arrays.toString(images.shape()) + " do not fit category "
                    + category + "'s module (made for " + f.spec().input() + (task == null ? "" : "; " + task + " inputs have the shape "
                    + task.input(f.spec().input())) + "): " + e.getMessage());
        }
    }

    private static Shape sampleShape(INDArray batch) {
        long[] s = batch.shape();
        if (s.length != 4) {
            throw new IncompatibleShapeException("expected a batch of images [n, channels, height, width], got " + java.util.Arrays.toString(s));
        }
        return Shape.image((int) s[1], (int) s[2], (int) s[3]);
    }

    public synchronized Module categoryModule(Category c) {
        Module f = categoryModules.get(c);
        if (f == null) {
            throw new IllegalArgumentException("category " + c + " is not in the network; it has " + categoryModules.keySet());
        }
        return f;
    }

    public synchronized Module taskModule(Task t) {
        Module g = taskModules.get(t);
        if (g == null) {
            throw new IllegalArgumentException("the network has no " + t + " task module; it has " + taskModules.keySet());
        }
        return g;
    }

    public synchronized Module adapter(Category c, Task t) {
        Module h = adapters.get(new Route(c, t));
        if (h == null) {
            throw new IllegalArgumentException("category " + c + " has no " + t + " adapter");
        }
        return h;
    }

    public synchronized Set<Category> categories() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(categoryModules.keySet()));
    }

    /** The data set of the network's categories, or null while it has none. */
    public synchronized String dataset() {
        return categoryModules.keySet().stream().findFirst().map(Category::dataset).orElse(null);
    }

    public synchronized Set<Task> tasks() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(taskModules.keySet()));
    }

    public synchronized Set<Route> routes() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(adapters.keySet()));
    }

    private static void requireRole(Module m, ModuleSpec.Role role) {
        if (m.spec().role() != role) {
            throw new IllegalArgumentException("expected: " + role.label() + "; got: " + m.spec().role().label()
                    + " (" + m.spec().describe() + ")");
        }
    }

    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder("GenericNetwork\n");
        taskModules.forEach((t, g) -> b.append("  task ").append(t).append(": ").append(g).append('\n'));
        categoryModules.forEach((c, f) -> b.append("  category ").append(c).append(": ").append(f).append('\n'));
        adapters.forEach((r, h) -> b.append("  adapter ").append(r.category()).append(" -> ").append(r.task()).append(": ").append(h).append('\n'));
        return b.toString();
    }
}
