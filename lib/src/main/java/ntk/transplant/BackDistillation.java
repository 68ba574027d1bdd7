package ntk.transplant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import ntk.backend.Quiet;
import ntk.nn.BackwardSignal;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.train.BatchSampler;
import ntk.train.Losses;
import ntk.train.Trainer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Back-distillation, as this kit formulates it: the student g(h(z)) matches the teacher g_T(z)
 * both forward (the {@link DistillationTarget forward term}) and backward — for random ±1 probes
 * v at the output, its input gradient J_{g∘h}(z)ᵀ v must equal the teacher's J_{g_T}(z)ᵀ v:
 *
 * <pre>  L = forward(y, y_T) + λ(n) · mean_v ‖J_hᵀ J_gᵀ v − J_{g_T}ᵀ v‖² / E‖J_{g_T}ᵀ v‖²</pre>
 *
 * The student's side is computed by the backward twins of g and h inside the training graph, so
 * ordinary backprop through the twin gives the exact gradient (almost everywhere). The backward
 * term is divided by the teacher's mean backward energy so λ does not depend on the features'
 * scale. Each image gives dim(z) constraints instead of dim(y), which matters most when images
 * are scarce; λ(n) therefore shrinks with the number n of images.
 *
 * <p>Probes are either drawn once per image (the teacher's side is then a cached constant) or
 * redrawn every step (the teacher's side is then computed in the graph by its own twin), which
 * covers many projections of a many-output Jacobian instead of one. With annotations, their
 * images join the distillation pool and their cross-entropy is added.
 *
 * <p>At two layers ({@link TransplantSettings#backwardLayers()} = 2) the backward term is matched
 * a second time, at the output a of f_c's first block ({@link FirstBlock}): both signals carried on
 * through f_c's frozen rest, the term scaled by the teacher's energy there and added to the first
 * with the same λ(n).
 */
public final class BackDistillation implements TransplantMethod {
    /** λ(n) = lambdaAt10 · (10 / n)^power. */
    public record LambdaRule(double lambdaAt10, double power) {
        public LambdaRule {
            if (!(lambdaAt10 >= 0) || !Double.isFinite(lambdaAt10) || !Double.isFinite(power)) {
                throw new IllegalArgumentException("lambda rule needs a finite lambdaAt10 >= 0 and a finite power, got "
                        + lambdaAt10 + ", " + power);
            }
        }

        public double at(int n) {
            return lambdaAt10 * Math.pow(10.0 / n, power);
        }

        @Override
        public String toString() {
            return power == 0 ? "lambda = " + SettingText.number(lambdaAt10)
                    : "lambda(n) = " + SettingText.number(lambdaAt10) + " * (10/n)^" + SettingText.number(power);
        }
    }

    private final TransplantSettings settings;
    private final Module.Init adapterInit;
    private final ExpansionSettings.Method pool;

    /** Back-distillation on the pool as given, from an identity-initialised adapter. */
    public BackDistillation(TransplantSettings settings) {
        this(settings, Module.Init.IDENTITY);
    }

    public BackDistillation(TransplantSettings settings, Module.Init adapterInit) {
        this(settings, adapterInit, ExpansionSettings.Method.NONE);
    }

    private BackDistillation(TransplantSettings settings, Module.Init adapterInit, ExpansionSettings.Method pool) {
        this.settings = settings;
        this.adapterInit = adapterInit;
        this.pool = pool;
    }

    /** Back-distillation on the pool enlarged by {@code m} (views, or views then synthesis) with the settings' views and synthesis. */
    public static BackDistillation enlarged(TransplantSettings settings, ExpansionSettings.Method m) {
        return new BackDistillation(settings, Module.Init.IDENTITY, m);
    }

    @Override
    public TransplantSettings settings() {
        return settings;
    }

    @Override
    public void checkSamples(int annotations, int unlabeled) {
        if (annotations + unlabeled == 0) {
            throw new IllegalArgumentException("back-distillation needs images: pass --unlabeled N and/or --annotations K");
        }
    }

    /** At two layers ({@link TransplantSettings#backwardLayers()}) it matches at f_c's first block too, and needs its outputs. */
    @Override
    public boolean needsFirstBlock() {
        return settings.backwardLayers() > 1;
    }

    /** With annotations (back-distillation + labels), the same labelled views the supervised adapter gets. */
    @Override
    public AnnotatedViews.Settings annotatedViews() {
        return settings.annotatedViews();
    }

    @Override
    public PoolExpansion poolExpansion() {
        return settings.expansion().expansion(pool);
    }

    /** The weight of the backward term for a pool of {@code n} images. */
    public double lambda(int n) {
        return settings.lambda().at(n);
    }

    @Override
    public Module learnAdapter(TransplantData data, long seed) {
        if (data.labeledCount() == 0 && data.unlabeledCount() > 0 && lambda(data.unlabeledCount()) == 0) {
            // λ = 0 leaves the forward term alone: the same loss, rows and seeds as forward
            // distillation, so the same adapter, without building the backward graph it would multiply by 0
            return new ForwardDistillation(settings).learnAdapter(data, seed);
        }
        Graph g = build(data, seed);
        return g.graph.train(g.loss, g.placeholders, training(), g.batches);
    }

    /**
     * The training graph of one run, its loss (and the forward and backward terms it adds up) and
     * where its batches come from; for {@link #evaluate} and the tests that pin the loss.
     */
    record Graph(AdapterGraph graph, SDVariable loss, List<String> placeholders, Supplier<INDArray[]> batches,
            double lambda, double energy, SDVariable forward, SDVariable backward) {}

    /**
     * The loss {@link #learnAdapter} trains on, evaluated once, for {@link #evaluate}: the batch
     * (the features {@code z}, one row per image and probe, and the probes {@code v}), the weight
     * λ(n) and the teacher's mean backward energy, the forward term, the backward term (before λ,
     * divided by the energy), the loss, and its gradient with respect to the adapter's parameters,
     * under the parameters' names ("0.W", ...).
     */
    public record Evaluation(INDArray z, INDArray v, double lambda, double energy, double forwardTerm, double backwardTerm,
            double loss, Map<String, INDArray> gradient) {}

    /**
     * The loss and its gradient as the training graph computes them, for the adapter {@code h} (not
     * a trained one: any adapter of {@code data}'s shape) on one batch that holds the whole pool
     * once per probe, with the first draw of probes from {@code seed} — the draw the energy is
     * measured on, so that the energy is also the batch's own mean ‖J_{g_T}ᵀ v‖². Training is
     * not run and nothing of it changes: this builds the graph {@code learnAdapter(data, seed)}
     * would train, puts {@code h}'s values into it and evaluates it once. The backward signal
     * matched at f_c's output only ({@link TransplantSettings#backwardLayers()} = 1); with
     * annotations their cross-entropy on all of them is part of the loss.
     */
    public Evaluation evaluate(TransplantData data, Module h, long seed) {
        if (needsFirstBlock()) {
            throw new IllegalArgumentException("evaluate covers the backward signal matched at f_c's output (1 layer), not at "
                    + settings.backwardLayers());
        }
        if (!h.spec().equals(data.adapterSpec())) {
            throw new IllegalArgumentException("the adapter is " + h.spec().describe() + ", the data's is " + data.adapterSpec().describe());
        }
        Graph g = build(data, seed);
        List<String> names = List.copyOf(h.parameterNames());
        List<String> vars = g.graph.adapter.variableNames();
        for (int i = 0; i < names.size(); i++) {
            g.graph.sd.getArrForVarName(vars.get(i)).assign(h.parameters().get(names.get(i)));
        }
        INDArray pool = pooled(data.unlabeledFeatures(), data.labeledFeatures());
        FirstProbes first = firstProbes(data, pool, data.taskModule().spec().output().withBatch(1), seed);
        Map<String, INDArray> feed = new LinkedHashMap<>(Map.of("z", first.z(), "v", first.v(),
                "yT", tile(new ForwardPass(data.teacherHead()).apply(pool), settings.probes())));
        if (!settings.redrawProbes()) {
            feed.put("uT", first.u());
        }
        if (data.labeledCount() > 0) {
            feed.put("zl", data.labeledFeatures());
            feed.put("yl", data.labels());
        }
        Map<String, INDArray> out = g.graph.sd.output(feed, g.loss.name(), g.forward.name(), g.backward.name());
        Map<String, INDArray> grads = Quiet.sameDiff(() -> g.graph.sd.calculateGradients(feed, vars));
        Map<String, INDArray> gradient = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            gradient.put(names.get(i), grads.get(vars.get(i)));
        }
        return new Evaluation(first.z(), first.v(), g.lambda, g.energy, out.get(g.forward.name()).getDouble(0),
                out.get(g.backward.name()).getDouble(0), out.get(g.loss.name()).getDouble(0), gradient);
    }

    /** The unlabeled rows, then the annotated ones: what is distilled on. */
    private static INDArray pooled(INDArray unlabeled, INDArray labeled) {
        return labeled.size(0) == 0 ? unlabeled : unlabeled.size(0) == 0 ? labeled : Nd4j.concat(0, unlabeled, labeled);
    }

    Graph build(TransplantData data, long seed) {
        Trainer.Settings training = training();
        INDArray pool = pooled(data.unlabeledFeatures(), data.labeledFeatures());
        int n = (int) pool.size(0);
        if (n == 0) {
            throw new IllegalArgumentException("back-distillation needs images (unlabeled or annotated); got none");
        }
        FirstBlock block = needsFirstBlock() ? data.firstBlock() : null;
        if (needsFirstBlock() && block == null) {
            throw new IllegalArgumentException("back-distillation at " + settings.backwardLayers() + " layers needs the images' outputs of"
                    + " the category module's first block (TransplantData.withFirstBlock)");
        }
        long[] outShape = data.taskModule().spec().output().withBatch(1);
        INDArray teacherOutputs = new ForwardPass(data.teacherHead()).apply(pool);
        FirstProbes first = firstProbes(data, pool, outShape, seed);

        AdapterGraph g = new AdapterGraph(data, seed, adapterInit);
        // at two layers the batches carry the first block's outputs a, and z = upper(a) is computed in the graph
        INDArray rows = block == null ? pool : pooled(block.unlabeled(), block.labeled());
        ModuleGraph.Trace upper = block == null ? null : ModuleGraph.frozen(g.sd, "fc_rest", block.upper())
                .apply(g.sd.placeHolder("a", data.taskModule().dataType(), block.upper().spec().input().withBatch(-1)));
        SDVariable zIn = block == null ? g.features("z") : upper.output();
        SDVariable vIn = g.outputs("v");
        SDVariable yT = g.outputs("yT");
        ModuleGraph.Trace h = g.adapter.apply(zIn);
        ModuleGraph.Trace task = g.task.apply(h.output());
        SDVariable studentSignal = h.backward(task.backward(vIn));
        SDVariable uT = settings.redrawProbes()
                ? ModuleGraph.frozen(g.sd, "teacher", data.teacherHead()).apply(zIn).backward(vIn)
                : g.features("uT");
        SDVariable forward = DistillationTarget.forwardTerm(g.sd, task.output(), yT, settings, data.taskModule().spec().output().size());
        SDVariable backward = Losses.meanSquaredDistance(g.sd, studentSignal, uT).div(first.energy());
        if (block != null) {
            // both signals carried on through f_c's frozen rest, scaled by the teacher's energy there
            double energyAtBlock = energy(new BackwardSignal(block.upper()).apply(tile(rows, settings.probes()), first.u()).signal());
            backward = backward.add(Losses.meanSquaredDistance(g.sd, upper.backward(studentSignal), upper.backward(uT)).div(energyAtBlock));
        }
        double lambda = lambda(n);
        SDVariable loss = forward.add(backward.mul(lambda));

        List<String> placeholders = new ArrayList<>(List.of(block == null ? "z" : "a", "v", "yT"));
        if (!settings.redrawProbes()) {
            placeholders.add("uT");
        }
        Supplier<INDArray[]> batches = poolBatches(rows, block == null ? first.z() : tile(rows, settings.probes()), teacherOutputs, first,
                outShape, training, seed);
        if (data.labeledCount() > 0) {
            SDVariable zl = g.features("zl");
            SDVariable yl = g.outputs("yl");
            SDVariable logits = g.task.apply(g.adapter.apply(zl).output()).output();
            loss = loss.add(Losses.binaryCrossEntropy(g.sd, "supervised", logits, yl));
            placeholders.addAll(List.of("zl", "yl"));
            batches = withLabeled(batches, new BatchSampler(training.batchSize(), seed + 2, data.labeledFeatures(), data.labels()));
        }
        loss = loss.rename("loss");
        g.sd.setLossVariables("loss"); // the loss ops it is made of must not count as losses of their own
        return new Graph(g, loss, placeholders, batches, lambda, first.energy(), forward, backward);
    }

    /**
     * The first draw of probes for every image: the fixed probes {@code v} of the inputs {@code z},
     * the teacher's backward signal {@code u} for them, and its mean energy, which scales the backward term either way.
     */
    private record FirstProbes(INDArray z, INDArray v, INDArray u, double energy) {}

    private FirstProbes firstProbes(TransplantData data, INDArray pool, long[] outShape, long seed) {
        INDArray z0 = tile(pool, settings.probes());
        INDArray v0 = rademacher(withBatch(outShape, z0.size(0)), pool.dataType(), new SplittableRandom(seed ^ 0x5DEECE66DL));
        INDArray u0 = new BackwardSignal(data.teacherHead()).apply(z0, v0).signal();
        return new FirstProbes(z0, v0, u0, energy(u0));
    }

    /** The mean squared norm of a backward signal's rows: what scales a backward term. */
    private static double energy(INDArray signal) {
        double norm = signal.norm2Number().doubleValue();
        double energy = norm * norm / signal.size(0);
        if (!(energy > 0)) {
            throw new IllegalStateException("the teacher's backward signal is zero on every image: its head ignores its input here");
        }
        return energy;
    }

    /**
     * Batches of (z, v, y_T[, u_T]) — (a, ...) at two layers, {@code pool} then holding the first
     * block's outputs: fresh probes every step, or the first draw's fixed ones with their cached u_T
     * ({@code tiledPool}: the pool's rows once per probe, in the order of the first draw).
     */
    private Supplier<INDArray[]> poolBatches(INDArray pool, INDArray tiledPool, INDArray teacherOutputs, FirstProbes first, long[] outShape,
            Trainer.Settings training, long seed) {
        int probes = settings.probes();
        if (!settings.redrawProbes()) {
            BatchSampler rows = new BatchSampler(training.batchSize(), seed + 1, tiledPool, first.v(), tile(teacherOutputs, probes),
                    first.u());
            return rows::next;
        }
        BatchSampler rows = new BatchSampler(training.batchSize(), seed + 1, pool, teacherOutputs);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        return () -> {
            // like BatchSampler: batches must live outside SameDiff's training workspace
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray[] b = rows.next();
                INDArray z = tile(b[0], probes);
                return new INDArray[] {z, rademacher(withBatch(outShape, z.size(0)), z.dataType(), rng), tile(b[1], probes)};
            }
        };
    }

    /** {@code pooled}'s batches with a batch of annotated features and labels appended to each. */
    private static Supplier<INDArray[]> withLabeled(Supplier<INDArray[]> pooled, BatchSampler labeled) {
        return () -> {
            INDArray[] b = pooled.get();
            INDArray[] l = labeled.next();
            INDArray[] all = Arrays.copyOf(b, b.length + 2);
            all[b.length] = l[0];
            all[b.length + 1] = l[1];
            return all;
        };
    }

    /** {@code times} copies of {@code a}'s rows, one block after another (the rows of every probe). */
    static INDArray tile(INDArray a, int times) {
        if (times == 1) {
            return a;
        }
        INDArray[] copies = new INDArray[times];
        Arrays.fill(copies, a);
        return Nd4j.concat(0, copies);
    }

    private static long[] withBatch(long[] shape, long n) {
        long[] s = shape.clone();
        s[0] = n;
        return s;
    }

    /** Random ±1 probes from {@code seed}. */
    static INDArray rademacher(long[] shape, DataType dtype, long seed) {
        return rademacher(shape, dtype, new SplittableRandom(seed));
    }

    /** Random ±1 probes: for one output they give exactly the plain gradient, for many they estimate E_v. */
    static INDArray rademacher(long[] shape, DataType dtype, SplittableRandom rng) {
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }
}
