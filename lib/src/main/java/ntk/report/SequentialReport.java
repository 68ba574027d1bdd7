package ntk.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.io.AtomicFiles;
import ntk.protocol.TaskProtocol;
import ntk.run.SequentialApproaches;
import ntk.run.SequentialExperiment;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The LEGO experiment's outputs: sequential.csv (one row per approach, step, task and category),
 * sequential_summary.csv (average, forgetting and backward transfer per approach, task and step; see
 * {@link ContinualMetrics}), and per task one figure with one panel per approach in a 2 x 2 grid,
 * showing each category's score after every step, on the same axis.
 */
public final class SequentialReport {
    private SequentialReport() {}

    public static Table table(List<SequentialExperiment.Row> rows) {
        Table t = Table.create("sequential", StringColumn.create("approach"), IntColumn.create("step"), StringColumn.create("added"),
                StringColumn.create("task"), StringColumn.create("category"), StringColumn.create("metric"), DoubleColumn.create("value"),
                StringColumn.create("output_sha256"));
        for (SequentialExperiment.Row r : rows) {
            t.stringColumn("approach").append(r.approach());
            t.intColumn("step").append(r.step());
            t.stringColumn("added").append(r.added());
            t.stringColumn("task").append(r.task().id());
            t.stringColumn("category").append(r.category().id());
            t.stringColumn("metric").append(r.metric());
            t.doubleColumn("value").append(r.value());
            t.stringColumn("output_sha256").append(r.outputDigest());
        }
        return t;
    }

    /**
     * One approach on one task as a table: a row per category, a column per step ("base", then
     * "+sneaker" for the step that added sneaker), empty before the category joined.
     */
    public static Table stepTable(List<SequentialExperiment.Row> rows, Task task, String approach) {
        String metric = TaskProtocol.metricOf(task);
        List<SequentialExperiment.Row> of = rows.stream()
                .filter(r -> r.task() == task && r.approach().equals(approach) && r.metric().equals(metric)).toList();
        List<Integer> steps = of.stream().map(SequentialExperiment.Row::step).distinct().sorted().toList();
        Table t = Table.create(task + ", " + approach + " (" + metric + ")", StringColumn.create("category"));
        for (int step : steps) {
            String added = of.stream().filter(r -> r.step() == step).findFirst().orElseThrow().added();
            t.addColumns(StringColumn.create(step == 0 ? SequentialExperiment.BASE : "+" + added));
        }
        for (Category c : of.stream().map(SequentialExperiment.Row::category).distinct().toList()) {
            t.stringColumn("category").append(c.id());
            for (int i = 0; i < steps.size(); i++) {
                int step = steps.get(i);
                t.stringColumn(i + 1).append(of.stream().filter(r -> r.category() == c && r.step() == step).findFirst()
                        .map(r -> String.format("%.3f", r.value())).orElse(""));
            }
        }
        return t;
    }

    /** Writes sequential.csv and one figure (with its CSV) per task into {@code dir}; returns a printable summary. */
    public static String write(List<SequentialExperiment.Row> rows, Path dir) {
        Table all = table(rows);
        Results.writeCsv(all, dir.resolve("sequential.csv"));
        Table continual = ContinualMetrics.of(rows);
        Results.writeCsv(continual, dir.resolve("sequential_summary.csv"));
        StringBuilder text = new StringBuilder();
        for (Task task : rows.stream().map(SequentialExperiment.Row::task).distinct().toList()) {
            List<SequentialExperiment.Row> of = rows.stream().filter(r -> r.task() == task).toList();
            Path png = dir.resolve(task.id() + ".png");
            writeFigure(of, task, png);
            Table t = all.where(all.stringColumn("task").isEqualTo(task.id()));
            Results.writeCsv(t, dir.resolve(task.id() + ".csv"));
            text.append(summary(of, task));
        }
        return text.append(rounded(continual).printAll()).append('\n').toString();
    }

    /** A copy for printing, every score to four decimals (the CSV keeps them all). */
    public static Table rounded(Table t) {
        Table shown = t.copy();
        for (String name : shown.columnNames()) {
            if (shown.column(name) instanceof tech.tablesaw.api.DoubleColumn d) {
                shown.replaceColumn(name, d.map(v -> Double.isNaN(v) ? v : Math.round(v * 1e4) / 1e4).setName(name));
            }
        }
        return shown;
    }

