package ntk.generic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import ntk.data.ItemShape;
import ntk.nn.Architectures;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;

/**
 * The tasks a generic network serves; each has one shared task module. A task fixes, from the
 * data set's item shape, the input a category module sees (category modules are fully
 * convolutional, so one f_c serves items and scenes alike) and what its task module predicts.
 */
public enum Task {
    /** "Does this item image show category c?" — one logit. */
    CLASSIFICATION("classification"),
    /** "Which pixels of this scene (2 × 2 item places) belong to the item of category c?" — one logit per pixel. */
    SEGMENTATION("segmentation");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** One input sample for items of shape {@code item}: the item itself, or a scene twice as high and wide. */
    public Shape input(Shape item) {
        return switch (this) {
            case CLASSIFICATION -> item;
            case SEGMENTATION -> Shape.image(item.channels(), 2 * item.height(), 2 * item.width());
        };
    }

    /** The item shape behind one of this task's inputs: {@link #input}'s inverse. */
    public Shape item(Shape input) {
        return switch (this) {
            case CLASSIFICATION -> input;
            case SEGMENTATION -> Shape.image(input.channels(), input.height() / 2, input.width() / 2);
        };
    }

    /** One prediction for items of shape {@code item}: a logit, or a logit per scene pixel. */
    public Shape output(Shape item) {
        return switch (this) {
            case CLASSIFICATION -> Shape.vector(1);
            case SEGMENTATION -> Shape.image(1, 2 * item.height(), 2 * item.width());
        };
    }

    /** A data set's item shape as a module shape. */
    public static Shape item(ItemShape s) {
        return Shape.image(s.channels(), s.height(), s.width());
    }

    /** The architecture of this task's heads (the shared g_t and the teachers' heads) on {@code features}. */
    public ModuleSpec head(Shape features, ModuleSpec.Role role) {
        return switch (this) {
            case CLASSIFICATION -> Architectures.classificationHead(features, role);
            case SEGMENTATION -> Architectures.segmentationHead(features, role);
        };
    }

    /** The default adapter h_{c,t} for this task: it works on f_c's features of this task's inputs. */
    public ModuleSpec adapter(Shape item) {
        return Architectures.adapter(Architectures.categoryModule(input(item)).output());
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
