package ntk.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ntk.backend.Workers;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.Examples;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Module;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.protocol.TaskProtocol;
import ntk.train.Teacher;
import ntk.train.TeacherTraining;
import ntk.transplant.AnnotatedViews;
import ntk.transplant.FirstBlock;
import ntk.transplant.PoolExpansion;
import ntk.transplant.TransplantData;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import ntk.transplant.Transplanter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The comparison for one task: every new category is transplanted into the pre-trained generic
 * network by every method, budget and pool size of the task's conditions, for every seed, and
 * scored on the task's test examples. The teachers and, for base categories, the network's own
 * routes are scored alongside as references.
 *
 * <p>Per seed, the annotated samples are nested (the 10 are among the 20, ...) and so are the
 * unlabeled pools, so curves over budgets compare like with like.
 */
public final class TransplantExperiment {
    /** Seconds one run took to learn its adapter (or network) and score it: a metric of its own per run. */
    public static final String SECONDS = "seconds";
    /** Unlabeled pools are drawn with the seed plus this offset, apart from the annotated samples. */
    public static final long POOL_SEED_OFFSET = 1_000_003L;

    /** Test inputs kept per run for {@link #gallery()}. */
    public static final int GALLERY_SIZE = 4;

    private final ExperimentConfig config;
    private final TaskProtocol protocol;
    private final Task task;
    private final Progress progress;
    private final Map<Condition, INDArray> galleryPredictions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Gallery gallery;

    /**
     * The first {@link #GALLERY_SIZE} test inputs of the first new category with their labels, and
     * what the teacher and every condition of the first seed predicted for them — for pictures
     * such as the segmentation masks of each method.
     */
    public record Gallery(Category category, long seed, INDArray inputs, INDArray labels, INDArray teacher,
            Map<Condition, INDArray> predictions) {}

    public TransplantExperiment(ExperimentConfig config, TaskProtocol protocol, Progress progress) {
        this.config = config;
        this.protocol = protocol;
        this.task = protocol.task();
        this.progress = progress;
    }

    /** The experiment of {@code task} on Fashion-MNIST. */
    public static TransplantExperiment of(Task task, ExperimentConfig config, DatasetImages data, Progress progress) {
        return new TransplantExperiment(config, TaskProtocol.of(task, config, data), progress);
    }

    public TaskProtocol protocol() {
        return protocol;
    }

    /** The gallery of the last {@link #run}; null before. */
    public Gallery gallery() {
        Gallery g = gallery;
        if (g == null) {
            return null;
        }
        Map<Condition, INDArray> ordered = new java.util.TreeMap<>(java.util.Comparator.comparing(Condition::method)
                .thenComparing(Condition::annotations).thenComparing(Condition::unlabeled));
        ordered.putAll(galleryPredictions);
        return new Gallery(g.category(), g.seed(), g.inputs(), g.labels(), g.teacher(), ordered);
    }

    public List<ResultRow> run(Pretrained pre) {
        return run(pre, protocol.conditions());
    }

    /** The given conditions, each method looked up by name in {@link TransplantMethods} under the config's settings for this task. */
    public List<ResultRow> run(Pretrained pre, List<Condition> conditions) {
        return run(pre, conditions, methods(conditions));
    }

    /** The transplant method of every condition that has one, by name, under the config's settings for this task. */
    public Map<String, TransplantMethod> methods(List<Condition> conditions) {
        TransplantSettings settings = config.transplant(task);
        Map<String, TransplantMethod> methods = new java.util.LinkedHashMap<>();
        for (Condition c : conditions) {
            if (!Condition.REFERENCES.contains(c.method())) {
                methods.computeIfAbsent(c.method(), name -> TransplantMethods.create(name, settings));
            }
        }
        return methods;
    }

