package ntk.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.generic.Task;
import ntk.run.TransplantExperiment;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The scores of one results folder that a rerun must reproduce, keyed by what identifies them:
 * every row of {@code <task>/comparison.csv} except the {@code seconds} timings, and the scores of
 * {@code sequential/sequential.csv}. Timings, run.txt and pictures depend on the machine and are
 * left out; so are the sequential outputs' SHA-256 digests, which change with the last bit of any
 * output even where the scores agree (another native flavour sums in another order).
 */
public final class MetricRows {
    /** The part of a run that {@code sequential.csv} holds, beside the tasks' ids. */
    public static final String SEQUENTIAL = "sequential";
    static final String SEQUENTIAL_FILE = SEQUENTIAL + "/sequential.csv";
    private static final ColumnType[] SEQUENTIAL_COLUMNS = {ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING,
        ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.STRING};

    private MetricRows() {}

    /** Row key (e.g. {@code classification, sandal, back-distillation, 0 annotations, 100 unlabeled, seed 1, balanced_error}) to value, in file order. */
    public static Map<String, Double> read(Path folder) {
        return read(folder, parts(folder));
    }

    /** The rows of the given {@link #parts} only. */
    public static Map<String, Double> read(Path folder, List<String> parts) {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (Task task : Task.values()) {
            Path csv = folder.resolve(task.id()).resolve("comparison.csv");
            if (parts.contains(task.id()) && Files.isRegularFile(csv)) {
                for (Row r : ComparisonReport.readRuns(csv)) {
                    if (!r.getString("metric").equals(TransplantExperiment.SECONDS)) {
                        put(rows, String.join(", ", r.getString("task"), r.getString("category"), r.getString("method"),
                                r.getInt("annotations") + " annotations", r.getInt("unlabeled") + " unlabeled",
                                "seed " + r.getLong("seed"), r.getString("metric")), r.getDouble("value"));
                    }
                }
            }
        }
        Path sequential = folder.resolve(SEQUENTIAL_FILE);
        if (parts.contains(SEQUENTIAL) && Files.isRegularFile(sequential)) {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(sequential.toFile()).columnTypes(SEQUENTIAL_COLUMNS));
            for (Row r : t) {
                put(rows, String.join(", ", "sequential", r.getString("approach"), "step " + r.getInt("step"), r.getString("task"),
                        r.getString("category"), r.getString("metric")), r.getDouble("value"));
            }
        }
        return rows;
    }

    /** True when the folder holds at least one file {@link #read} looks at. */
    public static boolean present(Path folder) {
        return !parts(folder).isEmpty();
    }

    /** The parts of a run the folder holds: each task with a comparison.csv (its id), and {@value #SEQUENTIAL}. */
    public static List<String> parts(Path folder) {
        List<String> parts = new ArrayList<>();
        for (Task task : Task.values()) {
            if (Files.isRegularFile(folder.resolve(task.id()).resolve("comparison.csv"))) {
                parts.add(task.id());
            }
        }
        if (Files.isRegularFile(folder.resolve(SEQUENTIAL_FILE))) {
            parts.add(SEQUENTIAL);
        }
        return parts;
    }

    /** A key seen twice gets its occurrence number, so no row hides another. */
    private static void put(Map<String, Double> rows, String key, double value) {
        String unique = key;
        for (int n = 2; rows.containsKey(unique); n++) {
            unique = key + " #" + n;
        }
        rows.put(unique, value);
    }
}
