package ntk.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.protocol.TaskProtocol;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TeacherSynthesis;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings.Target;
import ntk.transplant.TransplantSettings;

/**
 * How the kit chooses its transplant settings without the new categories' labels or test data.
 * Two base categories are held out as <em>pseudo-new</em> ones ({@link #PSEUDO_NEW}); the other
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
    /** The base categories held out as pseudo-new (those of them that are base categories): one garment, one item unlike the rest. */
    public static final List<Category> PSEUDO_NEW = List.of(Category.PULLOVER, Category.BAG);
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
    public SettingsSearch(Task task, ExperimentConfig config, FashionMnist data, List<Integer> pools, Progress progress) {
        this.config = config;
        this.task = task;
        this.protocol = TaskProtocol.of(task, config, data);
        this.pools = List.copyOf(pools);
        this.progress = progress;
    }

    /** The main config turned into the tuning one: pseudo-new categories out of the base set, tuning seeds. */
    public static ExperimentConfig config(ExperimentConfig main, List<Long> seeds, Map<Task, TransplantSettings> start) {
        List<Category> pseudoNew = PSEUDO_NEW.stream().filter(main.categories().base()::contains).toList();
        List<Category> base = main.categories().base().stream().filter(c -> !PSEUDO_NEW.contains(c)).toList();
        if (pseudoNew.isEmpty() || base.isEmpty()) {
            throw new IllegalArgumentException("tuning holds out " + PSEUDO_NEW + " of the base categories " + main.categories().base()
                    + " and needs at least one of them and one other base category");
        }
        ExperimentConfig c = main.withCategories("tune-" + main.name(), base, pseudoNew)
                .withRuns(seeds, main.runs().annotationBudgets(), main.runs().poolSizes());
        for (var e : start.entrySet()) {
            c = c.withTransplant(e.getKey(), e.getValue());
        }
        return c;
    }

    /** The training images of the main config's base categories, split into fitting and validation parts. */
    public static FashionMnist data(FashionMnist full, ExperimentConfig main) {
        return full.validationSplit(main.categories().base(), VALIDATION_PER_CATEGORY, SPLIT_SEED);
    }

    /** The stages of {@code part} of {@code task}'s search, in order. */
    static List<Stage> stages(Task task, Part part) {
        return part == Part.ADAPTER ? adapterStages(task) : expansionStages(task);
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
        for (Stage stage : stages(task, part)) {
            List<Variant> tried = new ArrayList<>(stage.variants().apply(best));
            List<Candidate> all = score(stage, tried, seen, experiment, pre, rows);
            Candidate winner = winner(stage, best, all, seen);
            // a winner at an end of an ordered axis is checked against the next value beyond it
            for (int extended = 0; stage.beyond() != null && extended < MAX_EXTENSIONS; extended++) {
                int at = all.indexOf(winner);
                boolean low = at == 0;
                boolean high = at == all.size() - 1;
                Variant next = low || high ? stage.beyond().next(best, tried.get(at), high) : null;
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
                ExpansionSettings.Method method = stage.name().equals(POOL_EXPANSION) ? winner.settings().expansion().method()
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
    private List<Candidate> score(Stage stage, List<Variant> variants, Map<String, Scored> seen, TransplantExperiment experiment,
            Pretrained pre, List<ResultRow> rows) {
        List<Candidate> all = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        for (Variant v : variants) {
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
    private Candidate winner(Stage stage, TransplantSettings best, List<Candidate> all, Map<String, Scored> seen) {
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
    private String key(Stage stage, TransplantSettings s) {
        return key(stage.supervised(), s, poolsOf(stage));
    }

    private static String key(Candidate c) {
        return key(c.supervised(), c.settings(), c.pools());
    }

    private static String key(boolean supervised, TransplantSettings s, List<Integer> pools) {
        return supervised ? "supervised " + s.supervised() : "distillation at " + pools + " " + s.withSupervised(s.training());
    }

    /** The pool sizes a stage's candidates run at: its own, or the search's; the budgets for supervised stages. */
    private List<Integer> poolsOf(Stage stage) {
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
