package ntk.generic;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ntk.backend.Backend;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.nn.Architectures;
import ntk.nn.Conv2d;
import ntk.nn.ForwardPass;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.ForwardDistillation;
import ntk.transplant.TransplantMethod;
import ntk.transplant.Transplanter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generic network routes f_c → h_{c,t} → g_t, refuses inconsistent registrations with clear
 * messages, and transplanting a new category never changes what existing categories predict.
 */
class GenericNetworkTest {
    /** A Fashion-MNIST item: 1×28×28. */
    static final Shape FASHION_ITEM = Shape.image(1, 28, 28);

    static final List<Category> BASE = List.of(FashionMnist.TSHIRT, FashionMnist.TROUSER, FashionMnist.BAG);
    static final Task T = Task.CLASSIFICATION;
    static final Shape Z = Architectures.categoryModule(FASHION_ITEM).output(); // [32, 7, 7]
    static final Trainer.Settings FEW_STEPS = new Trainer.Settings(5, 1e-2, 8);
    /** The starting point's classification settings, trained for {@link #FEW_STEPS}. */
    private static final ntk.transplant.TransplantSettings FEW = ntk.config.TunedSettings.STARTING_POINT.get(ntk.generic.Task.CLASSIFICATION).withTraining(FEW_STEPS);

    private GenericNetwork net;
    private Module task;
    private final Map<Category, Module> categoryModules = new LinkedHashMap<>();
    private final Map<Category, Module> adapters = new LinkedHashMap<>();
    private INDArray images;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static Module categoryModule(long seed) {
        return Module.initialised(Architectures.categoryModule(FASHION_ITEM), Module.Init.HE, seed, DataType.FLOAT);
    }

    private static Module head(ModuleSpec.Role role, long seed) {
        return Module.initialised(Architectures.classificationHead(Z, role), Module.Init.HE, seed, DataType.FLOAT);
    }

    private static Module adapter(long seed) {
        return Module.initialised(Architectures.adapter(Z), Module.Init.HE, seed, DataType.FLOAT);
    }

    @BeforeEach
    void network() {
        net = new GenericNetwork();
        task = head(ModuleSpec.Role.TASK, 1);
        net.addTaskModule(T, task);
        long seed = 10;
        for (Category c : BASE) {
            Module f = categoryModule(seed++);
            Module h = adapter(seed++);
            net.addCategory(c, f);
            net.addAdapter(c, T, h);
            categoryModules.put(c, f);
            adapters.put(c, h);
        }
        images = uniform(DataType.FLOAT, 99, FASHION_ITEM.withBatch(6));
    }

    @Test
    void predictRoutesCategoryModuleThenAdapterThenTaskModule() {
        for (Category c : BASE) {
            INDArray viaNetwork = net.predict(c, T, images);
            INDArray viaChain = new ForwardPass(categoryModules.get(c), adapters.get(c), task).apply(images);
            assertEquals(List.of(6L, 1L), List.of(viaNetwork.shape()[0], viaNetwork.shape()[1]));
            assertBitIdentical(viaChain, viaNetwork, "predict(" + c + ")");
        }
        // Routes really differ: another category's adapter gives other outputs.
        INDArray crossed = new ForwardPass(categoryModules.get(FashionMnist.TSHIRT), adapters.get(FashionMnist.BAG), task).apply(images);
        assertFalse(crossed.equalsWithEps(net.predict(FashionMnist.TSHIRT, T, images), 1e-6), "routing ignores the adapter");
        assertEquals(Set.copyOf(BASE), net.categories());
        assertEquals(3, net.routes().size());
        assertSame(task, net.taskModule(T));
    }

    @Test
    void featuresAreTheCategoryModulesOutput() {
        INDArray z = net.features(FashionMnist.BAG, images);
        assertBitIdentical(new ForwardPass(categoryModules.get(FashionMnist.BAG)).apply(images), z, "features(bag)");
        assertEquals(List.of(6L, 32L, 7L, 7L), List.of(z.shape()[0], z.shape()[1], z.shape()[2], z.shape()[3]));
    }

