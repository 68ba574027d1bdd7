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
 * unless a candidate is strictly better). The supervised baseline is chosen the same way, by its
 * score at the largest annotation budget (the headline's baseline). The grids and the stages'
 * order are {@code data/tuning/plan.md}'s ({@link SearchStages}).
 */
public final class SettingsSearch {
    public static final int VALIDATION_PER_CATEGORY = 1000;
    public static final long SPLIT_SEED = 4242L;

    /**
     * One candidate: a stage of the search, a short label of what it changes, the settings, and
     * the unlabeled pool sizes (numbers of real images) it is scored at (budgets for the supervised ones).
     */
    public record Candidate(String id, String stage, String label, TransplantSettings settings, boolean supervised, List<Integer> pools,
            List<Long> seeds) {}

    /** A candidate's validation score: mean and std over seeds (of the mean over pools or budgets and categories). */
    public record Scored(Candidate candidate, double mean, double std, boolean selected) {}

    /** The selected settings, every candidate's score and runs, and each stage's wall time in seconds, of one part of the search. */
    public record Outcome(Task task, Part part, TransplantSettings selected, List<Scored> scored, List<ResultRow> rows,
            Map<String, Double> stageSeconds) {
        public Outcome(Task task, Part part, TransplantSettings selected, List<Scored> scored, List<ResultRow> rows) {
            this(task, part, selected, scored, rows, Map.of());
        }

        /** Every candidate as the tuning tables list it, in the order tried (one kept from an earlier stage appears again). */
        public List<SearchLine> lines() {
            return scored.stream().map(s -> {
                Candidate c = s.candidate();
                String settings = c.supervised() ? supervisedKey(c.settings())
                        : c.settings().withSupervised(c.settings().training()).describe().replaceFirst(", supervised.*?, pool expansion", ", pool expansion");
                return new SearchLine(c.stage(), c.id(), c.label(), SearchLine.scoredAt(c.supervised() ? "annotations" : "real unlabeled",
                        c.pools(), c.seeds()), s.mean(), s.std(), s.selected(), settings, stageSeconds.getOrDefault(c.stage(), Double.NaN));
            }).toList();
        }
    }

    /**
     * The parts of {@code tune}, in the order they run ({@code data/tuning/plan.md}); each can run
     * apart, starting its own settings afresh and taking the others from the current selection:
     * the segmentation heads' first kernel; the supervised baseline (and the scratch baseline); the
     * distillation adapter and its training; how small pools are enlarged; the LEGO baselines.
     * This class searches the three that choose transplant settings.
     */
    public enum Part {
        HEADS("-heads"), SUPERVISED("-supervised"), ADAPTER(""), EXPANSION("-expansion"), LEGO("-lego");

        /** Added to the task's id in the names of this part's files, e.g. "classification-expansion-runs.csv". */
        public final String fileSuffix;

        Part(String fileSuffix) {
            this.fileSuffix = fileSuffix;
        }

        /** The part's name on the command line: "adapter", "expansion", ... */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether this part chooses transplant settings ({@link SettingsSearch}) rather than settings of the experiment. */
        public boolean searchesTransplantSettings() {
            return this == SUPERVISED || this == ADAPTER || this == EXPANSION;
        }

        public static Part parse(String s) {
            for (Part p : values()) {
                if (p.id().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown part of the search '" + s + "'; known: "
                    + java.util.Arrays.stream(values()).map(Part::id).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** Steps of the search at most added past the edges of one stage's grid. */
    static final int MAX_EXTENSIONS = 2;

    private final ExperimentConfig config;
    private final TaskProtocol protocol;
    private final Task task;
    private final List<Integer> pools;
    private final Progress progress;
    /** Whether the part being searched enlarges the pools (the expansion part) or scores distillation on the plain pools. */
    private boolean enlarges;

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
        if (!part.searchesTransplantSettings()) {
            throw new IllegalArgumentException("the " + part.id() + " part does not choose transplant settings: see ExperimentStages");
        }
        enlarges = part == Part.EXPANSION;
        TransplantSettings best = start;
        Map<String, Scored> seen = new LinkedHashMap<>(); // a setting already scored at the same seeds is not run again
        List<Scored> scored = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (SearchStages.Stage stage : SearchStages.of(task, part)) {
            long started = System.nanoTime();
            TransplantExperiment experiment = new TransplantExperiment(config.withRuns(seedsOf(stage), config.runs().annotationBudgets(),
                    config.runs().poolSizes()), protocol, progress);
            List<SearchStages.Variant> tried = new ArrayList<>(stage.variants().apply(best));
            List<Candidate> all = score(stage, tried, seen, experiment, pre, rows);
            Candidate winner = winner(stage, best, all, seen);
            // a winner at an end of an ordered axis is checked against the next value beyond it
            for (int extended = 0; stage.beyond() != null && extended < MAX_EXTENSIONS; extended++) {
                SearchStages.Variant edge = tried.get(all.indexOf(winner));
                Boolean above = stage.beyond().edge(edge, tried);
                SearchStages.Variant next = above == null ? null : stage.beyond().next(best, edge, above);
                if (next == null || tried.stream().anyMatch(v -> key(stage, v.settings()).equals(key(stage, next.settings())))) {
                    break;
                }
                if (above) {
                    tried.add(next);
                } else {
                    tried.add(0, next);
                }
                all = score(stage, tried, seen, experiment, pre, rows);
                winner = winner(stage, best, all, seen);
            }
            if (stage.supervised()) {
                best = withSupervisedPart(best, winner.settings());
            } else {
                // a stage that tries synthesis or views with the enlargement switched on keeps what it tuned, not the switch
                ExpansionSettings.Method method = stage.name().equals(SearchStages.POOL_EXPANSION) ? winner.settings().expansion().method()
                        : best.expansion().method();
                best = withSupervisedPart(winner.settings(), best).withExpansion(method);
            }
            for (Candidate c : all) {
                Scored s = seen.get(key(c));
                scored.add(new Scored(c, s.mean(), s.std(), c == winner));
            }
            seconds.put(stage.name(), (System.nanoTime() - started) / 1e9);
            progress.stage(String.format("%s tuning, stage '%s': kept %s (%.4f)", task, stage.name(), winner.label(),
                    seen.get(key(winner)).mean()), 0);
        }
        return new Outcome(task, part, best, scored, rows, seconds);
    }

    /**
     * Where {@code part} starts: its own settings from {@code origin} (the starting point), every
     * other one from {@code current} (the selection so far), so a part's result does not depend on
     * whether it ran alone.
     */
    public static TransplantSettings startOf(Part part, TransplantSettings current, TransplantSettings origin) {
        return switch (part) {
            case SUPERVISED -> withSupervisedPart(current, origin);
            case ADAPTER -> withSupervisedPart(origin, current).withExpansion(current.expansion());
            case EXPANSION -> current.withExpansion(origin.expansion());
            default -> current;
        };
    }

    /** {@code s} with the supervised adapter's training, shape and labelled views of {@code from}. */
    static TransplantSettings withSupervisedPart(TransplantSettings s, TransplantSettings from) {
        return s.withSupervised(from.supervised()).withSupervisedAdapter(from.supervisedAdapterKernel(), from.supervisedAdapterDepth())
                .withAnnotatedViews(from.annotatedViews());
    }

    /** The seeds a stage runs: the search's, or its first one. */
    private List<Long> seedsOf(SearchStages.Stage stage) {
        List<Long> seeds = config.runs().seeds();
        return stage.firstSeedOnly() ? seeds.subList(0, 1) : seeds;
    }

    /** The stage's candidates, in the order tried, each scored (running only the ones not seen before). */
    private List<Candidate> score(SearchStages.Stage stage, List<SearchStages.Variant> variants, Map<String, Scored> seen, TransplantExperiment experiment,
            Pretrained pre, List<ResultRow> rows) {
        List<Candidate> all = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        for (SearchStages.Variant v : variants) {
            String key = key(stage, v.settings());
            Candidate c = new Candidate(seen.containsKey(key) ? seen.get(key).candidate().id() : String.format("%s-%02d", task.id(), seen.size() + 1),
                    stage.name(), v.label(), v.settings(), stage.supervised(), poolsOf(stage), seedsOf(stage));
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

    /** What a candidate is tried for, at which seeds: the supervised adapter's own settings, or every distillation setting at the stage's pools. */
    private String key(SearchStages.Stage stage, TransplantSettings s) {
        return key(stage.supervised(), s, poolsOf(stage), seedsOf(stage));
    }

    private static String key(Candidate c) {
        return key(c.supervised(), c.settings(), c.pools(), c.seeds());
    }

    private static String key(boolean supervised, TransplantSettings s, List<Integer> pools, List<Long> seeds) {
        return "seeds " + seeds + ": " + (supervised ? supervisedKey(s) : "distillation at " + pools + " " + distillationPart(s));
    }

    /** Everything the supervised adapter learns with. */
    static String supervisedKey(TransplantSettings s) {
        return "supervised " + s.supervised() + ", adapter " + s.supervisedAdapterDepth() + "x" + s.supervisedAdapterKernel() + ", " + s.annotatedViews();
    }

    /** {@code s} with the supervised adapter's own settings set to distillation's, so that they do not tell distillation candidates apart. */
    private static TransplantSettings distillationPart(TransplantSettings s) {
        return s.withSupervised(s.training()).withSupervisedAdapter(s.adapterKernel(), s.adapterDepth())
                .withAnnotatedViews(ntk.transplant.AnnotatedViews.Settings.none());
    }

    /** The pool sizes a stage's candidates run at: its own, or the search's; for supervised stages the largest budget (the headline's baseline). */
    private List<Integer> poolsOf(SearchStages.Stage stage) {
        return stage.supervised() ? List.of(config.runs().maxAnnotations()) : stage.pools() != null ? stage.pools() : pools;
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
                for (int k : c.pools()) {
                    conditions.add(new Condition(c.id(), k, 0));
                }
                variants.put(c.id(), TransplantMethods.create(TransplantMethods.SUPERVISED, c.settings()));
            } else {
                for (int n : c.pools()) {
                    conditions.add(new Condition(c.id(), 0, n));
                }
                // in the expansion part a candidate enlarges its pool as its own settings say (its stages vary that);
                // elsewhere distillation is scored on the plain pools, whatever enlargement the selection holds
                variants.put(c.id(), BackDistillation.enlarged(c.settings(), enlarges ? c.settings().expansion().method()
                        : ExpansionSettings.Method.NONE));
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
