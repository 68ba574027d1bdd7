package ntk.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ntk.config.ExperimentConfig;
import ntk.generic.Task;
import ntk.protocol.ResultRow;

/**
 * The greedy search of {@link SettingsSearch} for settings outside the transplant settings — the
 * segmentation heads' first kernel, the scratch baseline's training, the LEGO baselines' rate,
 * replay and LwF weight ({@link ExperimentStages}): each stage tries a few values of one setting
 * of the tuning config around the best so far and keeps the best by its validation score (the
 * incumbent wins ties); a winner at an end of an ordered axis is checked one value further.
 */
public final class ExperimentSearch {
    /** Steps of the search at most added past the edges of one stage's grid. */
    static final int MAX_EXTENSIONS = 2;

    /** A candidate: its label, the whole config it is scored under, and on an ordered axis its value there. */
    record Variant(String label, ExperimentConfig config, double value) {}

    /** A candidate's runs (their method naming what ran: "scratch", "replay", ...) and its score: mean and std over seeds. */
    record Scores(List<ResultRow> rows, double mean, double std) {}

    /**
     * One stage: its candidates around the best config so far, what tells two candidates apart,
     * how to go past an end of its grid (null: it does not), how a candidate is scored and what
     * that is in words ("annotations 100, seeds 1/2").
     */
    record Stage(String name, Function<ExperimentConfig, List<Variant>> variants, Function<ExperimentConfig, String> key,
            Past past, Function<ExperimentConfig, Scores> scorer, String scoredAt) {}

    /** The candidate one value past the end {@code edge} sits on; null where the axis stops. */
    interface Past {
        Variant next(ExperimentConfig best, Variant edge, boolean above);
    }

    /** The selected config, every candidate as the tuning tables list it, and every run; file stem as {@code tune} writes it. */
    public record Outcome(Task task, String stem, ExperimentConfig selected, List<SearchLine> lines, List<ResultRow> rows) {}

    private ExperimentSearch() {}

    /** Runs {@code stages} in order from {@code start}; a lower score is better where {@code lowerIsBetter}. */
    static Outcome run(Task task, String stem, ExperimentConfig start, List<Stage> stages, boolean lowerIsBetter, Progress progress) {
        ExperimentConfig best = start;
        List<SearchLine> lines = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>(); // stage-independent key -> candidate id
        Map<String, Scores> scores = new LinkedHashMap<>();
        for (Stage stage : stages) {
            long started = System.nanoTime();
            List<Variant> tried = new ArrayList<>(stage.variants().apply(best));
            score(stem, stage, tried, ids, scores, rows);
            Variant winner = winner(stage, best, tried, scores, lowerIsBetter);
            for (int extended = 0; stage.past() != null && extended < MAX_EXTENSIONS; extended++) {
                int at = tried.indexOf(winner);
                boolean above = at == tried.size() - 1;
                Variant next = above || at == 0 ? stage.past().next(best, winner, above) : null;
                if (next == null || tried.stream().anyMatch(v -> key(stage, v).equals(key(stage, next)))) {
                    break;
                }
                tried.add(above ? tried.size() : 0, next);
                score(stem, stage, tried, ids, scores, rows);
                winner = winner(stage, best, tried, scores, lowerIsBetter);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            for (Variant v : tried) {
                Scores s = scores.get(key(stage, v));
                lines.add(new SearchLine(stage.name(), ids.get(key(stage, v)), v.label(), stage.scoredAt(), s.mean(), s.std(), v == winner,
                        stage.key().apply(v.config()), seconds));
            }
            best = winner.config();
            progress.stage(String.format("%s tuning, stage '%s': kept %s (%.4f)", stem, stage.name(), winner.label(),
                    scores.get(key(stage, winner)).mean()), 0);
        }
        return new Outcome(task, stem, best, lines, rows);
    }

    private static String key(Stage stage, Variant v) {
        return stage.scoredAt() + " " + stage.key().apply(v.config());
    }

    /** Scores the candidates not scored before; their runs join {@code rows}, named after the candidate. */
    private static void score(String stem, Stage stage, List<Variant> tried, Map<String, String> ids, Map<String, Scores> scores,
            List<ResultRow> rows) {
        for (Variant v : tried) {
            String key = key(stage, v);
            if (scores.containsKey(key)) {
                continue;
            }
            String id = String.format("%s-%02d", stem, ids.size() + 1);
            ids.put(key, id);
            Scores s = stage.scorer().apply(v.config());
            scores.put(key, s);
            s.rows().forEach(r -> rows.add(new ResultRow(r.task(), r.category(), id + ":" + r.method(), r.annotations(), r.unlabeled(), r.seed(),
                    r.metric(), r.value())));
        }
    }

    /** The best candidate; the one with the incumbent's settings wins ties. */
    private static Variant winner(Stage stage, ExperimentConfig best, List<Variant> tried, Map<String, Scores> scores, boolean lowerIsBetter) {
        String incumbent = stage.key().apply(best);
        Variant winner = tried.stream().filter(v -> stage.key().apply(v.config()).equals(incumbent)).findFirst().orElse(tried.get(0));
        for (Variant v : tried) {
            double m = scores.get(key(stage, v)).mean();
            double w = scores.get(key(stage, winner)).mean();
            if (lowerIsBetter ? m < w : m > w) {
                winner = v;
            }
        }
        return winner;
    }

    /** Mean and std over seeds of the mean of {@code metric} over the rows of each seed. */
    static Scores perSeed(List<ResultRow> rows, String metric) {
        Map<Long, List<Double>> bySeed = new LinkedHashMap<>();
        rows.stream().filter(r -> r.metric().equals(metric)).forEach(r -> bySeed.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r.value()));
        double[] means = bySeed.values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
        double mean = java.util.Arrays.stream(means).average().orElse(Double.NaN);
        double var = java.util.Arrays.stream(means).map(m -> (m - mean) * (m - mean)).sum() / Math.max(1, means.length - 1);
        return new Scores(rows, mean, means.length > 1 ? Math.sqrt(var) : Double.NaN);
    }
}