    @Test
    void transplantingNewCategoriesLeavesExistingPredictionsBitIdentical() {
        INDArray unlabeled = uniform(DataType.FLOAT, 7, FASHION_ITEM.withBatch(16));
        transplantAndCheck(FashionMnist.SANDAL, new ForwardDistillation(FEW), unlabeled);
        // The network now also holds the sandal route: it must survive the next transplant unchanged too.
        transplantAndCheck(FashionMnist.SNEAKER, new BackDistillation(FEW), unlabeled);
        assertEquals(5, net.routes().size());
    }

    /** The notebook shortcuts are the long calls: zeroAnnotation is transplant with empty labelled arrays, predict the teacher's route. */
    @Test
    void theShortcutsGiveTheLongCallsBits() {
        INDArray unlabeled = uniform(DataType.FLOAT, 7, FASHION_ITEM.withBatch(16));
        Teacher teacher = new Teacher(FashionMnist.SANDAL, categoryModule(105), head(ModuleSpec.Role.TEACHER_HEAD, 205));
        GenericNetwork copy = net.copy();
        Module shortcut = Transplanter.zeroAnnotation(copy, teacher, T, new BackDistillation(FEW), unlabeled, 3);
        Module long_ = Transplanter.transplant(net, teacher, T, new BackDistillation(FEW),
                Nd4j.create(DataType.FLOAT, FASHION_ITEM.withBatch(0)), Nd4j.create(DataType.FLOAT, 0, 1), unlabeled, 3);
        assertTrue(shortcut.sameAs(long_), "zeroAnnotation learned another adapter");
        assertBitIdentical(new ForwardPass(teacher.features(), teacher.head(T)).apply(images), teacher.predict(T, images), "predict");
    }

    /** What the network holds and predicts before a transplant. */
    private record Before(Map<Category, INDArray> predictions, Map<Category, Module> categoryModules,
            Map<Category, Module> adapters, Module task, Map<String, Map<String, INDArray>> parameters) {}

    private Before before() {
        Map<Category, INDArray> predictions = new LinkedHashMap<>();
        Map<Category, Module> f = new LinkedHashMap<>();
        Map<Category, Module> h = new LinkedHashMap<>();
        for (Category c : net.categories()) {
            predictions.put(c, net.predict(c, T, images).dup());
            f.put(c, net.categoryModule(c));
            h.put(c, net.adapter(c, T));
        }
        return new Before(predictions, f, h, net.taskModule(T), snapshot());
    }

    private void transplantAndCheck(Category c, TransplantMethod method, INDArray unlabeled) {
        Before before = before();
        Teacher teacher = new Teacher(c, categoryModule(100 + c.label()), head(ModuleSpec.Role.TEACHER_HEAD, 200 + c.label()));
        Module learned = Transplanter.transplant(net, teacher, T, method,
                Nd4j.create(DataType.FLOAT, FASHION_ITEM.withBatch(0)), Nd4j.create(DataType.FLOAT, 0, 1),
                unlabeled, 3);

        // The new route exists and is g(h_new(f_new(x))), with a trained (not initial) adapter.
        assertTrue(net.categories().contains(c));
        assertTrue(learned.sameAs(net.adapter(c, T)));
        assertSame(teacher.features(), net.categoryModule(c));
        assertFalse(learned.sameAs(Module.initialised(Architectures.adapter(Z), Module.Init.IDENTITY, 3, DataType.FLOAT)),
                method.getClass().getSimpleName() + " did not train the adapter");
        assertBitIdentical(new ForwardPass(teacher.features(), learned, task).apply(images), net.predict(c, T, images),
                "predict(" + c + ")");

        // Every existing category predicts exactly what it did, through the network and through a fresh graph.
        for (var e : before.predictions().entrySet()) {
            Category old = e.getKey();
            assertBitIdentical(e.getValue(), net.predict(old, T, images), method.getClass().getSimpleName() + ": predict(" + old + ") changed");
            INDArray fresh = new ForwardPass(net.categoryModule(old), net.adapter(old, T), task).apply(images);
            assertBitIdentical(e.getValue(), fresh, method.getClass().getSimpleName() + ": fresh graph for " + old);
            // The very same modules are registered, and they still hold the same bits.
            assertSame(before.categoryModules().get(old), net.categoryModule(old), old + "'s category module was replaced");
            assertSame(before.adapters().get(old), net.adapter(old, T), old + "'s adapter was replaced");
            assertTrue(net.categoryModule(old).sameAs(before.categoryModules().get(old)));
            assertTrue(net.adapter(old, T).sameAs(before.adapters().get(old)));
        }
        assertSame(before.task(), net.taskModule(T));
        assertTrue(task.sameAs(net.taskModule(T)));
        Map<String, Map<String, INDArray>> after = snapshot();
        for (var e : before.parameters().entrySet()) {
            for (var p : e.getValue().entrySet()) {
                assertBitIdentical(p.getValue(), after.get(e.getKey()).get(p.getKey()), e.getKey() + " " + p.getKey());
            }
        }
    }

