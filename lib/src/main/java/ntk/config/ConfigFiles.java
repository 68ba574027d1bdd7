package ntk.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import ntk.data.DataException;
import ntk.data.Dataset;
import ntk.data.Datasets;
import ntk.data.FashionMnist;
import ntk.io.AtomicFiles;
import ntk.io.Json;

/**
 * Experiment settings as JSON files: the presets ({@code full}, {@code fast}, {@code notebooks})
 * ship inside the library ({@code ntk/config/<name>.json}), {@code reproduce --config FILE} reads
 * an edited copy, and every run writes the exact settings it used beside its results
 * ({@code settings.json}), readable back. A preset's {@code "transplant": {"selected": s}} takes
 * the settings {@code tune} selected ({@link TunedSettings}) with their adapter and synthesis
 * steps scaled by {@code s}, and the settings it selected outside them (scratch training, the
 * segmentation heads' kernel, the LEGO baselines' rate, replay and LwF weight) in place of the
 * file's; a run's own file holds them written out. Keys added since a file was written are
 * completed with the values it ran with. Unknown keys, wrong types and
 * values out of range are errors that name the file and the key. Files in the flat layout of
 * earlier versions (top-level {@code baseCategories}, {@code seeds}, ...) still read.
 */
public final class ConfigFiles {
    public static final String RUN_FILE = "settings.json";
    /** The presets that ship in the library. */
    public static final java.util.List<String> PRESETS = java.util.List.of("full", "fast", "notebooks", "mnist", "mnist-fast");

    private ConfigFiles() {}

    /** The settings file {@code fileOrPreset}, or the preset of that name when no such file exists. */
    public static ExperimentConfig fileOrPreset(Path fileOrPreset) {
        String name = fileOrPreset.toString();
        return !Files.exists(fileOrPreset) && PRESETS.contains(name) ? preset(name) : read(fileOrPreset);
    }

    /** The preset {@code name}, one of {@link #PRESETS}, with tune's selection where it says "selected". */
    public static ExperimentConfig preset(String name) {
        return preset(name, true);
    }

    /**
     * The preset {@code name} with its own values for the settings tune selects outside the
     * transplant settings (scratch training, segmentation heads' kernel, LEGO baselines): where a
     * search of them starts.
     */
    public static ExperimentConfig presetAsShipped(String name) {
        return preset(name, false);
    }

    private static ExperimentConfig preset(String name, boolean withSelection) {
        String resource = "/ntk/config/" + name + ".json";
        try (InputStream in = ConfigFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "'; presets: " + String.join(", ", PRESETS));
            }
            return parse(Json.MAPPER.readTree(in), "preset " + name, withSelection);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the preset " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads a settings file: a preset's copy, edited or not, or a run's {@code settings.json}. */
    public static ExperimentConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("no settings file " + file + "; copy a preset (`ntk reproduce --print-config`) or a run's "
                    + RUN_FILE + " and edit it");
        }
        try {
            return parse(Json.MAPPER.readTree(file.toFile()), file.toString(), true);
        } catch (JsonProcessingException e) {
            throw new DataException("settings file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code config} with the settings of a selection's {@code experiment} section ({@link TunedSettings#experiment}) in place of its own. */
    public static ExperimentConfig withExperiment(ExperimentConfig config, ObjectNode experiment) {
        ObjectNode tree = Json.MAPPER.valueToTree(config);
        TunedSettings.applyExperiment(tree, experiment, 1.0);
        return parse(tree, "the settings " + config.name() + " with tune's selection", false);
    }

    /** The exact settings of a run, transplant settings written out, as JSON text. */
    public static String toJson(ExperimentConfig config) {
        try {
            return Json.MAPPER.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the settings as JSON", e);
        }
    }

    /** Writes {@link #toJson} to {@code file}, atomically. */
    public static void write(ExperimentConfig config, Path file) {
        AtomicFiles.writeString(file, toJson(config));
    }

    private static ExperimentConfig parse(JsonNode root, String where, boolean withSelection) {
        if (!(root instanceof ObjectNode o)) {
            throw new DataException(where + ": expected a JSON object of settings");
        }
        try {
            ObjectNode grouped = LegacyLayout.isFlat(o) ? LegacyLayout.grouped(o) : o;
            LaterKeys.completeConfig(grouped);
            JsonNode selected = grouped.path("transplant").get("selected");
            if (withSelection && selected != null && selected.isNumber()) {
                // "selected" takes all of tune's selection: the transplant settings and those outside them
                TunedSettings.applyExperiment(grouped, TunedSettings.experiment(TunedSettings.defaultFile()), selected.asDouble());
            }
            return Json.readerIn(dataset(grouped, where)).readValue(grouped, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String what = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new DataException(where + ": " + what + " (at " + path(e) + ")", e);
        } catch (IOException e) {
            throw new DataException(where + ": " + e.getMessage(), e);
        }
    }

    /** The data set the settings name, in which their categories are read. */
    private static Dataset dataset(ObjectNode settings, String where) {
        JsonNode name = settings.get("dataset");
        if (name == null || !name.isTextual()) {
            throw new DataException(where + ": name the data set, e.g. \"dataset\": \"" + FashionMnist.NAME + "\"");
        }
        try {
            return Datasets.named(name.asText());
        } catch (IllegalArgumentException e) {
            throw new DataException(where + ": " + e.getMessage(), e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (var ref : m.getPath()) {
                b.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return b.substring(b.charAt(0) == '.' ? 1 : 0);
        }
        return "the top level";
    }
}
