package ntk.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ntk.backend.Workers;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.train.BatchSampler;
import ntk.train.Teacher;
import ntk.train.TeacherTraining;
import ntk.transplant.BackDistillation;
import ntk.transplant.ForwardDistillation;
import ntk.transplant.SupervisedAdapter;
import ntk.transplant.TransplantData;
import ntk.transplant.TransplantMethod;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classification comparison: every new category is transplanted into the pre-trained generic
 * network by every method, budget and pool size of the config, for every seed, and scored by
 * balanced error on the whole Fashion-MNIST test set.
 *
 * <p>Per seed, the annotated samples are nested (the 10 are among the 20, ...) and so are the
 * unlabeled pools, so curves over budgets compare like with like.
 */
public final class ClassificationExperiment {
    public static final String METRIC = "balanced_error";
    /** Seconds one run took to learn its adapter (or network) and score it: a second metric per run. */
    public static final String SECONDS = "seconds";
    private static final String TASK = Task.CLASSIFICATION.id();

    private final ExperimentConfig config;
    private final FashionMnist data;
    private final Progress progress;

    public ClassificationExperiment(ExperimentConfig config, FashionMnist data, Progress progress) {
        this.config = config;
        this.data = data;
        this.progress = progress;
    }

    /** Pre-trains everything, then runs the comparison; returns one row per measurement. */
    public List<ResultRow> run() {
        return run(Pretrained.train(data, config, progress));
    }

    public List<ResultRow> run(Pretrained pre) {
        return run(pre, config.conditions(), defaultMethods(config));
    }

    /** The methods the comparison knows by name; the untrained adapter and the scratch baseline need none. */
    public static Map<String, TransplantMethod> defaultMethods(ExperimentConfig config) {
        return Map.of(Condition.SUPERVISED, new SupervisedAdapter(),
                Condition.FORWARD, new ForwardDistillation(),
                Condition.BACK, new BackDistillation(config.lambdaRule(), 1));
    }

    /**
     * Runs {@code conditions} for every new category and seed, resolving each condition's method
     * name in {@code methods} (so a sweep can compare variants of one method side by side).
     */
    public List<ResultRow> run(Pretrained pre, List<Condition> conditions, Map<String, TransplantMethod> methods) {
        List<ResultRow> rows = new ArrayList<>();
        ImageSet test = data.test();
        INDArray testImages = test.images(test.all());
        progress.stage("scoring teachers and base categories", config.baseCategories().size());
        for (Category c : config.allCategories()) {
            // f_c(test images) once per category: the teacher, the base route and every transplant share it
            INDArray testFeatures = new ForwardPass(pre.teachers().get(c).features()).apply(testImages);
            rows.addAll(referenceRows(pre, c, testFeatures));
            if (config.newCategories().contains(c)) {
                rows.addAll(transplantRuns(pre, c, testFeatures, conditions, methods));
            } else {
                progress.step();
            }
        }
        return rows;
    }

    /**
     * The teacher on its own category, and for a base category the generic network's route
     * g(h_c(f_c(x))) — computed from the category's test features f_c(x), which both share.
     */
    private List<ResultRow> referenceRows(Pretrained pre, Category c, INDArray testFeatures) {
        INDArray labels = data.test().isCategory(data.test().all(), c);
        List<ResultRow> rows = new ArrayList<>();
        rows.add(row(c, Condition.TEACHER, 0, 0, config.pretrainSeed(),
                Metrics.balancedError(new ForwardPass(pre.teachers().get(c).head()).apply(testFeatures), labels)));
        if (config.baseCategories().contains(c)) {
            ForwardPass route = new ForwardPass(pre.network().adapter(c, Task.CLASSIFICATION), pre.network().taskModule(Task.CLASSIFICATION));
            rows.add(row(c, "generic-network", 0, 0, config.pretrainSeed(), Metrics.balancedError(route.apply(testFeatures), labels)));
        }
        return rows;
    }

    /** The samples of one seed for one category, with their features cached. */
    private record SeedData(long seed, int[] annotated, INDArray annotatedFeatures, INDArray annotatedLabels, INDArray poolFeatures) {}