    /** Copies of every registered module's parameters, by "kind category" and parameter name. */
    private Map<String, Map<String, INDArray>> snapshot() {
        Map<String, Map<String, INDArray>> out = new LinkedHashMap<>();
        out.put("task", net.taskModule(T).parameters());
        for (Category c : net.categories()) {
            out.put("f " + c, net.categoryModule(c).parameters());
        }
        for (GenericNetwork.Route r : net.routes()) {
            out.put("h " + r.category(), net.adapter(r.category(), r.task()).parameters());
        }
        return out;
    }

    @Test
    void transplantingACategoryAlreadyInTheNetworkIsRefused() {
        Teacher teacher = new Teacher(FashionMnist.BAG, categoryModule(5), head(ModuleSpec.Role.TEACHER_HEAD, 6));
        INDArray unlabeled = uniform(DataType.FLOAT, 7, FASHION_ITEM.withBatch(4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transplanter.transplant(net, teacher, T,
                new ForwardDistillation(FEW), Nd4j.create(DataType.FLOAT, FASHION_ITEM.withBatch(0)), Nd4j.create(DataType.FLOAT, 0, 1),
                unlabeled, 1));
        assertTrue(e.getMessage().contains("bag") && e.getMessage().contains("already"), e.getMessage());
        assertSame(categoryModules.get(FashionMnist.BAG), net.categoryModule(FashionMnist.BAG));
    }

    @Test
    void addingACategoryTwiceIsRefused() {
        Module other = categoryModule(77);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.addCategory(FashionMnist.TROUSER, other));
        assertTrue(e.getMessage().contains("trouser") && e.getMessage().contains("already"), e.getMessage());
        assertSame(categoryModules.get(FashionMnist.TROUSER), net.categoryModule(FashionMnist.TROUSER), "the original module was replaced");
    }

