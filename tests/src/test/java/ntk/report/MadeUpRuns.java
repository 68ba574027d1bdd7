package ntk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ntk.config.ConfigFiles;
import ntk.config.ExperimentConfig;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.Condition;
import ntk.protocol.ConditionPlan;
import ntk.protocol.ResultRow;

/** Runs of made-up numbers, written as the main job writes them, for the tests of what reads them back. */
public final class MadeUpRuns {
    private MadeUpRuns() {}

    /**
     * A fast-preset classification run of made-up numbers in {@code dir/classification}: error =
     * 0.1 + 0.01 * seed + 0.001 * annotations + {@code shift} (forward distillation's 1e-9 more),
     * two seeds, one new category.
     */
    public static Path classification(Path dir, double shift) {
        ExperimentConfig config = ExperimentConfig.fast();
        List<ResultRow> rows = new ArrayList<>();
        String category = config.categories().transplanted().get(0).id();
        for (Condition c : ConditionPlan.classification(config)) {
            for (long seed : List.of(1L, 2L)) {
                // forward distillation a hair apart: runs equal to back-distillation's to the bit would be reported once (RepeatedRuns)
                double apart = c.method().equals(ntk.transplant.TransplantMethods.FORWARD) ? 1e-9 : 0;
                rows.add(new ResultRow("classification", category, c.method(), c.annotations(), c.unlabeled(), seed,
                        ClassificationProtocol.METRIC, 0.1 + 0.01 * seed + 0.001 * c.annotations() + shift + apart));
            }
        }
        rows.add(new ResultRow("classification", category, Condition.TEACHER, 0, 0, 2019, ClassificationProtocol.METRIC, 0.02));
        Path task = dir.resolve("classification");
        Results.writeCsv(Results.table(rows), task.resolve("comparison.csv"));
        ConfigFiles.write(config.withRuns(List.of(1L, 2L), config.runs().annotationBudgets(), config.runs().poolSizes()), task.resolve(ConfigFiles.RUN_FILE));
        return dir;
    }
}
