package ntk.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.Examples;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.generic.Task;
import ntk.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classification: "is this image category c?" on single Fashion-MNIST items, scored by balanced
 * error on the whole test set. Annotated samples are balanced (half positives); unlabeled pools
 * are drawn at the natural class ratio (one image in ten is positive).
 */
public final class ClassificationProtocol implements TaskProtocol {
    public static final String METRIC = "balanced_error";

    private final ExperimentConfig config;
    private final DatasetImages data;
    private INDArray testImages;

    public ClassificationProtocol(ExperimentConfig config, DatasetImages data) {
        this.config = config;
        this.data = data;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public Map<String, Double> score(INDArray logits, INDArray labels) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(METRIC, Metrics.balancedError(logits, labels));
        return m;
    }

    @Override
    public Examples taskModuleData(Category c, long seed) {
        ImageSet train = data.train();
        int[] idx = Samples.annotated(train, c, 2 * config.pretraining().taskPerClass(), seed);
        return new Examples(train.images(idx), train.isCategory(idx, c));
    }

    @Override
    public Examples annotated(Category c, int max, long seed) {
        ImageSet train = data.train();
        int[] idx = nestedAnnotated(train, c, max, seed);
        return new Examples(train.images(idx), train.isCategory(idx, c));
    }

    @Override
    public INDArray unlabeled(Category c, int max, long seed) {
        return data.train().images(Samples.unlabeledPool(data.train(), max, seed));
    }

    @Override
    public synchronized Examples test(Category c) {
        ImageSet test = data.test();
        if (testImages == null) {
            testImages = test.images(test.all()); // the same 10,000 images for every category
        }
        return new Examples(testImages, test.isCategory(test.all(), c));
    }

    @Override
    public List<Condition> conditions() {
        return ConditionPlan.classification(config);
    }

    @Override
    public Trainer.Settings taskTraining() {
        return config.pretraining().taskTraining();
    }

    @Override
    public Trainer.Settings scratchTraining() {
        return config.runs().scratchTraining();
    }

    /** Annotated indices whose first k hold k/2 positives and k − k/2 negatives, for every even k. */
    static int[] nestedAnnotated(ImageSet set, Category c, int max, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] pos = Samples.draw(set.indices(c, true), max / 2 + 1, rng);
        int[] neg = Samples.draw(set.indices(c, false), max - max / 2, rng);
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = i % 2 == 0 ? pos[i / 2] : neg[i / 2];
        }
        return out;
    }
}
