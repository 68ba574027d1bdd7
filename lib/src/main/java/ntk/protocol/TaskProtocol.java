package ntk.protocol;

import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.Examples;
import ntk.generic.Task;
import ntk.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the comparison needs to know about one task: where its examples come from, how its
 * predictions are scored, and its training settings. Everything else — pre-training, the
 * transplant methods, the runs, the tables and plots — is the same for every task.
 *
 * <p>Annotated examples and unlabeled pools are nested per seed: the first 10 of the 100 are the 10.
 */
public interface TaskProtocol {
    Task task();

    /** The metric the tables and plots show, e.g. "balanced_error". */
    default String metric() {
        return metricOf(task());
    }

    /** The metric the tables and plots of {@code task} show. */
    static String metricOf(Task task) {
        return switch (task) {
            case CLASSIFICATION -> ClassificationProtocol.METRIC;
            case SEGMENTATION -> SegmentationProtocol.IOU;
        };
    }

    /** Axis title for the metric of {@code task}. */
    static String labelOf(Task task) {
        return switch (task) {
            case CLASSIFICATION -> "balanced error (test set; lower is better)";
            case SEGMENTATION -> "mean IoU (test scenes; higher is better)";
        };
    }

    /** Every metric of the predictions {@code logits} against {@code labels}, {@link #metric()} first. */
    Map<String, Double> score(INDArray logits, INDArray labels);

    /** Labelled examples of a base category for training the shared task module. */
    Examples taskModuleData(Category c, long seed);

    /** {@code max} annotated examples for transplanting {@code c}, nested over budgets. */
    Examples annotated(Category c, int max, long seed);

    /** {@code max} unlabeled inputs for transplanting {@code c}, nested over pool sizes. */
    INDArray unlabeled(Category c, int max, long seed);

    /** The test examples every method of category {@code c} is scored on. */
    Examples test(Category c);

    /** The conditions run per new category and seed. */
    List<Condition> conditions();

    Trainer.Settings taskTraining();

    /** Training of the "whole network from scratch" baseline. */
    Trainer.Settings scratchTraining();

    /** The protocol of {@code task} under {@code config}. */
    static TaskProtocol of(Task task, ExperimentConfig config, ntk.data.DatasetImages data) {
        return switch (task) {
            case CLASSIFICATION -> new ClassificationProtocol(config, data);
            case SEGMENTATION -> new SegmentationProtocol(config, data);
        };
    }
}