    /**
     * Runs {@code conditions} for every new category and seed, resolving each condition's method
     * name in {@code methods}: a method with the settings it learns under (adapter shape and
     * training included), so a sweep can compare variants of one method side by side.
     */
    public List<ResultRow> run(Pretrained pre, List<Condition> conditions, Map<String, TransplantMethod> methods) {
        List<ResultRow> rows = new ArrayList<>();
        progress.stage(task + ": scoring teachers and base categories", config.categories().base().size());
        for (Category c : config.categories().all()) {
            Examples test = protocol.test(c);
            // f_c(test inputs) once per category: the teacher, the base route and every transplant share it
            INDArray testFeatures = new ForwardPass(features(pre, c)).apply(test.inputs());
            rows.addAll(referenceRows(pre, c, testFeatures, test.labels()));
            if (config.categories().transplanted().contains(c)) {
                if (c == config.categories().transplanted().get(0)) {
                    galleryPredictions.clear();
                    gallery = new Gallery(c, config.runs().seeds().get(0), Examples.firstRows(test.inputs(), GALLERY_SIZE),
                            Examples.firstRows(test.labels(), GALLERY_SIZE), Examples.firstRows(
                                    new ForwardPass(pre.teachers().get(c).head(task)).apply(testFeatures), GALLERY_SIZE), Map.of());
                }
                rows.addAll(transplantRuns(pre, c, testFeatures, test, conditions, methods));
            } else {
                progress.step();
            }
        }
        return rows;
    }

    private Module features(Pretrained pre, Category c) {
        return pre.teachers().get(c).features(task);
    }

    /** The teacher on its own category, and for a base category the generic network's route g(h_c(f_c(x))). */
    private List<ResultRow> referenceRows(Pretrained pre, Category c, INDArray testFeatures, INDArray labels) {
        List<ResultRow> rows = new ArrayList<>();
        INDArray teacher = new ForwardPass(pre.teachers().get(c).head(task)).apply(testFeatures);
        rows.addAll(scored(c, new Condition(Condition.TEACHER, 0, 0), config.pretraining().seed(), teacher, labels));
        if (config.categories().base().contains(c)) {
            INDArray route = new ForwardPass(pre.network().adapter(c, task), pre.network().taskModule(task)).apply(testFeatures);
            rows.addAll(scored(c, new Condition(Condition.GENERIC, 0, 0), config.pretraining().seed(), route, labels));
        }
        return rows;
    }

    /** The samples of one seed for one category, with their features cached (and the pool's images, for enlarging it). */
    private record SeedData(long seed, Examples annotated, INDArray annotatedFeatures, INDArray pool, INDArray poolFeatures) {}

    private List<ResultRow> transplantRuns(Pretrained pre, Category c, INDArray testFeatures, Examples test,
            List<Condition> conditions, Map<String, TransplantMethod> methods) {
        ForwardPass f = new ForwardPass(features(pre, c));
        int maxAnnotations = conditions.stream().mapToInt(Condition::annotations).max().orElse(0);
        int maxPool = conditions.stream().mapToInt(Condition::unlabeled).max().orElse(0);
        List<SeedData> seeds = new ArrayList<>();
        for (long seed : config.runs().seeds()) {
            Examples annotated = protocol.annotated(c, Math.max(maxAnnotations, 1), seed);
            INDArray pool = protocol.unlabeled(c, Math.max(maxPool, 1), seed + POOL_SEED_OFFSET);
            seeds.add(new SeedData(seed, annotated, f.apply(annotated.inputs()), pool, f.apply(pool)));
        }
        record Job(SeedData seed, Condition condition) {}
        List<Job> jobs = new ArrayList<>();
        for (SeedData s : seeds) {
            for (Condition cond : conditions) {
                jobs.add(new Job(s, cond));
            }
        }
        progress.stage(task + ": transplanting " + c + " (" + conditions.size() + " conditions x " + seeds.size() + " seeds)", jobs.size());
        List<List<ResultRow>> rows = Workers.map(jobs, j -> {
            long start = System.nanoTime();
            INDArray predictions = runOne(pre, c, j.seed(), j.condition(), testFeatures, test, methods);
            if (gallery != null && c == gallery.category() && j.seed().seed() == gallery.seed()) {
                galleryPredictions.put(j.condition(), Examples.firstRows(predictions, GALLERY_SIZE));
            }
            List<ResultRow> scored = new ArrayList<>(scored(c, j.condition(), j.seed().seed(), predictions, test.labels()));
            scored.add(row(c, j.condition(), j.seed().seed(), SECONDS, (System.nanoTime() - start) / 1e9));
            progress.step();
            return scored;
        });
        return rows.stream().flatMap(List::stream).toList();
    }