    @Test
    void addingATaskModuleTwiceIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.addTaskModule(T, head(ModuleSpec.Role.TASK, 2)));
        assertTrue(e.getMessage().contains("classification") && e.getMessage().contains("already"), e.getMessage());
        assertSame(task, net.taskModule(T));
    }

    @Test
    void addingASecondAdapterForARouteIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.addAdapter(FashionMnist.BAG, T, adapter(55)));
        assertTrue(e.getMessage().contains("bag") && e.getMessage().contains("already"), e.getMessage());
        assertSame(adapters.get(FashionMnist.BAG), net.adapter(FashionMnist.BAG, T));
    }

    @Test
    void adapterWhoseInputDoesNotFitTheCategoryModuleIsRefused() {
        net.addCategory(FashionMnist.COAT, categoryModule(30));
        Module wrongIn = Module.initialised(Architectures.adapter(Shape.image(16, 7, 7)), Module.Init.HE, 3, DataType.FLOAT);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> net.addAdapter(FashionMnist.COAT, T, wrongIn));
        assertTrue(e.getMessage().contains("[16, 7, 7]") && e.getMessage().contains("[32, 7, 7]"), e.getMessage());
        assertFalse(net.routes().contains(new GenericNetwork.Route(FashionMnist.COAT, T)));
    }

    @Test
    void adapterWhoseOutputDoesNotFitTheTaskModuleIsRefused() {
        net.addCategory(FashionMnist.COAT, categoryModule(30));
        ModuleSpec narrowing = new ModuleSpec(ModuleSpec.Role.ADAPTER, Z, List.of(new Conv2d(1, 32, 16)));
        Module wrongOut = Module.initialised(narrowing, Module.Init.HE, 3, DataType.FLOAT);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> net.addAdapter(FashionMnist.COAT, T, wrongOut));
        assertTrue(e.getMessage().contains("[16, 7, 7]") && e.getMessage().contains("[32, 7, 7]"), e.getMessage());
    }

    @Test
    void modulesOfTheWrongRoleAreRefused() {
        IllegalArgumentException asCategory = assertThrows(IllegalArgumentException.class, () -> net.addCategory(FashionMnist.COAT, task));
        assertTrue(asCategory.getMessage().contains("expected: category module") && asCategory.getMessage().contains("got: task module"),
                asCategory.getMessage());
        assertFalse(net.categories().contains(FashionMnist.COAT));

        IllegalArgumentException asAdapter = assertThrows(IllegalArgumentException.class,
                () -> net.addAdapter(FashionMnist.BAG, T, categoryModules.get(FashionMnist.TSHIRT)));
        assertTrue(asAdapter.getMessage().contains("expected: adapter") && asAdapter.getMessage().contains("got: category module"),
                asAdapter.getMessage());
        assertFalse(net.routes().size() > 3);

        IllegalArgumentException asTask = assertThrows(IllegalArgumentException.class,
                () -> new GenericNetwork().addTaskModule(T, head(ModuleSpec.Role.TEACHER_HEAD, 4)));
        assertTrue(asTask.getMessage().contains("expected: task module") && asTask.getMessage().contains("got: teacher head"), asTask.getMessage());
    }

    @Test
    void adapterForAnUnknownCategoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addAdapter(FashionMnist.DRESS, T, adapter(3)));
        assertTrue(e.getMessage().contains("dress") && e.getMessage().contains("not in the network"), e.getMessage());
    }

    @Test
    void predictForAnUnknownCategoryNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(FashionMnist.SNEAKER, T, images));
        assertTrue(e.getMessage().contains("sneaker") && e.getMessage().contains("not in the network"), e.getMessage());
        assertTrue(e.getMessage().contains("t-shirt"), "the message should list the known categories: " + e.getMessage());
    }

    @Test
    void predictOverAnUnconnectedRouteSaysSo() {
        net.addCategory(FashionMnist.COAT, categoryModule(30));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(FashionMnist.COAT, T, images));
        assertTrue(e.getMessage().contains("coat") && e.getMessage().contains("not connected"), e.getMessage());
    }

    @Test
    void predictWithoutATaskModuleSaysSo() {
        GenericNetwork empty = new GenericNetwork();
        empty.addCategory(FashionMnist.COAT, categoryModule(30));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.predict(FashionMnist.COAT, T, images));
        assertTrue(e.getMessage().contains("no classification task module"), e.getMessage());
    }

    @Test
    void predictWithWronglyShapedImagesNamesBothShapes() {
        INDArray small = uniform(DataType.FLOAT, 3, 2, 1, 14, 14);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> net.predict(FashionMnist.BAG, T, small));
        assertTrue(e.getMessage().contains("[2, 1, 14, 14]") && e.getMessage().contains("1, 28, 28]"), e.getMessage());
    }
}