    private List<ResultRow> transplantRuns(Pretrained pre, Category c, INDArray testFeatures, List<Condition> conditions,
            Map<String, TransplantMethod> methods) {
        ImageSet train = data.train();
        ImageSet test = data.test();
        ForwardPass f = new ForwardPass(pre.teachers().get(c).features());
        INDArray testLabels = test.isCategory(test.all(), c);

        List<SeedData> seeds = new ArrayList<>();
        for (long seed : config.seeds()) {
            int[] annotated = nestedAnnotated(train, c, config.maxAnnotations(), seed);
            int[] pool = Samples.unlabeledPool(train, config.maxPool(), seed + 1_000_003L);
            seeds.add(new SeedData(seed, annotated, f.apply(train.images(annotated)), train.isCategory(annotated, c),
                    f.apply(train.images(pool))));
        }
        record Job(SeedData seed, Condition condition) {}
        List<Job> jobs = new ArrayList<>();
        for (SeedData s : seeds) {
            for (Condition cond : conditions) {
                jobs.add(new Job(s, cond));
            }
        }
        progress.stage("transplanting " + c + " (" + conditions.size() + " conditions x " + seeds.size() + " seeds)", jobs.size());
        List<List<ResultRow>> rows = Workers.map(jobs, j -> {
            long start = System.nanoTime();
            double error = runOne(pre, c, j.seed(), j.condition(), testFeatures, testLabels, methods);
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.step();
            Condition k = j.condition();
            ResultRow e = row(c, k.method(), k.annotations(), k.unlabeled(), j.seed().seed(), error);
            return List.of(e, new ResultRow(e.task(), e.category(), e.method(), e.annotations(), e.unlabeled(), e.seed(), SECONDS, seconds));
        });
        return rows.stream().flatMap(List::stream).toList();
    }

    private double runOne(Pretrained pre, Category c, SeedData s, Condition cond, INDArray testFeatures, INDArray testLabels,
            Map<String, TransplantMethod> methods) {
        Module task = pre.network().taskModule(Task.CLASSIFICATION);
        ModuleSpec adapterSpec = pre.adapterSpec();
        if (cond.method().equals(Condition.SCRATCH)) {
            ImageSet train = data.train();
            int[] idx = Arrays.copyOf(s.annotated(), cond.annotations());
            Teacher scratch = TeacherTraining.train(c, train.images(idx), train.isCategory(idx, c), config.scratchTraining(), s.seed());
            ImageSet test = data.test();
            return Metrics.balancedError(new ForwardPass(scratch.features(), scratch.head()).apply(test.images(test.all())), testLabels);
        }
        Module adapter;
        if (cond.method().equals(Condition.UNTRAINED)) {
            adapter = Module.initialised(adapterSpec, Module.Init.IDENTITY, s.seed(), task.dataType());
        } else {
            int[] first = range(cond.annotations());
            TransplantData td = new TransplantData(task, pre.teachers().get(c).head(), adapterSpec,
                    BatchSampler.rowsOf(s.annotatedFeatures(), first), BatchSampler.rowsOf(s.annotatedLabels(), first),
                    BatchSampler.rowsOf(s.poolFeatures(), range(cond.unlabeled())));
            TransplantMethod method = methods.get(cond.method());
            if (method == null) {
                throw new IllegalArgumentException("unknown method '" + cond.method() + "'; known: " + methods.keySet());
            }
            adapter = method.learnAdapter(td, config.adapterTraining(), s.seed());
        }
        return Metrics.balancedError(new ForwardPass(adapter, task).apply(testFeatures), testLabels);
    }

    /** Annotated indices whose first k hold k/2 positives and k − k/2 negatives, for every even k. */
    static int[] nestedAnnotated(ImageSet set, Category c, int max, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] pos = Samples.draw(set.indices(c, true), max / 2 + 1, rng);
        int[] neg = Samples.draw(set.indices(c, false), max - max / 2, rng);
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = i % 2 == 0 ? pos[i / 2] : neg[i / 2];
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    private static ResultRow row(Category c, String method, int k, int n, long seed, double value) {
        return new ResultRow(TASK, c.id(), method, k, n, seed, METRIC, value);
    }
}
