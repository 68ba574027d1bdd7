package ntk.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The architecture of a module: its role, its input shape and its layers. Building a spec checks
 * that every layer fits the shape coming out of the one before.
 */
public record ModuleSpec(Role role, Shape input, List<Layer> layers) {
    /** What a module is for in the generic network. */
    public enum Role {
        CATEGORY("category module"), TASK("task module"), ADAPTER("adapter"), TEACHER_HEAD("teacher head");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** "category module", "adapter", ... */
        public String label() {
            return label;
        }
    }

    public ModuleSpec {
        layers = List.copyOf(layers);
        Shape s = input;
        for (Layer l : layers) {
            s = l.outputShape(s);
        }
    }

    public Shape output() {
        Shape s = input;
        for (Layer l : layers) {
            s = l.outputShape(s);
        }
        return s;
    }

    /** Input shape of layer {@code i}. */
    public Shape inputOf(int i) {
        Shape s = input;
        for (int j = 0; j < i; j++) {
            s = layers.get(j).outputShape(s);
        }
        return s;
    }

    /** All parameters as "layerIndex.name" to shape, in layer order. */
    public Map<String, long[]> parameterShapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            int li = i;
            layers.get(i).parameterShapes(inputOf(i)).forEach((k, v) -> out.put(li + "." + k, v));
        }
        return out;
    }

    /** The layers that own parameters, as in "conv3x3(1->16) relu maxpool2". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Layer l : layers) {
            parts.add(l.describe());
        }
        return role.name().toLowerCase() + " " + input + " -> " + output() + ": " + parts.stream().collect(Collectors.joining(" "));
    }
}
