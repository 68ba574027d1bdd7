package ntk.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import ntk.io.AtomicFiles;
import ntk.protocol.Condition;
import ntk.transplant.TransplantMethods;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;

/**
 * The comparison's plots, drawn with XChart from an averaged summary table (see
 * {@link Results#averaged}); each is written as PNG beside the CSV of the rows it shows.
 */
public final class Figures {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 560;

    private Figures() {}

    /**
     * The task's score (error or IoU) against the number of annotations: supervised adapters and back-distillation with
     * labels as curves with ±std bars; the zero-annotation methods as horizontal lines. (The
     * untrained adapter, near 0.5, is left to the tables so the interesting range stays readable.)
     */
    public static XYChart errorVsAnnotations(Table avg, int zeroShotPool, String title, String metricLabel) {
        XYChart chart = base(title, "annotated samples", metricLabel);
        List<Integer> budgets = distinct(avg.where(avg.stringColumn("method").isEqualTo(TransplantMethods.SUPERVISED)), "annotations");
        if (budgets.isEmpty()) {
            return chart;
        }
        curve(chart, "supervised adapter", TransplantMethods.SUPERVISED, rows(avg, TransplantMethods.SUPERVISED, -1, 0), "annotations");
        Table backLabels = avg.where(avg.stringColumn("method").isEqualTo(TransplantMethods.BACK).and(avg.intColumn("annotations").isGreaterThan(0)));
        if (backLabels.rowCount() > 0) {
            int pool = backLabels.intColumn("unlabeled").get(0);
            curve(chart, "back-distillation + labels (" + pool + " unlabeled)", Palette.BACK_WITH_LABELS, backLabels, "annotations");
        }
        double lo = budgets.get(0);
        double hi = budgets.get(budgets.size() - 1);
        Double forward = null;
        for (String m : List.of(TransplantMethods.FORWARD, TransplantMethods.BACK)) {
            Table zero = rows(avg, m, 0, zeroShotPool);
            if (zero.rowCount() == 1) {
                double y = zero.doubleColumn("mean").get(0);
                XYSeries s = Palette.referenceLine(chart.addSeries(m + ", 0 labels, " + zeroShotPool + " unlabeled",
                        new double[] {lo, hi}, new double[] {y, y}), m);
                if (m.equals(TransplantMethods.FORWARD)) {
                    forward = y;
                } else if (forward != null && Math.abs(forward - y) < 1e-9) {
                    // the same level (back-distillation with λ = 0): forward distillation's line, drawn first, wider, shows on both sides
                    chart.getSeriesMap().get(TransplantMethods.FORWARD + ", 0 labels, " + zeroShotPool + " unlabeled").setLineStyle(WIDE_REFERENCE);
                }
            }
        }
        Table scratch = rows(avg, Condition.SCRATCH, -1, 0);
        if (scratch.rowCount() > 0) {
            curve(chart, "whole network from scratch", Condition.SCRATCH, scratch, "annotations");
        }
        teacher(chart, avg, lo, hi);
        return chart;
    }

