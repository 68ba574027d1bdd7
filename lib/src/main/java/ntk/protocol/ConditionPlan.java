package ntk.protocol;

import java.util.ArrayList;
import java.util.List;
import ntk.config.ExperimentConfig;
import ntk.transplant.TransplantMethods;

/**
 * Which conditions a comparison runs per new category and seed, planned from a config's values:
 * the untrained adapter, the supervised adapter at every budget, forward and back-distillation at
 * every pool size, back-distillation with labels, the scratch baseline, and the enlarged pools.
 */
public final class ConditionPlan {
    private ConditionPlan() {}

    /** Every classification condition of {@code config}, in a stable order. */
    public static List<Condition> classification(ExperimentConfig config) {
        ExperimentConfig.Runs runs = config.runs();
        List<Condition> out = core(config, true, runs.scratchBaseline());
        out.addAll(expansion(config.expansion().pools(), List.of(TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS)));
        return out;
    }

    /**
     * The enlarged-pool conditions of {@code methods} ({@link TransplantMethods#BACK_VIEWS},
     * {@link TransplantMethods#BACK_VIEWS_SYNTHESIS}) at {@code pools} real images; views are not
     * run where there is no real image to view.
     */
    public static List<Condition> expansion(List<Integer> pools, List<String> methods) {
        List<Condition> out = new ArrayList<>();
        for (int n : pools) {
            for (String m : methods) {
                if (n > 0 || !m.equals(TransplantMethods.BACK_VIEWS)) {
                    out.add(new Condition(m, 0, n));
                }
            }
        }
        return out;
    }

    /** The conditions without the enlarged pools, with or without back-distillation plus labels and the scratch baseline. */
    public static List<Condition> core(ExperimentConfig config, boolean withLabels, boolean scratch) {
        ExperimentConfig.Runs runs = config.runs();
        List<Condition> out = new ArrayList<>();
        out.add(new Condition(Condition.UNTRAINED, 0, 0));
        for (int k : runs.annotationBudgets()) {
            out.add(new Condition(TransplantMethods.SUPERVISED, k, 0));
        }
        for (int n : runs.poolSizes()) {
            out.add(new Condition(TransplantMethods.FORWARD, 0, n));
            out.add(new Condition(TransplantMethods.BACK, 0, n));
        }
        if (withLabels) {
            for (int k : runs.annotationBudgets()) {
                out.add(new Condition(TransplantMethods.BACK, k, runs.backWithLabelsPool()));
            }
        }
        if (scratch) {
            out.add(new Condition(Condition.SCRATCH, runs.maxAnnotations(), 0));
        }
        return out;
    }
}
