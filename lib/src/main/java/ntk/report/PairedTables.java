package ntk.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.TaskProtocol;
import ntk.report.PairedEvidence.Comparison;
import ntk.report.PairedEvidence.OverDraws;
import ntk.report.PairedEvidence.PerCategory;

/**
 * The paired evidence as the documents' markdown tables ({@link ReadmeTables}: {@code paired},
 * {@code <task>-paired}, {@code <task>-per-seed}, {@code spread-paired}): differences and
 * intervals to three decimals with their sign (transplant − baseline), p-values to two significant
 * digits.
 */
final class PairedTables {
    private PairedTables() {}

    /** README: one row per zero-annotation condition, per task its difference with interval, wins (sign test) and the carrying category. */
    static String compact(Map<Task, List<Comparison>> byTask) {
        return compact(byTask, Map.of());
    }

    /** The same, a task's conditions in {@code repeated} (their runs repeat forward distillation's) labelled as such. */
    static String compact(Map<Task, List<Comparison>> byTask, Map<Task, List<Condition>> repeated) {
        List<Condition> conditions = new ArrayList<>();
        byTask.values().forEach(cs -> cs.forEach(c -> {
            if (!conditions.contains(c.condition())) {
                conditions.add(c.condition());
            }
        }));
        repeated.values().forEach(cs -> cs.stream().filter(c -> !conditions.contains(c)).forEach(conditions::add));
        StringBuilder b = new StringBuilder("| zero-annotation condition |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Task task : byTask.keySet()) {
            String metric = TaskProtocol.metricOf(task).replace('_', ' ');
            String better = ContinualMetrics.betterSign(TaskProtocol.metricOf(task)) < 0 ? "< 0" : "> 0";
            b.append(' ').append(task.id()).append(": ").append(metric).append(" difference (").append(better)
                    .append(": transplant better) [95 % interval] | wins (sign test p) | carried by |");
            rule.append("---|---|---|");
        }
        b.append('\n').append(rule).append('\n');
        for (Condition condition : conditions) {
            b.append("| ").append(ReadmeTables.condition(condition.method(), condition.annotations(), condition.unlabeled())).append(" |");
            for (var e : byTask.entrySet()) {
                Comparison c = e.getValue().stream().filter(x -> x.condition().equals(condition)).findFirst().orElse(null);
                boolean same = repeated.getOrDefault(e.getKey(), List.of()).contains(condition);
                b.append(c != null ? " " + signed(c.meanDifference()) + " " + interval(c) + " | " + wins(c) + " | " + carrier(c) + " |"
                        : same ? " = forward, " + condition.unlabeled() + " unlabeled (λ = 0: the same runs) | — | — |" : " — | — | — |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** docs/results.md: one row per condition, each category's mean difference (wins / seeds), then the whole comparison. */
    static String perCategory(List<Comparison> comparisons) {
        List<String> categories = new ArrayList<>();
        comparisons.forEach(c -> c.categories().forEach(p -> {
            if (!categories.contains(p.category())) {
                categories.add(p.category());
            }
        }));
        StringBuilder b = new StringBuilder("| zero-annotation condition |");
        categories.forEach(name -> b.append(' ').append(name).append(" |"));
        b.append(" all pairs [95 % interval] | wins (sign test p) | carried by (share) |\n|---|")
                .append("---|".repeat(categories.size())).append("---|---|---|\n");
        for (Comparison c : comparisons) {
            b.append("| ").append(ReadmeTables.condition(c.method(), c.annotations(), c.unlabeled())).append(" |");
            for (String name : categories) {
                b.append(' ').append(c.categories().stream().filter(p -> p.category().equals(name)).findFirst()
                        .map(p -> signed(p.meanDifference()) + " (" + p.wins() + "/" + p.seeds() + ")").orElse("")).append(" |");
            }
            b.append(' ').append(signed(c.meanDifference())).append(' ').append(interval(c)).append(" | ").append(wins(c)).append(" | ")
                    .append(c.carriedBy() == null ? carrier(c) + largest(c) : c.carriedBy() + " (" + percent(c.largest().share()) + ")")
                    .append(" |\n");
        }
        return b.toString();
    }

    /**
     * docs/results.md: every pair of a comparison, one column per category and seed; the first row
     * is the baseline's score, each further row a zero-annotation condition's difference from it.
     */
    static String perSeed(List<Comparison> comparisons) {
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("no zero-annotation condition to compare with the supervised baseline");
        }
        List<PairedEvidence.Pair> columns = comparisons.get(0).pairs();
        StringBuilder b = new StringBuilder("| condition |");
        columns.forEach(p -> b.append(' ').append(p.category()).append(", seed ").append(p.seed()).append(" |"));
        b.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        b.append("| supervised, ").append(comparisons.get(0).baselineAnnotations()).append(" labels: ")
                .append(comparisons.get(0).metric().replace('_', ' ')).append(" |");
        columns.forEach(p -> b.append(String.format(Locale.ROOT, " %.3f |", p.baseline())));
        b.append('\n');
        for (Comparison c : comparisons) {
            b.append("| ").append(ReadmeTables.condition(c.method(), c.annotations(), c.unlabeled())).append(": difference |");
            for (PairedEvidence.Pair column : columns) {
                b.append(' ').append(c.pairs().stream().filter(p -> p.category().equals(column.category()) && p.seed() == column.seed())
                        .findFirst().map(p -> signed(p.difference())).orElse("")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** docs/results.md: per task and condition, the difference in each pre-training draw and their mean. */
    static String overDraws(Map<Task, List<OverDraws>> byTask) {
        List<Long> draws = byTask.values().stream().filter(l -> !l.isEmpty()).findFirst().map(l -> List.copyOf(l.get(0).perDraw().keySet()))
                .orElse(List.of());
        StringBuilder b = new StringBuilder("| task (metric) | zero-annotation condition |");
        draws.forEach(d -> b.append(" draw ").append(d).append(" |"));
        b.append(" mean | draws won |\n|---|---|").append("---:|".repeat(draws.size())).append("---:|---|\n");
        byTask.forEach((task, rows) -> rows.forEach(r -> {
            b.append("| ").append(task.id()).append(" (").append(r.metric().replace('_', ' ')).append(") | ")
                    .append(ReadmeTables.condition(r.method(), r.annotations(), r.unlabeled())).append(" |");
            draws.forEach(d -> b.append(' ').append(r.perDraw().containsKey(d) ? signed(r.perDraw().get(d)) : "").append(" |"));
            b.append(' ').append(signed(r.meanDifference())).append(" | ").append(r.wins()).append('/').append(r.perDraw().size()).append(" |\n");
        }));
        return b.toString();
    }

    // ---- formatting, shared with PairedReport's console tables ----

    static String signed(double v) {
        String s = String.format(Locale.ROOT, "%+.3f", v);
        return s.equals("-0.000") ? "+0.000" : s; // a rounded-away sign says nothing
    }

    static String interval(Comparison c) {
        return "[" + signed(c.low()) + ", " + signed(c.high()) + "]";
    }

    private static String wins(Comparison c) {
        return c.wins() + "/" + c.pairs().size() + (c.ties() > 0 ? ", " + c.ties() + (c.ties() == 1 ? " tie" : " ties") : "")
                + " (p " + p(c.signTestP()) + ")";
    }

    /** Two significant digits: 0.00049, 0.15, 1.0. */
    static String p(double p) {
        return new BigDecimal(p).round(new MathContext(2)).toPlainString();
    }

    static String carrier(Comparison c) {
        return c.carriedBy() == null ? "none" : c.carriedBy();
    }

    private static String largest(Comparison c) {
        PerCategory p = c.largest();
        return p == null ? "" : " (largest: " + p.category() + ", " + percent(p.share()) + ")";
    }

    /** A share over 100 % means the other categories pull the other way and the mean is small; its size says nothing more. */
    static String percent(double share) {
        return share > 1 ? "> 100 %" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
