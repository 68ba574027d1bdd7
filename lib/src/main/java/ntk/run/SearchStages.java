package ntk.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.SettingText;
import ntk.transplant.TransplantSettings.Target;
import ntk.transplant.TransplantSettings;

/**
 * The grids {@link SettingsSearch} walks through, as {@code data/tuning/plan.md} fixes them: one
 * stage per setting (or grid of settings), in order, each with the candidates it tries around the
 * best settings so far, the pool sizes it scores at, whether it runs the first seed only, and for
 * an ordered axis how to step past the end of its grid its winner sits on. This class holds the
 * distillation adapter's stages; {@link SupervisedStages} and {@link ExpansionStages} the others.
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
     * One stage: the candidates it tries, given the best settings so far; for an ordered axis (steps,
     * learning rate, λ) how to go one step beyond the end its winner sits on, so that a winner at the
     * edge of the grid is checked against its next neighbour instead of being accepted untested;
     * its own pool sizes (null: the search's); and whether it runs the search's first seed only.
     */
    record Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants, Beyond beyond,
            List<Integer> pools, boolean firstSeedOnly) {
        Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants, Beyond beyond, List<Integer> pools) {
            this(name, supervised, variants, beyond, pools, false);
        }

        Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants, Beyond beyond) {
            this(name, supervised, variants, beyond, null, false);
        }

        Stage(String name, boolean supervised, Function<TransplantSettings, List<Variant>> variants) {
            this(name, supervised, variants, null, null, false);
        }

        /** This stage on the search's first seed only. */
        Stage onFirstSeed() {
            return new Stage(name, supervised, variants, beyond, pools, true);
        }
    }

    /** The next candidate past an end of an ordered axis (null where the axis stops). */
    interface Beyond {
        Variant next(TransplantSettings best, Variant edge, boolean above);

        /**
         * Whether {@code winner} sits at the upper end (true) or the lower end (false) of the
         * candidates {@code tried}, or at neither (null): by position, the candidates being in the
         * axis' order. A grid of several axes says so by the values of the axis it extends.
         */
        default Boolean edge(Variant winner, List<Variant> tried) {
            int at = tried.indexOf(winner);
            return at == tried.size() - 1 ? Boolean.TRUE : at == 0 ? Boolean.FALSE : null;
        }
    }

    /** A candidate: its label, its settings and, on an ordered axis, its value there. */
    record Variant(String label, TransplantSettings settings, double value) {
        Variant(String label, TransplantSettings settings) {
            this(label, settings, Double.NaN);
        }
    }

    /** The stages of {@code part} of {@code task}'s search over the transplant settings, in order. */
    static List<Stage> of(Task task, SettingsSearch.Part part) {
        return switch (part) {
            case SUPERVISED -> SupervisedStages.of(task);
            case ADAPTER -> adapterStages(task);
            case EXPANSION -> ExpansionStages.of(task);
            default -> throw new IllegalArgumentException("the " + part.id() + " part does not search the transplant settings");
        };
    }

    /** The expansion part's stages (kept for the tests that look at them by this name). */
    static List<Stage> expansionStages(Task task) {
        return ExpansionStages.of(task);
    }

    /** The distillation adapter and its training, in order. */
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
        s.add(batches("batch", false, task, TransplantSettings::training, TransplantSettings::withTraining));
        s.add(new Stage("adapter", false, b -> List.of(
                new Variant("adapter 2x 1x1", b.withAdapter(1, 2)),
                new Variant("adapter 1x 1x1", b.withAdapter(1, 1)),
                new Variant("adapter 2x 3x3", b.withAdapter(3, 2)))));
        // λ(n) = λ10 · 10/n; λ10 = 0 is forward distillation, so the search may find the backward term useless
        s.add(new Stage("lambda", false, b -> DoubleStream.of(0, 1, 10, 100, 1000)
                .mapToObj(l -> lambda(b, l)).toList(),
                (b, edge, above) -> above && edge.value() < 1e5 ? lambda(b, edge.value() * 10) : null));
        // a second matching layer is tried with the backward term on, even where λ10 = 0 won with one layer
        s.add(new Stage("backward layers", false, b -> {
            List<Variant> v = new ArrayList<>(List.of(new Variant(b.backwardLayers() + (b.backwardLayers() == 1 ? " layer" : " layers")
                    + " (kept), " + lambdaLabel(b.lambda().lambdaAt10()), b)));
            for (double l : new double[] {1, 10, 100}) {
                TransplantSettings two = b.withBackwardLayers(2).withLambda(new BackDistillation.LambdaRule(l, b.lambda().lambdaAt10() == 0 ? 1
                        : b.lambda().power()));
                v.add(new Variant("2 layers, " + lambdaLabel(l), two));
            }
            return v;
        }));
        // with λ = 0 there is no backward term for the power or the probes to shape: every candidate would learn the same adapter
        s.add(new Stage("lambda power", false, b -> b.lambda().lambdaAt10() == 0 ? List.of(new Variant("no backward term", b))
                : DoubleStream.of(0, 0.5, 1, 2).mapToObj(p -> new Variant("lambda " + SettingText.number(b.lambda().lambdaAt10()) + "*(10/n)^" + SettingText.number(p),
                        b.withLambda(new BackDistillation.LambdaRule(b.lambda().lambdaAt10(), p)), p)).toList()));
        if (task == Task.SEGMENTATION) {
            // with one output a ±1 probe gives exactly the plain input gradient, so probes only matter here
            s.add(new Stage("probes", false, b -> b.lambda().lambdaAt10() == 0 ? List.of(new Variant("no backward term", b)) : List.of(
                    new Variant("1 probe, fixed", b.withProbes(1, false)),
                    new Variant("1 probe, redrawn", b.withProbes(1, true)),
                    new Variant("4 probes, redrawn", b.withProbes(4, true)))));
        }
        return s;
    }

    private static Variant lambda(TransplantSettings b, double lambdaAt10) {
        return new Variant(lambdaLabel(lambdaAt10), b.withLambda(new BackDistillation.LambdaRule(lambdaAt10, lambdaAt10 == 0 ? 0 : 1)), lambdaAt10);
    }

    private static String lambdaLabel(double lambdaAt10) {
        return lambdaAt10 == 0 ? "lambda 0 (forward only)" : "lambda " + SettingText.number(lambdaAt10) + "*(10/n)";
    }

    /** 150, 300 and 600 steps (those up to {@code max}); past the edges halved (down to 50) or doubled (up to {@code max}). */
    static Stage steps(String name, boolean supervised, Function<TransplantSettings, Trainer.Settings> get,
            BiFunction<TransplantSettings, Trainer.Settings, TransplantSettings> with, int max) {
        BiFunction<TransplantSettings, Double, Variant> at = (b, n) ->
                new Variant((int) (double) n + " steps", with.apply(b, get.apply(b).withSteps((int) (double) n)), n);
        return new Stage(name, supervised, b -> DoubleStream.of(150, 300, 600).filter(n -> n <= max)
                .mapToObj(n -> at.apply(b, n)).toList(),
                (b, edge, above) -> {
                    double n = above ? edge.value() * 2 : Math.floor(edge.value() / 2);
                    return n >= 50 && n <= max ? at.apply(b, n) : null;
                });
    }

    /** Learning rates 3e-3, 1e-2 and 3e-2; past the edges 1e-3 or 1e-1. */
    static Stage rates(String name, boolean supervised, Function<TransplantSettings, Trainer.Settings> get,
            BiFunction<TransplantSettings, Trainer.Settings, TransplantSettings> with) {
        BiFunction<TransplantSettings, Double, Variant> at = (b, lr) -> {
            Trainer.Settings t = get.apply(b);
            return new Variant("lr " + SettingText.number(lr), with.apply(b, new Trainer.Settings(t.steps(), lr, t.batchSize())), lr);
        };
        return new Stage(name, supervised, b -> List.of(at.apply(b, 3e-3), at.apply(b, 1e-2), at.apply(b, 3e-2)),
                (b, edge, above) -> above ? (edge.value() == 3e-2 ? at.apply(b, 1e-1) : null)
                        : (edge.value() == 3e-3 ? at.apply(b, 1e-3) : null));
    }

    /** Batches of 32, 64 and 128 (classification) or 8, 16 and 32 (segmentation's scenes are 4× the pixels). */
    static Stage batches(String name, boolean supervised, Task task, Function<TransplantSettings, Trainer.Settings> get,
            BiFunction<TransplantSettings, Trainer.Settings, TransplantSettings> with) {
        int[] grid = task == Task.CLASSIFICATION ? new int[] {32, 64, 128} : new int[] {8, 16, 32};
        return new Stage(name, supervised, b -> java.util.Arrays.stream(grid).mapToObj(n -> {
            Trainer.Settings t = get.apply(b);
            return new Variant("batch " + n, with.apply(b, new Trainer.Settings(t.steps(), t.learningRate(), n)), n);
        }).toList());
    }
}
