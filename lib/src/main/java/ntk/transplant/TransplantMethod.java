package ntk.transplant;

import ntk.nn.Module;
import ntk.train.Trainer;

/**
 * One way of learning a new category's adapter. Every method trains only the adapter; the task
 * module and the category module stay frozen, so no other category is affected.
 */
public interface TransplantMethod {
    /** Short name used in tables and file columns, e.g. "back-distillation". */
    String name();

    /** Learns the adapter from {@code data}; reproducible from {@code seed}. */
    Module learnAdapter(TransplantData data, Trainer.Settings settings, long seed);
}
