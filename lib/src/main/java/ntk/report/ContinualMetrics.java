package ntk.report;

import java.util.List;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.SegmentationProtocol;
import ntk.run.SequentialExperiment;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The usual continual-learning summaries of the LEGO rows, per approach, task and step, oriented so
 * that their sign reads the same for every metric (error: lower is better; IoU: higher is better):
 * <ul>
 *   <li>average: the mean score of the categories present, in the task's own metric;</li>
 *   <li>forgetting (positive = worse): mean over earlier categories of the best score the category
 *       had at any earlier step minus its score now;</li>
 *   <li>backward transfer, BWT (Lopez-Paz and Ranzato 2017; positive = better): mean over earlier
 *       categories of the score now minus the score right after the category was learned.</li>
 * </ul>
 * Earlier categories at step k are those present before step k; at step 0 there are none, and
 * forgetting and BWT are NaN.
 */
public final class ContinualMetrics {
    private ContinualMetrics() {}

    /** +1 where a higher score is better (IoU), -1 where a lower one is (error). */
    static double betterSign(String metric) {
        if (metric.equals(ClassificationProtocol.METRIC)) {
            return -1;
        }
        if (metric.equals(SegmentationProtocol.IOU)) {
            return 1;
        }
        throw new IllegalArgumentException("no direction known for metric '" + metric + "'; expected "
                + ClassificationProtocol.METRIC + " or " + SegmentationProtocol.IOU);
    }

    /** One row per approach, task and step: added, metric, average, forgetting and BWT. */
    public static Table of(List<SequentialExperiment.Row> rows) {
        Table t = Table.create("continual-learning summary (forgetting: positive = worse; bwt: positive = better)",
                StringColumn.create("approach"), StringColumn.create("task"), IntColumn.create("step"), StringColumn.create("added"),
                StringColumn.create("metric"), DoubleColumn.create("average"), DoubleColumn.create("forgetting_pos_worse"),
                DoubleColumn.create("bwt_pos_better"), IntColumn.create("earlier_categories"));
        for (String approach : rows.stream().map(SequentialExperiment.Row::approach).distinct().toList()) {
            for (Task task : rows.stream().map(SequentialExperiment.Row::task).distinct().toList()) {
                List<SequentialExperiment.Row> of = rows.stream().filter(r -> r.approach().equals(approach) && r.task() == task).toList();
                for (int step : of.stream().mapToInt(SequentialExperiment.Row::step).distinct().sorted().toArray()) {
                    List<SequentialExperiment.Row> now = of.stream().filter(r -> r.step() == step).toList();
                    String metric = now.get(0).metric();
                    double sign = betterSign(metric);
                    double forgetting = 0, bwt = 0;
                    int earlier = 0;
                    for (SequentialExperiment.Row r : now) {
                        List<SequentialExperiment.Row> before = history(of, r.category()).stream().filter(h -> h.step() < step).toList();
                        if (before.isEmpty()) {
                            continue; // the category added at this step
                        }
                        double best = before.stream().mapToDouble(h -> sign * h.value()).max().orElseThrow();
                        forgetting += best - sign * r.value();
                        bwt += sign * (r.value() - before.get(0).value());
                        earlier++;
                    }
                    t.stringColumn("approach").append(approach);
                    t.stringColumn("task").append(task.id());
                    t.intColumn("step").append(step);
                    t.stringColumn("added").append(now.get(0).added());
                    t.stringColumn("metric").append(metric);
                    t.doubleColumn("average").append(now.stream().mapToDouble(SequentialExperiment.Row::value).average().orElseThrow());
                    t.doubleColumn("forgetting_pos_worse").append(earlier == 0 ? Double.NaN : forgetting / earlier);
                    t.doubleColumn("bwt_pos_better").append(earlier == 0 ? Double.NaN : bwt / earlier);
                    t.intColumn("earlier_categories").append(earlier);
                }
            }
        }
        return t;
    }

    /** The category's rows, by step: the first is the score right after it was learned. */
    private static List<SequentialExperiment.Row> history(List<SequentialExperiment.Row> of, Category c) {
        return of.stream().filter(r -> r.category() == c)
                .sorted(java.util.Comparator.comparingInt(SequentialExperiment.Row::step)).toList();
    }
}
