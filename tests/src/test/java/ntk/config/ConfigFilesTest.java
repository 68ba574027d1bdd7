package ntk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.data.DataException;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings files: the presets hold the kit's settings, a run's file reads back as the run, bad files name the key. */
class ConfigFilesTest {
    @Test
    void fullPresetHoldsTheMainJobsSettings() {
        ExperimentConfig full = ExperimentConfig.full();
        assertEquals(List.of(FashionMnist.TSHIRT, FashionMnist.TROUSER, FashionMnist.PULLOVER, FashionMnist.DRESS, FashionMnist.COAT, FashionMnist.BAG),
                full.categories().base());
        assertEquals(List.of(FashionMnist.SANDAL, FashionMnist.SHIRT, FashionMnist.SNEAKER, FashionMnist.ANKLE_BOOT), full.categories().transplanted());
        assertEquals(List.of(1L, 2L, 3L), full.runs().seeds());
        assertEquals(new Trainer.Settings(400, 2e-3, 64), full.pretraining().teacherTraining());
        assertEquals(new Trainer.Settings(600, 3e-3, 8), full.segmentation().taskTraining());
        assertEquals(TunedSettings.load(), full.transplant(), "the full preset uses the selected transplant settings as they are");
        ExperimentConfig fast = ExperimentConfig.fast();
        // the LEGO baselines' settings are tune's selection (part lego), the same in both presets
        var selectedLego = TunedSettings.experiment(TunedSettings.defaultFile()).get("sequential");
        for (ExperimentConfig c : List.of(full, fast)) {
            assertEquals(selectedLego.get("replayPerCategory").asInt(), c.sequential().replayPerCategory(),
                    c.name() + ": replay buffer per earlier category");
            assertEquals(selectedLego.get("lwfWeight").asDouble(), c.sequential().lwfWeight(), 0.0, c.name() + ": LwF weight");
            assertEquals(selectedLego.get("fineTuneRateScale").asDouble(), c.sequential().fineTuneRateScale(), 0.0,
                    c.name() + ": fine-tuning rate scale");
        }
        for (Task t : Task.values()) {
            int selected = TunedSettings.load().get(t).training().steps();
            assertEquals(Math.max(1, Math.round(selected * 0.5)), fast.transplant(t).training().steps(), "fast: half the steps");
        }
    }

    @Test
    void aRunsSettingsFileReadsBackAsTheRun(@TempDir Path dir) {
        for (ExperimentConfig c : List.of(ExperimentConfig.full(), ExperimentConfig.fast())) {
            Path f = dir.resolve(c.name() + ".json");
            ConfigFiles.write(c, f);
            assertEquals(c, ConfigFiles.read(f), c.name());
        }
    }

    @Test
    void anEditedCopyChangesOnlyWhatWasEdited(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("five-seeds.json");
        ConfigFiles.write(ExperimentConfig.full(), f);
        Files.writeString(f, Files.readString(f).replace("\"seeds\" : [ 1, 2, 3 ]", "\"seeds\" : [ 1, 2, 3, 4, 5 ]"));
        ExperimentConfig edited = ConfigFiles.read(f);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), edited.runs().seeds());
        assertEquals(ExperimentConfig.full().withRuns(edited.runs().seeds(), edited.runs().annotationBudgets(), edited.runs().poolSizes()), edited);
    }

    @Test
    void aFileInTheFlatLayoutOfEarlierVersionsReadsAsTheGroupedOne() {
        // reference/fast was written before the settings were grouped, from the fast preset
        Path flat = ntk.data.DataDirectory.root().getParent().resolve("reference/fast/classification/settings.json");
        ExperimentConfig read = ConfigFiles.read(flat);
        assertEquals(ExperimentConfig.fast().withTasks(read.tasks()), read);
    }

    @Test
    void badFilesNameTheKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        String good = ConfigFiles.toJson(ExperimentConfig.fast());
        Files.writeString(f, good.replace("\"poolSizes\"", "\"poolSize\""));
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(f)), "poolSize", f.toString());
        Files.writeString(f, good.replace("\"seed\" : 2019", "\"seed\" : \"soon\""));
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(f)), "pretraining.seed");
        Files.writeString(f, good.replace("\"fashion-mnist\"", "\"kuzushiji\""));
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(f)), "unknown data set 'kuzushiji'", "fashion-mnist");
        Files.writeString(f, good.replaceFirst("\"learningRate\" : [0-9.eE-]+", "\"learningRate\" : -1"));
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(f)), "learning rate", "runs.scratchTraining");
        Files.writeString(f, good.replace("\"sneaker\"", "\"sneakers\""));
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(f)), "sneakers", "categories.transplanted");
        Files.writeString(f, good.replaceFirst("\"lwfWeight\" : [0-9.eE-]+", "\"lwfWeight\" : -1"));
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(f)), "lwfWeight", "-1");
        assertMentions(assertThrows(DataException.class, () -> ConfigFiles.read(dir.resolve("none.json"))), "none.json");
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    /** The second data set's presets are the Fashion-MNIST ones with the same label positions: only the data set and category names differ. */
    @Test
    void theMnistPresetsAreTheFashionMnistOnesAtTheSameLabels() {
        for (String[] pair : new String[][] {{"full", "mnist"}, {"fast", "mnist-fast"}}) {
            ExperimentConfig fashion = ConfigFiles.preset(pair[0]);
            ExperimentConfig digits = ConfigFiles.fileOrPreset(Path.of(pair[1]));
            assertEquals("mnist", digits.dataset());
            java.util.function.Function<java.util.List<ntk.data.Category>, java.util.List<Integer>> labels =
                    l -> l.stream().map(ntk.data.Category::label).toList();
            assertEquals(labels.apply(fashion.categories().base()), labels.apply(digits.categories().base()));
            assertEquals(labels.apply(fashion.categories().transplanted()), labels.apply(digits.categories().transplanted()));
            assertEquals(labels.apply(fashion.categories().pseudoNew()), labels.apply(digits.categories().pseudoNew()));
            ExperimentConfig renamed = digits.with(b -> {
                b.name = fashion.name();
                b.dataset = fashion.dataset();
                b.categories = fashion.categories();
            });
            assertEquals(fashion, renamed, "every other setting, the transplant settings included, is the Fashion-MNIST preset's");
        }
    }
}
