package ntk.run;

import java.util.List;

/**
 * One candidate of one stage as the tuning tables list it: what it changes, what it was scored
 * at (pools or budget, seeds), its validation score (mean and std over seeds), whether its stage
 * kept it, its settings in words, and the wall time of its whole stage in seconds.
 */
public record SearchLine(String stage, String candidate, String changes, String scoredAt, double mean, double std, boolean kept,
        String settings, double stageSeconds) {

    /** "real unlabeled 10/100, seeds 1/2", "annotations 100, seed 1". */
    public static String scoredAt(String what, List<Integer> sizes, List<Long> seeds) {
        return what + " " + join(sizes) + ", " + (seeds.size() == 1 ? "seed " : "seeds ") + join(seeds);
    }

    private static String join(List<? extends Number> xs) {
        return String.join("/", xs.stream().map(String::valueOf).toList());
    }
}
