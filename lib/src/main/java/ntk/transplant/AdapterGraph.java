package ntk.transplant;

import java.util.List;
import java.util.function.Supplier;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.train.Trainer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The graph every method trains: a trainable adapter (identity start) feeding the frozen task module. */
final class AdapterGraph {
    final SameDiff sd = SameDiff.create();
    final ModuleGraph adapter;
    final ModuleGraph task;
    private final TransplantData data;

    /** The adapter starts as the identity: before training, the student is g applied to f_c's features. */
    AdapterGraph(TransplantData data, long seed) {
        this(data, seed, Module.Init.IDENTITY);
    }

    AdapterGraph(TransplantData data, long seed, Module.Init init) {
        this.data = data;
        this.adapter = ModuleGraph.trainable(sd, "adapter",
                Module.initialised(data.adapterSpec(), init, seed, data.taskModule().dataType()));
        this.task = ModuleGraph.frozen(sd, "task", data.taskModule());
    }

    /** A placeholder for a batch of category-module features. */
    SDVariable features(String name) {
        return sd.placeHolder(name, data.taskModule().dataType(), data.adapterSpec().input().withBatch(-1));
    }

    /** A placeholder for a batch of task outputs (logits) or probes. */
    SDVariable outputs(String name) {
        return sd.placeHolder(name, data.taskModule().dataType(), data.taskModule().spec().output().withBatch(-1));
    }

    Module train(SDVariable loss, List<String> placeholders, Trainer.Settings settings, Supplier<INDArray[]> batches) {
        Trainer.fit(sd, loss.name(), placeholders, settings, batches);
        return adapter.read();
    }
}
