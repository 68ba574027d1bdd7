package ntk.train;

import java.util.List;
import ntk.data.Category;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.nn.Architectures;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pre-trains a teacher for "is this image category c?" from scratch, on a class-balanced sample of
 * the training set (so logit 0 is the balanced decision threshold).
 */
public final class TeacherTraining {
    private TeacherTraining() {}

    /** {@code perClass} positives and as many negatives are drawn from {@code train}. */
    public static Teacher train(ImageSet train, Category category, int perClass, Trainer.Settings settings, long seed) {
        int[] idx = Samples.annotated(train, category, 2 * perClass, seed);
        return train(category, train.images(idx), train.isCategory(idx, category), settings, seed);
    }

    /** Trains f_c and a head from scratch on the given images and 0/1 labels. */
    public static Teacher train(Category category, INDArray images, INDArray labels, Trainer.Settings settings, long seed) {
        ModuleSpec fSpec = Architectures.categoryModule();
        ModuleSpec hSpec = Architectures.classificationHead(fSpec.output(), ModuleSpec.Role.TEACHER_HEAD);
        Module f0 = Module.initialised(fSpec, Module.Init.HE, seed, DataType.FLOAT);
        Module h0 = Module.initialised(hSpec, Module.Init.HE, seed + 1, DataType.FLOAT);

        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, fSpec.input().withBatch(-1));
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        ModuleGraph f = ModuleGraph.trainable(sd, "f", f0);
        ModuleGraph h = ModuleGraph.trainable(sd, "head", h0);
        SDVariable logits = h.apply(f.apply(x).output()).output();
        Losses.binaryCrossEntropy(sd, "loss", logits, y);
        BatchSampler batches = new BatchSampler(settings.batchSize(), seed + 2, images, labels);
        Trainer.fit(sd, "loss", List.of("x", "y"), settings, batches::next);
        return new Teacher(category, f.read(), h.read());
    }
}
