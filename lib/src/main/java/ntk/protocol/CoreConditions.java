package ntk.protocol;

import java.util.List;
import java.util.Set;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;

/**
 * The conditions a comparison needs for its core question — does transplanting from unlabeled
 * pools beat the supervised adapter? —: the untrained adapter, the supervised adapters, forward
 * and back-distillation from unlabeled pools. The enlarged pools (augmented views, teacher
 * synthesis) and back-distillation plus labels answer questions of their own; with the fast
 * settings' two new categories the whole comparison took several times as long as this core.
 */
public final class CoreConditions {
    private static final Set<String> ENLARGED_POOLS = Set.of(TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS);

    private CoreConditions() {}

    /**
     * {@code all} in the same order without the enlarged pools and back-distillation plus labels;
     * without back-distillation where {@code settings} weigh the backward term 0 (it would repeat
     * forward distillation's runs bit for bit); in fast mode also without the supervised adapters
     * below the largest budget, keeping the baseline.
     */
    public static List<Condition> of(List<Condition> all, TransplantSettings settings, boolean fast) {
        int baseline = all.stream().filter(c -> c.method().equals(TransplantMethods.SUPERVISED)).mapToInt(Condition::annotations).max().orElse(0);
        boolean backIsForward = settings.lambda().lambdaAt10() == 0;
        return all.stream()
                .filter(c -> !ENLARGED_POOLS.contains(c.method()))
                .filter(c -> !(c.method().equals(TransplantMethods.BACK) && (c.annotations() > 0 || backIsForward)))
                .filter(c -> !(fast && c.method().equals(TransplantMethods.SUPERVISED) && c.annotations() < baseline))
                .toList();
    }
}
