package ntk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.data.DataException;
import ntk.io.Json;
import ntk.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings tune selects outside the transplant settings: a selection's {@code experiment}
 * section replaces the preset's scratch training, segmentation heads' kernel and LEGO baselines'
 * settings, and nothing else; a name it does not know is refused; settings files written before
 * these settings existed read with the values they ran with.
 */
class ExperimentSelectionTest {
    private static ObjectNode selection() {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.putObject("runs").set("scratchTraining", Json.MAPPER.valueToTree(new Trainer.Settings(800, 5e-3, 50)));
        e.putObject("segmentation").put("headKernel", 3);
        e.putObject("sequential").put("fineTuneRateScale", 0.3).put("replayPerCategory", 50).put("lwfWeight", 3.0);
        return e;
    }

    @Test
    void theSelectionReplacesThePresetsValuesOfTheSettingsItChoseAndNoOthers() {
        ExperimentConfig shipped = ConfigFiles.presetAsShipped("full");
        ExperimentConfig tuned = ConfigFiles.withExperiment(shipped, selection());
        assertEquals(new Trainer.Settings(800, 5e-3, 50), tuned.runs().scratchTraining());
        assertEquals(3, tuned.segmentationHeadKernel());
        assertEquals(0.3, tuned.sequential().fineTuneRateScale());
        assertEquals(50, tuned.sequential().replayPerCategory());
        assertEquals(3.0, tuned.sequential().lwfWeight());
        ExperimentConfig back = tuned.withScratchTraining(shipped.runs().scratchTraining()).withSegmentationHeadKernel(shipped.segmentationHeadKernel())
                .withSequential(shipped.sequential());
        assertEquals(shipped, back, "nothing else changed");
    }

    @Test
    void aSmallerPresetTakesTheScratchStepsScaledAsItsAdapters() {
        ObjectNode fast = (ObjectNode) Json.MAPPER.valueToTree(ConfigFiles.presetAsShipped("fast"));
        TunedSettings.applyExperiment(fast, selection(), 0.5);
        assertEquals(400, fast.get("runs").get("scratchTraining").get("steps").asInt());
    }

    @Test
    void aSettingTheSelectionDoesNotChooseIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TunedSettings.FILE);
        ObjectNode e = selection();
        ((ObjectNode) e.get("sequential")).put("pool", 10);
        TunedSettings.write(file, TunedSettings.STARTING_POINT, List.of("test"), null, e);
        DataException x = assertThrows(DataException.class, () -> TunedSettings.experiment(file));
        assertTrue(x.getMessage().contains("sequential.pool"), x.getMessage());
        TunedSettings.write(file, TunedSettings.STARTING_POINT, List.of("test"), null, selection());
        assertEquals(selection(), TunedSettings.experiment(file), "the section read back as written");
    }

    @Test
    void aRunsSettingsWrittenBeforeTheseSettingsReadsWithTheValuesItRanWith(@TempDir Path dir) throws Exception {
        ObjectNode old = (ObjectNode) Json.MAPPER.readTree(ConfigFiles.toJson(ConfigFiles.presetAsShipped("fast").withSegmentationHeadKernel(3)
                .withSequential(new ExperimentConfig.SequentialSettings(100, 100, 2000, 20, 1.0, 0.3))));
        ((ObjectNode) old.get("segmentation")).remove("headKernel");
        ((ObjectNode) old.get("sequential")).remove("fineTuneRateScale");
        Path file = dir.resolve(ConfigFiles.RUN_FILE);
        Files.writeString(file, Json.MAPPER.writeValueAsString(old));
        ExperimentConfig c = ConfigFiles.read(file);
        assertEquals(5, c.segmentationHeadKernel(), "the segmentation heads were 5x5");
        assertEquals(1.0, c.sequential().fineTuneRateScale(), "the fine-tuning baselines ran at the task module's own rate");
    }
}
