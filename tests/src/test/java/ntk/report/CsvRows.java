package ntk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The rows of a committed CSV file (header first, quoted cells allowed) as column → cell maps, in file order. */
public final class CsvRows {
    private final Path file;
    private final List<Map<String, String>> rows;

    private CsvRows(Path file, List<Map<String, String>> rows) {
        this.file = file;
        this.rows = rows;
    }

    public static CsvRows read(Path file) {
        List<String> lines = QuotedNumbers.read(file).lines().filter(l -> !l.isBlank()).toList();
        List<String> header = cells(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
            }
            rows.add(row);
        }
        return new CsvRows(file, rows);
    }

    /** {@code column} of the rows {@code which} keeps, as numbers; at least one, or the claim would be empty. */
    public List<Double> values(String column, Predicate<Map<String, String>> which) {
        List<Double> out = rows.stream().filter(which).map(r -> Double.parseDouble(r.get(column))).toList();
        if (out.isEmpty()) {
            throw new AssertionError(file + ": no row for the claim (column " + column + ")");
        }
        return out;
    }

    /** A comparison.csv's mean seconds per condition (method, annotations, unlabeled), over categories and seeds. */
    static List<Double> meanSeconds(Path comparison) {
        Map<String, List<Double>> byCondition = new LinkedHashMap<>();
        for (Map<String, String> r : read(comparison).rows) {
            if (r.get("metric").equals("seconds")) {
                byCondition.computeIfAbsent(r.get("method") + "/" + r.get("annotations") + "/" + r.get("unlabeled"), k -> new ArrayList<>())
                        .add(Double.parseDouble(r.get("value")));
            }
        }
        return byCondition.values().stream().map(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList();
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
