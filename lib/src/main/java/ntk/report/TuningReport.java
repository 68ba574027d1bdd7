package ntk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.protocol.TaskProtocol;
import ntk.protocol.ResultRow;
import ntk.run.SearchLine;
import ntk.run.SettingsSearch;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tuning outputs of one task: every run, every candidate's validation score, and a figure of them. */
public final class TuningReport {
    private TuningReport() {}

    /**
     * Writes {@code <stem>-runs.csv} (every run) and {@code <stem>.png} with {@code <stem>.csv}
     * (every candidate) into {@code dir}; the stem is the task's id, plus the part's suffix ("-expansion", ...).
     */
    public static void write(SettingsSearch.Outcome o, Path dir) {
        write(o.task(), stem(o), o.lines(), o.rows(), dir);
    }

    /** The same for any search's candidates ({@code lines}) and runs, under the file name stem {@code stem}. */
    public static void write(Task task, String stem, List<SearchLine> lines, List<ResultRow> rows, Path dir) {
        Results.writeCsv(Results.table(rows), dir.resolve(stem + "-runs.csv"));
        Table candidates = candidates(task, lines);
        Path png = dir.resolve(stem + ".png");
        CategoryChart chart = chart(candidates, task, pseudoNew(Results.table(rows)));
        AtomicFiles.write(png, tmp -> ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", tmp.toFile()));
        Results.writeCsv(candidates, dir.resolve(stem + ".csv"));
    }

    /** The file name stem of {@code o}'s outputs, e.g. "classification" or "classification-expansion". */
    public static String stem(SettingsSearch.Outcome o) {
        return o.task().id() + o.part().fileSuffix;
    }

    /** One row per candidate and stage (a candidate kept from an earlier stage appears again, with the same score). */
    public static Table candidates(SettingsSearch.Outcome o) {
        return candidates(o.task(), o.lines());
    }

    /** One row per line, in order, with the stage's wall time in seconds beside each. */
    public static Table candidates(Task task, List<SearchLine> lines) {
        Table t = Table.create(task.id() + " tuning candidates");
        IntColumn order = IntColumn.create("order");
        StringColumn stage = StringColumn.create("stage");
        StringColumn id = StringColumn.create("candidate");
        StringColumn label = StringColumn.create("changes");
        StringColumn scoredAt = StringColumn.create("scored_at");
        DoubleColumn mean = DoubleColumn.create("validation_" + TaskProtocol.metricOf(task));
        DoubleColumn std = DoubleColumn.create("std_over_seeds");
        BooleanColumn kept = BooleanColumn.create("kept");
        StringColumn settings = StringColumn.create("settings");
        DoubleColumn seconds = DoubleColumn.create("stage_seconds");
        int i = 0;
        for (SearchLine l : lines) {
            order.append(++i);
            stage.append(l.stage());
            id.append(l.candidate());
            label.append(l.changes());
            scoredAt.append(l.scoredAt());
            mean.append(l.mean());
            std.append(l.std());
            kept.append(l.kept());
            settings.append(l.settings());
            seconds.append(Math.round(l.stageSeconds() * 10) / 10.0);
        }
        t.addColumns(order, stage, id, label, scoredAt, mean, std, kept, settings, seconds);
        return t;
    }

    /**
     * The figure of a candidates table ({@link #candidates}, or its CSV read back): so that
     * {@code report --tuning} redraws the committed figures without rerunning the search.
     */
    static CategoryChart chart(Table candidates, Task task, String pseudoNew) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(700)
                .title(task + ": validation score of each candidate (pseudo-new " + pseudoNew + ")")
                .yAxisTitle(task == Task.CLASSIFICATION ? "balanced error (lower is better)" : "mean IoU (higher is better)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(75);
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE); // as every other figure of the kit
        // below the plot, so that no candidate's marker or error bar hides behind it
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(9);
        List<String> x = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        DoubleColumn means = candidates.doubleColumn("validation_" + TaskProtocol.metricOf(task));
        for (int i = 0; i < candidates.rowCount(); i++) {
            double sd = candidates.doubleColumn("std_over_seeds").getDouble(i);
            x.add(String.format("%02d %s: %s", candidates.intColumn("order").get(i), candidates.stringColumn("stage").get(i),
                    candidates.stringColumn("changes").get(i)));
            mean.add(means.get(i));
            std.add(Double.isFinite(sd) ? sd : 0.0);
            kept.add(candidates.booleanColumn("kept").get(i) ? means.get(i) : null);
        }
        chart.addSeries("tried (mean ± std over seeds)", x, mean, std);
        chart.addSeries("kept at its stage", x, kept);
        return chart;
    }

    /** Redraws {@code <stem>.png} from {@code <stem>.csv} in {@code dir} for every candidates table there; returns the figures written. */
    public static List<Path> redraw(Path dir) throws java.io.IOException {
        List<Path> written = new ArrayList<>();
        List<Path> tables;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            tables = files.filter(p -> p.toString().endsWith(".csv") && !p.toString().endsWith("-runs.csv")).sorted().toList();
        }
        for (Path csv : tables) {
            String header = java.nio.file.Files.readAllLines(csv).get(0);
            Task task = java.util.Arrays.stream(Task.values()).filter(t -> header.contains("validation_" + TaskProtocol.metricOf(t) + ","))
                    .findFirst().orElse(null);
            Path runsCsv = Path.of(csv.toString().replaceFirst("\\.csv$", "-runs.csv"));
            if (task == null || !header.contains(",kept,") || !java.nio.file.Files.isRegularFile(runsCsv)) {
                continue; // not a candidates table
            }
            Table candidates = Table.read().csv(tech.tablesaw.io.csv.CsvReadOptions.builder(csv.toFile())
                    .columnTypesPartial(java.util.Map.of("kept", tech.tablesaw.api.ColumnType.BOOLEAN,
                            "std_over_seeds", tech.tablesaw.api.ColumnType.DOUBLE, "order", tech.tablesaw.api.ColumnType.INTEGER,
                            "validation_" + TaskProtocol.metricOf(task), tech.tablesaw.api.ColumnType.DOUBLE)).build());
            Path png = Path.of(csv.toString().replaceFirst("\\.csv$", ".png"));
            CategoryChart chart = chart(candidates, task, pseudoNew(Table.read().csv(runsCsv.toFile())));
            AtomicFiles.write(png, tmp -> ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", tmp.toFile()));
            written.add(png);
        }
        return written;
    }

    /** The held-out categories the candidates were scored on, in the order the search runs them. */
    private static String pseudoNew(Table runs) {
        return Results.categoryOrder(runs).keySet().stream().toList().toString();
    }

    /** A few lines: the candidates' scores and the selected settings. */
    public static String summary(SettingsSearch.Outcome o) {
        return summary(o.task(), o.lines()) + "\nselected: " + o.selected().describe();
    }

    /** The candidates' scores, stage by stage, with each stage's wall time. */
    public static String summary(Task task, List<SearchLine> lines) {
        return task + " tuning, validation score per candidate (mean ± std over seeds; * kept):\n"
                + candidates(task, lines).removeColumns("settings").printAll();
    }
}
