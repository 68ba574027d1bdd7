package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.run.SequentialApproaches;
import ntk.transplant.TransplantMethods;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

/**
 * The comparison's figures: every method in its one colour and marker, the same in every figure
 * (the baseline's shared with no other series), and the teacher's score drawn as the bound.
 */
class FiguresTest {
    static final double TEACHER = 0.02;

    /** Made-up runs of every kind of row the figures draw, two seeds, one category. */
    static Table averaged(boolean withTeacher) {
        List<ResultRow> rows = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>(List.of(
                new Condition(TransplantMethods.SUPERVISED, 10, 0), new Condition(TransplantMethods.SUPERVISED, 100, 0),
                new Condition(TransplantMethods.BACK, 10, 100), new Condition(TransplantMethods.BACK, 100, 100),
                new Condition(TransplantMethods.FORWARD, 0, 10), new Condition(TransplantMethods.FORWARD, 0, 100),
                new Condition(TransplantMethods.BACK, 0, 10), new Condition(TransplantMethods.BACK, 0, 100),
                new Condition(TransplantMethods.BACK_VIEWS, 0, 10), new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 0),
                new Condition(TransplantMethods.BACK_VIEWS_SYNTHESIS, 0, 10), new Condition(Condition.SCRATCH, 100, 0),
                new Condition(Condition.UNTRAINED, 0, 0)));
        if (withTeacher) {
            conditions.add(new Condition(Condition.TEACHER, 0, 0));
        }
        int i = 0;
        for (Condition c : conditions) {
            i++;
            for (long seed : List.of(1L, 2L)) {
                double v = c.method().equals(Condition.TEACHER) ? TEACHER : 0.05 + 0.01 * i + 0.001 * seed;
                rows.add(new ResultRow("classification", "sneaker", c.method(), c.annotations(), c.unlabeled(), seed,
                        ClassificationProtocol.METRIC, v));
            }
        }
        return Results.averaged(Results.table(rows), ClassificationProtocol.METRIC, List.of("sneaker"));
    }

    static List<XYChart> figures(Table avg) {
        return List.of(Figures.errorVsAnnotations(avg, 100, "a", "error"), Figures.errorVsUnlabeled(avg, "b", "error"),
                Figures.errorVsRealImages(avg, "c", "error"));
    }

    /** The method a series of the figures stands for, from its name. */
    static String methodOf(String series) {
        if (series.equals(Figures.TEACHER_SERIES)) {
            return Condition.TEACHER;
        }
        if (series.startsWith("back-distillation + labels")) {
            return Palette.BACK_WITH_LABELS;
        }
        if (series.startsWith("supervised")) {
            return TransplantMethods.SUPERVISED;
        }
        if (series.startsWith("whole network")) {
            return Condition.SCRATCH;
        }
        return series.replaceFirst(",.*", "");
    }

    @Test
    void aMethodHasOneColourAndMarkerInEveryFigure() {
        Map<String, Color> seen = new java.util.HashMap<>();
        Set<String> methods = new HashSet<>();
        for (XYChart chart : figures(averaged(true))) {
            for (XYSeries s : chart.getSeriesMap().values()) {
                String m = methodOf(s.getName());
                assertEquals(Palette.colour(m), s.getLineColor(), s.getName() + " in " + chart.getTitle());
                assertEquals(Palette.colour(m), s.getMarkerColor(), s.getName());
                Color before = seen.putIfAbsent(m, s.getLineColor());
                assertTrue(before == null || before.equals(s.getLineColor()), m + " drawn in two colours");
                methods.add(m);
            }
        }
        // the same method in two different figures: supervised (curve, then reference line), forward distillation (curve, curve)
        XYChart annotations = figures(averaged(true)).get(0);
        XYChart unlabeled = figures(averaged(true)).get(1);
        assertEquals(annotations.getSeriesMap().get("supervised adapter").getLineColor(),
                unlabeled.getSeriesMap().get("supervised adapter, 100 labels").getLineColor());
        assertEquals(unlabeled.getSeriesMap().get(TransplantMethods.FORWARD).getMarker(),
                figures(averaged(true)).get(2).getSeriesMap().get(TransplantMethods.FORWARD).getMarker());
        assertTrue(methods.containsAll(List.of(TransplantMethods.SUPERVISED, TransplantMethods.FORWARD, TransplantMethods.BACK,
                Palette.BACK_WITH_LABELS, TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS, Condition.SCRATCH,
                Condition.TEACHER)), methods.toString());
    }

    @Test
    void theBaselineSharesItsColourWithNoOtherSeries() {
        for (XYChart chart : figures(averaged(true))) {
            Color baseline = Palette.colour(TransplantMethods.SUPERVISED);
            long same = chart.getSeriesMap().values().stream().filter(s -> s.getLineColor().equals(baseline)).count();
            long supervised = chart.getSeriesMap().keySet().stream().filter(n -> n.startsWith("supervised")).count();
            assertEquals(supervised, same, chart.getTitle() + ": " + chart.getSeriesMap().keySet());
        }
    }

    @Test
    void everyMethodHasAColourOfItsOwn() {
        List<String> all = Palette.methods();
        for (String m : TransplantMethods.names()) {
            assertTrue(all.contains(m), m + " has no colour of its own");
        }
        for (String m : Condition.REFERENCES) {
            assertTrue(all.contains(m), m);
        }
        for (String m : SequentialApproaches.names()) {
            assertTrue(all.contains(m), m);
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Color a = Palette.colour(all.get(i));
                Color b = Palette.colour(all.get(j));
                double d = Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                        + Math.pow(a.getBlue() - b.getBlue(), 2));
                assertTrue(d > 60, all.get(i) + " and " + all.get(j) + " are too alike: " + a + ", " + b);
            }
        }
        // a method registered later keeps one colour too
        assertEquals(Palette.colour("my-method"), Palette.colour("my-method"));
        assertNotEquals(null, Palette.marker("my-method"));
    }

    @Test
    void theTeachersScoreIsDrawnAsTheBoundWhereTheTableHoldsIt() {
        for (XYChart chart : figures(averaged(true))) {
            XYSeries teacher = chart.getSeriesMap().get(Figures.TEACHER_SERIES);
            assertTrue(teacher != null, chart.getTitle() + " has no teacher line: " + chart.getSeriesMap().keySet());
            for (double y : teacher.getYData()) {
                assertEquals(TEACHER, y, 1e-12);
            }
            assertEquals(Palette.TEACHER_LINE, teacher.getLineStyle(), "dash-dot, not a method's dash");
            // it spans the chart's x range: the lowest and the highest x of the other series
            double lo = chart.getSeriesMap().values().stream().filter(s -> s != teacher).mapToDouble(s -> s.getXMin()).min().orElseThrow();
            double hi = chart.getSeriesMap().values().stream().filter(s -> s != teacher).mapToDouble(s -> s.getXMax()).max().orElseThrow();
            assertEquals(lo, teacher.getXMin(), 1e-12, chart.getTitle());
            assertEquals(hi, teacher.getXMax(), 1e-12, chart.getTitle());
            Figures.image(chart); // and it draws
        }
        for (XYChart chart : figures(averaged(false))) {
            assertFalse(chart.getSeriesMap().containsKey(Figures.TEACHER_SERIES), chart.getTitle());
        }
    }
}
