package ntk.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A rerun's scores against a reference's, row by row: equal to the bit, within a tolerance, different, or missing on one side. */
public final class RerunComparison {
    public enum Verdict {
        EQUAL("equal"), WITHIN_TOLERANCE("within tolerance"), DIFFERENT("different"), MISSING("missing");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** One compared row; a value missing on one side is NaN there, and its difference is infinite so it sorts first. */
    public record Line(String key, double reference, double rerun, Verdict verdict) {
        public double absoluteDifference() {
            if (verdict == Verdict.MISSING) {
                return Double.POSITIVE_INFINITY;
            }
            double d = Math.abs(rerun - reference);
            return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
    }

    private final List<Line> lines;
    private final double tolerance;

    private RerunComparison(List<Line> lines, double tolerance) {
        this.lines = lines;
        this.tolerance = tolerance;
    }

    public static RerunComparison of(Map<String, Double> reference, Map<String, Double> rerun, double tolerance) {
        Set<String> keys = new LinkedHashSet<>(reference.keySet());
        keys.addAll(rerun.keySet());
        List<Line> lines = new ArrayList<>();
        for (String key : keys) {
            Double ref = reference.get(key);
            Double now = rerun.get(key);
            if (ref == null || now == null) {
                lines.add(new Line(key, ref == null ? Double.NaN : ref, now == null ? Double.NaN : now, Verdict.MISSING));
            } else {
                lines.add(new Line(key, ref, now, verdict(ref, now, tolerance)));
            }
        }
        return new RerunComparison(lines, tolerance);
    }

    static Verdict verdict(double reference, double rerun, double tolerance) {
        if (Double.doubleToLongBits(reference) == Double.doubleToLongBits(rerun)) {
            return Verdict.EQUAL;
        }
        return Math.abs(rerun - reference) <= tolerance ? Verdict.WITHIN_TOLERANCE : Verdict.DIFFERENT;
    }

    public List<Line> lines() {
        return lines;
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        lines.forEach(l -> counts.merge(l.verdict(), 1, Integer::sum));
        return counts;
    }

    /** No row different and none missing. */
    public boolean passed() {
        Map<Verdict, Integer> c = counts();
        return c.get(Verdict.DIFFERENT) == 0 && c.get(Verdict.MISSING) == 0;
    }

    /** The rows that are not bit-equal, largest difference (missing rows) first. */
    public List<Line> worst(int limit) {
        return lines.stream().filter(l -> l.verdict() != Verdict.EQUAL)
                .sorted(Comparator.comparingDouble(Line::absoluteDifference).reversed()).limit(limit).toList();
    }

    /** The counts, then the worst rows as a table; one line when every row is equal. */
    public String report(int limit) {
        Map<Verdict, Integer> c = counts();
        if (c.get(Verdict.EQUAL) == lines.size()) {
            return "all rows equal (" + lines.size() + " of " + lines.size() + ", bit for bit)\n";
        }
        Table counts = Table.create("rows compared: " + lines.size() + ", tolerance " + tolerance,
                StringColumn.create("verdict"), StringColumn.create("rows"));
        c.forEach((v, n) -> {
            counts.stringColumn("verdict").append(v.label);
            counts.stringColumn("rows").append(String.valueOf(n));
        });
        List<Line> worst = worst(limit);
        Table table = Table.create("rows that are not bit-equal, largest |difference| first (" + worst.size() + " of "
                        + (lines.size() - c.get(Verdict.EQUAL)) + ")",
                StringColumn.create("verdict"), StringColumn.create("row"), DoubleColumn.create("reference"),
                DoubleColumn.create("rerun"), StringColumn.create("abs_difference"));
        for (Line l : worst) {
            table.stringColumn("verdict").append(l.verdict().label);
            table.stringColumn("row").append(l.key());
            table.doubleColumn("reference").append(l.reference());
            table.doubleColumn("rerun").append(l.rerun());
            table.stringColumn("abs_difference").append(l.verdict() == Verdict.MISSING ? "missing"
                    : Double.isFinite(l.absoluteDifference()) ? String.format("%.3g", l.absoluteDifference()) : "NaN");
        }
        return counts.printAll() + "\n\n" + table.printAll() + "\n";
    }
}
