package ntk.generic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tasks a generic network serves; each has one shared task module. */
public enum Task {
    /** "Does this image show category c?" — one logit. */
    CLASSIFICATION("classification");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
