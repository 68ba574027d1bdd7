package ntk.transplant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every transplant method the kit knows, by name: the comparison, the settings search, the
 * command line ({@code transplant --method}) and the reports look names up here. Adding a
 * method is one class and one {@link #register} call; the names below are the built-in ones.
 * A factory builds the method from one task's {@link TransplantSettings}.
 */
public final class TransplantMethods {
    /** The adapter learns from annotated samples alone: the baseline. */
    public static final String SUPERVISED = "supervised";
    public static final String FORWARD = "forward-distillation";
    public static final String BACK = "back-distillation";
    /** Back-distillation on the real pool and augmented views of it. */
    public static final String BACK_VIEWS = "back-distillation+views";
    /** Back-distillation on the real pool, views of it and inputs the teacher synthesised (data-free with no real image). */
    public static final String BACK_VIEWS_SYNTHESIS = "back-distillation+views+synthesis";

    private static final Map<String, Function<TransplantSettings, TransplantMethod>> REGISTERED = new LinkedHashMap<>();

    static {
        register(SUPERVISED, SupervisedAdapter::new);
        register(FORWARD, ForwardDistillation::new);
        register(BACK, BackDistillation::new);
        register(BACK_VIEWS, s -> BackDistillation.enlarged(s, ExpansionSettings.Method.VIEWS));
        register(BACK_VIEWS_SYNTHESIS, s -> BackDistillation.enlarged(s, ExpansionSettings.Method.VIEWS_THEN_SYNTHESIS));
    }

    private TransplantMethods() {}

    /** Makes {@code name} known; a name is registered once (pick another to register a variant). */
    public static synchronized void register(String name, Function<TransplantSettings, TransplantMethod> factory) {
        if (name == null || name.isBlank() || !name.equals(name.trim())) {
            throw new IllegalArgumentException("a transplant method needs a non-blank name without surrounding spaces, got '" + name + "'");
        }
        if (REGISTERED.containsKey(name)) {
            throw new IllegalArgumentException("a transplant method named '" + name + "' is already registered; known: " + names());
        }
        REGISTERED.put(name, java.util.Objects.requireNonNull(factory, "factory"));
    }

    /** The method called {@code name} under one task's {@code settings}. */
    public static TransplantMethod create(String name, TransplantSettings settings) {
        Function<TransplantSettings, TransplantMethod> factory;
        synchronized (TransplantMethods.class) {
            factory = REGISTERED.get(name);
        }
        if (factory == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; transplant methods known: " + String.join(", ", names()));
        }
        return factory.apply(settings);
    }

    /** Whether {@code name} is registered. */
    public static synchronized boolean isKnown(String name) {
        return REGISTERED.containsKey(name);
    }

    /** Every registered name, built-in ones first, in the order they were registered. */
    public static synchronized List<String> names() {
        return new ArrayList<>(REGISTERED.keySet());
    }
}
