package ntk.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * XChart charts for the notebooks, in the style of the main job's figures, and their conversion
 * to pictures: Jupyter shows a {@link BufferedImage} as PNG, which works in every front end
 * (unlike JavaScript chart libraries).
 */
public final class Charts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private Charts() {}

    /** Any XChart chart as a picture for {@code display(...)}. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** An empty line chart with titles, legend below; add series with {@code addSeries}. */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /** One bar per key, in the map's order. */
    public static CategoryChart bars(String title, String yTitle, Map<String, Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.addSeries(yTitle, new ArrayList<>(values.keySet()), new ArrayList<Number>(values.values()));
        return chart;
    }
}
