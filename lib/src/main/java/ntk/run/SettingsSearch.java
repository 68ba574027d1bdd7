package ntk.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.protocol.TaskProtocol;
import ntk.transplant.BackDistillation;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;

/**
 * How the kit chooses its transplant settings without the new categories' labels or test data.
 * Some base categories are held out as <em>pseudo-new</em> ones (the settings' {@code pseudoNew}); the other
 * base categories train the shared task modules; the training images of the base categories are
 * split into a part that teachers, task modules and unlabeled pools are drawn from and a
 * validation part (1,000 images per category) the candidates are scored on. No test image and no
 * image of a new category is used.
 *
 * <p>The search is greedy, one setting at a time around the current values: each stage tries a
 * few values of one setting and keeps the best (by the mean validation score of zero-annotation
 * back-distillation over the pool sizes, pseudo-new categories and seeds; the incumbent stays
 * unless a candidate is strictly better). The supervised baseline's training is chosen the same
 * way, by its mean score over the annotation budgets.
 */
public final class SettingsSearch {
    public static final int VALIDATION_PER_CATEGORY = 1000;
    public static final long SPLIT_SEED = 4242L;

    /**
     * One candidate: a stage of the search, a short label of what it changes, the settings, and
     * the unlabeled pool sizes (numbers of real images) it is scored at (budgets for the supervised ones).
     */
    public record Candidate(String id, String stage, String label, TransplantSettings settings, boolean supervised, List<Integer> pools) {}

    /** A candidate's validation score: mean and std over seeds (of the mean over pools or budgets and categories). */
    public record Scored(Candidate candidate, double mean, double std, boolean selected) {}

    /** The selected settings and every candidate's score and runs, of one part of the search. */
    public record Outcome(Task task, Part part, TransplantSettings selected, List<Scored> scored, List<ResultRow> rows) {}

    /**
     * The search comes in two parts that can run apart: the adapter and its training (target,
     * steps, learning rate, adapter, λ, probes, supervised training), then how small pools are
     * enlarged (synthesis priors, views per image, which enlargement), which starts from the first
     * part's selection.
     */
    public enum Part {
        ADAPTER(""), EXPANSION("-expansion");

        /** Added to the task's id in the names of this part's files, e.g. "classification-expansion-runs.csv". */
        public final String fileSuffix;

        Part(String fileSuffix) {
            this.fileSuffix = fileSuffix;
        }

