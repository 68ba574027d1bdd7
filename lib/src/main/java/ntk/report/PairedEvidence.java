package ntk.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import ntk.protocol.Condition;
import ntk.transplant.TransplantMethods;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Paired evidence for each headline comparison of a task: every zero-annotation transplant
 * condition against the supervised adapter on the largest annotation budget, paired by category
 * and seed, so a reader sees how many pairs a condition wins, how sure the mean difference is, and
 * whether one category carries it — which a mean over categories ± std over seeds hides.
 *
 * <ul>
 *   <li><b>difference</b>: transplant − baseline in the task's metric; a <b>win</b> is a pair where
 *       the transplant is better in the metric's direction (lower balanced error, higher IoU), a
 *       <b>tie</b> one with equal scores.</li>
 *   <li><b>interval</b>: 95 % percentile bootstrap of the mean difference, {@value #RESAMPLES}
 *       resamples of the pairs with replacement, each comparison from a {@link SplittableRandom}
 *       seeded with {@value #BOOTSTRAP_SEED} (so a rerun gives the same bits, whatever else is
 *       compared); its ends are the 250th and 9,750th of the sorted resampled means.</li>
 *   <li><b>sign test</b>: exact two-sided binomial p-value of the wins among the pairs that are not
 *       ties (ties are counted and left out), p = min(1, 2 P(X ≤ min(wins, losses))), X ~ B(n, ½).</li>
 *   <li><b>carried by</b>: a category's share of the margin is the sum of its differences over the
 *       sum of all; the category with the largest share is named when that share is over one half
 *       (it alone accounts for most of the mean difference, whichever way that goes).</li>
 * </ul>
 */
public final class PairedEvidence {
    public static final int RESAMPLES = 10_000;
    /** The paper's arXiv number; any fixed number would do. */
    public static final long BOOTSTRAP_SEED = 190106978L;
    /** A category carries the margin when its share of it is over this. */
    public static final double CARRIES = 0.5;

    private PairedEvidence() {}

    /** One category and seed: the transplant's and the baseline's score. */
    public record Pair(String category, long seed, double transplant, double baseline) {
        public double difference() {
            return transplant - baseline;
        }
    }

    /** One category of a comparison: its mean difference over seeds, its wins, and its share of the margin. */
    public record PerCategory(String category, int seeds, double meanDifference, int wins, int losses, int ties, double share) {}

    /** One condition against the baseline. {@code carriedBy} is null when no category carries the margin. */
    public record Comparison(String metric, String method, int annotations, int unlabeled, int baselineAnnotations, List<Pair> pairs,
            double transplantMean, double baselineMean, double meanDifference, double low, double high, int wins, int losses, int ties,
            double signTestP, List<PerCategory> categories, String carriedBy) {
        public Condition condition() {
            return new Condition(method, annotations, unlabeled);
        }

        /** The category with the largest share of the margin (null when the differences sum to 0). */
        public PerCategory largest() {
            return largestShare(categories);
        }
    }

    /** Every headline comparison of one task's runs (comparison.csv), in the order the README lists the conditions. */
    public static List<Comparison> of(Table runs, String metric) {
        Table scored = runs.where(runs.stringColumn("metric").isEqualTo(metric));
        int budget = baselineBudget(scored);
        List<Comparison> out = new ArrayList<>();
        paired(scored, budget).forEach((c, pairs) -> out.add(compare(metric, c, budget, pairs)));
        return out;
    }

    /**
     * The headline comparisons over pre-training draws ({@code spread}'s rows, whose seed column is
     * the draw): per draw the difference of the means over categories and seeds, and their mean.
     * No interval: a handful of draws is too few to resample.
     */
    public static List<OverDraws> overDraws(Table runs, String metric) {
        Table scored = runs.where(runs.stringColumn("metric").isEqualTo(metric));
        int budget = baselineBudget(scored);
        double sign = ContinualMetrics.betterSign(metric);
        List<OverDraws> out = new ArrayList<>();
        paired(scored, budget).forEach((c, pairs) -> {
            Map<Long, List<Pair>> byDraw = new TreeMap<>();
            pairs.forEach(p -> byDraw.computeIfAbsent(p.seed(), k -> new ArrayList<>()).add(p));
            Map<Long, Double> perDraw = new LinkedHashMap<>();
            byDraw.forEach((draw, ps) -> perDraw.put(draw, ps.stream().mapToDouble(Pair::difference).average().orElseThrow()));
            int[] o = new int[3];
            perDraw.values().forEach(v -> o[sign * v > 0 ? 0 : sign * v < 0 ? 1 : 2]++);
            out.add(new OverDraws(metric, c.method(), c.annotations(), c.unlabeled(), budget, perDraw,
                    perDraw.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), o[0], o[1], o[2]));
        });
        return out;
    }

    /** One condition against the baseline over pre-training draws: per draw the mean difference, their mean, and the draws won. */
    public record OverDraws(String metric, String method, int annotations, int unlabeled, int baselineAnnotations, Map<Long, Double> perDraw,
            double meanDifference, int wins, int losses, int ties) {
        public Condition condition() {
            return new Condition(method, annotations, unlabeled);
        }
    }

    /** Each headline condition's pairs with the baseline, by category and seed (only those both sides ran). */
    private static Map<Condition, List<Pair>> paired(Table scored, int budget) {
        Map<List<Object>, Double> baseline = scores(scored, TransplantMethods.SUPERVISED, budget, 0);
        Map<Condition, List<Pair>> out = new LinkedHashMap<>();
        for (Condition c : headlineConditions(scored)) {
            List<Pair> pairs = new ArrayList<>();
            scores(scored, c.method(), c.annotations(), c.unlabeled()).forEach((key, v) -> {
                Double b = baseline.get(key);
                if (b != null) {
                    pairs.add(new Pair((String) key.get(0), (Long) key.get(1), v, b));
                }
            });
            if (!pairs.isEmpty()) {
                out.put(c, pairs);
            }
        }
        return out;
    }

    /** The baseline's budget: the supervised adapter's largest number of annotations in the runs. */
    static int baselineBudget(Table scored) {
        Table supervised = scored.where(scored.stringColumn("method").isEqualTo(TransplantMethods.SUPERVISED));
        if (supervised.rowCount() == 0) {
            throw new IllegalArgumentException("no supervised-adapter rows to compare with: the paired evidence needs the "
                    + TransplantMethods.SUPERVISED + " baseline");
        }
        return (int) supervised.intColumn("annotations").max();
    }

    /** The zero-annotation transplant conditions (no reference row, no supervised adapter), by method then pool. */
    static List<Condition> headlineConditions(Table scored) {
        List<String> order = List.of(TransplantMethods.FORWARD, TransplantMethods.BACK, TransplantMethods.BACK_VIEWS,
                TransplantMethods.BACK_VIEWS_SYNTHESIS);
        List<Condition> out = new ArrayList<>();
        for (Row r : scored) {
            Condition c = new Condition(r.getString("method"), r.getInt("annotations"), r.getInt("unlabeled"));
            if (c.annotations() == 0 && !Condition.REFERENCES.contains(c.method()) && !c.method().equals(TransplantMethods.SUPERVISED)
                    && !out.contains(c)) {
                out.add(c);
            }
        }
        out.sort(Comparator.<Condition>comparingInt(c -> order.contains(c.method()) ? order.indexOf(c.method()) : order.size())
                .thenComparing(Condition::method).thenComparingInt(Condition::unlabeled));
        return out;
    }

    /** (category, seed) to score of one condition, categories in the order they first appear, then seeds. */
    private static Map<List<Object>, Double> scores(Table scored, String method, int annotations, int unlabeled) {
        Map<String, Integer> order = Results.categoryOrder(scored);
        Map<List<Object>, Double> out = new TreeMap<>(Comparator.<List<Object>>comparingInt(k -> order.get((String) k.get(0)))
                .thenComparingLong(k -> (Long) k.get(1)));
        for (Row r : scored) {
            if (r.getString("method").equals(method) && r.getInt("annotations") == annotations && r.getInt("unlabeled") == unlabeled) {
                if (out.put(List.of(r.getString("category"), r.getLong("seed")), r.getDouble("value")) != null) {
                    throw new IllegalArgumentException("two rows for " + method + ", " + annotations + " annotations, " + unlabeled
                            + " unlabeled, " + r.getString("category") + ", seed " + r.getLong("seed"));
                }
            }
        }
        return out;
    }


    static Comparison compare(String metric, Condition c, int budget, List<Pair> pairs) {
        double sign = ContinualMetrics.betterSign(metric);
        double[] d = pairs.stream().mapToDouble(Pair::difference).toArray();
        int[] outcome = outcomes(pairs, sign);
        double[] interval = bootstrap(d, RESAMPLES, BOOTSTRAP_SEED);
        Map<String, List<Pair>> byCategory = new LinkedHashMap<>();
        pairs.forEach(p -> byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p));
        double total = Arrays.stream(d).sum();
        List<PerCategory> categories = new ArrayList<>();
        for (Map.Entry<String, List<Pair>> e : byCategory.entrySet()) {
            double sum = e.getValue().stream().mapToDouble(Pair::difference).sum();
            int[] o = outcomes(e.getValue(), sign);
            categories.add(new PerCategory(e.getKey(), e.getValue().size(), sum / e.getValue().size(), o[0], o[1], o[2],
                    total == 0 ? Double.NaN : sum / total));
        }
        PerCategory largest = largestShare(categories);
        String carriedBy = largest == null || largest.share() <= CARRIES ? null : largest.category();
        return new Comparison(metric, c.method(), c.annotations(), c.unlabeled(), budget, List.copyOf(pairs),
                pairs.stream().mapToDouble(Pair::transplant).average().orElseThrow(),
                pairs.stream().mapToDouble(Pair::baseline).average().orElseThrow(), total / d.length, interval[0], interval[1],
                outcome[0], outcome[1], outcome[2], signTestP(outcome[0], outcome[1]), List.copyOf(categories), carriedBy);
    }

    private static PerCategory largestShare(List<PerCategory> categories) {
        return categories.stream().filter(p -> !Double.isNaN(p.share())).max(Comparator.comparingDouble(PerCategory::share)).orElse(null);
    }

    /** Wins, losses and ties of the transplant; {@code sign} is +1 where higher scores are better. */
    private static int[] outcomes(List<Pair> pairs, double sign) {
        int[] o = new int[3];
        for (Pair p : pairs) {
            double better = sign * p.difference();
            o[better > 0 ? 0 : better < 0 ? 1 : 2]++;
        }
        return o;
    }

    /** Exact two-sided sign test: min(1, 2 P(X ≤ min(wins, losses))) for X ~ B(wins + losses, ½); 1 when there is no pair. */
    public static double signTestP(int wins, int losses) {
        int n = wins + losses;
        int k = Math.min(wins, losses);
        BigInteger tail = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE; // C(n, i), exact, so large n loses nothing
        for (int i = 0; i <= k; i++) {
            tail = tail.add(choose);
            choose = choose.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        double p = new BigDecimal(tail.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL64).doubleValue();
        return Math.min(1.0, p);
    }

    /** The 95 % percentile bootstrap interval of the mean of {@code d}: {low, high}. */
    public static double[] bootstrap(double[] d, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                sum += d[random.nextInt(d.length)];
            }
            means[b] = sum / d.length;
        }
        Arrays.sort(means);
        return new double[] {means[(int) Math.ceil(0.025 * resamples) - 1], means[(int) Math.ceil(0.975 * resamples) - 1]};
    }
}
