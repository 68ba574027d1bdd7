package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.protocol.ResultRow;
import ntk.train.Trainer;
import ntk.transplant.AnnotatedViews;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.Test;

/**
 * The parts of tune: each starts its own settings from the starting point and keeps every other
 * one of the current selection; the search over settings outside the transplant settings keeps
 * the incumbent on a tie and checks a winner at an end one value further.
 */
class TunePartsTest {
    private static final TransplantSettings ORIGIN = TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION);
    /** A selection that differs from the starting point in every part's settings. */
    private static final TransplantSettings CURRENT = ORIGIN.withAdapter(3, 2).withTraining(new Trainer.Settings(150, 1e-2, 64))
            .withBackwardLayers(2).withSupervised(new Trainer.Settings(1200, 1e-3, 64)).withSupervisedAdapter(3, 1)
            .withAnnotatedViews(AnnotatedViews.Settings.none().withViewsPerImage(9))
            .withExpansion(ExpansionSettings.none().withMethod(ExpansionSettings.Method.VIEWS_THEN_SYNTHESIS));

    @Test
    void eachPartStartsItsOwnSettingsAfreshAndKeepsTheOthers() {
        TransplantSettings supervised = SettingsSearch.startOf(SettingsSearch.Part.SUPERVISED, CURRENT, ORIGIN);
        assertEquals(SettingsSearch.supervisedKey(ORIGIN), SettingsSearch.supervisedKey(supervised), "the supervised adapter's settings restart");
        assertEquals(CURRENT.withSupervised(ORIGIN.supervised()).withSupervisedAdapter(ORIGIN.supervisedAdapterKernel(), ORIGIN.supervisedAdapterDepth())
                .withAnnotatedViews(ORIGIN.annotatedViews()), supervised);

        TransplantSettings adapter = SettingsSearch.startOf(SettingsSearch.Part.ADAPTER, CURRENT, ORIGIN);
        assertEquals(ORIGIN.training(), adapter.training());
        assertEquals(1, adapter.backwardLayers());
        assertEquals(ORIGIN.adapterKernel(), adapter.adapterKernel());
        assertEquals(SettingsSearch.supervisedKey(CURRENT), SettingsSearch.supervisedKey(adapter), "the supervised adapter's settings kept");
        assertEquals(CURRENT.expansion(), adapter.expansion(), "the enlargement kept (the adapter part scores plain pools)");

        TransplantSettings expansion = SettingsSearch.startOf(SettingsSearch.Part.EXPANSION, CURRENT, ORIGIN);
        assertEquals(CURRENT.withExpansion(ORIGIN.expansion()), expansion);
    }

    private static ExperimentSearch.Stage lwfStage(List<Double> tried, double best) {
        ExperimentSearch.Past past = (b, edge, above) -> above && edge.value() < 10
                ? new ExperimentSearch.Variant("w 10", weight(b, 10), 10) : null;
        return new ExperimentSearch.Stage("lwf", b -> List.of(new ExperimentSearch.Variant("w 0.3", weight(b, 0.3), 0.3),
                new ExperimentSearch.Variant("w 1", weight(b, 1), 1), new ExperimentSearch.Variant("w 3", weight(b, 3), 3)),
                c -> "lwf " + c.sequential().lwfWeight(), past, c -> {
                    double w = c.sequential().lwfWeight();
                    tried.add(w);
                    double score = w == 0.3 ? Math.abs(1 - best) : Math.abs(w - best); // 0.3 ties with the incumbent 1 when best is 0.65
                    return new ExperimentSearch.Scores(List.of(new ResultRow("classification", "bag", "lwf", 0, 0, 1, "balanced_error", score)),
                            score, Double.NaN);
                }, "made up");
    }

    private static ExperimentConfig weight(ExperimentConfig c, double w) {
        ExperimentConfig.SequentialSettings s = c.sequential();
        return c.withSequential(new ExperimentConfig.SequentialSettings(s.pool(), s.fineTuneAnnotations(), s.classificationTestImages(),
                s.replayPerCategory(), w, s.fineTuneRateScale()));
    }

    @Test
    void aWinnerAtTheEndIsCheckedOneValueFurtherAndTheIncumbentWinsTies() {
        ExperimentConfig start = ExperimentConfig.fast();
        List<Double> tried = new ArrayList<>();
        ExperimentSearch.Outcome far = ExperimentSearch.run(Task.CLASSIFICATION, "t", start, List.of(lwfStage(tried, 8)), true, Progress.silent());
        assertEquals(List.of(0.3, 1.0, 3.0, 10.0), tried, "3 won at the end, so 10 was tried");
        assertEquals(10.0, far.selected().sequential().lwfWeight());
        assertEquals(4, far.lines().size());
        assertEquals(List.of("t-01:lwf", "t-02:lwf", "t-03:lwf", "t-04:lwf"), far.rows().stream().map(ResultRow::method).toList(),
                "each run named after its candidate");

        tried.clear();
        ExperimentSearch.Outcome tie = ExperimentSearch.run(Task.CLASSIFICATION, "t", start, List.of(lwfStage(tried, 0.65)), true, Progress.silent());
        assertEquals(1.0, tie.selected().sequential().lwfWeight(), "0.3 and the incumbent 1 tie: the incumbent stays");
    }
}
