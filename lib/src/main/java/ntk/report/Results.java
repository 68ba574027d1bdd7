package ntk.report;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ntk.io.AtomicFiles;
import ntk.protocol.ResultRow;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/** The comparison's rows as Tablesaw tables: the raw runs, and mean ± std summaries. */
public final class Results {
    public static final String[] CONDITION = {"method", "annotations", "unlabeled"};
    /** The summaries' printable column, "mean ± std". */
    public static final String SHOWN = "mean_std";

    private Results() {}

    /** One row per measurement, with the columns of comparison.csv. */
    public static Table table(List<ResultRow> rows) {
        Table t = Table.create("comparison",
                StringColumn.create("task"), StringColumn.create("category"), StringColumn.create("method"),
                IntColumn.create("annotations"), IntColumn.create("unlabeled"), LongColumn.create("seed"),
                StringColumn.create("metric"), DoubleColumn.create("value"));
        for (ResultRow r : rows) {
            t.stringColumn("task").append(r.task());
            t.stringColumn("category").append(r.category());
            t.stringColumn("method").append(r.method());
            t.intColumn("annotations").append(r.annotations());
            t.intColumn("unlabeled").append(r.unlabeled());
            t.longColumn("seed").append(r.seed());
            t.stringColumn("metric").append(r.metric());
            t.doubleColumn("value").append(r.value());
        }
        return t;
    }

    /** Per category and condition: mean, std and number of seeds of one metric. */
    public static Table perCategory(Table runs, String metric) {
        runs = runs.where(runs.stringColumn("metric").isEqualTo(metric));
        Table t = tidy(runs.summarize("value", mean, stdDev, count).by("category", "method", "annotations", "unlabeled"));
        t.setName(metric + " per category, mean ± std over seeds");
        return t;
    }

    /**
     * Per condition, one metric averaged over the given categories: the mean over categories of each seed,
     * then mean and std of those over seeds (so std measures seed-to-seed spread).
     */
    public static Table averaged(Table runs, String metric, List<String> categories) {
        Table selected = runs.where(runs.stringColumn("category").isIn(categories).and(runs.stringColumn("metric").isEqualTo(metric)));
        Table perSeed = selected.summarize("value", mean).by("method", "annotations", "unlabeled", "seed");
        perSeed.column(perSeed.columnCount() - 1).setName("value");
        Table t = tidy(perSeed.summarize("value", mean, stdDev, count).by(CONDITION));
        t.setName(metric + ", mean ± std over seeds of the mean over " + categories);
        return t;
    }

    private static Table tidy(Table summary) {
        int n = summary.columnCount();
        summary.column(n - 3).setName("mean");
        summary.column(n - 2).setName("std");
        summary.column(n - 1).setName("n");
        DoubleColumn std = summary.doubleColumn("std");
        for (int i = 0; i < std.size(); i++) {
            if (std.isMissing(i)) {
                std.set(i, 0.0); // a single seed has no spread
            }
        }
        StringColumn shown = StringColumn.create(SHOWN);
        for (int i = 0; i < summary.rowCount(); i++) {
            shown.append(String.format("%.3f ± %.3f", summary.doubleColumn("mean").get(i), std.get(i)));
        }
        summary.addColumns(shown);
        return summary.sortOn(CONDITION);
    }

    /** One condition's mean in a summary ({@link #averaged}, or {@link #perCategory} cut to one category), over every pool size. */
    public static double mean(Table summary, String method, int annotations) {
        return mean(summary, method, annotations, -1);
    }

    /**
     * One condition's mean in a summary: the row of {@code method} with {@code annotations} labelled and
     * {@code unlabeled} unlabeled images (-1: any). Fails, naming the condition and the fix, when no row
     * or more than one matches.
     */
    public static double mean(Table summary, String method, int annotations, int unlabeled) {
        var match = summary.stringColumn("method").isEqualTo(method).and(summary.intColumn("annotations").isEqualTo(annotations));
        if (unlabeled >= 0) {
            match = match.and(summary.intColumn("unlabeled").isEqualTo(unlabeled));
        }
        Table rows = summary.where(match);
        String condition = method + " with " + annotations + " annotations" + (unlabeled >= 0 ? " and " + unlabeled + " unlabeled images" : "");
        if (rows.rowCount() == 0) {
            Set<String> conditions = new LinkedHashSet<>();
            for (int i = 0; i < summary.rowCount(); i++) {
                conditions.add(summary.stringColumn("method").get(i) + " " + summary.intColumn("annotations").get(i) + "/"
                        + summary.intColumn("unlabeled").get(i));
            }
            throw new IllegalArgumentException("no row for " + condition + " in " + summary.name()
                    + "; it holds (method annotations/unlabeled): " + conditions);
        }
        if (rows.rowCount() > 1) {
            throw new IllegalArgumentException(rows.rowCount() + " rows for " + condition + " in " + summary.name()
                    + (summary.containsColumn("category") ? ": keep one category's rows first" : ": give the unlabeled pool size too"));
        }
        return rows.doubleColumn("mean").get(0);
    }

    /** Each category's position in the order it first appears in {@code t}'s category column (runs are written in the settings' order). */
    public static Map<String, Integer> categoryOrder(Table t) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (String id : t.stringColumn("category")) {
            order.putIfAbsent(id, order.size());
        }
        return order;
    }

    public static void writeCsv(Table t, Path file) {
        AtomicFiles.write(file, tmp -> t.write().csv(CsvWriteOptions.builder(tmp.toFile()).build()));
    }
}
