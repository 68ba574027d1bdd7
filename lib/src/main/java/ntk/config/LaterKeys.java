package ntk.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ntk.io.Json;
import ntk.transplant.AnnotatedViews;
import ntk.transplant.ExpansionSettings;

/**
 * Keys the settings gained after files were written with them: a file without one is completed
 * with the value that reproduces what it ran, so every settings file, selection and run's
 * {@code settings.json} written earlier still reads, and still means what it meant.
 */
final class LaterKeys {
    private LaterKeys() {}

    /** A whole settings file in the grouped layout, completed in place (its transplant objects are completed where they are read). */
    static void completeConfig(ObjectNode root) {
        if (root.get("segmentation") instanceof ObjectNode seg && !seg.has("headKernel")) {
            seg.put("headKernel", ntk.train.Heads.SEGMENTATION_KERNEL);
        }
        if (root.get("sequential") instanceof ObjectNode seq && !seq.has("fineTuneRateScale")) {
            seq.put("fineTuneRateScale", 1.0);
        }
    }

    /** One task's transplant settings ({@link ntk.transplant.TransplantSettings}) as a JSON object, completed in place. */
    static void completeTransplant(ObjectNode o) {
        if (!o.has("expansion")) {
            // written before pools could be enlarged: no enlargement, default views and synthesis
            o.set("expansion", Json.MAPPER.valueToTree(ExpansionSettings.none()));
        }
        if (!o.has("annotatedViews")) {
            o.set("annotatedViews", Json.MAPPER.valueToTree(AnnotatedViews.Settings.none()));
        }
        // the supervised adapter took distillation's shape before it had its own
        if (!o.has("supervisedAdapterKernel") && o.has("adapterKernel")) {
            o.set("supervisedAdapterKernel", o.get("adapterKernel"));
        }
        if (!o.has("supervisedAdapterDepth") && o.has("adapterDepth")) {
            o.set("supervisedAdapterDepth", o.get("adapterDepth"));
        }
        if (!o.has("backwardLayers")) {
            o.put("backwardLayers", 1);
        }
    }
}
