package ntk.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.generic.Task;

/**
 * The kit's one JSON mapper, for settings files and module manifests alike: indented output,
 * and strict reading — unknown keys, duplicate keys, missing or null values are errors, so a typo
 * in a settings file stops the run instead of being ignored. Categories and tasks are written as
 * their ids and read back through their parsers, which name the known ids when one is unknown;
 * categories are read in the data set a {@link #readerIn} reader names.
 */
public final class Json {
    public static final ObjectMapper MAPPER = mapper();

    private Json() {}

    private static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("ntk-ids");
        ids.addSerializer(Category.class, idWriter(Category::id));
        ids.addDeserializer(Category.class, new JsonDeserializer<Category>() {
            @Override
            public Category deserialize(JsonParser p, DeserializationContext c) throws IOException {
                Object dataset = c.getAttribute(Dataset.class);
                if (!(dataset instanceof Dataset d)) {
                    throw new IllegalStateException("categories are read with their data set: use Json.readerIn(dataset)");
                }
                return d.category(p.getValueAsString());
            }
        });
        byId(ids, Task.class, Task::id, Task::parse);
        ids.addKeyDeserializer(Task.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext c) {
                return Task.parse(key);
            }
        });
        return new ObjectMapper().registerModule(ids)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    }

    private static <E> JsonSerializer<E> idWriter(Function<E, String> id) {
        return new JsonSerializer<E>() {
            @Override
            public void serialize(E value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(id.apply(value));
            }
        };
    }

    /** A reader that resolves category ids in {@code dataset}. */
    public static ObjectReader readerIn(Dataset dataset) {
        return MAPPER.reader().withAttribute(Dataset.class, dataset);
    }

    private static <E> void byId(SimpleModule module, Class<E> type, Function<E, String> id, Function<String, E> parse) {
        module.addSerializer(type, idWriter(id));
        module.addDeserializer(type, new JsonDeserializer<E>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        });
    }
}
