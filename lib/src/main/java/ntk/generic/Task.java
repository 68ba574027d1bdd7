package ntk.generic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import ntk.nn.Architectures;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;

/**
 * The tasks a generic network serves; each has one shared task module. A task fixes the input a
 * category module sees (category modules are fully convolutional, so one f_c serves both sizes)
 * and what its task module predicts.
 */
public enum Task {
    /** "Does this 28×28 image show category c?" — one logit. */
    CLASSIFICATION("classification", Shape.image(1, 28, 28), Shape.vector(1)),
    /** "Which pixels of this 56×56 scene belong to the item of category c?" — one logit per pixel. */
    SEGMENTATION("segmentation", Shape.image(1, 56, 56), Shape.image(1, 56, 56));

    private final String id;
    private final Shape input;
    private final Shape output;

    Task(String id, Shape input, Shape output) {
        this.id = id;
        this.input = input;
        this.output = output;
    }

    public String id() {
        return id;
    }

    /** One input sample: an item image or a scene. */
    public Shape input() {
        return input;
    }

    /** One prediction: a logit, or a logit per pixel. */
    public Shape output() {
        return output;
    }

    /** The architecture of this task's heads (the shared g_t and the teachers' heads) on {@code features}. */
    public ModuleSpec head(Shape features, ModuleSpec.Role role) {
        return switch (this) {
            case CLASSIFICATION -> Architectures.classificationHead(features, role);
            case SEGMENTATION -> Architectures.segmentationHead(features, role);
        };
    }

    /** The default adapter h_{c,t} for this task: it works on f_c's features of this task's inputs. */
    public ModuleSpec adapter() {
        return Architectures.adapter(Architectures.categoryModule(input).output());
    }

    public static Task parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Task task : values()) {
            if (task.id.equals(t)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + text + "'; known tasks: "
                + Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
