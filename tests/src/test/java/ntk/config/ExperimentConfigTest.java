package ntk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ntk.protocol.Condition;
import ntk.protocol.ConditionPlan;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;

/** The experiment's declarative part: which conditions the presets run. */
class ExperimentConfigTest {
    @Test
    void fastConfigRunsEveryMethodOnce() {
        ExperimentConfig f = ExperimentConfig.fast();
        List<Condition> c = ConditionPlan.classification(f);
        assertEquals(new Condition(Condition.UNTRAINED, 0, 0), c.get(0));
        assertTrue(c.contains(new Condition(TransplantMethods.SUPERVISED, 10, 0)));
        assertTrue(c.contains(new Condition(TransplantMethods.FORWARD, 0, 100)));
        assertTrue(c.contains(new Condition(TransplantMethods.BACK, 0, 10)));
        assertTrue(c.contains(new Condition(TransplantMethods.BACK, 100, 100)));
        assertFalse(c.stream().anyMatch(x -> x.method().equals(Condition.SCRATCH)));
        assertEquals(c.size(), c.stream().distinct().count(), "conditions repeat");
        assertEquals(100, f.runs().maxAnnotations());
        assertEquals(100, f.runs().maxPool());
        assertTrue(ConditionPlan.classification(ExperimentConfig.full()).contains(new Condition(Condition.SCRATCH, 100, 0)));
        assertEquals(1000, ExperimentConfig.full().runs().maxPool());
        for (ExperimentConfig config : List.of(f, ExperimentConfig.full())) {
            assertTrue(config.categories().transplanted().stream().noneMatch(config.categories().base()::contains));
        }
    }

}
