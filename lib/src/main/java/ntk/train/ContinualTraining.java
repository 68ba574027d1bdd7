package ntk.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fine-tunes a shared task module g_t on a new category (with a fresh adapter, as
 * {@link TaskModuleTraining#train(Module, List, ModuleSpec, Trainer.Settings, long)} does) while
 * extra loss terms hold on to earlier categories: the continual-learning baselines. The earlier
 * categories' adapters stay frozen — only g_t and the new adapter train, the same parameters as in
 * naive fine-tuning — so what an earlier route feeds into g_t, h_c(f_c(x)), is computed once outside
 * the graph.
 */
public final class ContinualTraining {
    private ContinualTraining() {}

    /** An earlier category's route: g_t's inputs h_c(f_c(x)) and the targets its outputs should keep. */
    public record KeptRoute(String name, INDArray taskInputs, INDArray targets) {}

    /**
     * Replay: the loss is the mean of the cross-entropies of the new category's batch and of every
     * earlier category's buffer ({@code targets} are its own 0/1 labels), one mixed batch per step.
     * No buffers is naive fine-tuning.
     */
    public static TaskModuleTraining.Result replay(Module start, TaskModuleTraining.CategoryData added, List<KeptRoute> buffers,
            ModuleSpec adapterSpec, Trainer.Settings settings, long seed) {
        return train(start, added, buffers, List.of(), 0, adapterSpec, settings, seed);
    }

    /**
     * Learning without Forgetting: the new category's cross-entropy plus {@code weight} times the mean
     * over earlier routes of the mean squared difference between g_t's logits and the logits g_t gave
     * before this step ({@code targets}), both on the new category's images — the same rows as the
     * new category's batch. Weight 0 is naive fine-tuning.
     */
    public static TaskModuleTraining.Result learningWithoutForgetting(Module start, TaskModuleTraining.CategoryData added,
            List<KeptRoute> oldOutputs, double weight, ModuleSpec adapterSpec, Trainer.Settings settings, long seed) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the LwF weight must be a finite number >= 0, got " + weight);
        }
        for (KeptRoute r : oldOutputs) {
            if (r.taskInputs().size(0) != added.features().size(0)) {
                throw new IllegalArgumentException("LwF route " + r.name() + " has " + r.taskInputs().size(0)
                        + " rows; it must be the new category's " + added.features().size(0) + " images");
            }
        }
        return train(start, added, List.of(), oldOutputs, weight, adapterSpec, settings, seed);
    }

    private static TaskModuleTraining.Result train(Module start, TaskModuleTraining.CategoryData added, List<KeptRoute> buffers,
            List<KeptRoute> oldOutputs, double weight, ModuleSpec adapterSpec, Trainer.Settings settings, long seed) {
        SameDiff sd = SameDiff.create();
        ModuleGraph g = ModuleGraph.trainable(sd, "task", start);
        long[] outputShape = start.spec().output().withBatch(-1);
        long[] taskInputShape = start.spec().input().withBatch(-1);
        String c = added.category().name().toLowerCase();
        SDVariable z = sd.placeHolder("z_" + c, DataType.FLOAT, adapterSpec.input().withBatch(-1));
        SDVariable y = sd.placeHolder("y_" + c, DataType.FLOAT, outputShape);
        // same names, seeds and sampler as naive fine-tuning, so that without extra terms it is naive fine-tuning bit for bit
        ModuleGraph h = ModuleGraph.trainable(sd, "adapter_" + c, Module.initialised(adapterSpec, Module.Init.IDENTITY, seed, DataType.FLOAT));
        SDVariable total = Losses.binaryCrossEntropy(sd, "loss_" + c, g.apply(h.apply(z).output()).output(), y);
        List<String> placeholders = new ArrayList<>(List.of(z.name(), y.name()));
        List<INDArray> newArrays = new ArrayList<>(List.of(added.features(), added.labels()));

        List<BatchSampler> bufferSamplers = new ArrayList<>();
        for (KeptRoute r : buffers) {
            SDVariable in = sd.placeHolder("replay_in_" + r.name(), DataType.FLOAT, taskInputShape);
            SDVariable target = sd.placeHolder("replay_y_" + r.name(), DataType.FLOAT, outputShape);
            total = total.add(Losses.binaryCrossEntropy(sd, "replay_loss_" + r.name(), g.apply(in).output(), target));
            placeholders.addAll(List.of(in.name(), target.name()));
            bufferSamplers.add(new BatchSampler(settings.batchSize(), seed + 2 + bufferSamplers.size(), r.taskInputs(), r.targets()));
        }
        total = total.div(1 + buffers.size());

        if (!oldOutputs.isEmpty()) {
            SDVariable kept = null;
            for (KeptRoute r : oldOutputs) {
                SDVariable in = sd.placeHolder("lwf_in_" + r.name(), DataType.FLOAT, taskInputShape);
                SDVariable target = sd.placeHolder("lwf_y_" + r.name(), DataType.FLOAT, outputShape);
                SDVariable term = sd.math.squaredDifference(g.apply(in).output(), target).mean();
                kept = kept == null ? term : kept.add(term);
                placeholders.addAll(List.of(in.name(), target.name()));
                newArrays.addAll(List.of(r.taskInputs(), r.targets()));
            }
            total = total.add(kept.div(oldOutputs.size()).mul(weight));
        }
        total.rename("loss");

        // the old outputs are of the new images, so they are drawn together with them, row for row
        BatchSampler newSampler = new BatchSampler(settings.batchSize(), seed + 1, newArrays.toArray(INDArray[]::new));
        Trainer.fit(sd, "loss", placeholders, settings, () -> {
            List<INDArray> batch = new ArrayList<>(List.of(newSampler.next()));
            for (BatchSampler s : bufferSamplers) {
                batch.addAll(List.of(s.next()));
            }
            return batch.toArray(INDArray[]::new);
        });
        return new TaskModuleTraining.Result(g.read(), Map.of(added.category(), h.read()));
    }
}
