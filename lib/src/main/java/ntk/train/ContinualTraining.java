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
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
     * earlier category's buffer ({@code targets} are its own 0/1 labels). Each step draws one batch
     * of the new category and one batch split evenly between the k buffers, weighted k to 1, so
     * that each earlier category counts as much as the new one at the cost of two batches, not k + 1.
     * No buffers is naive fine-tuning.
     */
    public static TaskModuleTraining.Result replay(Module start, TaskModuleTraining.CategoryData added, List<KeptRoute> buffers,
            ModuleSpec adapterSpec, Trainer.Settings settings, long seed) {
        return train(start, added, buffers, List.of(), 0, adapterSpec, settings, seed);
    }

    /**
     * Learning without Forgetting: the new category's cross-entropy plus {@code weight} times the mean
     * over earlier routes of the mean squared difference between g_t's logits and the logits g_t gave
     * before this step ({@code targets}), both on the new category's images. Each step draws one
     * batch of the new category and one batch split evenly between the earlier routes (each route
     * its own rows of the new images). Weight 0 is naive fine-tuning.
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
        String c = added.category().id().replace('-', '_');
        SDVariable z = sd.placeHolder("z_" + c, DataType.FLOAT, adapterSpec.input().withBatch(-1));
        SDVariable y = sd.placeHolder("y_" + c, DataType.FLOAT, outputShape);
        // same names, seeds and sampler as naive fine-tuning, so that without extra terms it is naive fine-tuning bit for bit
        ModuleGraph h = ModuleGraph.trainable(sd, "adapter_" + c, Module.initialised(adapterSpec, Module.Init.IDENTITY, seed, DataType.FLOAT));
        SDVariable total = Losses.binaryCrossEntropy(sd, "loss_" + c, g.apply(h.apply(z).output()).output(), y);
        List<String> placeholders = new ArrayList<>(List.of(z.name(), y.name()));
        BatchSampler newSampler = new BatchSampler(settings.batchSize(), seed + 1, added.features(), added.labels());

        List<KeptRoute> earlier = buffers.isEmpty() ? oldOutputs : buffers;
        EvenSplit old = null;
        if (!earlier.isEmpty()) {
            old = new EvenSplit(earlier, settings.batchSize(), seed + 2);
            SDVariable in = sd.placeHolder("earlier_in", DataType.FLOAT, taskInputShape);
            SDVariable target = sd.placeHolder("earlier_y", DataType.FLOAT, outputShape);
            SDVariable out = g.apply(in).output();
            placeholders.addAll(List.of(in.name(), target.name()));
            if (!buffers.isEmpty()) {
                // k earlier categories weigh k times the new one, as if each had a batch of its own
                int k = buffers.size();
                total = total.add(Losses.binaryCrossEntropy(sd, "replay_loss", out, target).mul(k)).div(1 + k);
            } else {
                total = total.add(sd.math.squaredDifference(out, target).mean().mul(weight));
            }
        }
        total.rename("loss");

        EvenSplit earlierBatches = old;
        Trainer.fit(sd, "loss", placeholders, settings, () -> {
            INDArray[] b = newSampler.next();
            if (earlierBatches == null) {
                return b;
            }
            INDArray[] e = earlierBatches.next();
            return new INDArray[] {b[0], b[1], e[0], e[1]};
        });
        return new TaskModuleTraining.Result(g.read(), Map.of(added.category(), h.read()));
    }

    /**
     * One batch for all earlier routes together, split evenly between them: about batch/k rows of
     * each route's own inputs and targets, through g_t in a single pass. With equal shares the mean
     * over the batch is the mean over routes of each route's mean, as k separate batches would give,
     * at the cost of one batch instead of k.
     */
    private static final class EvenSplit {
        private final List<BatchSampler> samplers = new ArrayList<>();

        EvenSplit(List<KeptRoute> routes, int batchSize, long seed) {
            int each = Math.max(1, (batchSize + routes.size() - 1) / routes.size());
            for (KeptRoute r : routes) {
                samplers.add(new BatchSampler(each, seed + samplers.size(), r.taskInputs(), r.targets()));
            }
        }

        /** The next batch: every route's inputs, then their targets, row for row. */
        INDArray[] next() {
            INDArray[] in = new INDArray[samplers.size()];
            INDArray[] targets = new INDArray[samplers.size()];
            for (int i = 0; i < in.length; i++) {
                INDArray[] b = samplers.get(i).next();
                in[i] = b[0];
                targets[i] = b[1];
            }
            return new INDArray[] {concatOutsideWorkspaces(in), concatOutsideWorkspaces(targets)};
        }

        private static INDArray concatOutsideWorkspaces(INDArray[] parts) {
            // like BatchSampler: the batch must not live in SameDiff's training workspace
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
            }
        }
    }
}
