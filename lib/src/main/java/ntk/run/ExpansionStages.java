package ntk.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import ntk.generic.Task;
import ntk.run.SearchStages.Beyond;
import ntk.run.SearchStages.Stage;
import ntk.run.SearchStages.Variant;
import ntk.transplant.AugmentedViews;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.SettingText;
import ntk.transplant.TeacherSynthesis;
import ntk.transplant.TransplantSettings;

/**
 * How small pools are enlarged (plan part {@code expansion}). The synthesis settings are chosen
 * data-free (no real image: synthesis is all the student sees, so its settings matter most there):
 * classification's priors, target logit, steps, step size, jitter and gradient blur; segmentation's
 * priors and target logit on the first seed (a segmentation synthesis run costs about a minute),
 * the rest taken from classification. Then, at ten real images, the views per image, their shift,
 * noise and flips, and the enlargement itself (none, views, views then synthesis) — for
 * segmentation scored at ten and at a hundred scenes.
 */
final class ExpansionStages {
    /** Real scenes segmentation's choice of enlargement is scored at: few, and the 100 a course would have. */
    static final List<Integer> SEGMENTATION_ENLARGEMENT_POOLS = List.of(10, 100);

    private ExpansionStages() {}

    static List<Stage> of(Task task) {
        List<Stage> s = new ArrayList<>();
        // both priors scaled together, relative to the best so far: a third, the same, three times
        Stage priors = synthesis("synthesis priors", DoubleStream.of(1.0 / 3, 1, 3),
                (p, f) -> "TV " + SettingText.number(p.tvWeight() * f) + ", L2 " + SettingText.number(p.l2Weight() * f),
                (p, f) -> p.withPriors(p.tvWeight() * f, p.l2Weight() * f), (f, above) -> above ? f * 3 : f / 3);
        Stage logit = synthesis("synthesis target logit", DoubleStream.of(2, 4, 8), (p, v) -> "target logit +-" + SettingText.number(v),
                (p, v) -> p.withTargetLogit(v), (v, above) -> above ? v * 2 : v / 2);
        if (task == Task.CLASSIFICATION) {
            s.add(priors);
            s.add(logit);
            // steps stop at 150: synthesis is already a third of the main job's classification time
            s.add(synthesis("synthesis steps", DoubleStream.of(50, 100, 150), (p, v) -> (int) (double) v + " synthesis steps",
                    (p, v) -> p.withSteps((int) (double) v), (v, above) -> above ? Double.NaN : Math.floor(v / 2)));
            s.add(synthesis("synthesis learning rate", DoubleStream.of(0.01, 0.03, 0.1), (p, v) -> "synthesis lr " + SettingText.number(v),
                    (p, v) -> p.withLearningRate(v), (v, above) -> above ? (v == 0.1 ? 0.3 : Double.NaN) : (v == 0.01 ? 0.003 : Double.NaN)));
            s.add(synthesis("synthesis jitter", DoubleStream.of(0, 1, 3, 5), (p, v) -> "jitter " + (int) (double) v + " px",
                    (p, v) -> p.withRegularisers((int) (double) v, p.gradientBlur()), null));
            s.add(synthesis("synthesis gradient blur", DoubleStream.of(0, 0.5, 1, 2), (p, v) -> "gradient blur " + SettingText.number(v),
                    (p, v) -> p.withRegularisers(p.jitter(), v), null));
        } else {
            s.add(priors.onFirstSeed());
            s.add(logit.onFirstSeed());
        }
        s.add(views("views per image", IntStream.of(4, 9, 19).boxed().toList(), (v, n) -> v.withViewsPerImage(n), n -> n + " views per image",
                (b, edge, above) -> above && edge.value() < 39 ? viewsAt(b, v -> v.withViewsPerImage(2 * (int) edge.value() + 1),
                        (2 * (int) edge.value() + 1) + " views per image", 2 * edge.value() + 1) : null));
        s.add(views("views' shift", List.of(1, 2, 3, 5), (v, px) -> new AugmentedViews.Settings(v.viewsPerImage(), px, v.flips(), v.noise(), v.mixup()),
                px -> "shifts up to " + px + " px", null));
        s.add(views("views' noise", List.of(0.0, 0.02, 0.05, 0.1), (v, sd) -> new AugmentedViews.Settings(v.viewsPerImage(), v.maxShift(),
                v.flips(), sd, v.mixup()), sd -> "noise " + sd, null));
        s.add(views("views' flips", List.of(true, false), (v, f) -> new AugmentedViews.Settings(v.viewsPerImage(), v.maxShift(), f,
                v.noise(), v.mixup()), f -> f ? "flips" : "no flips", null));
        s.add(new Stage(SearchStages.POOL_EXPANSION, false, b -> Arrays.stream(ExpansionSettings.Method.values())
                .map(m -> new Variant(m == ExpansionSettings.Method.NONE ? "real images only" : m.id(), b.withExpansion(m))).toList(),
                null, task == Task.SEGMENTATION ? SEGMENTATION_ENLARGEMENT_POOLS : SearchStages.SMALL_POOL));
        return s;
    }

    /** A stage over one setting of the views, tried with views switched on at ten real images. */
    private static <T> Stage views(String name, List<T> values, BiFunction<AugmentedViews.Settings, T, AugmentedViews.Settings> with,
            Function<T, String> label, Beyond beyond) {
        return new Stage(name, false, b -> values.stream().map(x -> viewsAt(b, v -> with.apply(v, x), label.apply(x),
                x instanceof Number n ? n.doubleValue() : Double.NaN)).toList(), beyond, SearchStages.SMALL_POOL);
    }

    private static Variant viewsAt(TransplantSettings b, java.util.function.UnaryOperator<AugmentedViews.Settings> change, String label,
            double value) {
        return new Variant(label, b.withExpansion(b.expansion().withMethod(ExpansionSettings.Method.VIEWS)
                .withViews(change.apply(b.expansion().views()))), value);
    }

    /**
     * A stage over one synthesis setting, tried data-free with views then synthesis (with no real
     * image, that is synthesis alone). {@code next} gives the value one step past an end of the
     * grid (NaN where the axis stops); null for an axis not stepped past.
     */
    private static Stage synthesis(String name, DoubleStream values, BiFunction<TeacherSynthesis.Settings, Double, String> label,
            BiFunction<TeacherSynthesis.Settings, Double, TeacherSynthesis.Settings> with, NextValue next) {
        double[] grid = values.toArray();
        BiFunction<TransplantSettings, Double, Variant> at = (b, v) -> new Variant(label.apply(b.expansion().synthesis(), v),
                b.withExpansion(b.expansion().withMethod(ExpansionSettings.Method.VIEWS_THEN_SYNTHESIS)
                        .withSynthesis(with.apply(b.expansion().synthesis(), v))), v);
        Beyond beyond = next == null ? null : (b, edge, above) -> {
            double v = next.past(edge.value(), above);
            return Double.isNaN(v) || v <= 0 ? null : at.apply(b, v);
        };
        return new Stage(name, false, b -> Arrays.stream(grid).mapToObj(v -> at.apply(b, v)).toList(), beyond, SearchStages.DATA_FREE);
    }

    /** The value one step past an end of an ordered grid (NaN where the axis stops). */
    private interface NextValue {
        double past(double edge, boolean above);
    }
}
