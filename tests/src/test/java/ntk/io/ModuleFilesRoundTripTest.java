package ntk.io;

import static ntk.io.TinyNetworks.assertSameBits;
import static ntk.io.TinyNetworks.assertSameModule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.Dense;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Teacher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Saving and loading keep every module, its layers and the bits of every parameter and prediction. */
class ModuleFilesRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aModuleComesBackBitForBit(DataType dtype) {
        Module saved = TinyNetworks.random(TinyNetworks.headSpec(ModuleSpec.Role.TASK), 3, dtype);
        Path file = dir.resolve("head.ntk");
        ModuleFiles.saveModule(file, saved);
        Module loaded = ModuleFiles.loadModule(file);
        assertSameModule(saved, loaded, "head");
        assertEquals(dtype, loaded.dataType());
        INDArray z = Nd4j.rand(dtype, TinyNetworks.FEATURES.withBatch(5));
        assertSameBits(new ForwardPass(saved).apply(z), new ForwardPass(loaded).apply(z), "head output");
    }

    /** Extreme finite values; NaN and infinity are refused on saving and loading (see ModuleFilesValidationTest). */
    @Test
    void specialValuesKeepTheirBits() {
        float[] w = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 1e-40f};
        ModuleSpec spec = new ModuleSpec(ModuleSpec.Role.ADAPTER, Shape.vector(3), List.of(new Dense(3, 2)));
        Module saved = new Module(spec, Map.of("0.W", Nd4j.create(w, new long[] {3, 2}, DataType.FLOAT),
                "0.b", Nd4j.create(new float[] {-Float.MIN_VALUE, -1.5f}, new long[] {2}, DataType.FLOAT)));
        Path file = dir.resolve("odd.ntk");
        ModuleFiles.saveModule(file, saved);
        Module loaded = ModuleFiles.loadModule(file);
        assertSameBits(saved.parameter("0.W"), loaded.parameter("0.W"), "0.W");
        assertSameBits(saved.parameter("0.b"), loaded.parameter("0.b"), "0.b");
    }

    @Test
    void aTeacherComesBackWithItsCategory() {
        Teacher saved = TinyNetworks.teacher(FashionMnist.SANDAL, 11);
        Path file = dir.resolve("teacher-sandal.ntk");
        ModuleFiles.saveTeacher(file, saved);
        Teacher loaded = ModuleFiles.loadTeacher(file);
        assertEquals(FashionMnist.SANDAL, loaded.category());
        assertSameModule(saved.features(), loaded.features(), "features");
        assertSameModule(saved.head(Task.CLASSIFICATION), loaded.head(Task.CLASSIFICATION), "head");
        INDArray x = TinyNetworks.images(1, 6);
        assertSameBits(new ForwardPass(saved.features(), saved.head(Task.CLASSIFICATION)).apply(x),
                new ForwardPass(loaded.features(), loaded.head(Task.CLASSIFICATION)).apply(x), "teacher output");
    }

    @Test
    void aTeacherWithTwoHeadsAndANetworkWithTwoTasksComeBack() {
        // a small decoder (with up-sampling) plays the segmentation head on the tiny features
        ModuleSpec decoder = new ModuleSpec(ModuleSpec.Role.TEACHER_HEAD, TinyNetworks.FEATURES,
                List.of(new ntk.nn.Conv2d(3, 4, 2), new ntk.nn.Relu(), new ntk.nn.Upsample2d(2), new ntk.nn.Conv2d(1, 2, 1)));
        Teacher saved = TinyNetworks.teacher(FashionMnist.SHIRT, 13).withHead(Task.SEGMENTATION, TinyNetworks.random(decoder, 14, DataType.FLOAT));
        Path file = dir.resolve("teacher-shirt.ntk");
        ModuleFiles.saveTeacher(file, saved);
        Teacher loaded = ModuleFiles.loadTeacher(file);
        assertEquals(saved.heads().keySet(), loaded.heads().keySet());
        for (Task t : saved.heads().keySet()) {
            assertSameModule(saved.head(t), loaded.head(t), t + " head");
        }

        GenericNetwork net = TinyNetworks.network(22);
        net.addTaskModule(Task.SEGMENTATION, TinyNetworks.random(new ModuleSpec(ModuleSpec.Role.TASK, decoder.input(), decoder.layers()), 15, DataType.FLOAT));
        Category c = net.categories().iterator().next();
        net.addAdapter(c, Task.SEGMENTATION, TinyNetworks.random(TinyNetworks.adapterSpec(), 16, DataType.FLOAT));
        Path netFile = dir.resolve("network-two-tasks.ntk");
        ModuleFiles.saveNetwork(netFile, net);
        GenericNetwork back = ModuleFiles.loadNetwork(netFile);
        assertEquals(List.copyOf(net.tasks()), List.copyOf(back.tasks()));
        INDArray x = TinyNetworks.images(2, 8);
        assertSameBits(net.predict(c, Task.SEGMENTATION, x), back.predict(c, Task.SEGMENTATION, x), "segmentation prediction");
    }

    @Test
    void aNetworkPredictsBitIdenticallyAfterLoading() {
        GenericNetwork saved = TinyNetworks.network(21);
        Path file = dir.resolve("network.ntk");
        ModuleFiles.saveNetwork(file, saved);
        GenericNetwork loaded = ModuleFiles.loadNetwork(file);

        assertEquals(List.copyOf(saved.categories()), List.copyOf(loaded.categories()), "categories in registration order");
        assertEquals(List.copyOf(saved.routes()), List.copyOf(loaded.routes()), "routes in registration order");
        assertSameModule(saved.taskModule(Task.CLASSIFICATION), loaded.taskModule(Task.CLASSIFICATION), "task module");
        for (Category c : saved.categories()) {
            assertSameModule(saved.categoryModule(c), loaded.categoryModule(c), "category module " + c);
        }
        INDArray x = TinyNetworks.images(2, 7);
        for (GenericNetwork.Route r : saved.routes()) {
            assertSameModule(saved.adapter(r.category(), r.task()), loaded.adapter(r.category(), r.task()), "adapter " + r);
            assertSameBits(saved.predict(r.category(), r.task(), x), loaded.predict(r.category(), r.task(), x), "prediction " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> loaded.predict(TinyNetworks.UNROUTED, Task.CLASSIFICATION, x),
                "a category without an adapter stays unconnected");
        assertEquals(saved.toString(), loaded.toString());
    }

    @Test
    void theSameContentGivesTheSameBytes() throws IOException {
        GenericNetwork net = TinyNetworks.network(5);
        Path a = dir.resolve("a.ntk");
        Path b = dir.resolve("b.ntk");
        ModuleFiles.saveNetwork(a, net);
        ModuleFiles.saveNetwork(b, ModuleFiles.loadNetwork(a));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "save, load, save again: identical files");
    }

    @Test
    void savingReplacesAnExistingFileAndLeavesNothingElse() throws IOException {
        Path file = dir.resolve("network.ntk");
        ModuleFiles.saveModule(file, TinyNetworks.random(TinyNetworks.adapterSpec(), 1, DataType.FLOAT));
        ModuleFiles.saveNetwork(file, TinyNetworks.network(9));
        assertEquals(ModuleFiles.Kind.NETWORK, ModuleFiles.kindOf(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theManifestDescribesEverything() throws IOException {
        Path file = dir.resolve("network.ntk");
        ModuleFiles.saveNetwork(file, TinyNetworks.network(8));
        JsonNode m;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            m = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            for (JsonNode module : m.get("modules")) {
                for (JsonNode p : module.get("parameters")) {
                    assertTrue(zip.getEntry(p.get("entry").asText()) != null, "entry of " + p);
                    assertEquals(64, p.get("sha256").asText().length());
                    assertEquals("float32", p.get("dtype").asText());
                }
            }
        }
        assertEquals(ModuleFiles.FORMAT, m.get("format").asText());
        assertEquals(ModuleFiles.VERSION, m.get("formatVersion").asInt());
        assertEquals("network", m.get("kind").asText());
        assertEquals(1 + 4 + 3, m.get("modules").size(), "task, category and adapter modules");
        JsonNode task = m.get("modules").get(0);
        assertEquals("task/classification", task.get("name").asText());
        assertEquals("task", task.get("role").asText());
        assertEquals("[4,4,4]", task.get("input").toString());
        assertEquals("{\"type\":\"conv2d\",\"kernel\":3,\"in\":4,\"out\":4}", task.get("layers").get(0).toString());
        assertEquals("{\"category\":\"t-shirt\",\"task\":\"classification\",\"adapter\":\"adapter/t-shirt/classification\"}",
                m.get("network").get("routes").get(0).toString());
    }
}
