package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import ntk.report.Figures;
import ntk.report.Palette;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * The notebooks' charts: bar labels and ticks rounded, a log scale that keeps a bar a hundred
 * times smaller than the largest visible, and a method's bars in the colour the main job's figures give it.
 */
class ChartsTest {
    static Map<String, Double> parameters() {
        Map<String, Double> sizes = new LinkedHashMap<>();
        sizes.put("f (category module)", 109729.0);
        sizes.put("g (task module)", 52000.0);
        sizes.put("h (adapter)", 1080.0);
        return sizes;
    }

    @Test
    void barLabelsAndTicksAreRounded() {
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("sneaker", 0.061722222222222);
        errors.put("sandal", 0.1051);
        CategoryChart chart = Charts.bars("teachers", "balanced error", errors);
        // XChart labels the bars with the value axis' format: the formatting function set here
        assertEquals("0.0617", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.061722222222222));
        assertEquals("109,729", Charts.bars("p", "parameters", parameters()).getStyler().getyAxisTickLabelsFormattingFunction().apply(1.09729E5));
        Charts.image(chart);
        XYChart lines = Charts.lines("t", "steps", "error");
        assertEquals("#,##0.###", lines.getStyler().getYAxisDecimalPattern());
        assertEquals("2,000", new java.text.DecimalFormat(lines.getStyler().getXAxisDecimalPattern(),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(2000));
    }

    @Test
    void aLogScaleKeepsTheSmallestBarVisible() {
        BufferedImage linear = Charts.image(Charts.bars("p", "parameters", parameters()));
        BufferedImage log = Charts.image(Charts.bars("p", "parameters", parameters(), Charts.Scale.LOG));
        double[] lin = barHeights(linear);
        double[] lg = barHeights(log);
        assertEquals(3, lin.length, java.util.Arrays.toString(lin));
        assertEquals(3, lg.length, java.util.Arrays.toString(lg));
        assertTrue(lin[2] / lin[0] < 0.03, "on a linear axis the adapter is a sliver: " + java.util.Arrays.toString(lin));
        assertTrue(lg[2] / lg[0] > 0.1, "on the log axis it shows: " + java.util.Arrays.toString(lg));
        assertTrue(Charts.bars("p", "parameters", parameters(), Charts.Scale.LOG).getStyler().isYAxisLogarithmic());
        Map<String, Double> zero = new LinkedHashMap<>(parameters());
        zero.put("nothing", 0.0);
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("p", "parameters", zero, Charts.Scale.LOG));
    }

    @Test
    void aMethodsBarsHaveTheColourOfItsCurvesInTheFigures() {
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("supervised, 10 labels", 0.134);
        bars.put("supervised, 100 labels", 0.076);
        bars.put("back-distillation + 100 labels", 0.044);
        CategoryChart chart = Charts.methodBars("errors", "balanced error", bars,
                k -> k.startsWith("supervised") ? TransplantMethods.SUPERVISED : Palette.BACK_WITH_LABELS);
        assertEquals(2, chart.getSeriesMap().size());
        // the same colour as the supervised adapter's curve in the main job's error-vs-annotations figure
        tech.tablesaw.api.Table avg = tech.tablesaw.api.Table.create("avg", tech.tablesaw.api.StringColumn.create("method",
                new String[] {TransplantMethods.SUPERVISED, TransplantMethods.SUPERVISED}),
                tech.tablesaw.api.IntColumn.create("annotations", new int[] {10, 100}), tech.tablesaw.api.IntColumn.create("unlabeled", new int[] {0, 0}),
                tech.tablesaw.api.DoubleColumn.create("mean", new double[] {0.134, 0.076}), tech.tablesaw.api.DoubleColumn.create("std", new double[] {0, 0}));
        XYChart figure = Figures.errorVsAnnotations(avg, 100, "f", "error");
        assertEquals(figure.getSeriesMap().get("supervised adapter").getLineColor(),
                chart.getSeriesMap().get(TransplantMethods.SUPERVISED).getFillColor());
        assertEquals(Palette.colour(Palette.BACK_WITH_LABELS), chart.getSeriesMap().get(Palette.BACK_WITH_LABELS).getFillColor());
        Charts.image(chart);
        // plain bars are in a colour no method has
        for (String m : Palette.methods()) {
            assertTrue(!Palette.colour(m).equals(Charts.PLAIN_BARS), m);
        }
    }

    /**
     * The heights in pixels of the plain bars, left to right: runs of columns holding the bars'
     * colour, a gap of a few columns (a label's white text across a sliver of a bar) not ending one.
     */
    static double[] barHeights(BufferedImage image) {
        int colour = Charts.PLAIN_BARS.getRGB() & 0xFFFFFF;
        java.util.List<Double> heights = new java.util.ArrayList<>();
        int run = 0;
        int best = 0;
        int gap = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int h = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == colour) {
                    h++;
                }
            }
            if (h > 0) {
                run += 1 + gap;
                gap = 0;
                best = Math.max(best, h);
            } else if (run > 0 && ++gap > 5) {
                if (run > 10) {
                    heights.add((double) best);
                }
                run = 0;
                best = 0;
                gap = 0;
            }
        }
        return heights.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
