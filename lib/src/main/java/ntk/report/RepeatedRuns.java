package ntk.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ntk.protocol.Condition;
import ntk.run.TransplantExperiment;
import ntk.transplant.TransplantMethods;
import tech.tablesaw.api.Table;

/**
 * Conditions whose runs repeat another condition's bit for bit, shown once: where λ = 0 is
 * selected (segmentation), zero-annotation back-distillation is forward distillation — the same
 * loss, rows and seeds, so the same adapter — and a table or figure listing both would count one
 * result twice. Found from the runs themselves: every score (timings aside) of back-distillation
 * at a pool equal to the bit to forward distillation's at that pool, category and seed.
 */
public final class RepeatedRuns {
    /** How the reports name forward distillation where back-distillation repeats it. */
    public static final String FORWARD_ALSO_BACK = "forward distillation (= back-distillation: λ = 0 selected, the same runs)";

    private RepeatedRuns() {}

    /** The pools at which zero-annotation back-distillation repeats forward distillation's runs, smallest first. */
    public static Set<Integer> backRepeatsForward(Table runs) {
        Map<String, Double> forward = new HashMap<>();
        Map<Integer, Map<String, Double>> back = new HashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            String metric = runs.stringColumn("metric").get(i);
            if (metric.equals(TransplantExperiment.SECONDS) || runs.intColumn("annotations").get(i) != 0) {
                continue;
            }
            String method = runs.stringColumn("method").get(i);
            int pool = runs.intColumn("unlabeled").get(i);
            String key = pool + " " + runs.stringColumn("category").get(i) + " " + runs.column("seed").getString(i) + " " + metric;
            if (method.equals(TransplantMethods.FORWARD)) {
                forward.put(key, runs.doubleColumn("value").get(i));
            } else if (method.equals(TransplantMethods.BACK)) {
                back.computeIfAbsent(pool, p -> new HashMap<>()).put(key, runs.doubleColumn("value").get(i));
            }
        }
        Set<Integer> out = new TreeSet<>();
        back.forEach((pool, scores) -> {
            boolean same = scores.entrySet().stream().allMatch(e -> forward.containsKey(e.getKey())
                    && Double.doubleToLongBits(forward.get(e.getKey())) == Double.doubleToLongBits(e.getValue()));
            if (same) {
                out.add(pool);
            }
        });
        return out;
    }

    /** {@code runs} without the zero-annotation back-distillation rows that repeat forward distillation's. */
    public static Table withoutRepeats(Table runs) {
        Set<Integer> repeated = backRepeatsForward(runs);
        if (repeated.isEmpty()) {
            return runs;
        }
        return runs.dropWhere(runs.stringColumn("method").isEqualTo(TransplantMethods.BACK).and(runs.intColumn("annotations").isEqualTo(0))
                .and(runs.intColumn("unlabeled").isIn(repeated.stream().mapToInt(Integer::intValue).toArray())));
    }

    /** The zero-annotation back-distillation conditions {@link #withoutRepeats} leaves out. */
    public static List<Condition> repeated(Table runs) {
        return backRepeatsForward(runs).stream().map(n -> new Condition(TransplantMethods.BACK, 0, n)).toList();
    }

    /** A line for the printed tables and figure titles; empty where nothing repeats. */
    public static String note(Table runs) {
        Set<Integer> repeated = backRepeatsForward(runs);
        return repeated.isEmpty() ? "" : "back-distillation at " + repeated + " unlabeled repeats forward distillation's runs bit for bit"
                + " (λ = 0 selected): shown once, as forward distillation";
    }
}
