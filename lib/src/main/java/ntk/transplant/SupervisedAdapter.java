package ntk.transplant;

import java.util.List;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.BatchSampler;
import ntk.train.Losses;
import ntk.train.Trainer;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Baseline: the adapter learns from the k annotated samples alone (cross-entropy through g), with an
 * adapter shape of its own and, where the settings say so, labelled views of those samples.
 */
public final class SupervisedAdapter implements TransplantMethod {
    private final TransplantSettings settings;

    /** Trains with {@code settings.supervised()}. */
    public SupervisedAdapter(TransplantSettings settings) {
        this.settings = settings;
    }

    @Override
    public TransplantSettings settings() {
        return settings;
    }

    @Override
    public Trainer.Settings training() {
        return settings.supervised();
    }

    /** Its own shape ({@link TransplantSettings#supervisedAdapter}), searched apart from distillation's. */
    @Override
    public ModuleSpec adapter(Shape features) {
        return settings.supervisedAdapter(features);
    }

    @Override
    public AnnotatedViews.Settings annotatedViews() {
        return settings.annotatedViews();
    }

    @Override
    public void checkSamples(int annotations, int unlabeled) {
        if (annotations < 2) {
            throw new IllegalArgumentException("supervised needs annotated images, positive and negative: pass --annotations 2 or more");
        }
    }

    @Override
    public Module learnAdapter(TransplantData data, long seed) {
        Trainer.Settings training = training();
        if (data.labeledCount() == 0) {
            throw new IllegalArgumentException("the supervised adapter needs annotated samples; got none");
        }
        AdapterGraph g = new AdapterGraph(data, seed);
        SDVariable z = g.features("z");
        SDVariable y = g.outputs("y");
        SDVariable logits = g.task.apply(g.adapter.apply(z).output()).output();
        SDVariable loss = Losses.binaryCrossEntropy(g.sd, "loss", logits, y);
        BatchSampler batches = new BatchSampler(training.batchSize(), seed + 1, data.labeledFeatures(), data.labels());
        return g.train(loss, List.of("z", "y"), training, batches::next);
    }
}
