package ntk.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a shared task module g_t jointly over the base categories: each base
 * category's frozen f_c features pass through its own trainable adapter into the one trainable g,
 * and the loss is the mean of the categories' cross-entropies.
 */
public final class TaskModuleTraining {
    private TaskModuleTraining() {}

    /** Cached features z = f_c(x) and 0/1 labels (per image or per pixel) of one base category. */
    public record CategoryData(Category category, INDArray features, INDArray labels) {}

    /** The trained shared task module and the base categories' adapters. */
    public record Result(Module taskModule, Map<Category, Module> adapters) {}

    /** A fresh task module (He-initialised) trained with one fresh adapter per category. */
    public static Result train(Task task, List<CategoryData> data, ModuleSpec adapterSpec, Trainer.Settings settings, long seed) {
        return train(task, Heads.SEGMENTATION_KERNEL, data, adapterSpec, settings, seed);
    }

    /** The same, a segmentation module's first convolution {@code segmentationKernel} wide ({@link Heads}). */
    public static Result train(Task task, int segmentationKernel, List<CategoryData> data, ModuleSpec adapterSpec, Trainer.Settings settings,
            long seed) {
        Shape features = adapterSpec.output();
        return train(Module.initialised(Heads.of(task, features, ModuleSpec.Role.TASK, segmentationKernel), Module.Init.HE, seed, DataType.FLOAT),
                data, adapterSpec, settings, seed);
    }

    /**
     * Continues training an existing task module {@code start} (a copy; {@code start} itself is
     * immutable) together with fresh adapters for {@code data}'s categories — the "fine-tune the
     * shared module on the new category" baseline, which changes g_t for every category using it.
     */
    public static Result train(Module start, List<CategoryData> data, ModuleSpec adapterSpec, Trainer.Settings settings, long seed) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("the task module needs at least one category to train on");
        }
        SameDiff sd = SameDiff.create();
        ModuleGraph g = ModuleGraph.trainable(sd, "task", start);
        long[] labelShape = start.spec().output().withBatch(-1);
        Map<Category, ModuleGraph> adapters = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        List<BatchSampler> samplers = new ArrayList<>();
        SDVariable total = null;
        for (CategoryData d : data) {
            String c = d.category().id().replace('-', '_');
            SDVariable z = sd.placeHolder("z_" + c, DataType.FLOAT, adapterSpec.input().withBatch(-1));
            SDVariable y = sd.placeHolder("y_" + c, DataType.FLOAT, labelShape);
            ModuleGraph h = ModuleGraph.trainable(sd, "adapter_" + c, Module.initialised(adapterSpec, Module.Init.IDENTITY, seed, DataType.FLOAT));
            adapters.put(d.category(), h);
            SDVariable logits = g.apply(h.apply(z).output()).output();
            SDVariable l = Losses.binaryCrossEntropy(sd, "loss_" + c, logits, y);
            total = total == null ? l : total.add(l);
            placeholders.add(z.name());
            placeholders.add(y.name());
            samplers.add(new BatchSampler(settings.batchSize(), seed + samplers.size() + 1, d.features(), d.labels()));
        }
        total.div(data.size()).rename("loss");
        Trainer.fit(sd, "loss", placeholders, settings, () -> {
            List<INDArray> batch = new ArrayList<>();
            for (BatchSampler s : samplers) {
                batch.addAll(List.of(s.next()));
            }
            return batch.toArray(INDArray[]::new);
        });
        Map<Category, Module> trained = new LinkedHashMap<>();
        adapters.forEach((c, h) -> trained.put(c, h.read()));
        return new Result(g.read(), trained);
    }
}
