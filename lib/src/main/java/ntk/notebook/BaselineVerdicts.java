package ntk.notebook;

import java.util.List;
import java.util.Locale;
import ntk.transplant.TransplantMethods;
import tech.tablesaw.api.Table;

/**
 * The comparison's question asked of one run: does a zero-annotation method beat the supervised
 * adapter on the most labels? A one-seed difference is only called a win or a loss when it is
 * larger than twice the seed-to-seed spread of the difference the main job measured; smaller ones
 * are reported as within the noise.
 */
public final class BaselineVerdicts {
    private BaselineVerdicts() {}

    /** How one difference reads against the noise. */
    public enum Verdict {
        BEATS("beats the baseline"), WITHIN_NOISE("within the seed-to-seed noise"), LOSES("does not beat it"),
        NO_SPREAD_KNOWN_BEATS("beats the baseline (one seed, spread unknown)"),
        NO_SPREAD_KNOWN_LOSES("does not beat it (one seed, spread unknown)");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /**
     * {@code gain}: how much better the method is than the baseline (positive = better, in the
     * metric's units); {@code spread}: the std of that difference between seeds (NaN if unknown).
     */
    public static Verdict verdict(double gain, double spread) {
        if (Double.isNaN(spread)) {
            return gain > 0 ? Verdict.NO_SPREAD_KNOWN_BEATS : Verdict.NO_SPREAD_KNOWN_LOSES;
        }
        if (Math.abs(gain) <= 2 * spread) {
            return Verdict.WITHIN_NOISE;
        }
        return gain > 0 ? Verdict.BEATS : Verdict.LOSES;
    }

    /**
     * One line per zero-annotation method and pool size: its score, the baseline's, the gain and
     * the noise it is read against. {@code averaged} is {@code Results.averaged} of the run over
     * {@code categories}; lower is better when {@code lowerIsBetter} (error), else higher (IoU).
     */
    public static String report(Table averaged, List<String> categories, boolean lowerIsBetter, int baselineAnnotations,
            List<String> methods, List<Integer> pools, SeedSpread spread) {
        double baseline = mean(averaged, TransplantMethods.SUPERVISED, baselineAnnotations, 0);
        double baselineSpread = spread.ofMean(TransplantMethods.SUPERVISED, baselineAnnotations, 0, categories);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "supervised adapter, %d labels: %.3f%n", baselineAnnotations, baseline));
        for (String m : methods) {
            for (int n : pools) {
                double e = mean(averaged, m, 0, n);
                if (Double.isNaN(e)) {
                    continue;
                }
                double gain = lowerIsBetter ? baseline - e : e - baseline;
                double s = Math.hypot(spread.ofMean(m, 0, n, categories), baselineSpread);
                b.append(String.format(Locale.ROOT, "  %-22s 0 labels, %4d unlabeled: %.3f  gain %+.3f, noise ±%s  -> %s%n", m, n, e, gain,
                        Double.isNaN(s) ? "?" : String.format(Locale.ROOT, "%.3f", s), verdict(gain, s)));
            }
        }
        return b.toString();
    }

    private static double mean(Table averaged, String method, int annotations, int unlabeled) {
        Table row = averaged.where(averaged.stringColumn("method").isEqualTo(method)
                .and(averaged.intColumn("annotations").isEqualTo(annotations))
                .and(averaged.intColumn("unlabeled").isEqualTo(unlabeled)));
        return row.rowCount() == 1 ? row.doubleColumn("mean").get(0) : Double.NaN;
    }
}
