package ntk.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.protocol.Condition;
import ntk.run.SequentialApproaches;
import ntk.transplant.TransplantMethods;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One colour and one marker per method, the same in every chart of the kit ({@link Figures}, the
 * notebooks' {@link ntk.notebook.Charts}, {@link SceneGallery}'s column titles): a reader who has
 * learnt that back-distillation is green finds it green everywhere, and the supervised baseline
 * shares its colour with no other method. Keyed by the names the result tables use: the transplant
 * methods ({@link TransplantMethods}), the reference rows ({@link Condition#REFERENCES}), the
 * LEGO experiment's approaches ({@link SequentialApproaches}) and {@link #BACK_WITH_LABELS}. A
 * method registered later gets a colour of its own from a spare list, by its name, so it too keeps
 * one colour from chart to chart.
 */
public final class Palette {
    /** Back-distillation with annotations as well (its rows have method {@link TransplantMethods#BACK} and annotations > 0). */
    public static final String BACK_WITH_LABELS = "back-distillation + labels";

    private record Style(Color colour, Marker marker) {}

    private static final Map<String, Style> STYLES = new LinkedHashMap<>();

    static {
        // the comparison (Tableau's ten colours, each used once): the baseline blue, the transplants green to brown
        put(TransplantMethods.SUPERVISED, 0x1f77b4, SeriesMarkers.CIRCLE);
        put(TransplantMethods.FORWARD, 0xff7f0e, SeriesMarkers.SQUARE);
        put(TransplantMethods.BACK, 0x2ca02c, SeriesMarkers.DIAMOND);
        put(BACK_WITH_LABELS, 0x17becf, SeriesMarkers.DIAMOND);
        put(TransplantMethods.BACK_VIEWS, 0x9467bd, SeriesMarkers.TRIANGLE_UP);
        put(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0x8c564b, SeriesMarkers.TRIANGLE_DOWN);
        put(Condition.SCRATCH, 0xd62728, SeriesMarkers.TRIANGLE_UP);
        put(Condition.UNTRAINED, 0x7f7f7f, SeriesMarkers.CROSS);
        put(Condition.TEACHER, 0x000000, SeriesMarkers.NONE);
        put(Condition.GENERIC, 0xbcbd22, SeriesMarkers.PLUS);
        // the LEGO experiment's approaches
        put(SequentialApproaches.TRANSPLANT, 0x006400, SeriesMarkers.DIAMOND);
        put(SequentialApproaches.FINE_TUNE, 0xe377c2, SeriesMarkers.CIRCLE);
        put(SequentialApproaches.REPLAY, 0x000080, SeriesMarkers.SQUARE);
        put(SequentialApproaches.LWF, 0x800000, SeriesMarkers.TRIANGLE_DOWN);
    }

    /** For names this class does not list: picked by the name's hash, so a name always gets the same one. */
    private static final List<Color> SPARE = List.of(new Color(0x5254a3), new Color(0xad494a), new Color(0x637939),
            new Color(0x8c6d31), new Color(0x7b4173), new Color(0x3182bd), new Color(0xe6550d), new Color(0x31a354));
    private static final List<Marker> SPARE_MARKERS = List.of(SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE, SeriesMarkers.TRAPEZOID);

    /** The dash of a horizontal reference line (a method at one setting drawn across the chart). */
    public static final BasicStroke REFERENCE_LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);
    /** The teacher's line: dash-dot, so that it reads as a bound, not as a method. */
    public static final BasicStroke TEACHER_LINE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {10f, 4f, 2f, 4f}, 0f);

    private Palette() {}

    private static void put(String method, int rgb, Marker marker) {
        STYLES.put(method, new Style(new Color(rgb), marker));
    }

    /** The names with a colour of their own, in the order above. */
    public static List<String> methods() {
        return new ArrayList<>(STYLES.keySet());
    }

    /** The colour of {@code method}. */
    public static Color colour(String method) {
        Style s = STYLES.get(method);
        return s != null ? s.colour() : SPARE.get(Math.floorMod(method.hashCode(), SPARE.size()));
    }

    /** The marker of {@code method}. */
    public static Marker marker(String method) {
        Style s = STYLES.get(method);
        return s != null ? s.marker() : SPARE_MARKERS.get(Math.floorMod(method.hashCode(), SPARE_MARKERS.size()));
    }

    /** Draws {@code series} in {@code method}'s colour and marker; returns it. */
    public static <S extends MarkerSeries> S style(S series, String method) {
        series.setLineColor(colour(method));
        series.setMarkerColor(colour(method));
        series.setFillColor(colour(method));
        series.setMarker(marker(method));
        return series;
    }

    /** Draws {@code series} as a horizontal reference line in {@code method}'s colour, without markers; returns it. */
    public static <S extends MarkerSeries> S referenceLine(S series, String method) {
        style(series, method);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(method.equals(Condition.TEACHER) ? TEACHER_LINE : REFERENCE_LINE);
        return series;
    }
}
