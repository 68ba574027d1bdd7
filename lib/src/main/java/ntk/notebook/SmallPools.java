package ntk.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ntk.backend.Workers;
import ntk.data.Category;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.generic.Task;
import ntk.train.Teacher;
import ntk.transplant.TeacherSynthesis;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small unlabeled pools for the notebooks: how often a pool drawn at the natural class ratio
 * misses a category altogether, and teacher synthesis run the way the kit runs it.
 */
public final class SmallPools {
    private SmallPools() {}

    /** How many images of {@code category} the pool {@code idx} of {@code set} holds. */
    public static int positives(ImageSet set, int[] idx, Category category) {
        int n = 0;
        for (int i : idx) {
            if (set.label(i) == category.label()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The share of {@code trials} unlabeled pools of {@code n} images (seeds 1 … trials, drawn as
     * the experiments draw them) that hold no image of {@code category}.
     */
    public static double shareWithoutPositive(ImageSet set, Category category, int n, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        int empty = 0;
        for (int seed = 1; seed <= trials; seed++) {
            if (positives(set, Samples.unlabeledPool(set, n, seed), category) == 0) {
                empty++;
            }
        }
        return (double) empty / trials;
    }

    /**
     * {@link TeacherSynthesis#synthesise} on one worker thread with single-threaded natives: its
     * many small steps run about 20 times slower under OpenMP's threads on a busy 2-core machine.
     */
    public static TeacherSynthesis.Synthesis synthesise(TeacherSynthesis synthesis, INDArray realImages, Teacher teacher,
            Task task, long seed) {
        return Workers.map(List.of(seed), s -> synthesis.synthesise(realImages, teacher, task, s)).get(0);
    }

    /** One caption per row of classification outputs [n, 1]: the logit with its sign, e.g. "+3.9". */
    public static List<String> logits(INDArray outputs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs.size(0); i++) {
            out.add(String.format(Locale.ROOT, "%+.1f", outputs.getDouble(i, 0)));
        }
        return out;
    }
}