    /**
     * Error against the number of unlabeled images, forward vs back-distillation (no labels), with
     * the supervised adapter on the most annotations as a dashed reference line.
     */
    public static XYChart errorVsUnlabeled(Table avg, String title, String metricLabel) {
        XYChart chart = base(title, "unlabeled images (log scale)", metricLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        List<Integer> pools = new ArrayList<>();
        for (String m : List.of(TransplantMethods.FORWARD, TransplantMethods.BACK)) {
            Table t = rows(avg, m, 0, -1);
            if (t.rowCount() > 0) {
                curve(chart, m, m, t, "unlabeled");
                pools.addAll(distinct(t, "unlabeled"));
            }
        }
        Table supervised = rows(avg, TransplantMethods.SUPERVISED, -1, 0).sortOn("annotations");
        if (supervised.rowCount() > 0 && !pools.isEmpty()) {
            int last = supervised.rowCount() - 1;
            double y = supervised.doubleColumn("mean").get(last);
            double lo = pools.stream().mapToInt(Integer::intValue).min().getAsInt();
            double hi = pools.stream().mapToInt(Integer::intValue).max().getAsInt();
            Palette.referenceLine(chart.addSeries("supervised adapter, " + supervised.intColumn("annotations").get(last) + " labels",
                    new double[] {lo, hi}, new double[] {y, y}), TransplantMethods.SUPERVISED);
        }
        if (!pools.isEmpty()) {
            teacher(chart, avg, pools.stream().mapToInt(Integer::intValue).min().getAsInt(), pools.stream().mapToInt(Integer::intValue).max().getAsInt());
        }
        return chart;
    }

    /**
     * The zero-annotation methods against the number of <em>real</em> unlabeled images, 0 (data-free)
     * included: forward and back-distillation on the real pool, and back-distillation on the pool
     * enlarged by views and by views and synthesised inputs; the supervised adapter on the most
     * annotations as a flat line. The pool sizes are evenly spaced (not on a log axis), so 0 has a place.
     */
    public static XYChart errorVsRealImages(Table avg, String title, String metricLabel) {
        List<String> methods = List.of(TransplantMethods.FORWARD, TransplantMethods.BACK, TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS);
        Table zero = avg.where(avg.stringColumn("method").isIn(methods).and(avg.intColumn("annotations").isEqualTo(0)));
        List<Integer> pools = distinct(zero, "unlabeled");
        XYChart chart = base(title, "real unlabeled images (no annotation; evenly spaced)", metricLabel);
        // the pool sizes sit at 0, 1, 2, ... and only those positions get a label
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            long i = Math.round(x);
            if (Math.abs(x - i) > 1e-9 || i < 0 || i >= pools.size()) {
                return " ";
            }
            return pools.get((int) i) == 0 ? "0 (data-free)" : String.valueOf(pools.get((int) i));
        });
        // no axis min/max: with them XChart puts its ticks at the ends instead of at the pool sizes
        for (String m : methods) {
            Table t = rows(avg, m, 0, -1).sortOn("unlabeled");
            if (t.rowCount() > 0) {
                double[] x = t.intColumn("unlabeled").asList().stream().mapToDouble(pools::indexOf).toArray();
                Palette.style(chart.addSeries(m, x, t.doubleColumn("mean").asDoubleArray(), t.doubleColumn("std").asDoubleArray()), m);
            }
        }
        Table supervised = rows(avg, TransplantMethods.SUPERVISED, -1, 0).sortOn("annotations");
        if (supervised.rowCount() > 0 && !pools.isEmpty()) {
            int last = supervised.rowCount() - 1;
            double y = supervised.doubleColumn("mean").get(last);
            Palette.referenceLine(chart.addSeries("supervised adapter, " + supervised.intColumn("annotations").get(last) + " labels",
                    new double[] {0, pools.size() - 1}, new double[] {y, y}), TransplantMethods.SUPERVISED);
        }
        if (!pools.isEmpty()) {
            teacher(chart, avg, 0, pools.size() - 1);
        }
        return chart;
    }

    /** Rows of one method; -1 leaves a column unconstrained. */
    static Table rows(Table avg, String method, int annotations, int unlabeled) {
        Table t = avg.where(avg.stringColumn("method").isEqualTo(method));
        if (annotations >= 0) {
            t = t.where(t.intColumn("annotations").isEqualTo(annotations));
        }
        if (unlabeled >= 0) {
            t = t.where(t.intColumn("unlabeled").isEqualTo(unlabeled));
        }
        return t;
    }

    private static void curve(XYChart chart, String name, String method, Table t, String xColumn) {
        Table sorted = t.sortOn(xColumn);
        double[] x = sorted.intColumn(xColumn).asDoubleArray();
        double[] y = sorted.doubleColumn("mean").asDoubleArray();
        double[] e = sorted.doubleColumn("std").asDoubleArray();
        Palette.style(chart.addSeries(name, x, y, e), method);
    }

    /** The legend name of the teacher's line. */
    public static final String TEACHER_SERIES = "teacher on its own category (the bound)";

    /**
     * The teacher's score on its own category (its row in {@code avg}, method {@link Condition#TEACHER})
     * as a dash-dot line from {@code lo} to {@code hi}: the floor of the error, the ceiling of the IoU,
     * against which every method is read. Nothing when the table holds no teacher row.
     */
    private static void teacher(XYChart chart, Table avg, double lo, double hi) {
        Table t = rows(avg, Condition.TEACHER, -1, -1);
        if (t.rowCount() == 1 && Double.isFinite(t.doubleColumn("mean").get(0))) {
            double y = t.doubleColumn("mean").get(0);
            Palette.referenceLine(chart.addSeries(TEACHER_SERIES, new double[] {lo, hi}, new double[] {y, y}), Condition.TEACHER);
        }
    }

    /** A reference line wide enough to show from under another drawn over it at the same level. */
    private static final BasicStroke WIDE_REFERENCE = new BasicStroke(5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            Palette.REFERENCE_LINE.getDashArray(), 0f);

    private static List<Integer> distinct(Table t, String column) {
        List<Integer> v = new ArrayList<>(t.intColumn(column).unique().asList());
        v.sort(null);
        return v;
    }

    private static XYChart base(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        chart.getStyler().setYAxisDecimalPattern("0.00#"); // "0.08", not ".08"
        chart.getStyler().setXAxisDecimalPattern("#,##0"); // "1,000", not "1000" or "1E3"
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    /** The chart as an image, for notebooks ({@code display(Figures.image(chart))}). */
    public static BufferedImage image(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the chart as PNG and the rows behind it as CSV beside it (same name, .csv). */
    public static void write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Table data, Path png) {
        AtomicFiles.write(png, tmp -> ImageIO.write(image(chart), "png", tmp.toFile()));
        String name = png.getFileName().toString().replaceFirst("\\.png$", ".csv");
        Results.writeCsv(data, png.resolveSibling(name));
    }
}
