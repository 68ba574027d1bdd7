package ntk.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import ntk.config.ExperimentConfig;
import ntk.data.DatasetImages;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.protocol.TaskProtocol;
import ntk.run.ExperimentSearch.Past;
import ntk.run.ExperimentSearch.Scores;
import ntk.run.ExperimentSearch.Stage;
import ntk.run.ExperimentSearch.Variant;
import ntk.train.Heads;
import ntk.train.Trainer;
import ntk.transplant.SettingText;

/**
 * The stages of the parts of {@code tune} that choose settings outside the transplant settings,
 * as {@code data/tuning/plan.md} fixes them: the segmentation heads' first kernel (part
 * {@code heads}), the classification scratch baseline's steps and rate (part {@code supervised}),
 * the LEGO baselines' fine-tuning rate, replay buffer and LwF weight (part {@code lego}). Every
 * candidate is scored on the tuning config's validation images.
 */
public final class ExperimentStages {
    private ExperimentStages() {}

    /** The segmentation heads' first kernel: 5 (as before) or 3, by the tuning teachers' mean validation IoU. */
    public static ExperimentSearch.Outcome heads(ExperimentConfig start, IntFunction<Pretrained> modulesFor, DatasetImages data,
            Progress progress) {
        Function<ExperimentConfig, Scores> scorer = c -> {
            List<ResultRow> rows = TransplantExperiment.of(Task.SEGMENTATION, c, data, progress).run(modulesFor.apply(c.segmentationHeadKernel()),
                    List.of()).stream().filter(r -> r.method().equals(Condition.TEACHER) || r.method().equals(Condition.GENERIC)).toList();
            Scores s = ExperimentSearch.perSeed(rows.stream().filter(r -> r.method().equals(Condition.TEACHER)).toList(),
                    TaskProtocol.metricOf(Task.SEGMENTATION));
            return new Scores(rows, s.mean(), s.std());
        };
        Stage stage = new Stage("segmentation heads' first kernel", b -> List.of(
                new Variant(Heads.SEGMENTATION_KERNEL + "x" + Heads.SEGMENTATION_KERNEL + " (before)", b.withSegmentationHeadKernel(Heads.SEGMENTATION_KERNEL), 5),
                new Variant("3x3", b.withSegmentationHeadKernel(3), 3)),
                c -> "segmentation heads' first kernel " + c.segmentationHeadKernel(), null, scorer,
                "teachers' validation scenes, pre-training seed " + start.pretraining().seed());
        return ExperimentSearch.run(Task.SEGMENTATION, Task.SEGMENTATION.id() + "-heads", start, List.of(stage), false, progress);
    }

    /** The classification scratch baseline's steps, then its learning rate, scored at the largest budget. */
    public static ExperimentSearch.Outcome scratch(ExperimentConfig start, Pretrained pre, DatasetImages data, Progress progress) {
        int budget = start.runs().maxAnnotations();
        Function<ExperimentConfig, Scores> scorer = c -> ExperimentSearch.perSeed(TransplantExperiment.of(Task.CLASSIFICATION, c, data, progress)
                .run(pre, List.of(new Condition(Condition.SCRATCH, budget, 0))).stream()
                .filter(r -> r.method().equals(Condition.SCRATCH)).toList(), TaskProtocol.metricOf(Task.CLASSIFICATION));
        Function<ExperimentConfig, String> key = c -> "scratch " + c.runs().scratchTraining();
        String scoredAt = SearchLine.scoredAt("annotations", List.of(budget), start.runs().seeds());
        Function<Integer, Function<ExperimentConfig, Variant>> steps = n -> b -> new Variant(n + " steps",
                b.withScratchTraining(b.runs().scratchTraining().withSteps(n)), n);
        Function<Double, Function<ExperimentConfig, Variant>> rate = lr -> b -> {
            Trainer.Settings t = b.runs().scratchTraining();
            return new Variant("lr " + SettingText.number(lr), b.withScratchTraining(new Trainer.Settings(t.steps(), lr, t.batchSize())), lr);
        };
        List<Stage> stages = List.of(
                new Stage("scratch steps", b -> java.util.stream.IntStream.of(100, 200, 400, 800).mapToObj(n -> steps.apply(n).apply(b)).toList(),
                        key, (b, edge, above) -> above && edge.value() < 1600 ? steps.apply((int) edge.value() * 2).apply(b) : null, scorer, scoredAt),
                new Stage("scratch learning rate", b -> java.util.stream.DoubleStream.of(1e-3, 2e-3, 5e-3).mapToObj(lr -> rate.apply(lr).apply(b))
                        .toList(), key, once(5e-4, 1e-2, rate), scorer, scoredAt));
        return ExperimentSearch.run(Task.CLASSIFICATION, Task.CLASSIFICATION.id() + "-scratch", start, stages, true, progress);
    }

