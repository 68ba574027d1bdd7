package ntk.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TeacherSynthesis;
import ntk.transplant.TransplantSettings;
import ntk.transplant.TransplantSettings.Target;

/**
 * The grids {@link SettingsSearch} walks through: one stage per setting, in order, each with the
 * candidates it tries around the best settings so far, the pool sizes it scores at, and for an
 * ordered axis how to step past either end of its grid.
 */
final class SearchStages {
    private SearchStages() {}

    /**
     * Real unlabeled images the expansion stages score at: ten (a third of such pools hold no
     * positive) for the views and the choice of enlargement; none for the synthesis settings, where
     * synthesis alone supplies the category.
     */
    static final List<Integer> SMALL_POOL = List.of(10);
    static final List<Integer> DATA_FREE = List.of(0);
    /** The stage that chooses the enlargement itself. */
    static final String POOL_EXPANSION = "pool expansion";

    /**
     * One stage: the candidates it tries, given the best settings so far. A stage over an ordered
     * axis (steps, learning rate, λ) also says how to go one step beyond either end, so that a
     * winner at the edge of the grid is checked against its next neighbour instead of being
     * accepted untested.
     */
    record Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants, Beyond beyond,
            List<Integer> pools) {
        Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants, Beyond beyond) {
            this(name, supervised, variants, beyond, null);
        }

        Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants) {
            this(name, supervised, variants, null, null);
        }
    }

    /** The next candidate past an end of an ordered axis (null where the axis stops). */
    interface Beyond {
        Variant next(TransplantSettings best, Variant edge, boolean above);
    }

    record Variant(String label, TransplantSettings settings, double value) {
        Variant(String label, TransplantSettings settings) {
            this(label, settings, Double.NaN);
        }
    }

    /** The stages of {@code part} of {@code task}'s search, in order. */
    static List<Stage> of(Task task, SettingsSearch.Part part) {
        return part == SettingsSearch.Part.ADAPTER ? adapterStages(task) : expansionStages(task);
    }

    /**
     * How small pools are enlarged. The synthesis settings — priors, target logit, steps, learning
     * rate, regularisers — are chosen data-free (no real image: synthesis is all the student sees,
     * so its settings matter most there, and one pool size keeps tune within its hour); the views
     * per image with views alone at ten; then the enlargement itself (none, views, views and
     * synthesis) at ten. Only classification tries the synthesis settings: a segmentation synthesis
     * candidate costs minutes per run, so segmentation keeps the ones classification chose. A
     * winner at an end of an ordered synthesis axis is checked against the next value beyond it,
     * except past 150 synthesis steps (the main job's budget).
     */
    static List<Stage> expansionStages(Task task) {
        List<Stage> s = new ArrayList<>();
        if (task == Task.CLASSIFICATION) {
            // both priors scaled together, relative to the best so far: a third, the same, three times
            s.add(synthesis("synthesis priors", DoubleStream.of(1.0 / 3, 1, 3),
                    (p, f) -> "TV " + fmt(p.tvWeight() * f) + ", L2 " + fmt(p.l2Weight() * f),
                    (p, f) -> p.withPriors(p.tvWeight() * f, p.l2Weight() * f), (f, above) -> above ? f * 3 : f / 3));
            s.add(synthesis("synthesis target logit", DoubleStream.of(2, 4, 8), (p, v) -> "target logit +-" + fmt(v),
                    (p, v) -> p.withTargetLogit(v), (v, above) -> above ? v * 2 : v / 2));
            // steps stop at 150: synthesis is already a third of the main job's classification time
            s.add(synthesis("synthesis steps", DoubleStream.of(50, 100, 150), (p, v) -> (int) (double) v + " synthesis steps",
                    (p, v) -> p.withSteps((int) (double) v), (v, above) -> above ? Double.NaN : Math.floor(v / 2)));
            s.add(synthesis("synthesis learning rate", DoubleStream.of(0.01, 0.03, 0.1), (p, v) -> "synthesis lr " + fmt(v),
                    (p, v) -> p.withLearningRate(v), (v, above) -> above ? (v == 0.1 ? 0.3 : Double.NaN) : (v == 0.01 ? 0.003 : Double.NaN)));
            s.add(synthesis("synthesis regularisers", DoubleStream.of(1, 0), (p, v) -> v == 1 ? "jitter 3, gradient blur 1" : "no jitter, no blur",
                    (p, v) -> v == 1 ? p.withRegularisers(3, 1.0) : p.withRegularisers(0, 0.0), null));
        }
        s.add(new Stage("views per image", false, b -> IntStream.of(4, 9, 19).mapToObj(n -> new Variant(n + " views per image",
                b.withExpansion(b.expansion().withMethod(ExpansionSettings.Method.VIEWS).withViews(b.expansion().views().withViewsPerImage(n))), n))
                .toList(), null, SMALL_POOL));
        s.add(new Stage(POOL_EXPANSION, false, b -> java.util.Arrays.stream(ExpansionSettings.Method.values())
                .map(m -> new Variant(m == ExpansionSettings.Method.NONE ? "real images only" : m.id(), b.withExpansion(m))).toList(),
                null, SMALL_POOL));
        return s;
    }

    /**
     * A stage over one synthesis setting, tried data-free with views then synthesis (with no real
     * image, that is synthesis alone). {@code next} gives the value one step past an end of the
     * grid (NaN where the axis stops); null for an unordered axis.
     */
    private static Stage synthesis(String name, DoubleStream values,
            java.util.function.BiFunction<TeacherSynthesis.Settings, Double, String> label,
            java.util.function.BiFunction<TeacherSynthesis.Settings, Double, TeacherSynthesis.Settings> with, NextValue next) {
        double[] grid = values.toArray();
        java.util.function.BiFunction<TransplantSettings, Double, Variant> at = (b, v) -> new Variant(label.apply(b.expansion().synthesis(), v),
                b.withExpansion(b.expansion().withMethod(ExpansionSettings.Method.VIEWS_THEN_SYNTHESIS)
                        .withSynthesis(with.apply(b.expansion().synthesis(), v))), v);
        Beyond beyond = next == null ? null : (b, edge, above) -> {
            double v = next.past(edge.value(), above);
            return Double.isNaN(v) || v <= 0 ? null : at.apply(b, v);
        };
        return new Stage(name, false, b -> java.util.Arrays.stream(grid).mapToObj(v -> at.apply(b, v)).toList(), beyond, DATA_FREE);
    }

    /** The value one step past an end of an ordered grid (NaN where the axis stops). */
    private interface NextValue {
        double past(double edge, boolean above);
    }

    /** The adapter and its training, in order. */
    static List<Stage> adapterStages(Task task) {
        List<Stage> s = new ArrayList<>();
        s.add(new Stage("target", false, b -> List.of(
                new Variant("logits", b.withTarget(Target.LOGITS, 1.0)),
                new Variant("probabilities T=1", b.withTarget(Target.PROBABILITIES, 1.0)),
                new Variant("probabilities T=2", b.withTarget(Target.PROBABILITIES, 2.0)))));
        // steps stop at four times the starting point's: beyond that the main job outgrows its budget (30 min on 2 cores)
        TransplantSettings origin = TunedSettings.STARTING_POINT.get(task);
        s.add(steps("steps", false, TransplantSettings::training, TransplantSettings::withTraining, 4 * origin.training().steps()));
        s.add(rates("learning rate", false, TransplantSettings::training, TransplantSettings::withTraining));
        s.add(new Stage("adapter", false, b -> List.of(
                new Variant("adapter 2x 1x1", b.withAdapter(1, 2)),
                new Variant("adapter 1x 1x1", b.withAdapter(1, 1)),
                new Variant("adapter 2x 3x3", b.withAdapter(3, 2)))));
        // λ(n) = λ10 · 10/n; λ10 = 0 is forward distillation, so the search may find the backward term useless
        s.add(new Stage("lambda", false, b -> java.util.stream.DoubleStream.of(0, 1, 10, 100, 1000)
                .mapToObj(l -> lambda(b, l)).toList(),
                (b, edge, above) -> above && edge.value() < 1e5 ? lambda(b, edge.value() * 10) : null));
        if (task == Task.SEGMENTATION) {
            // with one output a ±1 probe gives exactly the plain input gradient, so probes only matter here
            // and only when the backward term is on: with λ = 0 every candidate would learn the same adapter
            s.add(new Stage("probes", false, b -> b.lambda().lambdaAt10() == 0 ? List.of(new Variant("no backward term", b)) : List.of(
                    new Variant("1 probe, fixed", b.withProbes(1, false)),
                    new Variant("1 probe, redrawn", b.withProbes(1, true)),
                    new Variant("4 probes, redrawn", b.withProbes(4, true)))));
        }
        s.add(steps("supervised steps", true, TransplantSettings::supervised, TransplantSettings::withSupervised,
                4 * origin.supervised().steps()));
        s.add(rates("supervised learning rate", true, TransplantSettings::supervised, TransplantSettings::withSupervised));
        return s;
    }

    private static Variant lambda(TransplantSettings b, double lambdaAt10) {
        String label = lambdaAt10 == 0 ? "lambda 0 (forward only)" : "lambda " + fmt(lambdaAt10) + "*(10/n)";
        return new Variant(label, b.withLambda(new BackDistillation.LambdaRule(lambdaAt10, lambdaAt10 == 0 ? 0 : 1)), lambdaAt10);
    }

    /** 150, 300 and 600 steps (those up to {@code max}); past the edges halved (down to 50) or doubled (up to {@code max}). */
    private static Stage steps(String name, boolean supervised, Function<TransplantSettings, Trainer.Settings> get,
            java.util.function.BiFunction<TransplantSettings, Trainer.Settings, TransplantSettings> with, int max) {
        java.util.function.BiFunction<TransplantSettings, Double, Variant> at = (b, n) ->
                new Variant((int) (double) n + " steps", with.apply(b, get.apply(b).withSteps((int) (double) n)), n);
        return new Stage(name, supervised, b -> java.util.stream.DoubleStream.of(150, 300, 600).filter(n -> n <= max)
                .mapToObj(n -> at.apply(b, n)).toList(),
                (b, edge, above) -> {
                    double n = above ? edge.value() * 2 : Math.floor(edge.value() / 2);
                    return n >= 50 && n <= max ? at.apply(b, n) : null;
                });
    }

    /** Learning rates 3e-3, 1e-2 and 3e-2; past the edges 1e-3 or 1e-1. */
    private static Stage rates(String name, boolean supervised, Function<TransplantSettings, Trainer.Settings> get,
            java.util.function.BiFunction<TransplantSettings, Trainer.Settings, TransplantSettings> with) {
        java.util.function.BiFunction<TransplantSettings, Double, Variant> at = (b, lr) -> {
            Trainer.Settings t = get.apply(b);
            return new Variant("lr " + fmt(lr), with.apply(b, new Trainer.Settings(t.steps(), lr, t.batchSize())), lr);
        };
        return new Stage(name, supervised, b -> List.of(at.apply(b, 3e-3), at.apply(b, 1e-2), at.apply(b, 3e-2)),
                (b, edge, above) -> above ? (edge.value() == 3e-2 ? at.apply(b, 1e-1) : null)
                        : (edge.value() == 3e-3 ? at.apply(b, 1e-3) : null));
    }

    /** At most four significant digits, no trailing zeros: 100, 0.003, 33.33. */
    private static String fmt(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
