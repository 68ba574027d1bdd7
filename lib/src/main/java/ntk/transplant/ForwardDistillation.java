package ntk.transplant;

import java.util.List;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.train.BatchSampler;
import ntk.train.Losses;
import ntk.train.Trainer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The student's logits g(h(z)) learn to match the teacher's g_T(z) on unlabeled images: ‖y − y_T‖². */
public final class ForwardDistillation implements TransplantMethod {
    @Override
    public String name() {
        return "forward-distillation";
    }

    @Override
    public Module learnAdapter(TransplantData data, Trainer.Settings settings, long seed) {
        if (data.unlabeledCount() == 0) {
            throw new IllegalArgumentException("forward distillation needs unlabeled images; got none");
        }
        INDArray teacherLogits = new ForwardPass(data.teacherHead()).apply(data.unlabeledFeatures());
        AdapterGraph g = new AdapterGraph(data, seed);
        SDVariable z = g.features("z");
        SDVariable yT = g.outputs("yT");
        SDVariable y = g.task.apply(g.adapter.apply(z).output()).output();
        SDVariable loss = Losses.meanSquaredDistance(g.sd, y, yT).rename("loss");
        BatchSampler batches = new BatchSampler(settings.batchSize(), seed + 1, data.unlabeledFeatures(), teacherLogits);
        return g.train(loss, List.of("z", "yT"), settings, batches::next);
    }
}