    /**
     * The LEGO baselines' settings on classification: the fine-tuning rate's scale (scored by the
     * mean of fine-tune, replay and LwF), the replay buffer (replay) and the LwF weight (LwF), each by
     * the mean balanced error over every category present after the last step, one sequence per seed.
     */
    public static ExperimentSearch.Outcome lego(ExperimentConfig start, Pretrained pre, DatasetImages data, Progress progress) {
        LegoRuns runs = new LegoRuns(pre, data, progress);
        Function<ExperimentConfig, String> key = c -> "sequential " + c.sequential() + ", fine-tuning " + c.transplant(Task.CLASSIFICATION).supervised();
        Function<Double, Function<ExperimentConfig, Variant>> scale = x -> b -> new Variant("rate x " + SettingText.number(x),
                b.withSequential(sequential(b.sequential(), x, b.sequential().replayPerCategory(), b.sequential().lwfWeight())), x);
        Function<Double, Function<ExperimentConfig, Variant>> replay = n -> b -> new Variant((int) (double) n + " replayed per category",
                b.withSequential(sequential(b.sequential(), b.sequential().fineTuneRateScale(), (int) (double) n, b.sequential().lwfWeight())), n);
        Function<Double, Function<ExperimentConfig, Variant>> lwf = w -> b -> new Variant("LwF weight " + SettingText.number(w),
                b.withSequential(sequential(b.sequential(), b.sequential().fineTuneRateScale(), b.sequential().replayPerCategory(), w)), w);
        List<Long> seeds = start.runs().seeds();
        String steps = "validation images after the last step, ";
        List<Stage> stages = List.of(
                new Stage("fine-tuning rate", grid(scale, 0.3, 1, 3), key, once(0.1, 10, scale),
                        c -> runs.score(c, seeds, SequentialApproaches.FINE_TUNE, SequentialApproaches.REPLAY, SequentialApproaches.LWF),
                        steps + "mean of fine-tune, replay and lwf, " + seedsText(seeds)),
                new Stage("replay buffer per category", grid(replay, 5, 20, 50), key, once(2, 100, replay),
                        c -> runs.score(c, seeds, SequentialApproaches.REPLAY), steps + "replay, " + seedsText(seeds)),
                new Stage("LwF weight", grid(lwf, 0.3, 1, 3), key, once(0.1, 10, lwf),
                        c -> runs.score(c, seeds, SequentialApproaches.LWF), steps + "lwf, " + seedsText(seeds)));
        return ExperimentSearch.run(Task.CLASSIFICATION, Task.CLASSIFICATION.id() + "-lego", start, stages, true, progress);
    }

    private static String seedsText(List<Long> seeds) {
        return (seeds.size() == 1 ? "seed " : "seeds ") + String.join("/", seeds.stream().map(String::valueOf).toList());
    }

    private static ExperimentConfig.SequentialSettings sequential(ExperimentConfig.SequentialSettings s, double scale, int replay, double lwf) {
        return new ExperimentConfig.SequentialSettings(s.pool(), s.fineTuneAnnotations(), s.classificationTestImages(), replay, lwf, scale);
    }

    private static Function<ExperimentConfig, List<Variant>> grid(Function<Double, Function<ExperimentConfig, Variant>> at, double... values) {
        return b -> java.util.Arrays.stream(values).mapToObj(v -> at.apply(v).apply(b)).toList();
    }

    /** One value past each end of a grid: {@code below} under its lowest, {@code above} over its highest, then no further. */
    private static Past once(double below, double above, Function<Double, Function<ExperimentConfig, Variant>> at) {
        return (b, edge, up) -> up ? (edge.value() < above ? at.apply(above).apply(b) : null)
                : (edge.value() > below ? at.apply(below).apply(b) : null);
    }

    /** LEGO sequences on classification, each approach's rows kept by what that approach depends on, so no sequence runs twice. */
    private static final class LegoRuns {
        private final Pretrained pre;
        private final DatasetImages data;
        private final Progress progress;
        private final Map<String, List<ResultRow>> done = new HashMap<>();

        LegoRuns(Pretrained pre, DatasetImages data, Progress progress) {
            this.pre = pre;
            this.data = data;
            this.progress = progress;
        }

        Scores score(ExperimentConfig c, List<Long> seeds, String... approaches) {
            List<ResultRow> rows = new ArrayList<>();
            for (long seed : seeds) {
                List<String> missing = java.util.Arrays.stream(approaches).filter(a -> !done.containsKey(key(c, a, seed))).toList();
                if (!missing.isEmpty()) {
                    ExperimentConfig one = c.withRuns(List.of(seed), c.runs().annotationBudgets(), c.runs().poolSizes()).withTasks(List.of(Task.CLASSIFICATION));
                    List<SequentialExperiment.Row> run = new SequentialExperiment(one, data, progress)
                            .withApproaches(missing.toArray(String[]::new)).run(pre);
                    int last = run.stream().mapToInt(SequentialExperiment.Row::step).max().orElseThrow();
                    for (String a : missing) {
                        done.put(key(c, a, seed), run.stream().filter(r -> r.step() == last && r.approach().equals(a))
                                .map(r -> new ResultRow(r.task().id(), r.category().id(), a, 0, 0, seed, r.metric(), r.value())).toList());
                    }
                }
                for (String a : approaches) {
                    rows.addAll(done.get(key(c, a, seed)));
                }
            }
            // per seed: the mean over approaches of each one's mean over categories (every approach scores the same categories)
            return ExperimentSearch.perSeed(rows, TaskProtocol.metricOf(Task.CLASSIFICATION));
        }

        /** What approach {@code a}'s sequence depends on: the fine-tuning's steps, batch and rate, and its own setting. */
        private static String key(ExperimentConfig c, String a, long seed) {
            ExperimentConfig.SequentialSettings s = c.sequential();
            String own = a.equals(SequentialApproaches.REPLAY) ? " replay " + s.replayPerCategory()
                    : a.equals(SequentialApproaches.LWF) ? " lwf " + s.lwfWeight() : "";
            return a + " seed " + seed + " scale " + s.fineTuneRateScale() + own + " " + c.transplant(Task.CLASSIFICATION).supervised() + " adapter "
                    + c.adapter(Task.CLASSIFICATION) + " pool " + s.pool() + " annotations " + s.fineTuneAnnotations() + " test " + s.classificationTestImages();
        }
    }
}