    /** The test predictions of one run. */
    private INDArray runOne(Pretrained pre, Category c, SeedData s, Condition cond, INDArray testFeatures, Examples test,
            Map<String, TransplantMethod> methods) {
        Module taskModule = pre.network().taskModule(task);
        if (cond.method().equals(Condition.SCRATCH)) {
            Teacher scratch = TeacherTraining.train(task, c, s.annotated().first(cond.annotations()), protocol.scratchTraining(), s.seed());
            return scratch.predict(task, test.inputs());
        }
        Module adapter;
        if (cond.method().equals(Condition.UNTRAINED)) {
            adapter = Module.initialised(config.adapter(task), Module.Init.IDENTITY, s.seed(), taskModule.dataType());
        } else {
            TransplantMethod m = methods.get(cond.method());
            if (m == null) {
                throw new IllegalArgumentException("unknown method '" + cond.method() + "'; known: " + methods.keySet());
            }
            Teacher teacher = pre.teachers().get(c);
            AnnotatedViews.Labeled annotated = annotated(s, cond.annotations(), m.annotatedViews());
            INDArray pool = poolInputs(teacher, s, cond.unlabeled(), m.poolExpansion());
            TransplantData td = new TransplantData(taskModule, teacher.head(task), m.adapter(task.adapter(teacher.itemShape()).input()),
                    annotated.images() == null ? Examples.firstRows(s.annotatedFeatures(), cond.annotations()) : features(teacher, annotated.images()),
                    annotated.labels(), pool == null ? Examples.firstRows(s.poolFeatures(), cond.unlabeled()) : features(teacher, pool));
            if (m.needsFirstBlock()) {
                td = td.withFirstBlock(FirstBlock.of(teacher.features(),
                        annotated.images() == null ? Examples.firstRows(s.annotated().inputs(), cond.annotations()) : annotated.images(),
                        pool == null ? Examples.firstRows(s.pool(), cond.unlabeled()) : pool));
            }
            adapter = m.learnAdapter(td, s.seed());
        }
        return new ForwardPass(adapter, taskModule).apply(testFeatures);
    }

    /**
     * The first {@code k} annotated inputs enlarged by labelled views, with their labels, where
     * {@code views} adds any; else no images (the cached features serve) and the labels.
     */
    private AnnotatedViews.Labeled annotated(SeedData s, int k, AnnotatedViews.Settings views) {
        INDArray labels = Examples.firstRows(s.annotated().labels(), k);
        if (!views.enabled() || k == 0) {
            return new AnnotatedViews.Labeled(null, labels);
        }
        return AnnotatedViews.expand(views, Examples.firstRows(s.annotated().inputs(), k), labels, s.seed() + Transplanter.ANNOTATED_VIEWS_SEED_OFFSET);
    }

    /** The first {@code n} pool inputs enlarged by {@code expansion}; null without one (the cached features serve). */
    private INDArray poolInputs(Teacher teacher, SeedData s, int n, PoolExpansion expansion) {
        return expansion == null ? null : expansion.expand(Examples.firstRows(s.pool(), n), teacher, task, s.seed() + Transplanter.EXPANSION_SEED_OFFSET);
    }

    private INDArray features(Teacher teacher, INDArray inputs) {
        return new ForwardPass(teacher.features(task)).apply(inputs);
    }

    private List<ResultRow> scored(Category c, Condition cond, long seed, INDArray predictions, INDArray labels) {
        List<ResultRow> rows = new ArrayList<>();
        protocol.score(predictions, labels).forEach((metric, value) -> rows.add(row(c, cond, seed, metric, value)));
        return rows;
    }

    private ResultRow row(Category c, Condition cond, long seed, String metric, double value) {
        return new ResultRow(task.id(), c.id(), cond.method(), cond.annotations(), cond.unlabeled(), seed, metric, value);
    }
}
