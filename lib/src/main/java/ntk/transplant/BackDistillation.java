package ntk.transplant;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ntk.nn.BackwardSignal;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.train.BatchSampler;
import ntk.train.Losses;
import ntk.train.Trainer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Back-distillation, as this kit formulates it: the student g(h(z)) matches the teacher g_T(z)
 * both forward (‖y − y_T‖²) and backward — for random probes v at the output, its input gradient
 * J_{g∘h}(z)ᵀ v must equal the teacher's J_{g_T}(z)ᵀ v:
 *
 * <pre>  L = ‖y − y_T‖² / dim(y) + λ(n) · ‖J_hᵀ J_gᵀ v − J_{g_T}ᵀ v‖² / E‖J_{g_T}ᵀ v‖²</pre>
 *
 * The student's side is computed by the backward twins of g and h inside the training graph, so
 * ordinary backprop through the twin gives the exact gradient (almost everywhere). The teacher's
 * side is a constant, computed once per pool. The backward term is divided by the teacher's
 * mean backward energy so λ does not depend on the features' scale. Each sample gives dim(z)
 * constraints instead of dim(y), which matters most when unlabeled images are scarce; the weight
 * λ(n) therefore shrinks with the number n of images: λ(n) = λ₁₀ · (10 / n)^p.
 *
 * <p>With annotations, their images join the distillation pool and their cross-entropy is added.
 */
public final class BackDistillation implements TransplantMethod {
    /** λ(n) = lambdaAt10 · (10 / n)^power. */
    public record LambdaRule(double lambdaAt10, double power) {
        public double at(int n) {
            return lambdaAt10 * Math.pow(10.0 / n, power);
        }

        @Override
        public String toString() {
            return "lambda(n) = " + lambdaAt10 + " * (10/n)^" + power;
        }
    }

    /** The rule the kit's comparison uses; see README for how it was chosen. */
    public static final LambdaRule DEFAULT_RULE = new LambdaRule(100.0, 1.0);

    private final LambdaRule rule;
    private final int probes;
    private final Module.Init adapterInit;

    public BackDistillation() {
        this(DEFAULT_RULE, 1);
    }

    /** {@code probes} random ±1 probe vectors per image; the adapter starts as the identity. */
    public BackDistillation(LambdaRule rule, int probes) {
        this(rule, probes, Module.Init.IDENTITY);
    }

    public BackDistillation(LambdaRule rule, int probes, Module.Init adapterInit) {
        if (probes < 1) {
            throw new IllegalArgumentException("back-distillation needs at least one probe per image, got " + probes);
        }
        this.rule = rule;
        this.probes = probes;
        this.adapterInit = adapterInit;
    }

    @Override
    public String name() {
        return "back-distillation";
    }

    public LambdaRule rule() {
        return rule;
    }

    @Override
    public Module learnAdapter(TransplantData data, Trainer.Settings settings, long seed) {
        INDArray pool = data.labeledCount() == 0 ? data.unlabeledFeatures()
                : data.unlabeledCount() == 0 ? data.labeledFeatures()
                : Nd4j.concat(0, data.unlabeledFeatures(), data.labeledFeatures());
        int n = (int) pool.size(0);
        if (n == 0) {
            throw new IllegalArgumentException("back-distillation needs images (unlabeled or annotated); got none");
        }
        INDArray z = probes == 1 ? pool : Nd4j.repeat(pool, probes);
        INDArray v = rademacher(data.taskModule().spec().output().withBatch(z.size(0)), z.dataType(), seed);
        BackwardSignal.Result teacher = new BackwardSignal(data.teacherHead()).apply(z, v);
        double energy = teacher.signal().norm2Number().doubleValue();
        energy = energy * energy / z.size(0);
        if (!(energy > 0)) {
            throw new IllegalStateException("the teacher's backward signal is zero on every image: its head ignores its input here");
        }

        AdapterGraph g = new AdapterGraph(data, seed, adapterInit);
        SDVariable zIn = g.features("z");
        SDVariable vIn = g.outputs("v");
        SDVariable yT = g.outputs("yT");
        SDVariable uT = g.features("uT");
        ModuleGraph.Trace h = g.adapter.apply(zIn);
        ModuleGraph.Trace task = g.task.apply(h.output());
        SDVariable studentSignal = h.backward(task.backward(vIn));
        // averaged over the output's elements (1 logit, or 3,136 pixel logits) so that λ weighs the
        // two terms alike for every task; the backward term is normalised by the teacher's energy
        SDVariable forward = Losses.meanSquaredDistance(g.sd, task.output(), yT).div(data.taskModule().spec().output().size());
        SDVariable backward = Losses.meanSquaredDistance(g.sd, studentSignal, uT).div(energy);
        SDVariable loss = forward.add(backward.mul(rule.at(n)));

        List<String> placeholders = new ArrayList<>(List.of("z", "v", "yT", "uT"));
        BatchSampler pooled = new BatchSampler(settings.batchSize(), seed + 1, z, v, teacher.output(), teacher.signal());
        BatchSampler labeled = null;
        if (data.labeledCount() > 0) {
            SDVariable zl = g.features("zl");
            SDVariable yl = g.outputs("yl");
            SDVariable logits = g.task.apply(g.adapter.apply(zl).output()).output();
            loss = loss.add(Losses.binaryCrossEntropy(g.sd, "supervised", logits, yl));
            placeholders.addAll(List.of("zl", "yl"));
            labeled = new BatchSampler(settings.batchSize(), seed + 2, data.labeledFeatures(), data.labels());
        }
        loss = loss.rename("loss");
        BatchSampler labeledBatches = labeled;
        return g.train(loss, placeholders, settings, () -> {
            INDArray[] b = pooled.next();
            if (labeledBatches == null) {
                return b;
            }
            INDArray[] l = labeledBatches.next();
            return new INDArray[] {b[0], b[1], b[2], b[3], l[0], l[1]};
        });
    }

    /** Random ±1 probes: for one output they equal the plain gradient, for many they estimate E_v. */
    static INDArray rademacher(long[] shape, org.nd4j.linalg.api.buffer.DataType dtype, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return Nd4j.create(v, shape, org.nd4j.linalg.api.buffer.DataType.DOUBLE).castTo(dtype);
    }
}
