package ntk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ntk.config.ExperimentConfig;
import ntk.generic.Task;
import ntk.transplant.BackDistillation;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.Test;

/** CoreConditions: the comparison's question without the enlarged pools and back-distillation plus labels (notebook 06 runs it). */
class CoreConditionsTest {
    private static final Condition UNTRAINED = new Condition(Condition.UNTRAINED, 0, 0);
    private static final Condition SUP10 = new Condition(TransplantMethods.SUPERVISED, 10, 0);
    private static final Condition SUP100 = new Condition(TransplantMethods.SUPERVISED, 100, 0);
    private static final Condition FWD = new Condition(TransplantMethods.FORWARD, 0, 100);
    private static final Condition BACK = new Condition(TransplantMethods.BACK, 0, 10);
    private static final List<Condition> ALL = List.of(UNTRAINED, SUP10, SUP100, new Condition(TransplantMethods.BACK_VIEWS, 0, 10), BACK,
            new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 0), new Condition(TransplantMethods.BACK, 10, 100), FWD);

    private static TransplantSettings withLambda(double lambdaAt10) {
        return ExperimentConfig.fast().transplant(Task.CLASSIFICATION).withLambda(new BackDistillation.LambdaRule(lambdaAt10, 1));
    }

    @Test
    void dropsTheEnlargedPoolsAndTheLabelledDistillationAndKeepsTheOrder() {
        assertEquals(List.of(UNTRAINED, SUP10, SUP100, BACK, FWD), CoreConditions.of(ALL, withLambda(100), false));
    }

    @Test
    void backDistillationWithoutABackwardTermIsNotRunTwice() {
        assertEquals(List.of(UNTRAINED, SUP10, SUP100, FWD), CoreConditions.of(ALL, withLambda(0), false));
    }

    @Test
    void fastModeKeepsOnlyTheLargestSupervisedBudget() {
        assertEquals(List.of(UNTRAINED, SUP100, BACK, FWD), CoreConditions.of(ALL, withLambda(100), true));
    }

    @Test
    void theFastSettingsKeepTheBaselineAndForwardDistillationAtEveryPool() {
        ExperimentConfig fast = ExperimentConfig.fast();
        for (Task task : fast.tasks()) {
            List<Condition> kept = CoreConditions.of(ConditionPlan.classification(fast), fast.transplant(task), true);
            assertTrue(kept.contains(new Condition(TransplantMethods.SUPERVISED, fast.runs().maxAnnotations(), 0)), task + ", the baseline: " + kept);
            for (int n : fast.runs().poolSizes()) {
                assertTrue(kept.contains(new Condition(TransplantMethods.FORWARD, 0, n)), task + ", forward from " + n + ": " + kept);
            }
        }
    }

    /** Views need real images: with none, only views plus synthesis (data-free) runs. */
    @Test
    void theEnlargedPoolsSkipViewsWithoutRealImages() {
        assertEquals(List.of(new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 0), new Condition(TransplantMethods.BACK_VIEWS, 0, 10),
                        new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 10)),
                ConditionPlan.expansion(List.of(0, 10), List.of(TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS)));
    }
}
