package ntk.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every kind of bad file is refused with a ModuleFileException that names the file, the problem
 * and the fix, and loading it changes nothing on disk.
 */
class ModuleFilesValidationTest {
    private static final String DAMAGED_FIX = "restore it from a backup or write it again";
    private static final String EDITED_FIX = "was manifest.json edited by hand?";

    @TempDir
    Path dir;
    Path network;
    Path teacher;
    Path bad;

    @BeforeEach
    void writeGoodFiles() {
        network = dir.resolve("network.ntk");
        teacher = dir.resolve("teacher-sandal.ntk");
        bad = dir.resolve("bad.ntk");
        ModuleFiles.saveNetwork(network, TinyNetworks.network(31));
        ModuleFiles.saveTeacher(teacher, TinyNetworks.teacher(FashionMnist.SANDAL, 32));
    }

    /** Loads {@code file}, expects a refusal mentioning {@code fragments}, and checks no file changed or appeared. */
    private ModuleFileException refused(Path file, Function<Path, ?> loader, String... fragments) throws IOException {
        Map<Path, byte[]> before = snapshot();
        FileTime time = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        ModuleFileException e = assertThrows(ModuleFileException.class, () -> loader.apply(file));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("cannot load " + file + ": "), msg);
        assertEquals(file, e.file());
        for (String f : fragments) {
            assertTrue(msg.contains(f), "expected '" + f + "' in: " + msg);
        }
        Map<Path, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), "files in the folder");
        before.forEach((p, b) -> assertArrayEquals(b, after.get(p), p + " changed"));
        if (time != null) {
            assertEquals(time, Files.getLastModifiedTime(file));
        }
        return e;
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(java.util.stream.Collectors.toMap(p -> p, p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    @Test
    void notAZip() throws IOException {
        Files.writeString(bad, "t-shirt,0.12\ntrouser,0.03\n");
        refused(bad, ModuleFiles::loadNetwork, "not a zip archive", "Check the path");
    }

    @Test
    void aZipWithoutManifest() throws IOException {
        BadFiles.zip(bad, Map.of("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        refused(bad, ModuleFiles::loadNetwork, "holds no manifest.json", "Check the path");
    }

    @Test
    void emptyOrMissingFile() throws IOException {
        Files.write(bad, new byte[0]);
        refused(bad, ModuleFiles::loadNetwork, "empty", DAMAGED_FIX);
        refused(dir.resolve("nothing-here.ntk"), ModuleFiles::loadNetwork, "no such file", "Check the path");
        refused(dir, ModuleFiles::loadNetwork, "folder");
    }

    @Test
    void truncatedAnywhere() throws IOException {
        int n = (int) Files.size(network);
        for (int length : new int[] {1, 3, 4, 30, n / 4, n / 2, 3 * n / 4, n - 23, n - 1}) {
            BadFiles.truncated(network, bad, length);
            refused(bad, ModuleFiles::loadNetwork, length < 4 ? "not a zip" : "damaged");
        }
    }

    /**
     * Any one flipped byte is caught, or falls in a zip header field nothing reads (a time stamp,
     * the local copy of a name) and changes nothing; a flip inside any entry's content is always caught.
     */
    @Test
    void anyFlippedByteIsCaughtOrHarmless() throws IOException {
        Path file = dir.resolve("adapter.ntk");
        Module original = TinyNetworks.random(TinyNetworks.adapterSpec(), 33, DataType.FLOAT);
        ModuleFiles.saveModule(file, original);
        byte[] bytes = Files.readAllBytes(file);
        List<int[]> contents = BadFiles.contentRegions(bytes);
        assertEquals(1 + 4, contents.size(), "manifest and four arrays");
        int caught = 0;
        for (int offset = 0; offset < bytes.length; offset++) {
            BadFiles.flipped(file, bad, offset);
            try {
                Module loaded = ModuleFiles.loadModule(bad);
                int at = offset;
                assertTrue(contents.stream().noneMatch(r -> r[0] <= at && at < r[1]), "a flip in entry content at " + offset + " went unnoticed");
                TinyNetworks.assertSameModule(original, loaded, "module with a flip at " + offset);
            } catch (ModuleFileException e) {
                caught++;
                assertTrue(e.getMessage().startsWith("cannot load " + bad + ": "), e.getMessage());
            }
        }
        assertTrue(caught > bytes.length / 2, caught + " of " + bytes.length + " flips caught");
    }

    @Test
    void aFlippedParameterByteNamesTheDamage() throws IOException {
        String entry = "arrays/adapter/bag/classification/0.W";
        // rezipped with fresh CRCs, so only the manifest's SHA-256 can tell
        BadFiles.withEntry(network, bad, entry, b -> {
            b[5] ^= 1;
            return b;
        });
        refused(bad, ModuleFiles::loadNetwork, "parameter 0.W of module 'adapter/bag/classification' fails its SHA-256 check", DAMAGED_FIX);
        // as it was written: the zip's own CRC-32 catches it first
        byte[] file = Files.readAllBytes(network);
        byte[] content = BadFiles.entries(network).get(entry);
        int at = indexOf(file, content);
        BadFiles.flipped(network, bad, at + content.length / 2);
        refused(bad, ModuleFiles::loadNetwork, "'" + entry + "' does not match its CRC-32", DAMAGED_FIX);
    }

    @Test
    void manifestThatIsNotJson() throws IOException {
        BadFiles.withEntry(network, bad, "manifest.json", b -> "{\"format\": ".getBytes(StandardCharsets.UTF_8));
        refused(bad, ModuleFiles::loadNetwork, "manifest.json is not valid JSON", EDITED_FIX);
    }

    @Test
    void newerOrOlderFormatVersion() throws IOException {
        BadFiles.withManifest(network, bad, m -> m.put("formatVersion", 2));
        refused(bad, ModuleFiles::loadNetwork, "format version 2", "this kit reads version 1", "newer kit: upgrade");
        BadFiles.withManifest(network, bad, m -> m.put("formatVersion", 0));
        refused(bad, ModuleFiles::loadNetwork, "format version 0", "this kit reads version 1", "older format");
        BadFiles.withManifest(network, bad, m -> m.put("formatVersion", "1"));
        refused(bad, ModuleFiles::loadNetwork, "'formatVersion'", "must be an integer");
    }

    @Test
    void someOtherFormat() throws IOException {
        BadFiles.withManifest(network, bad, m -> m.put("format", "keras"));
        refused(bad, ModuleFiles::loadNetwork, "does not declare the format 'ntk-module-file'", "Check the path");
    }

    @Test
    void wrongKind() throws IOException {
        refused(teacher, ModuleFiles::loadNetwork, "it holds a teacher, but a generic network is expected", "network.ntk");
        refused(network, ModuleFiles::loadTeacher, "it holds a generic network, but a teacher is expected", "teacher-<category>.ntk");
        refused(network, ModuleFiles::loadModule, "but a single module is expected");
        BadFiles.withManifest(network, bad, m -> m.put("kind", "segmenter"));
        refused(bad, ModuleFiles::loadNetwork, "unknown kind 'segmenter'");
    }

    @Test
    void parameterShapeThatContradictsTheLayers() throws IOException {
        BadFiles.withManifest(network, bad, m -> {
            ArrayNode shape = (ArrayNode) BadFiles.module(m, "adapter/bag/classification").get("parameters").get(0).get("shape");
            shape.set(3, com.fasterxml.jackson.databind.node.IntNode.valueOf(5));
        });
        refused(bad, ModuleFiles::loadNetwork, "parameter 0.W of module 'adapter/bag/classification' has shape [1, 1, 4, 5]",
                "need [1, 1, 4, 4]", EDITED_FIX);
    }

    @Test
    void layersThatNoLongerMatchTheirParameters() throws IOException {
        BadFiles.withManifest(network, bad, m -> ((ObjectNode) BadFiles.module(m, "task/classification").get("layers").get(5)).put("out", 2));
        refused(bad, ModuleFiles::loadNetwork, "parameter 5.W of module 'task/classification' has shape [8, 1]", "need [8, 2]");
    }

    @Test
    void layersThatDoNotFitTogether() throws IOException {
        BadFiles.withManifest(network, bad, m -> ((ObjectNode) BadFiles.module(m, "category/bag").get("layers").get(0)).put("in", 3));
        refused(bad, ModuleFiles::loadNetwork, "the layers of module 'category/bag' do not fit", EDITED_FIX);
        BadFiles.withManifest(network, bad, m -> ((ObjectNode) BadFiles.module(m, "category/bag").get("layers").get(0)).put("kernel", 2));
        refused(bad, ModuleFiles::loadNetwork, "layer 0 of module 'category/bag' is not a valid layer", "odd");
    }

    @Test
    void modulesThatDoNotFitTheNetwork() throws IOException {
        // a whole adapter swapped for a category module: the network's own role check speaks
        BadFiles.withManifest(network, bad, m -> ((ObjectNode) m.get("network").get("routes").get(0)).put("adapter", "category/bag"));
        refused(bad, ModuleFiles::loadNetwork, "cannot register the route t-shirt -> classification", "expected: adapter");
        BadFiles.withManifest(network, bad, m -> ((ObjectNode) m.get("network").get("routes").get(0)).put("adapter", "adapter/x"));
        refused(bad, ModuleFiles::loadNetwork, "refers to the module 'adapter/x', which the manifest does not list");
    }

    @Test
    void unknownLayerType() throws IOException {
        BadFiles.withManifest(network, bad, m -> ((ObjectNode) BadFiles.module(m, "task/classification").get("layers").get(1))
                .put("type", "batchnorm"));
        refused(bad, ModuleFiles::loadNetwork, "layer 1 of module 'task/classification' has the unknown layer type 'batchnorm'",
                "conv2d, relu, maxpool2d, upsample2d, flatten, dense", "upgrade the kit");
    }

    @Test
    void aMissingArrayEntry() throws IOException {
        Map<String, byte[]> entries = BadFiles.entries(network);
        entries.remove("arrays/category/t-shirt/0.b");
        BadFiles.zip(bad, entries);
        refused(bad, ModuleFiles::loadNetwork, "lacks the entry 'arrays/category/t-shirt/0.b'", DAMAGED_FIX);
    }

    @Test
    void aModuleThatCannotBeStoredIsRefusedBeforeWriting() throws IOException {
        byte[] before = Files.readAllBytes(network);
        Module half = TinyNetworks.random(TinyNetworks.adapterSpec(), 1, DataType.FLOAT16);
        ModuleFileException e = assertThrows(ModuleFileException.class, () -> ModuleFiles.saveModule(network, half));
        assertTrue(e.getMessage().startsWith("cannot save " + network), e.getMessage());
        assertTrue(e.getMessage().contains("float32 or float64"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(network));
        assertNotNull(ModuleFiles.loadNetwork(network));
    }

    /** A network or teacher whose weights are NaN or infinite computes nothing; its checksums cannot tell. */
    @Test
    void weightsThatAreNotFiniteAreRefusedThoughEveryChecksumHolds() throws IOException {
        String fix = "a training run that diverged";
        BadFiles.withParameter(network, bad, "adapter/bag/classification", "0.W", BadFiles.float32At(5, Float.NaN));
        refused(bad, ModuleFiles::loadNetwork, "parameter 0.W of module 'adapter/bag/classification' holds NaN at entry 5",
                "1 of 16 values is NaN or infinite", fix);
        BadFiles.withParameter(teacher, bad, "head-classification", "3.b", BadFiles.float32At(7, Float.POSITIVE_INFINITY));
        refused(bad, ModuleFiles::loadTeacher, "parameter 3.b of module 'head-classification' holds Infinity at entry 7", fix);
        Path single = dir.resolve("head.ntk");
        ModuleFiles.saveModule(single, TinyNetworks.random(TinyNetworks.headSpec(ModuleSpec.Role.TASK), 34, DataType.DOUBLE));
        BadFiles.withParameter(single, bad, "module", "5.W", BadFiles.float64At(0, Double.NEGATIVE_INFINITY));
        refused(bad, ModuleFiles::loadModule, "parameter 5.W of module 'module' holds -Infinity at entry 0", fix);
    }

    @Test
    void weightsThatAreNotFiniteAreRefusedBeforeWriting() throws IOException {
        byte[] before = Files.readAllBytes(network);
        Module bag = TinyNetworks.random(TinyNetworks.categorySpec(), 35, DataType.FLOAT);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> p = bag.parameters();
        p.get("0.b").putScalar(1, Float.NaN);
        GenericNetwork net = new GenericNetwork();
        net.addCategory(FashionMnist.BAG, new Module(bag.spec(), p));
        ModuleFileException e = assertThrows(ModuleFileException.class, () -> ModuleFiles.saveNetwork(network, net));
        assertTrue(e.getMessage().startsWith("cannot save " + network + ": parameter 0.b of module 'category/bag' holds NaN at entry 1"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(network));
        assertNotNull(ModuleFiles.loadNetwork(network));
    }

    @Test
    void teacherWithSwappedModules() throws IOException {
        BadFiles.withManifest(teacher, bad, m -> {
            ObjectNode t = (ObjectNode) m.get("teacher");
            t.put("features", "head-classification");
            ((ObjectNode) t.get("heads")).put("classification", "features");
        });
        refused(bad, ModuleFiles::loadTeacher, "the teacher's category module must have the role category, not teacher-head");
    }

    @Test
    void aTeacherFileWithASingleHeadReadsAsAClassificationTeacher() throws IOException {
        BadFiles.withManifest(teacher, bad, m -> {
            ObjectNode t = (ObjectNode) m.get("teacher");
            t.remove("heads");
            t.put("head", "head-classification");
        });
        ntk.train.Teacher old = ModuleFiles.loadTeacher(bad);
        assertEquals(java.util.Set.of(ntk.generic.Task.CLASSIFICATION), old.heads().keySet());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        fail("content not found in the file");
        return -1;
    }
}
