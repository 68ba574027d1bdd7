package ntk.train;

import java.util.List;
import ntk.data.Category;
import ntk.data.Examples;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pre-trains teachers: a whole network (f_c and a head) from scratch for one task, or one more
 * head on an existing, frozen f_c, so that both of a teacher's heads read the same category module.
 */
public final class TeacherTraining {
    private TeacherTraining() {}

    /**
     * A classification teacher on a class-balanced sample of {@code train}: {@code perClass}
     * positives and as many negatives (so logit 0 is the balanced decision threshold).
     */
    public static Teacher train(ImageSet train, Category category, int perClass, Trainer.Settings settings, long seed) {
        int[] idx = Samples.annotated(train, category, 2 * perClass, seed);
        return train(Task.CLASSIFICATION, category, new Examples(train.images(idx), train.isCategory(idx, category)), settings, seed);
    }

    /** Trains f_c and a {@code task} head from scratch on the given examples. */
    public static Teacher train(Task task, Category category, Examples examples, Trainer.Settings settings, long seed) {
        Shape input = Shape.image((int) examples.inputs().size(1), (int) examples.inputs().size(2), (int) examples.inputs().size(3));
        ModuleSpec fSpec = Architectures.categoryModule(task.item(input));
        Module f0 = Module.initialised(fSpec, Module.Init.HE, seed, DataType.FLOAT).withInput(input);
        ModuleSpec hSpec = task.head(f0.spec().output(), ModuleSpec.Role.TEACHER_HEAD);
        Module h0 = Module.initialised(hSpec, Module.Init.HE, seed + 1, DataType.FLOAT);

        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, input.withBatch(-1));
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, task.output(task.item(input)).withBatch(-1));
        ModuleGraph f = ModuleGraph.trainable(sd, "f", f0);
        ModuleGraph h = ModuleGraph.trainable(sd, "head", h0);
        SDVariable logits = h.apply(f.apply(x).output()).output();
        Losses.binaryCrossEntropy(sd, "loss", logits, y);
        BatchSampler batches = new BatchSampler(settings.batchSize(), seed + 2, examples.inputs(), examples.labels());
        Trainer.fit(sd, "loss", List.of("x", "y"), settings, batches::next);
        return new Teacher(category, f.read().withInput(fSpec.input()), java.util.Map.of(task, h.read()));
    }

    /** A {@code task} head for {@code features} (frozen; its outputs are computed once) from the given examples. */
    public static Module trainHead(Task task, Module features, Examples examples, Trainer.Settings settings, long seed) {
        return trainHead(task, Heads.SEGMENTATION_KERNEL, features, examples, settings, seed);
    }

    /** The same, a segmentation head's first convolution {@code segmentationKernel} wide ({@link Heads}). */
    public static Module trainHead(Task task, int segmentationKernel, Module features, Examples examples, Trainer.Settings settings, long seed) {
        Module f = features.withInput(task.input(features.spec().input()));
        INDArray z = new ForwardPass(f).apply(examples.inputs());
        ModuleSpec hSpec = Heads.of(task, f.spec().output(), ModuleSpec.Role.TEACHER_HEAD, segmentationKernel);
        SameDiff sd = SameDiff.create();
        SDVariable zIn = sd.placeHolder("z", DataType.FLOAT, hSpec.input().withBatch(-1));
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, task.output(features.spec().input()).withBatch(-1));
        ModuleGraph h = ModuleGraph.trainable(sd, "head", Module.initialised(hSpec, Module.Init.HE, seed, DataType.FLOAT));
        Losses.binaryCrossEntropy(sd, "loss", h.apply(zIn).output(), y);
        BatchSampler batches = new BatchSampler(settings.batchSize(), seed + 2, z, examples.labels());
        Trainer.fit(sd, "loss", List.of("z", "y"), settings, batches::next);
        return h.read();
    }
}
