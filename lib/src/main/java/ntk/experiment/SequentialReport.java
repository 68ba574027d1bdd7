package ntk.experiment;

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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The LEGO experiment's outputs: sequential.csv (one row per approach, step, task and category),
 * and per task one figure with two panels side by side — transplanting and fine-tuning — showing
 * each category's score after every step, on the same axis.
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

    /** Writes sequential.csv and one figure (with its CSV) per task into {@code dir}; returns a printable summary. */
    public static String write(List<SequentialExperiment.Row> rows, Path dir) {
        Table all = table(rows);
        Results.writeCsv(all, dir.resolve("sequential.csv"));
        StringBuilder text = new StringBuilder();
        for (Task task : rows.stream().map(SequentialExperiment.Row::task).distinct().toList()) {
            List<SequentialExperiment.Row> of = rows.stream().filter(r -> r.task() == task).toList();
            Path png = dir.resolve(task.id() + ".png");
            writeFigure(of, task, png);
            Table t = all.where(all.stringColumn("task").isEqualTo(task.id()));
            Results.writeCsv(t, dir.resolve(task.id() + ".csv"));
            text.append(summary(of, task));
        }
        return text.toString();
    }

    /** Per approach: the score of the categories present before the last step, at their first and at the last step. */
    static String summary(List<SequentialExperiment.Row> rows, Task task) {
        int last = rows.stream().mapToInt(SequentialExperiment.Row::step).max().orElse(0);
        StringBuilder b = new StringBuilder(task + " (" + TaskProtocol.labelOf(task) + "), categories already present before the last step:\n");
        for (String approach : List.of(SequentialExperiment.TRANSPLANT, SequentialExperiment.FINE_TUNE)) {
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

    private static void writeFigure(List<SequentialExperiment.Row> rows, Task task, Path png) {
        double lo = rows.stream().mapToDouble(SequentialExperiment.Row::value).min().orElse(0);
        double hi = rows.stream().mapToDouble(SequentialExperiment.Row::value).max().orElse(1);
        double pad = 0.05 * Math.max(hi - lo, 0.01);
        List<String> order = new ArrayList<>();
        rows.stream().filter(r -> r.step() > 0).map(SequentialExperiment.Row::added).distinct().forEach(order::add);
        String steps = "steps add " + String.join(", ", order);
        BufferedImage left = Figures.image(panel(rows, SequentialExperiment.TRANSPLANT, task, "Transplanting: " + steps, lo - pad, hi + pad));
        BufferedImage right = Figures.image(panel(rows, SequentialExperiment.FINE_TUNE, task, "Fine-tuning g: " + steps, lo - pad, hi + pad));
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(both, "png", tmp.toFile()));
    }

    private static XYChart panel(List<SequentialExperiment.Row> rows, String approach, Task task, String title, double lo, double hi) {
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title).xAxisTitle("step")
                .yAxisTitle(task + ": " + TaskProtocol.labelOf(task)).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(lo);
        chart.getStyler().setYAxisMax(hi);
        chart.getStyler().setXAxisDecimalPattern("0");
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
