package ntk.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import ntk.data.Category;
import ntk.data.Datasets;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.train.Teacher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network and teacher files name their data set; modules of two data sets never meet in one network. */
class DatasetInFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTeacherFileNamesItsDataSetAndComesBackInIt() throws IOException {
        Category five = Datasets.named("mnist").category("five");
        Path file = dir.resolve("teacher-five.ntk");
        ModuleFiles.saveTeacher(file, TinyNetworks.teacher(five, 3));
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(BadFiles.entries(file).get("manifest.json"));
        assertEquals("mnist", manifest.get("dataset").get("name").asText());
        assertEquals(10, manifest.get("dataset").get("categories").size());
        assertEquals("[1,28,28]", manifest.get("dataset").get("itemShape").toString());
        assertEquals(five, ModuleFiles.loadTeacher(file).category());
    }

    @Test
    void filesWrittenBeforeDataSetsWereNamedReadAsFashionMnist() throws IOException {
        Path good = dir.resolve("network.ntk");
        ModuleFiles.saveNetwork(good, TinyNetworks.network(5));
        Path old = BadFiles.withManifest(good, dir.resolve("old.ntk"), m -> m.remove("dataset"));
        GenericNetwork net = ModuleFiles.loadNetwork(old);
        assertEquals(FashionMnist.NAME, net.dataset());
        assertEquals(TinyNetworks.network(5).categories(), net.categories());
    }

    @Test
    void aFileWhoseDataSetDiffersFromTheKitsIsRefused() throws IOException {
        Path good = dir.resolve("network.ntk");
        ModuleFiles.saveNetwork(good, TinyNetworks.network(5));
        Path renamed = BadFiles.withManifest(good, dir.resolve("renamed.ntk"),
                m -> ((ArrayNode) m.get("dataset").get("categories")).set(0, m.textNode("top")));
        ModuleFileException p = assertThrows(ModuleFileException.class, () -> ModuleFiles.loadNetwork(renamed));
        assertTrue(p.getMessage().contains("top") && p.getMessage().contains("t-shirt"), p.getMessage());
        Path unknown = BadFiles.withManifest(good, dir.resolve("unknown.ntk"), m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("dataset")).put("name", "kuzushiji"));
        ModuleFileException u = assertThrows(ModuleFileException.class, () -> ModuleFiles.loadNetwork(unknown));
        assertTrue(u.getMessage().contains("kuzushiji"), u.getMessage());
    }

    @Test
    void aNetworkRefusesACategoryOfAnotherDataSetNamingBoth() {
        GenericNetwork net = TinyNetworks.network(5);
        Teacher digit = TinyNetworks.teacher(Datasets.named("mnist").category("seven"), 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addCategory(digit.category(), digit.features()));
        assertTrue(e.getMessage().contains("mnist") && e.getMessage().contains("fashion-mnist"), e.getMessage());
    }
}
