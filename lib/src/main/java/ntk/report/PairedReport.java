package ntk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ntk.generic.Task;
import ntk.protocol.TaskProtocol;
import ntk.report.PairedEvidence.Comparison;
import ntk.report.PairedEvidence.OverDraws;
import ntk.report.PairedEvidence.Pair;
import ntk.report.PairedEvidence.PerCategory;
import ntk.transplant.TransplantMethods;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@link PairedEvidence} as files and text: per task paired.csv (one row per comparison),
 * paired_per_category.csv and paired_differences.csv (one row per category and seed), the console
 * tables, the README's and docs/results.md's tables, and the same over pre-training draws for
 * {@code spread}. The CSVs keep every digit; printed numbers are rounded to three decimals (the
 * tables' precision) and p-values to two significant digits.
 */
public final class PairedReport {
    public static final String FILE = "paired.csv";
    public static final String PER_CATEGORY_FILE = "paired_per_category.csv";
    public static final String DIFFERENCES_FILE = "paired_differences.csv";

    private PairedReport() {}

    /** Writes the three CSVs of one task into {@code dir} and returns its tables as text for the console. */
    public static String write(Task task, Table runs, Path dir) {
        if (runs.where(runs.stringColumn("method").isEqualTo(TransplantMethods.SUPERVISED)).rowCount() == 0) {
            return task + ": no supervised adapter in the runs, so no paired evidence\n"; // a run of chosen conditions only
        }
        List<Comparison> comparisons = PairedEvidence.of(runs, TaskProtocol.metricOf(task));
        Results.writeCsv(summary(task, comparisons), dir.resolve(FILE));
        Results.writeCsv(perCategory(task, comparisons), dir.resolve(PER_CATEGORY_FILE));
        Results.writeCsv(differences(task, comparisons), dir.resolve(DIFFERENCES_FILE));
        return text(task, comparisons);
    }

    /** What a difference's sign means and how the interval and the test were made: the printed tables' heading. */
    static String method(Task task, int baselineAnnotations) {
        String metric = TaskProtocol.metricOf(task);
        return "each zero-annotation condition minus the supervised adapter on " + baselineAnnotations + " annotations, paired by"
                + " category and seed, in " + metric + " (" + (lower(metric) ? "lower" : "higher") + " is better, so a win is a "
                + (lower(metric) ? "negative" : "positive") + " difference); 95 % percentile bootstrap interval of the mean difference over the"
                + " pairs (" + String.format(Locale.ROOT, "%,d", PairedEvidence.RESAMPLES) + " resamples, SplittableRandom seed "
                + PairedEvidence.BOOTSTRAP_SEED + "); exact two-sided sign test, ties counted and left out; a category carries the"
                + " margin when its share of the summed differences is over one half";
    }

    private static boolean lower(String metric) {
        return ContinualMetrics.betterSign(metric) < 0;
    }

    /** A table named {@code name} whose first columns say which condition is compared with which baseline. */
    private static Table withConditionColumns(String name) {
        return Table.create(name, StringColumn.create("task"), StringColumn.create("metric"), StringColumn.create("better"),
                StringColumn.create("method"), IntColumn.create("annotations"), IntColumn.create("unlabeled"),
                StringColumn.create("baseline_method"), IntColumn.create("baseline_annotations"));
    }

    private static void appendCondition(Table t, Task task, String metric, String method, int annotations, int unlabeled,
            int baselineAnnotations) {
        t.stringColumn("task").append(task.id());
        t.stringColumn("metric").append(metric);
        t.stringColumn("better").append(lower(metric) ? "lower" : "higher");
        t.stringColumn("method").append(method);
        t.intColumn("annotations").append(annotations);
        t.intColumn("unlabeled").append(unlabeled);
        t.stringColumn("baseline_method").append(TransplantMethods.SUPERVISED);
        t.intColumn("baseline_annotations").append(baselineAnnotations);
    }

    /** One row per comparison: means, difference, interval, wins, sign test, the category carrying the margin. */
    public static Table summary(Task task, List<Comparison> comparisons) {
        Table t = withConditionColumns("paired evidence");
        t.addColumns(IntColumn.create("pairs"), DoubleColumn.create("transplant_mean"),
                DoubleColumn.create("baseline_mean"), DoubleColumn.create("mean_difference"), DoubleColumn.create("ci95_low"),
                DoubleColumn.create("ci95_high"), IntColumn.create("resamples"), LongColumn.create("bootstrap_seed"), IntColumn.create("wins"),
                IntColumn.create("losses"), IntColumn.create("ties"), IntColumn.create("sign_test_n"), DoubleColumn.create("sign_test_p"),
                StringColumn.create("carried_by"), DoubleColumn.create("carried_share"));
        for (Comparison c : comparisons) {
            appendCondition(t, task, c.metric(), c.method(), c.annotations(), c.unlabeled(), c.baselineAnnotations());
            t.intColumn("pairs").append(c.pairs().size());
            t.doubleColumn("transplant_mean").append(c.transplantMean());
            t.doubleColumn("baseline_mean").append(c.baselineMean());
            t.doubleColumn("mean_difference").append(c.meanDifference());
            t.doubleColumn("ci95_low").append(c.low());
            t.doubleColumn("ci95_high").append(c.high());
            t.intColumn("resamples").append(PairedEvidence.RESAMPLES);
            t.longColumn("bootstrap_seed").append(PairedEvidence.BOOTSTRAP_SEED);
            t.intColumn("wins").append(c.wins());
            t.intColumn("losses").append(c.losses());
            t.intColumn("ties").append(c.ties());
            t.intColumn("sign_test_n").append(c.wins() + c.losses());
            t.doubleColumn("sign_test_p").append(c.signTestP());
            t.stringColumn("carried_by").append(c.carriedBy() == null ? "" : c.carriedBy());
            t.doubleColumn("carried_share").append(c.carriedBy() == null ? Double.NaN : c.largest().share());
        }
        return t;
    }

    /** A table named {@code name} whose first columns name the comparison a row belongs to. */
    private static Table withKeyColumns(String name) {
        return Table.create(name, StringColumn.create("task"), StringColumn.create("metric"), StringColumn.create("method"),
                IntColumn.create("annotations"), IntColumn.create("unlabeled"), IntColumn.create("baseline_annotations"));
    }

    private static void appendKey(Table t, Task task, Comparison c) {
        t.stringColumn("task").append(task.id());
        t.stringColumn("metric").append(c.metric());
        t.stringColumn("method").append(c.method());
        t.intColumn("annotations").append(c.annotations());
        t.intColumn("unlabeled").append(c.unlabeled());
        t.intColumn("baseline_annotations").append(c.baselineAnnotations());
    }

    /** One row per comparison and category: its mean difference over seeds, wins and share of the margin. */
    public static Table perCategory(Task task, List<Comparison> comparisons) {
        Table t = withKeyColumns("paired evidence per category");
        t.addColumns(StringColumn.create("category"), IntColumn.create("seeds"),
                DoubleColumn.create("mean_difference"), IntColumn.create("wins"), IntColumn.create("losses"), IntColumn.create("ties"),
                DoubleColumn.create("share_of_margin"));
        for (Comparison c : comparisons) {
            for (PerCategory p : c.categories()) {
                appendKey(t, task, c);
                t.stringColumn("category").append(p.category());
                t.intColumn("seeds").append(p.seeds());
                t.doubleColumn("mean_difference").append(p.meanDifference());
                t.intColumn("wins").append(p.wins());
                t.intColumn("losses").append(p.losses());
                t.intColumn("ties").append(p.ties());
                t.doubleColumn("share_of_margin").append(p.share());
            }
        }
        return t;
    }

    /** One row per comparison, category and seed: both scores and their difference. */
    public static Table differences(Task task, List<Comparison> comparisons) {
        Table t = withKeyColumns("paired differences");
        t.addColumns(StringColumn.create("category"), LongColumn.create("seed"), DoubleColumn.create("transplant"), DoubleColumn.create("baseline"),
                DoubleColumn.create("difference"), StringColumn.create("outcome"));
        for (Comparison c : comparisons) {
            double sign = ContinualMetrics.betterSign(c.metric());
            for (Pair p : c.pairs()) {
                appendKey(t, task, c);
                t.stringColumn("category").append(p.category());
                t.longColumn("seed").append(p.seed());
                t.doubleColumn("transplant").append(p.transplant());
                t.doubleColumn("baseline").append(p.baseline());
                t.doubleColumn("difference").append(p.difference());
                double better = sign * p.difference();
                t.stringColumn("outcome").append(better > 0 ? "win" : better < 0 ? "loss" : "tie");
            }
        }
        return t;
    }

    /** The console's two tables: one row per comparison, then each category's mean difference and wins. */
    static String text(Task task, List<Comparison> comparisons) {
        if (comparisons.isEmpty()) {
            return task + ": no zero-annotation condition to pair with the supervised baseline\n";
        }
        Table shown = Table.create(task + ": paired evidence", StringColumn.create("condition"), IntColumn.create("pairs"),
                StringColumn.create("difference"), StringColumn.create("95% interval"), StringColumn.create("wins"), IntColumn.create("ties"),
                StringColumn.create("sign test p"), StringColumn.create("carried by"));
        List<String> categories = new ArrayList<>();
        comparisons.forEach(c -> c.categories().forEach(p -> {
            if (!categories.contains(p.category())) {
                categories.add(p.category());
            }
        }));
        Table per = Table.create(task + ": mean difference per category (wins / seeds)", StringColumn.create("condition"));
        categories.forEach(name -> per.addColumns(StringColumn.create(name)));
        for (Comparison c : comparisons) {
            String condition = ReadmeTables.condition(c.method(), c.annotations(), c.unlabeled());
            shown.stringColumn("condition").append(condition);
            shown.intColumn("pairs").append(c.pairs().size());
            shown.stringColumn("difference").append(PairedTables.signed(c.meanDifference()));
            shown.stringColumn("95% interval").append(PairedTables.interval(c));
            shown.stringColumn("wins").append(c.wins() + "/" + c.pairs().size());
            shown.intColumn("ties").append(c.ties());
            shown.stringColumn("sign test p").append(PairedTables.p(c.signTestP()));
            shown.stringColumn("carried by").append(PairedTables.carrier(c));
            per.stringColumn("condition").append(condition);
            for (String name : categories) {
                per.stringColumn(name).append(c.categories().stream().filter(p -> p.category().equals(name)).findFirst()
                        .map(p -> PairedTables.signed(p.meanDifference()) + " (" + p.wins() + "/" + p.seeds() + ")").orElse(""));
            }
        }
        return task + ": " + method(task, comparisons.get(0).baselineAnnotations()) + "\n" + shown.printAll() + "\n\n" + per.printAll() + "\n";
    }

    // ---- over pre-training draws (spread) ----

    /** Why the spread's paired evidence has no interval. */
    static String noInterval(int draws) {
        return "no interval: " + draws + " pre-training draws are too few for a bootstrap, so none is computed";
    }

    /** One row per comparison: the difference of the means in each draw, their mean, and the draws won. */
    public static Table overDraws(Task task, List<OverDraws> rows) {
        Table t = withConditionColumns("paired evidence over pre-training draws");
        List<Long> draws = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).perDraw().keySet());
        draws.forEach(d -> t.addColumns(DoubleColumn.create("difference_draw_" + d)));
        t.addColumns(IntColumn.create("draws"), DoubleColumn.create("mean_difference"), IntColumn.create("draws_won"),
                IntColumn.create("draws_lost"), IntColumn.create("draws_tied"), StringColumn.create("interval"));
        for (OverDraws r : rows) {
            appendCondition(t, task, r.metric(), r.method(), r.annotations(), r.unlabeled(), r.baselineAnnotations());
            draws.forEach(d -> t.doubleColumn("difference_draw_" + d).append(r.perDraw().getOrDefault(d, Double.NaN)));
            t.intColumn("draws").append(r.perDraw().size());
            t.doubleColumn("mean_difference").append(r.meanDifference());
            t.intColumn("draws_won").append(r.wins());
            t.intColumn("draws_lost").append(r.losses());
            t.intColumn("draws_tied").append(r.ties());
            t.stringColumn("interval").append(noInterval(r.perDraw().size()));
        }
        return t;
    }

    /**
     * Writes {@code <task>-paired.csv} beside the spread's {@code <task>.csv} from its rows (seed column
     * = pre-training draw) and returns the text for the console.
     */
    public static String writeOverDraws(Task task, Table runs, Path csv) {
        List<OverDraws> rows = PairedEvidence.overDraws(runs, TaskProtocol.metricOf(task));
        Results.writeCsv(overDraws(task, rows), csv);
        if (rows.isEmpty()) {
            return task + ": no zero-annotation condition to pair with the supervised baseline\n";
        }
        Table shown = Table.create(task + ": paired evidence over pre-training draws", StringColumn.create("condition"));
        rows.get(0).perDraw().keySet().forEach(d -> shown.addColumns(StringColumn.create("draw " + d)));
        shown.addColumns(StringColumn.create("mean"), StringColumn.create("draws won"));
        for (OverDraws r : rows) {
            shown.stringColumn("condition").append(ReadmeTables.condition(r.method(), r.annotations(), r.unlabeled()));
            r.perDraw().forEach((d, v) -> shown.stringColumn("draw " + d).append(PairedTables.signed(v)));
            shown.stringColumn("mean").append(PairedTables.signed(r.meanDifference()));
            shown.stringColumn("draws won").append(r.wins() + "/" + r.perDraw().size());
        }
        int draws = rows.get(0).perDraw().size();
        return task + ": per pre-training draw, the mean over categories and seeds of each zero-annotation condition minus the supervised"
                + " adapter on " + rows.get(0).baselineAnnotations() + " annotations, in " + rows.get(0).metric() + " ("
                + (lower(rows.get(0).metric()) ? "lower" : "higher") + " is better); " + noInterval(draws) + "\n" + shown.printAll() + "\n";
    }

}
