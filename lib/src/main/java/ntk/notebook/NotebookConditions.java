package ntk.notebook;

import java.util.List;
import java.util.Set;
import ntk.protocol.Condition;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;

/**
 * Which of a comparison's conditions notebook 06 runs: the ones its question needs — the untrained
 * adapter, the supervised adapters, forward and back-distillation from unlabeled pools. The
 * enlarged pools (augmented views, teacher synthesis) are notebook 08's subject and
 * back-distillation plus labels is notebook 05's; with the fast settings' two new categories the
 * whole comparison took the notebook to several times its two minutes.
 */
public final class NotebookConditions {
    private static final Set<String> ENLARGED_POOLS = Set.of(TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS);

    private NotebookConditions() {}

    /**
     * {@code all} in the same order without the enlarged pools and back-distillation plus labels;
     * without back-distillation where {@code settings} weigh the backward term 0 (it would repeat
     * forward distillation's runs bit for bit); in fast mode also without the supervised adapters
     * below the largest budget, keeping the baseline.
     */
    public static List<Condition> comparison(List<Condition> all, TransplantSettings settings, boolean fast) {
        int baseline = all.stream().filter(c -> c.method().equals(TransplantMethods.SUPERVISED)).mapToInt(Condition::annotations).max().orElse(0);
        boolean backIsForward = settings.lambda().lambdaAt10() == 0;
        return all.stream()
                .filter(c -> !ENLARGED_POOLS.contains(c.method()))
                .filter(c -> !(c.method().equals(TransplantMethods.BACK) && (c.annotations() > 0 || backIsForward)))
                .filter(c -> !(fast && c.method().equals(TransplantMethods.SUPERVISED) && c.annotations() < baseline))
                .toList();
    }
}
