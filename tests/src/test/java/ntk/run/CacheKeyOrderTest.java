package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.generic.Task;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.Test;

/**
 * ModuleCache's folders are keyed by the config's text: it must not depend on
 * the order the transplant settings were given in (Map.copyOf's order changes from one JVM to the
 * next, so every other kernel retrained the modules).
 */
class CacheKeyOrderTest {
    private static ExperimentConfig with(ExperimentConfig c, Map<Task, TransplantSettings> transplant) {
        return c.with(b -> b.transplant = transplant);
    }

    @Test
    void theConfigsTextDoesNotDependOnTheOrderOfItsTransplantSettings() {
        ExperimentConfig fast = ExperimentConfig.fast();
        Map<Task, TransplantSettings> classificationFirst = new LinkedHashMap<>();
        classificationFirst.put(Task.CLASSIFICATION, fast.transplant(Task.CLASSIFICATION));
        classificationFirst.put(Task.SEGMENTATION, fast.transplant(Task.SEGMENTATION));
        Map<Task, TransplantSettings> segmentationFirst = new LinkedHashMap<>();
        segmentationFirst.put(Task.SEGMENTATION, fast.transplant(Task.SEGMENTATION));
        segmentationFirst.put(Task.CLASSIFICATION, fast.transplant(Task.CLASSIFICATION));
        assertEquals(with(fast, classificationFirst).toString(), with(fast, segmentationFirst).toString());
        assertEquals(with(fast, classificationFirst).toString(), fast.toString());
        // Map.copyOf's order is drawn per JVM: without the fix this fails in about every other run
        assertEquals(List.of(Task.values()), List.copyOf(with(fast, segmentationFirst).transplant().keySet()));
    }
}
