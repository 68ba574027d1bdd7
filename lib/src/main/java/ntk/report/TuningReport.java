package ntk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.protocol.TaskProtocol;
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
     * (every candidate) into {@code dir}; the stem is the task's id, plus "-expansion" for that part.
     */
    public static void write(SettingsSearch.Outcome o, Path dir) {
        String t = stem(o);
        Results.writeCsv(Results.table(o.rows()), dir.resolve(t + "-runs.csv"));
        Table candidates = candidates(o);
        Path png = dir.resolve(t + ".png");
        AtomicFiles.write(png, tmp -> ImageIO.write(BitmapEncoder.getBufferedImage(chart(o)), "png", tmp.toFile()));
        Results.writeCsv(candidates, dir.resolve(t + ".csv"));
    }

    /** The file name stem of {@code o}'s outputs, e.g. "classification" or "classification-expansion". */
    public static String stem(SettingsSearch.Outcome o) {
        return o.task().id() + o.part().fileSuffix;
    }

    /** One row per candidate and stage (a candidate kept from an earlier stage appears again, with the same score). */
    public static Table candidates(SettingsSearch.Outcome o) {
        Table t = Table.create(o.task().id() + " tuning candidates");
        IntColumn order = IntColumn.create("order");
        StringColumn stage = StringColumn.create("stage");
        StringColumn id = StringColumn.create("candidate");
        StringColumn label = StringColumn.create("changes");
        StringColumn scoredAt = StringColumn.create("scored_at");
        DoubleColumn mean = DoubleColumn.create("validation_" + TaskProtocol.metricOf(o.task()));
        DoubleColumn std = DoubleColumn.create("std_over_seeds");
        BooleanColumn kept = BooleanColumn.create("kept");
        StringColumn settings = StringColumn.create("settings");
        int i = 0;
        for (SettingsSearch.Scored s : o.scored()) {
            order.append(++i);
            stage.append(s.candidate().stage());
            id.append(s.candidate().id());
            label.append(s.candidate().label());
            scoredAt.append((s.candidate().supervised() ? "annotations " : "real unlabeled ")
                    + s.candidate().pools().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("/")));
            mean.append(s.mean());
            std.append(s.std());
            kept.append(s.selected());
            settings.append(s.candidate().supervised() ? "supervised " + s.candidate().settings().supervised()
                    : s.candidate().settings().withSupervised(s.candidate().settings().training()).describe().replaceFirst(", supervised.*$", ""));
        }
        t.addColumns(order, stage, id, label, scoredAt, mean, std, kept, settings);
        return t;
    }

    /** Validation score of every candidate (mean ± std over seeds), stage by stage, the kept one of each stage marked. */
    static CategoryChart chart(SettingsSearch.Outcome o) {
        return chart(candidates(o), o.task(), pseudoNew(Results.table(o.rows())));
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

    /** Redraws {@code <stem>.png} from {@code <stem>.csv} in {@code dir} for every stem there; returns the figures written. */
    public static List<Path> redraw(Path dir) throws java.io.IOException {
        List<Path> written = new ArrayList<>();
        for (Task task : Task.values()) {
            for (SettingsSearch.Part part : SettingsSearch.Part.values()) {
                Path csv = dir.resolve(task.id() + part.fileSuffix + ".csv");
                if (!java.nio.file.Files.isRegularFile(csv)) {
                    continue;
                }
                Table candidates = Table.read().csv(tech.tablesaw.io.csv.CsvReadOptions.builder(csv.toFile())
                        .columnTypesPartial(java.util.Map.of("kept", tech.tablesaw.api.ColumnType.BOOLEAN,
                                "std_over_seeds", tech.tablesaw.api.ColumnType.DOUBLE, "order", tech.tablesaw.api.ColumnType.INTEGER,
                                "validation_" + TaskProtocol.metricOf(task), tech.tablesaw.api.ColumnType.DOUBLE)).build());
                Path png = dir.resolve(task.id() + part.fileSuffix + ".png");
                Table runs = Table.read().csv(dir.resolve(task.id() + part.fileSuffix + "-runs.csv").toFile());
                CategoryChart chart = chart(candidates, task, pseudoNew(runs));
                AtomicFiles.write(png, tmp -> ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", tmp.toFile()));
                written.add(png);
            }
        }
        return written;
    }

    /** The held-out categories the candidates were scored on, in the order the search runs them. */
    private static String pseudoNew(Table runs) {
        return Results.categoryOrder(runs).keySet().stream().toList().toString();
    }

    /** A few lines: the candidates' scores and the selected settings. */
    public static String summary(SettingsSearch.Outcome o) {
        Table c = candidates(o);
        return o.task() + " tuning, validation score per candidate (mean ± std over seeds; * kept):\n"
                + c.removeColumns("settings").printAll() + "\nselected: " + o.selected().describe();
    }
}
