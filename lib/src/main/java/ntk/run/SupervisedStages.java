package ntk.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.run.SearchStages.Beyond;
import ntk.run.SearchStages.Stage;
import ntk.run.SearchStages.Variant;
import ntk.train.Trainer;
import ntk.transplant.AnnotatedViews;
import ntk.transplant.SettingText;
import ntk.transplant.TransplantSettings;

/**
 * The supervised baseline's own search (plan part {@code supervised}), as wide as distillation's:
 * learning rate × steps as one grid on the first seed, then its adapter shape, batch, labelled views
 * per annotated image and their variation, and its steps again at the kept rate. Every stage varies
 * only what the supervised adapter learns with.
 */
final class SupervisedStages {
    /** The grid's learning rates: two steps below the old grid's lowest (1e-3) and up to its middle. */
    static final double[] RATES = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2};
    /** Views per annotated image tried with views on when the views stage kept none. */
    static final int VIEWS_WHEN_NONE_KEPT = 9;

    private SupervisedStages() {}

    /**
     * The old search's cap on supervised steps: four times the starting point's (classification
     * 1,200, segmentation 600). The grid reaches twice that and no further, for the main job's budget.
     */
    static int oldCap(Task task) {
        return 4 * TunedSettings.STARTING_POINT.get(task).supervised().steps();
    }

    static List<Stage> of(Task task) {
        int cap = oldCap(task);
        List<Stage> s = new ArrayList<>();
        s.add(rateBySteps(new int[] {cap / 4, cap / 2, cap, 2 * cap}).onFirstSeed());
        s.add(new Stage("supervised adapter", true, b -> List.of(
                new Variant("adapter 2x 1x1", b.withSupervisedAdapter(1, 2)),
                new Variant("adapter 1x 1x1", b.withSupervisedAdapter(1, 1)),
                new Variant("adapter 2x 3x3", b.withSupervisedAdapter(3, 2)),
                new Variant("adapter 1x 3x3", b.withSupervisedAdapter(3, 1)))));
        s.add(SearchStages.batches("supervised batch", true, task, TransplantSettings::supervised, TransplantSettings::withSupervised));
        s.add(new Stage("supervised views per image", true, b -> java.util.stream.IntStream.of(0, 4, 9, 19)
                .mapToObj(n -> new Variant(n == 0 ? "no views" : n + " labelled views per image",
                        b.withAnnotatedViews(b.annotatedViews().withViewsPerImage(n)), n)).toList()));
        s.add(new Stage("supervised views' variation", true, SupervisedStages::variations));
        s.add(stepsAtKeptRate(2 * cap));
        return s;
    }

    /** One grid: every rate of {@link #RATES} at every one of {@code steps}; a rate winner at an end is checked one rate further. */
    private static Stage rateBySteps(int[] steps) {
        Beyond pastRates = new Beyond() {
            @Override
            public Variant next(TransplantSettings best, Variant edge, boolean above) {
                Trainer.Settings t = edge.settings().supervised();
                double lr = above ? edge.value() * 3 : edge.value() / 3;
                return rate(best.withSupervised(t), lr);
            }

            @Override
            public Boolean edge(Variant winner, List<Variant> tried) {
                double lowest = tried.stream().mapToDouble(Variant::value).min().orElseThrow();
                double highest = tried.stream().mapToDouble(Variant::value).max().orElseThrow();
                return winner.value() == highest ? Boolean.TRUE : winner.value() == lowest ? Boolean.FALSE : null;
            }
        };
        return new Stage("supervised learning rate x steps", true, b -> {
            List<Variant> grid = new ArrayList<>();
            for (double lr : RATES) {
                for (int n : steps) {
                    grid.add(rate(b.withSupervised(b.supervised().withSteps(n)), lr));
                }
            }
            return grid;
        }, pastRates);
    }

    private static Variant rate(TransplantSettings b, double lr) {
        Trainer.Settings t = b.supervised();
        return new Variant("lr " + SettingText.number(lr) + ", " + t.steps() + " steps",
                b.withSupervised(new Trainer.Settings(t.steps(), lr, t.batchSize())), lr);
    }

    /**
     * The views' shift, noise and flips one at a time, with views on: the kept number of views per
     * image, or {@link #VIEWS_WHEN_NONE_KEPT} where none were kept; the incumbent first.
     */
    private static List<Variant> variations(TransplantSettings b) {
        AnnotatedViews.Settings kept = b.annotatedViews();
        AnnotatedViews.Settings on = kept.enabled() ? kept : kept.withViewsPerImage(VIEWS_WHEN_NONE_KEPT);
        Set<AnnotatedViews.Settings> tried = new LinkedHashSet<>(List.of(
                on.withVariation(1, on.flips(), on.noise()), on.withVariation(5, on.flips(), on.noise()),
                on.withVariation(on.maxShift(), on.flips(), 0.0), on.withVariation(on.maxShift(), on.flips(), 0.1),
                on.withVariation(on.maxShift(), false, on.noise())));
        tried.remove(kept);
        List<Variant> out = new ArrayList<>(List.of(new Variant("kept: " + kept.describe(), b)));
        tried.forEach(v -> out.add(new Variant(v.describe(), b.withAnnotatedViews(v))));
        return out;
    }

    /** Half and twice the kept steps at the kept rate, no more than {@code max}; a winner at the low end is halved again, down to 50. */
    private static Stage stepsAtKeptRate(int max) {
        java.util.function.BiFunction<TransplantSettings, Integer, Variant> at = (b, n) ->
                new Variant(n + " steps at lr " + SettingText.number(b.supervised().learningRate()), b.withSupervised(b.supervised().withSteps(n)), n);
        return new Stage("supervised steps at the kept rate", true, b -> {
            int kept = b.supervised().steps();
            List<Variant> v = new ArrayList<>(List.of(at.apply(b, kept / 2), at.apply(b, kept)));
            if (kept * 2 <= max) {
                v.add(at.apply(b, kept * 2));
            }
            return v;
        }, (b, edge, above) -> !above && edge.value() / 2 >= 50 ? at.apply(b, (int) (edge.value() / 2)) : null);
    }
}
