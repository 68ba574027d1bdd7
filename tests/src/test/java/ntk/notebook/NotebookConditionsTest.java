package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ntk.experiment.Condition;
import ntk.experiment.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** NotebookConditions: notebook 06 runs the comparison's question without notebook 05's and 08's conditions. */
class NotebookConditionsTest {
    @Test
    void dropsTheEnlargedPoolsAndTheLabelledDistillationAndKeepsTheOrder() {
        Condition untrained = new Condition(Condition.UNTRAINED, 0, 0);
        Condition sup = new Condition(Condition.SUPERVISED, 100, 0);
        Condition fwd = new Condition(Condition.FORWARD, 0, 100);
        Condition back = new Condition(Condition.BACK, 0, 10);
        Condition views = new Condition(Condition.BACK_VIEWS, 0, 10);
        Condition synth = new Condition(Condition.BACK_VIEWS_SYNTHESIS, 0, 0);
        Condition labels = new Condition(Condition.BACK, 10, 100);
        assertEquals(List.of(untrained, sup, back, fwd),
                NotebookConditions.comparison(List.of(untrained, sup, views, back, synth, labels, fwd)));
    }

    @Test
    void theFastSettingsKeepTheBaselineAndBothDistillationsAtEveryPool() {
        ExperimentConfig fast = ExperimentConfig.fast();
        List<Condition> kept = NotebookConditions.comparison(fast.conditions());
        assertTrue(kept.contains(new Condition(Condition.SUPERVISED, fast.maxAnnotations(), 0)), "the baseline: " + kept);
        for (int n : fast.poolSizes()) {
            assertTrue(kept.contains(new Condition(Condition.FORWARD, 0, n)), "forward from " + n + ": " + kept);
            assertTrue(kept.contains(new Condition(Condition.BACK, 0, n)), "back from " + n + ": " + kept);
        }
        assertTrue(kept.stream().noneMatch(c -> c.method().startsWith(Condition.BACK + "+")), "no enlarged pool: " + kept);
    }
}