        public static Part parse(String s) {
            for (Part p : values()) {
                if (p.name().equalsIgnoreCase(s)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown part of the search '" + s + "'; known: adapter, expansion");
        }
    }

    /** Steps of the search at most added past the edges of one stage's grid. */
    static final int MAX_EXTENSIONS = 2;

    private final ExperimentConfig config;
    private final TaskProtocol protocol;
    private final Task task;
    private final List<Integer> pools;
    private final Progress progress;

    /**
     * @param config the tuning config ({@link #config}); its new categories are the pseudo-new ones
     * @param data   the validation split ({@link #data})
     * @param pools  the unlabeled pool sizes each distillation candidate runs at
     */
    public SettingsSearch(Task task, ExperimentConfig config, DatasetImages data, List<Integer> pools, Progress progress) {
        this.config = config;
        this.task = task;
        this.protocol = TaskProtocol.of(task, config, data);
        this.pools = List.copyOf(pools);
        this.progress = progress;
    }

    /** The main config turned into the tuning one: pseudo-new categories out of the base set, tuning seeds. */
    public static ExperimentConfig config(ExperimentConfig main, List<Long> seeds, Map<Task, TransplantSettings> start) {
        List<Category> pseudoNew = main.categories().pseudoNew();
        List<Category> base = main.categories().base().stream().filter(c -> !pseudoNew.contains(c)).toList();
        if (pseudoNew.isEmpty() || base.isEmpty()) {
            throw new IllegalArgumentException("tuning holds out the pseudo-new categories " + pseudoNew + " of the base categories "
                    + main.categories().base() + " and needs at least one of them and one other base category;"
                    + " list them under categories.pseudoNew in the settings");
        }
        ExperimentConfig c = main.withCategories("tune-" + main.name(), base, pseudoNew)
                .withRuns(seeds, main.runs().annotationBudgets(), main.runs().poolSizes());
        for (var e : start.entrySet()) {
            c = c.withTransplant(e.getKey(), e.getValue());
        }
        return c;
    }

    /** The training images of the main config's base categories, split into fitting and validation parts. */
    public static DatasetImages data(DatasetImages full, ExperimentConfig main) {
        return full.validationSplit(main.categories().base(), VALIDATION_PER_CATEGORY, SPLIT_SEED);
    }

    /** Runs every stage of the adapter part from {@code start} on the pre-trained modules of the tuning config. */
    public Outcome search(Pretrained pre, TransplantSettings start) {
        return search(pre, start, Part.ADAPTER);
    }

    /** Runs every stage of {@code part} from {@code start} on the pre-trained modules of the tuning config. */
    public Outcome search(Pretrained pre, TransplantSettings start, Part part) {
        TransplantSettings best = start;
        Map<String, Scored> seen = new LinkedHashMap<>(); // a setting already scored is not run again
        List<Scored> scored = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        TransplantExperiment experiment = new TransplantExperiment(config, protocol, progress);
        for (SearchStages.Stage stage : SearchStages.of(task, part)) {
            List<SearchStages.Variant> tried = new ArrayList<>(stage.variants().apply(best));
            List<Candidate> all = score(stage, tried, seen, experiment, pre, rows);
            Candidate winner = winner(stage, best, all, seen);
            // a winner at an end of an ordered axis is checked against the next value beyond it
            for (int extended = 0; stage.beyond() != null && extended < MAX_EXTENSIONS; extended++) {
                int at = all.indexOf(winner);
                boolean low = at == 0;
                boolean high = at == all.size() - 1;
                SearchStages.Variant next = low || high ? stage.beyond().next(best, tried.get(at), high) : null;
                if (next == null || tried.stream().anyMatch(v -> key(stage, v.settings()).equals(key(stage, next.settings())))) {
                    break;
                }
                if (high) {
                    tried.add(next);
                } else {
                    tried.add(0, next);
                }
                all = score(stage, tried, seen, experiment, pre, rows);
                winner = winner(stage, best, all, seen);
            }
            if (stage.supervised()) {
                best = best.withSupervised(winner.settings().supervised());
            } else {
                // a stage that tries synthesis or views with the enlargement switched on keeps what it tuned, not the switch
                ExpansionSettings.Method method = stage.name().equals(SearchStages.POOL_EXPANSION) ? winner.settings().expansion().method()
                        : best.expansion().method();
                best = winner.settings().withSupervised(best.supervised()).withExpansion(method);
            }
            for (Candidate c : all) {
                Scored s = seen.get(key(c));
                scored.add(new Scored(c, s.mean(), s.std(), c == winner));
            }
            progress.stage(String.format("%s tuning, stage '%s': kept %s (%.4f)", task, stage.name(), winner.label(),
                    seen.get(key(winner)).mean()), 0);
        }
        return new Outcome(task, part, best, scored, rows);
    }

    /** The stage's candidates, in the order tried, each scored (running only the ones not seen before). */
    private List<Candidate> score(SearchStages.Stage stage, List<SearchStages.Variant> variants, Map<String, Scored> seen, TransplantExperiment experiment,
            Pretrained pre, List<ResultRow> rows) {
        List<Candidate> all = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        for (SearchStages.Variant v : variants) {
            String key = key(stage, v.settings());
            Candidate c = new Candidate(seen.containsKey(key) ? seen.get(key).candidate().id() : String.format("%s-%02d", task.id(), seen.size() + 1),
                    stage.name(), v.label(), v.settings(), stage.supervised(), poolsOf(stage));
            if (!seen.containsKey(key)) {
                seen.put(key, new Scored(c, Double.NaN, Double.NaN, false));
                fresh.add(c);
            }
            all.add(c);
        }
        List<ResultRow> stageRows = run(experiment, pre, fresh);
        rows.addAll(stageRows);
        for (Candidate c : fresh) {
            seen.put(key(c), score(c, stageRows));
        }
        return all;
    }

    /**
     * The best candidate; the incumbent (the best settings so far, or those settings with the
     * stage's pool enlargement where the stage sets one) wins ties.
     */
    private Candidate winner(SearchStages.Stage stage, TransplantSettings best, List<Candidate> all, Map<String, Scored> seen) {
        Candidate winner = all.stream().filter(c -> key(stage, c.settings()).equals(key(stage, best))).findFirst()
                .or(() -> all.stream().filter(c -> key(stage, c.settings())
                        .equals(key(stage, best.withExpansion(c.settings().expansion().method())))).findFirst())
                .orElse(all.get(0));
        double winning = seen.get(key(winner)).mean();
        for (Candidate c : all) {
            double m = seen.get(key(c)).mean();
            if (better(m, winning)) {
                winner = c;
                winning = m;
            }
        }
        return winner;
    }

    /** What a candidate is tried for: the supervised training alone, or every distillation setting at the stage's pools. */
    private String key(SearchStages.Stage stage, TransplantSettings s) {
        return key(stage.supervised(), s, poolsOf(stage));
    }

    private static String key(Candidate c) {
        return key(c.supervised(), c.settings(), c.pools());
    }

    private static String key(boolean supervised, TransplantSettings s, List<Integer> pools) {
        return supervised ? "supervised " + s.supervised() : "distillation at " + pools + " " + s.withSupervised(s.training());
    }

    /** The pool sizes a stage's candidates run at: its own, or the search's; the budgets for supervised stages. */
    private List<Integer> poolsOf(SearchStages.Stage stage) {
        return stage.supervised() ? config.runs().annotationBudgets() : stage.pools() != null ? stage.pools() : pools;
    }

    private boolean better(double a, double b) {
        return task == Task.CLASSIFICATION ? a < b : a > b;
    }

    private List<ResultRow> run(TransplantExperiment experiment, Pretrained pre, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>();
        Map<String, TransplantMethod> variants = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.supervised()) {
                for (int k : config.runs().annotationBudgets()) {
                    conditions.add(new Condition(c.id(), k, 0));
                }
                variants.put(c.id(), TransplantMethods.create(TransplantMethods.SUPERVISED, c.settings()));
            } else {
                for (int n : c.pools()) {
                    conditions.add(new Condition(c.id(), 0, n));
                }
                // a candidate enlarges its pool as its own settings say (the expansion stages vary that)
                variants.put(c.id(), BackDistillation.enlarged(c.settings(), c.settings().expansion().method()));
            }
        }
        return experiment.run(pre, conditions, variants).stream()
                .filter(r -> variants.containsKey(r.method())).toList();
    }

    private Scored score(Candidate c, List<ResultRow> rows) {
        Map<Long, List<Double>> perSeed = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (r.method().equals(c.id()) && r.metric().equals(protocol.metric())) {
                perSeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r.value());
            }
        }
        double[] means = perSeed.values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
        double mean = java.util.Arrays.stream(means).average().orElseThrow();
        double var = java.util.Arrays.stream(means).map(m -> (m - mean) * (m - mean)).sum() / Math.max(1, means.length - 1);
        return new Scored(c, mean, Math.sqrt(var), false);
    }
}
