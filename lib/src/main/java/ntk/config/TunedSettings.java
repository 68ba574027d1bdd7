package ntk.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import ntk.data.DataDirectory;
import ntk.data.DataException;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.io.Json;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantSettings;

/**
 * The transplant settings {@code ntk tune} selected on pseudo-new base categories, one entry per
 * task, kept in the repository as {@code data/tuning/selected-settings.json} and read by every
 * run of the main job, the notebooks and the command line. {@link #STARTING_POINT} holds the
 * values the search starts from (the kit's settings before the protocol existed).
 */
public final class TunedSettings {
    public static final String FILE = "selected-settings.json";

    /** Where {@code tune} starts its search: the settings in use before it existed. */
    public static final Map<Task, TransplantSettings> STARTING_POINT = Map.of(
            Task.CLASSIFICATION, new TransplantSettings(TransplantSettings.Target.LOGITS, 1.0,
                    new BackDistillation.LambdaRule(100, 1), 1, false, 1, 2,
                    new Trainer.Settings(300, 1e-2, 64), new Trainer.Settings(300, 1e-2, 64), ExpansionSettings.none()),
            Task.SEGMENTATION, new TransplantSettings(TransplantSettings.Target.LOGITS, 1.0,
                    new BackDistillation.LambdaRule(100, 1), 1, false, 1, 2,
                    new Trainer.Settings(150, 1e-2, 16), new Trainer.Settings(150, 1e-2, 16), ExpansionSettings.none()));

    private static final ObjectMapper JSON = Json.MAPPER;

    private TunedSettings() {}

    /** The committed selection: {@code data/tuning/selected-settings.json}. */
    public static Path defaultFile() {
        return DataDirectory.root().resolve("tuning").resolve(FILE);
    }

    public static Map<Task, TransplantSettings> load() {
        return load(defaultFile());
    }

    public static Map<Task, TransplantSettings> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("missing settings file " + file + ": restore it with `git checkout -- data/tuning`,"
                    + " or select settings anew with `java -jar lib/target/ntk.jar tune`");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<Task, TransplantSettings> out = new EnumMap<>(Task.class);
            for (Task t : Task.values()) {
                JsonNode node = root.get(t.id());
                if (node == null) {
                    throw new DataException("settings file " + file + " has no entry for the " + t + " task");
                }
                if (node instanceof ObjectNode o) {
                    LaterKeys.completeTransplant(o);
                }
                out.put(t, JSON.treeToValue(node, TransplantSettings.class));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new DataException("settings file " + file + " is not valid: " + e.getOriginalMessage()
                    + ". Restore it with `git checkout -- data/tuning`", e);
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The note in {@code file} on how its settings were selected. */
    public static String selectedBy(Path file) {
        try {
            JsonNode note = JSON.readTree(file.toFile()).get("selectedBy");
            return note == null ? "(no note)" : note.asText();
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code settings} with a note on how they were selected, atomically. */
    public static void write(Path file, Map<Task, TransplantSettings> settings, String selectedBy) {
        ObjectNode root = JSON.createObjectNode();
        root.put("selectedBy", selectedBy);
        settings.forEach((t, s) -> root.set(t.id(), JSON.valueToTree(s)));
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode settings as JSON", e);
        }
    }

    private static int scaledSteps(int steps, double scale) {
        return Math.max(1, (int) Math.round(steps * scale));
    }

    /** {@code selected} with every adapter's and synthesis' steps scaled by {@code scale} (at least one step). */
    public static Map<Task, TransplantSettings> scaled(Map<Task, TransplantSettings> selected, double scale) {
        Map<Task, TransplantSettings> out = new EnumMap<>(Task.class);
        selected.forEach((task, s) -> out.put(task, s
                .withTraining(s.training().withSteps(scaledSteps(s.training().steps(), scale)))
                .withSupervised(s.supervised().withSteps(scaledSteps(s.supervised().steps(), scale)))
                .withExpansion(s.expansion().withSynthesis(s.expansion().synthesis()
                        .withSteps(scaledSteps(s.expansion().synthesis().steps(), scale))))));
        return out;
    }
}