    /** Per approach: the score of the categories present before the last step, at their first and at the last step. */
    public static String summary(List<SequentialExperiment.Row> rows, Task task) {
        int last = rows.stream().mapToInt(SequentialExperiment.Row::step).max().orElse(0);
        StringBuilder b = new StringBuilder(task + " (" + TaskProtocol.labelOf(task) + "), categories already present before the last step:\n");
        for (String approach : approachesIn(rows)) {
            double sumFirst = 0, sumLast = 0, worst = 0;
            int n = 0, unchanged = 0;
            for (Category c : rows.stream().filter(r -> r.step() < last).map(SequentialExperiment.Row::category).distinct().toList()) {
                List<SequentialExperiment.Row> cr = rows.stream().filter(r -> r.approach().equals(approach) && r.category() == c).toList();
                SequentialExperiment.Row first = cr.get(0);
                SequentialExperiment.Row end = cr.get(cr.size() - 1);
                sumFirst += first.value();
                sumLast += end.value();
                worst = Math.max(worst, Math.abs(end.value() - first.value()));
                unchanged += cr.stream().allMatch(r -> r.outputDigest().equals(first.outputDigest())) ? 1 : 0;
                n++;
            }
            b.append(String.format("  %-10s mean %.4f when added -> %.4f after step %d; largest change %.4f; outputs bit-identical at every step: %d of %d%n",
                    approach, sumFirst / n, sumLast / n, last, worst, unchanged, n));
        }
        return b.toString();
    }

    /** The approaches that have rows, in {@link SequentialExperiment#APPROACHES} order. */
    private static List<String> approachesIn(List<SequentialExperiment.Row> rows) {
        return SequentialExperiment.APPROACHES.stream().filter(a -> rows.stream().anyMatch(r -> r.approach().equals(a))).toList();
    }

    /** Panel titles, in {@link SequentialExperiment#APPROACHES} order. */
    private static final Map<String, String> PANEL_TITLES = Map.of(
            SequentialApproaches.TRANSPLANT, "Transplanting",
            SequentialApproaches.FINE_TUNE, "Fine-tuning g (naive)",
            SequentialApproaches.REPLAY, "Fine-tuning g with replay",
            SequentialApproaches.LWF, "Fine-tuning g with LwF");
    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 480;

    private static void writeFigure(List<SequentialExperiment.Row> rows, Task task, Path png) {
        double lo = rows.stream().mapToDouble(SequentialExperiment.Row::value).min().orElse(0);
        double hi = rows.stream().mapToDouble(SequentialExperiment.Row::value).max().orElse(1);
        double pad = 0.05 * Math.max(hi - lo, 0.01);
        List<String> order = new ArrayList<>();
        rows.stream().filter(r -> r.step() > 0).map(SequentialExperiment.Row::added).distinct().forEach(order::add);
        String steps = "steps add " + String.join(", ", order);
        List<String> approaches = approachesIn(rows);
        int columns = 2;
        int gridRows = (approaches.size() + columns - 1) / columns;
        BufferedImage all = new BufferedImage(columns * PANEL_WIDTH, gridRows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < approaches.size(); i++) {
            String a = approaches.get(i);
            BufferedImage p = Figures.image(panel(rows, a, task, PANEL_TITLES.getOrDefault(a, a) + ": " + steps, lo - pad, hi + pad));
            g.drawImage(p, (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null);
        }
        g.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(all, "png", tmp.toFile()));
    }

    private static XYChart panel(List<SequentialExperiment.Row> rows, String approach, Task task, String title, double lo, double hi) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle("step")
                .yAxisTitle(task + ": " + TaskProtocol.labelOf(task)).build();
        // a vertical legend beside the plot: a horizontal one below is cut off once the names outgrow the width
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(lo);
        chart.getStyler().setYAxisMax(hi);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.00#"); // "0.05", not ".05", as in the comparison's figures
        Map<Category, List<double[]>> series = new LinkedHashMap<>();
        for (SequentialExperiment.Row r : rows) {
            if (r.approach().equals(approach)) {
                series.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(new double[] {r.step(), r.value()});
            }
        }
        series.forEach((c, points) -> chart.addSeries(c.id(), points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()));
        return chart;
    }
}
