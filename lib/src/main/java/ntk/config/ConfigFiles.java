package ntk.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import ntk.data.Category;
import ntk.data.DataException;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.transplant.TransplantSettings;

/**
 * Experiment settings as JSON files: the presets {@code full} and {@code fast} ship inside the
 * library ({@code ntk/config/<name>.json}), {@code reproduce --config FILE} reads an edited copy,
 * and every run writes the exact settings it used beside its results ({@code settings.json}),
 * readable back. A preset's {@code "transplant": {"selected": s}} takes the settings {@code tune}
 * selected ({@link TunedSettings}) with their adapter and synthesis steps scaled by {@code s}; a run's own file
 * holds them written out. Unknown keys, wrong types and values out of range are errors that name
 * the file and the key.
 */
public final class ConfigFiles {
    public static final String RUN_FILE = "settings.json";
    private static final ObjectMapper JSON = mapper();

    private ConfigFiles() {}

    private static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("ntk-ids");
        byId(ids, Category.class, Category::id, Category::parse);
        byId(ids, Task.class, Task::id, Task::parse);
        ids.addKeyDeserializer(Task.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext c) {
                return Task.parse(key);
            }
        });
        return new ObjectMapper().registerModule(ids)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    }

    /** Writes {@code type} as its id and reads it back with {@code parse} (which names the known ids when it fails). */
    private static <E> void byId(SimpleModule module, Class<E> type, java.util.function.Function<E, String> id,
            java.util.function.Function<String, E> parse) {
        module.addSerializer(type, new JsonSerializer<E>() {
            @Override
            public void serialize(E value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(id.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<E>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        });
    }

    /** The preset {@code name} ("full" or "fast"). */
    public static ExperimentConfig preset(String name) {
        String resource = "/ntk/config/" + name + ".json";
        try (InputStream in = ConfigFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "'; presets: full, fast");
            }
            return parse(JSON.readTree(in), "preset " + name);
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
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (JsonProcessingException e) {
            throw new DataException("settings file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The exact settings of a run, transplant settings written out, as JSON text. */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the settings as JSON", e);
        }
    }

    /** Writes {@link #toJson} to {@code file}, atomically. */
    public static void write(ExperimentConfig config, Path file) {
        AtomicFiles.writeString(file, toJson(config));
    }

    private static ExperimentConfig parse(JsonNode root, String where) {
        if (!(root instanceof ObjectNode o)) {
            throw new DataException(where + ": expected a JSON object of settings");
        }
        ObjectNode copy = o.deepCopy();
        JsonNode t = copy.get("transplant");
        if (t != null && t.has("selected")) {
            if (t.size() != 1 || !t.get("selected").isNumber() || !(t.get("selected").asDouble() > 0)) {
                throw new DataException(where + ": \"transplant\" is either {\"selected\": <steps scale > 0>} or one object per task");
            }
            copy.set("transplant", JSON.valueToTree(scaled(TunedSettings.load(), t.get("selected").asDouble())));
        }
        try {
            return JSON.treeToValue(copy, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String what = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new DataException(where + ": " + what + " (at " + path(e) + ")", e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (var ref : m.getPath()) {
                b.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return b.substring(b.charAt(0) == '.' ? 1 : 0);
        }
        return "the top level";
    }

    private static int scaledSteps(int steps, double scale) {
        return Math.max(1, (int) Math.round(steps * scale));
    }

    /** The selected settings with every adapter's steps scaled by {@code scale} (at least one step). */
    static Map<Task, TransplantSettings> scaled(Map<Task, TransplantSettings> selected, double scale) {
        Map<Task, TransplantSettings> out = new EnumMap<>(Task.class);
        selected.forEach((task, s) -> out.put(task, s
                .withTraining(s.training().withSteps(scaledSteps(s.training().steps(), scale)))
                .withSupervised(s.supervised().withSteps(scaledSteps(s.supervised().steps(), scale)))
                .withExpansion(s.expansion().withSynthesis(s.expansion().synthesis()
                        .withSteps(scaledSteps(s.expansion().synthesis().steps(), scale))))));
        return out;
    }
}
