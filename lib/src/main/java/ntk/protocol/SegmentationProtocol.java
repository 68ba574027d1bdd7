package ntk.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.Examples;
import ntk.data.Scenes;
import ntk.generic.Task;
import ntk.train.Trainer;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantMethods;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Segmentation: "which pixels of this 56×56 scene belong to the category-c item?", on scenes
 * built from Fashion-MNIST items (see {@link Scenes}): every scene holds one item of c and two
 * distractors. Training scenes come from the training images, test scenes from the test images.
 * Scored by mean IoU (the table's metric) and pixel accuracy.
 */
public final class SegmentationProtocol implements TaskProtocol {
    public static final String IOU = "iou";
    public static final String PIXEL_ACCURACY = "pixel_accuracy";
    /** Test scenes are the same for every run: a fixed seed, apart from every training seed. */
    private static final long TEST_SEED = 777_777L;

    private final ExperimentConfig config;
    private final ExperimentConfig.SegmentationSettings settings;
    private final DatasetImages data;

    public SegmentationProtocol(ExperimentConfig config, DatasetImages data) {
        this.config = config;
        this.settings = config.segmentation();
        this.data = data;
    }

    @Override
    public Task task() {
        return Task.SEGMENTATION;
    }

    @Override
    public Map<String, Double> score(INDArray logits, INDArray labels) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(IOU, Metrics.meanIoU(logits, labels));
        m.put(PIXEL_ACCURACY, Metrics.pixelAccuracy(logits, labels));
        return m;
    }

    @Override
    public Examples taskModuleData(Category c, long seed) {
        return Scenes.generate(data.train(), c, settings.taskScenes(), seed);
    }

    @Override
    public Examples annotated(Category c, int max, long seed) {
        return Scenes.generate(data.train(), c, max, seed);
    }

    @Override
    public INDArray unlabeled(Category c, int max, long seed) {
        return Scenes.generate(data.train(), c, max, seed).inputs();
    }

    @Override
    public Examples test(Category c) {
        return Scenes.generate(data.test(), c, settings.testScenes(), TEST_SEED + c.label());
    }

    @Override
    public List<Condition> conditions() {
        List<Condition> out = ConditionPlan.core(config, settings.backWithLabels(), settings.scratchBaseline());
        String best = config.transplant(Task.SEGMENTATION).expansion().method() == ExpansionSettings.Method.VIEWS_THEN_SYNTHESIS
                ? TransplantMethods.BACK_VIEWS_SYNTHESIS : TransplantMethods.BACK_VIEWS;
        out.addAll(ConditionPlan.expansion(config.expansion().segmentationPools(), List.of(best)));
        return out;
    }

    @Override
    public Trainer.Settings taskTraining() {
        return settings.taskTraining();
    }

    @Override
    public Trainer.Settings scratchTraining() {
        return settings.scratchTraining();
    }
}
