package ntk.notebook;

import java.util.List;
import java.util.Set;
import ntk.experiment.Condition;

/**
 * Which of a comparison's conditions notebook 06 runs: the ones its question needs — the untrained
 * and supervised adapters, forward and back-distillation from unlabeled pools. The enlarged pools
 * (augmented views, teacher synthesis) are notebook 08's subject and back-distillation plus labels
 * is notebook 05's; with the fast settings' two new categories they took the notebook to several
 * times its two minutes, so both modes leave them out and ask the same question of the same methods.
 */
public final class NotebookConditions {
    private static final Set<String> ENLARGED_POOLS = Set.of(Condition.BACK_VIEWS, Condition.BACK_VIEWS_SYNTHESIS);

    private NotebookConditions() {}

    /** {@code all} without the enlarged pools and without back-distillation plus labels, in the same order. */
    public static List<Condition> comparison(List<Condition> all) {
        return all.stream().filter(c -> !ENLARGED_POOLS.contains(c.method()))
                .filter(c -> !(c.method().equals(Condition.BACK) && c.annotations() > 0)).toList();
    }
}
