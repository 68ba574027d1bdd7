package ntk.transplant;

import java.util.List;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.train.BatchSampler;
import ntk.train.Trainer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The student's outputs g(h(z)) learn to match the teacher's g_T(z) on unlabeled images: the
 * forward term of {@link BackDistillation} alone (squared logit error, or cross-entropy against
 * the teacher's probabilities, as {@link TransplantSettings#target()} says).
 */
public final class ForwardDistillation implements TransplantMethod {
    private final TransplantSettings settings;

    public ForwardDistillation(TransplantSettings settings) {
        this.settings = settings;
    }

    @Override
    public TransplantSettings settings() {
        return settings;
    }

    @Override
    public void checkSamples(int annotations, int unlabeled) {
        if (unlabeled == 0) {
            throw new IllegalArgumentException("forward-distillation needs unlabeled images: pass --unlabeled 1 or more");
        }
    }

    @Override
    public Module learnAdapter(TransplantData data, long seed) {
        Trainer.Settings training = training();
        if (data.unlabeledCount() == 0) {
            throw new IllegalArgumentException("forward distillation needs unlabeled images; got none");
        }
        INDArray teacherOutputs = new ForwardPass(data.teacherHead()).apply(data.unlabeledFeatures());
        AdapterGraph g = new AdapterGraph(data, seed);
        SDVariable z = g.features("z");
        SDVariable yT = g.outputs("yT");
        SDVariable y = g.task.apply(g.adapter.apply(z).output()).output();
        SDVariable loss = DistillationTarget.forwardTerm(g.sd, y, yT, settings, data.taskModule().spec().output().size())
                .rename("loss");
        BatchSampler batches = new BatchSampler(training.batchSize(), seed + 1, data.unlabeledFeatures(), teacherOutputs);
        return g.train(loss, List.of("z", "yT"), training, batches::next);
    }
}
