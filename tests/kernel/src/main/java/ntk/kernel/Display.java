package ntk.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * Statically imported into every notebook: the same six calls, with the same signatures, as
 * IJava 1.3.0's {@code io.github.spencerpark.ijava.runtime.Display}, so a notebook written against
 * one kernel runs unchanged on the other.
 */
public final class Display {
    private Display() {}

    public static DisplayData render(Object o) {
        return Main.kernel().getRenderer().render(o);
    }

    public static DisplayData render(Object o, String... mimeTypes) {
        return Main.kernel().getRenderer().renderAs(o, mimeTypes);
    }

    public static String display(Object o) {
        return show(Main.kernel().getRenderer().render(o));
    }

    public static String display(Object o, String... mimeTypes) {
        return show(Main.kernel().getRenderer().renderAs(o, mimeTypes));
    }

    public static void updateDisplay(String id, Object o) {
        Main.kernel().getIO().display.updateDisplay(id, Main.kernel().getRenderer().render(o));
    }

    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        Main.kernel().getIO().display.updateDisplay(id, Main.kernel().getRenderer().renderAs(o, mimeTypes));
    }

    private static String show(DisplayData data) {
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        Main.kernel().display(data);
        return data.getDisplayId();
    }
}
