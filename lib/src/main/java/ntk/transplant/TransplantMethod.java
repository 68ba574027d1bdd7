package ntk.transplant;

import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.Trainer;

/**
 * One way of learning a new category's adapter. Every method trains only the adapter; the task
 * module and the category module stay frozen, so no other category is affected. A method holds
 * the settings it learns under (adapter shape, training, targets), so a run passes them once.
 * Methods are known by name through {@link TransplantMethods}.
 */
public interface TransplantMethod {
    /** The settings this method learns under; its adapter's shape comes from them. */
    TransplantSettings settings();

    /** The adapter training it runs: {@code settings().training()} unless the method says otherwise. */
    default Trainer.Settings training() {
        return settings().training();
    }

    /** Learns the adapter from {@code data}; reproducible from {@code seed}. */
    Module learnAdapter(TransplantData data, long seed);

    /** The adapter this method learns, on category-module features of shape {@code features}: the settings' distillation shape unless the method has its own. */
    default ModuleSpec adapter(Shape features) {
        return settings().adapter(features);
    }

    /** Labelled views its annotated images are enlarged by before it sees them; none unless the method learns from annotations. */
    default AnnotatedViews.Settings annotatedViews() {
        return AnnotatedViews.Settings.none();
    }

    /** Whether it needs the images' outputs of f_c's first block ({@link TransplantData#firstBlock()}). */
    default boolean needsFirstBlock() {
        return false;
    }

    /** How the unlabeled pool is enlarged before this method sees it (views, synthesis); null for not at all. */
    default PoolExpansion poolExpansion() {
        return null;
    }

    /**
     * Refuses sample counts this method cannot learn from, before any data is loaded, with a
     * message that says what to pass instead.
     */
    default void checkSamples(int annotations, int unlabeled) {}
}
