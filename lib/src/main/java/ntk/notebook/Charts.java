package ntk.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import ntk.report.Labels;
import ntk.report.Palette;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * XChart charts for the notebooks, in the style of the main job's figures, and their conversion
 * to pictures: Jupyter shows a {@link BufferedImage} as PNG, which works in every front end
 * (unlike JavaScript chart libraries). Labels and ticks are rounded ({@link Labels}); a method
 * is drawn in its own colour and marker ({@link Palette}), the same as in the main job's figures.
 */
public final class Charts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    /** Bars that are no method's (parameter counts, categories): a slate no method uses. */
    static final Color PLAIN_BARS = new Color(0x5b6f82);

    /** The value axis of a bar chart: linear from 0, or logarithmic for sizes that span decades. */
    public enum Scale { LINEAR, LOG }

    /** Axis ticks: "0.05", not ".05"; "2,000", not "2000" or "2E3". */
    static final String TICKS = "#,##0.###";

    private Charts() {}

    /** Any XChart chart as a picture for {@code display(...)}. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * An empty line chart with titles, legend below, ticks rounded; add series with
     * {@code addSeries}, and draw a method's series in its colour with {@link #method}.
     */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLocale(Locale.ROOT);
        // patterns, not Labels::number: XChart then keeps spacing the ticks by their labels' width
        chart.getStyler().setXAxisDecimalPattern(TICKS);
        chart.getStyler().setYAxisDecimalPattern(TICKS);
        return chart;
    }

    /** Draws {@code series} in {@code method}'s colour and marker, as every chart of the kit does; returns it. */
    public static XYSeries method(XYSeries series, String method) {
        return Palette.style(series, method);
    }

    /** One bar per key, in the map's order, each labelled with its value (rounded), on a linear axis from 0. */
    public static CategoryChart bars(String title, String yTitle, Map<String, Double> values) {
        return bars(title, yTitle, values, Scale.LINEAR);
    }

    /**
     * One bar per key, in the map's order, each labelled with its value (rounded). With
     * {@link Scale#LOG} the axis is logarithmic, so that a bar a hundred times smaller than the
     * largest (an adapter beside a category module) stays visible; every value must then be > 0.
     */
    public static CategoryChart bars(String title, String yTitle, Map<String, Double> values, Scale scale) {
        CategoryChart chart = barChart(title, scale == Scale.LOG ? yTitle + " (log scale)" : yTitle, values.values(), scale);
        chart.getStyler().setLegendVisible(false);
        CategorySeries s = chart.addSeries(yTitle, new ArrayList<>(values.keySet()), new ArrayList<Number>(values.values()));
        s.setFillColor(PLAIN_BARS);
        return chart;
    }

    /**
     * One bar per key, in the map's order, each in the colour of its method ({@code methodOf}
     * maps a key such as "supervised, 10 labels" to a method name such as
     * {@code TransplantMethods.SUPERVISED}), with a legend of the methods.
     */
    public static CategoryChart methodBars(String title, String yTitle, Map<String, Double> values, Function<String, String> methodOf) {
        CategoryChart chart = barChart(title, yTitle, values.values(), Scale.LINEAR);
        chart.getStyler().setOverlapped(true); // one series per method, each bar on its own key: full-width bars
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<String> keys = new ArrayList<>(values.keySet());
        Map<String, List<Number>> byMethod = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String m = methodOf.apply(keys.get(i));
            byMethod.computeIfAbsent(m, k -> new ArrayList<>(java.util.Collections.nCopies(keys.size(), (Number) null)))
                    .set(i, values.get(keys.get(i)));
        }
        byMethod.forEach((m, v) -> chart.addSeries(m, keys, v).setFillColor(Palette.colour(m)));
        return chart;
    }

    private static CategoryChart barChart(String title, String yTitle, java.util.Collection<Double> values, Scale scale) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(30);
        if (scale == Scale.LOG) {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            if (!(min > 0)) {
                throw new IllegalArgumentException("a log-scale bar chart needs values > 0, got " + Labels.number(min));
            }
            chart.getStyler().setYAxisLogarithmic(true);
            // bars start at 0 unless told otherwise, and a log axis has no 0: from a power of ten at least
            // half a decade below the smallest value, so that the smallest bar is never a sliver
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min) - 0.5)));
            // XChart's log axis formats ticks and labels with this pattern (a formatting function would switch the log axis off)
            chart.getStyler().setYAxisDecimalPattern(TICKS);
        } else {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(Labels::number);
        }
        return chart;
    }
}
