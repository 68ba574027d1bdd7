package ntk.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import ntk.generic.Task;
import ntk.transplant.TransplantSettings;

/**
 * Reads a settings file's {@code "transplant"} section straight into settings per task: either
 * {@code {"selected": s}} — the committed selection with its steps scaled by {@code s}, loaded as
 * objects — or one object of settings per task, written out.
 */
final class TransplantSection extends JsonDeserializer<Map<Task, TransplantSettings>> {
    @Override
    public Map<Task, TransplantSettings> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = p.readValueAsTree();
        if (!node.isObject()) {
            return ctxt.reportInputMismatch(Map.class, "\"transplant\" is either {\"selected\": <steps scale > 0>} or one object per task");
        }
        if (node.has("selected")) {
            JsonNode s = node.get("selected");
            if (node.size() != 1 || !s.isNumber() || !(s.asDouble() > 0)) {
                return ctxt.reportInputMismatch(Map.class, "\"transplant\" is either {\"selected\": <steps scale > 0>} or one object per task");
            }
            return TunedSettings.scaled(TunedSettings.load(), s.asDouble());
        }
        Map<Task, TransplantSettings> out = new EnumMap<>(Task.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                LaterKeys.completeTransplant(o);
            }
            out.put(Task.parse(e.getKey()), ctxt.readTreeAsValue(e.getValue(), TransplantSettings.class));
        }
        return out;
    }
}
