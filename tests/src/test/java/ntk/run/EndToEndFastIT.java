package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.backend.Backend;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.Category;
import ntk.data.DatasetImages;
import ntk.data.FashionMnist;
import ntk.generic.Task;
import ntk.protocol.ClassificationProtocol;
import ntk.protocol.Condition;
import ntk.protocol.ConditionPlan;
import ntk.protocol.ResultRow;
import ntk.protocol.SegmentationProtocol;
import ntk.report.ContinualMetrics;
import ntk.report.Results;
import ntk.report.SceneGallery;
import ntk.report.SequentialReport;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import ntk.transplant.TransplantData;
import ntk.transplant.TransplantMethod;
import ntk.transplant.TransplantMethods;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * The main job's experiment end to end, in a reduced configuration: real Fashion-MNIST, real
 * teachers, a real shared task module; the rows, files and figures it writes. How well the
 * methods transplant is guarded in {@link MethodGuardsIT}.
 */
class EndToEndFastIT {

    /** Like ExperimentConfig.fast(), with one budget and one pool size and shorter pre-training. */
    static ExperimentConfig reduced() {
        return new ExperimentConfig("test", FashionMnist.NAME,
                new ExperimentConfig.Categories(List.of(FashionMnist.TSHIRT, FashionMnist.TROUSER, FashionMnist.BAG), List.of(FashionMnist.SANDAL)),
                new ExperimentConfig.Runs(List.of(1L), List.of(10), List.of(100), 100, false, new Trainer.Settings(100, 2e-3, 50)),
                new ExperimentConfig.Pretraining(2019L, 500, new Trainer.Settings(80, 3e-3, 64), 500, new Trainer.Settings(150, 3e-3, 32)),
                List.of(Task.CLASSIFICATION, Task.SEGMENTATION),
                new ExperimentConfig.SegmentationSettings(300, new Trainer.Settings(200, 3e-3, 16), 150,
                        new Trainer.Settings(150, 3e-3, 8), 100, false, false,
                        new Trainer.Settings(50, 3e-3, 16)),
                new ExperimentConfig.SequentialSettings(100, 20, 1000, 20, 1.0),
                ExperimentConfig.ExpansionRuns.none(),
                java.util.Map.of(Task.CLASSIFICATION, TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION)
                                .withTraining(new Trainer.Settings(100, 1e-2, 64)).withSupervised(new Trainer.Settings(100, 1e-2, 64)),
                        Task.SEGMENTATION, TunedSettings.STARTING_POINT.get(Task.SEGMENTATION)
                                .withTraining(new Trainer.Settings(80, 1e-2, 16)).withSupervised(new Trainer.Settings(80, 1e-2, 16))));
    }

    private static DatasetImages data;
    private static Pretrained pre;

    @BeforeAll
    static void pretrain() {
        Backend.init();
        data = FashionMnist.load();
        pre = Pretrained.train(data, reduced(), Progress.silent());
    }

    @Test
    void classificationRunsEveryConditionAndWritesItsRows(@TempDir Path dir) throws Exception {
        ExperimentConfig config = reduced();
        long start = System.nanoTime();
        List<ResultRow> rows = TransplantExperiment.of(Task.CLASSIFICATION, config, data, Progress.silent()).run(pre);
        double seconds = (System.nanoTime() - start) / 1e9;
        Table runs = Results.table(rows);
        System.out.println("end-to-end (" + String.format("%.0f", seconds) + " s):\n" + runs.printAll());

        // One error per teacher, per base category through the network, and per condition of the new category.
        List<ResultRow> errors = rows.stream().filter(r -> r.metric().equals(ClassificationProtocol.METRIC)).toList();
        assertEquals(config.categories().all().size() + config.categories().base().size() + ConditionPlan.classification(config).size(), errors.size());
        for (ResultRow r : rows) {
            assertEquals("classification", r.task());
            if (r.metric().equals(ClassificationProtocol.METRIC)) {
                assertTrue(r.value() >= 0 && r.value() <= 1, r.toString());
            } else {
                assertEquals(TransplantExperiment.SECONDS, r.metric(), "unexpected metric: " + r);
                assertTrue(r.value() > 0, r.toString());
            }
        }
        double teacher = errors.stream().filter(r -> r.category().equals("sandal") && r.method().equals(Condition.TEACHER))
                .findFirst().orElseThrow().value();
        assertTrue(teacher < 0.1, "the sandal teacher itself should be good, balanced error " + teacher);
        for (Category c : config.categories().base()) {
            double generic = errors.stream().filter(r -> r.category().equals(c.id()) && r.method().equals("generic-network"))
                    .findFirst().orElseThrow().value();
            assertTrue(generic < 0.25, "base category " + c + " through the generic network: " + generic);
        }

        Path csv = dir.resolve("comparison.csv");
        Results.writeCsv(runs, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("task,category,method,annotations,unlabeled,seed,metric,value", lines.get(0));
        assertEquals(rows.size() + 1, lines.size());
    }

    /** The README's example of a new method: back-distillation from a random (He) adapter instead of the identity. */
    record HeInitBackDistillation(TransplantSettings settings) implements TransplantMethod {
        @Override
        public ntk.nn.Module learnAdapter(TransplantData data, long seed) {
            return new BackDistillation(settings, ntk.nn.Module.Init.HE).learnAdapter(data, seed);
        }
    }

    static final String HE_INIT = "back-distillation-he-init";

    @Test
    void aMethodRegisteredByNameRunsThroughTheExperimentAndTheCommandLine(@TempDir Path dir) throws Exception {
        if (!TransplantMethods.isKnown(HE_INIT)) {
            TransplantMethods.register(HE_INIT, HeInitBackDistillation::new);
        }
        List<Condition> conditions = List.of(new Condition(TransplantMethods.BACK, 0, 100), new Condition(HE_INIT, 0, 100));
        List<ResultRow> rows = TransplantExperiment.of(Task.CLASSIFICATION, reduced(), data, Progress.silent()).run(pre, conditions);
        double identity = value(rows, TransplantMethods.BACK, 0, 100);
        double he = value(rows, HE_INIT, 0, 100);
        // the registered class ran, not the built-in method under its name: another start gives another adapter
        assertTrue(he != identity, "the registered method's score equals back-distillation's: " + he);

        Path network = dir.resolve("network.ntk");
        Path teacher = dir.resolve("teacher-sandal.ntk");
        ntk.io.ModuleFiles.saveNetwork(network, pre.network());
        ntk.io.ModuleFiles.saveTeacher(teacher, pre.teachers().get(FashionMnist.SANDAL));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = ntk.cli.Main.execute(new String[] {"transplant", "--network", network.toString(), "--teacher", teacher.toString(),
                "--method", HE_INIT, "--unlabeled", "10", "--steps", "5", "--out", dir.resolve("grown.ntk").toString()},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertEquals(0, code, "transplant --method " + HE_INIT + " failed: " + err);
        assertTrue(ntk.io.ModuleFiles.loadNetwork(dir.resolve("grown.ntk")).categories().contains(FashionMnist.SANDAL));
    }

    @Test
    void segmentationRunsEveryConditionAndDrawsItsMasks(@TempDir Path dir) throws Exception {
        ExperimentConfig config = reduced();
        TransplantExperiment experiment = TransplantExperiment.of(Task.SEGMENTATION, config, data, Progress.silent());
        List<ResultRow> rows = experiment.run(pre);
        System.out.println("segmentation end-to-end:\n" + Results.table(rows).printAll());
        for (ResultRow r : rows) {
            assertEquals("segmentation", r.task());
            if (!r.metric().equals(TransplantExperiment.SECONDS)) {
                assertTrue(r.value() >= 0 && r.value() <= 1, r.toString());
            }
        }
        List<Condition> conditions = ConditionPlan.core(config, false, false);
        long runs = rows.stream().filter(r -> r.metric().equals(SegmentationProtocol.IOU) && r.category().equals("sandal")
                && !r.method().equals(Condition.TEACHER)).count();
        assertEquals(conditions.size(), runs, "one IoU per condition of the new category");
        int pool = config.runs().poolSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        double teacher = value(rows, SegmentationProtocol.IOU, Condition.TEACHER, 0, 0);
        assertTrue(teacher > 0.25, "the sandal teacher's segmentation head should find sandals, IoU " + teacher);
        // an empty mask is right on every background pixel (0.94 here; the reduced teacher itself gets 0.95):
        // accuracy must beat that, not a fixed 0.8 that marking nothing passes
        INDArray masks = experiment.protocol().test(FashionMnist.SANDAL).labels();
        double emptyMask = 1 - masks.meanNumber().doubleValue();
        double accuracy = value(rows, SegmentationProtocol.PIXEL_ACCURACY, TransplantMethods.BACK, 0, pool);
        assertTrue(accuracy > emptyMask + 0.002, "pixel accuracy of back-distillation " + accuracy + " vs " + emptyMask + " for an empty mask");

        TransplantExperiment.Gallery gallery = experiment.gallery();
        assertEquals(conditions.size(), gallery.predictions().size(), "the gallery keeps every condition of the first seed");
        Path png = dir.resolve("masks.png");
        SceneGallery.write(gallery, png);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 112 * (conditions.size() + 3), "one panel per scene, mask and method");
        List<String> csv = Files.readAllLines(dir.resolve("masks.csv"));
        assertEquals(1 + TransplantExperiment.GALLERY_SIZE * (conditions.size() + 2), csv.size(), "one IoU per panel");
        assertTrue(csv.contains("0,true mask,1.0"), "the true mask against itself scores 1: " + csv);
    }

    @Test
    void sequentialTransplantingLeavesEarlierCategoriesBitIdenticalWhileEveryBaselineChangesThem() throws Exception {
        ExperimentConfig config = reduced();
        SequentialExperiment experiment = new SequentialExperiment(config, data, Progress.silent());
        List<SequentialExperiment.Row> rows = experiment.run(pre);
        System.out.println(SequentialReport.table(rows).printAll());
        Table continual = ContinualMetrics.of(rows);
        // the report as the main job writes it, kept under target/ for looking at the figures
        Path out = Files.createDirectories(Path.of("target", "sequential-end-to-end"));
        System.out.println(SequentialReport.write(rows, out));
        for (Task task : config.tasks()) {
            assertTrue(Files.size(out.resolve(task.id() + ".png")) > 0, task + " figure");
        }
        System.out.println("seconds spent learning the new categories, per approach: " + experiment.trainingSeconds());
        Category added = config.categories().transplanted().get(0);
        List<String> baselines = List.of(SequentialApproaches.FINE_TUNE, SequentialApproaches.REPLAY, SequentialApproaches.LWF);
        for (Task task : config.tasks()) {
            for (Category c : config.categories().base()) {
                SequentialExperiment.Row t0 = row(rows, SequentialApproaches.TRANSPLANT, 0, task, c);
                SequentialExperiment.Row t1 = row(rows, SequentialApproaches.TRANSPLANT, 1, task, c);
                assertEquals(t0.outputDigest(), t1.outputDigest(), task + " " + c + ": transplanting " + added + " changed its outputs");
                assertEquals(t0.value(), t1.value(), 0.0);
                for (String b : baselines) {
                    SequentialExperiment.Row b0 = row(rows, b, 0, task, c);
                    assertEquals(t0.outputDigest(), b0.outputDigest(), b + ": every approach starts from the same network");
                    assertTrue(!b0.outputDigest().equals(row(rows, b, 1, task, c).outputDigest()),
                            task + " " + c + ": " + b + " trains g, so the earlier category's outputs must change");
                }
            }
            for (String a : SequentialExperiment.APPROACHES) {
                row(rows, a, 1, task, added);
            }
            assertEquals(0.0, forgetting(continual, SequentialApproaches.TRANSPLANT, task, 1), 0.0);
        }
        // in this configuration replay and LwF keep the base categories' classification error
        // clearly closer to where it was than naive fine-tuning does
        double naive = forgetting(continual, SequentialApproaches.FINE_TUNE, Task.CLASSIFICATION, 1);
        for (String b : List.of(SequentialApproaches.REPLAY, SequentialApproaches.LWF)) {
            double f = forgetting(continual, b, Task.CLASSIFICATION, 1);
            assertTrue(f < naive, b + " should forget less than naive fine-tuning: " + f + " vs " + naive);
        }
    }

    /** Classification only, with no replay buffer and LwF weight 0. */
    private static ExperimentConfig naiveBaselinesConfig() {
        ExperimentConfig.SequentialSettings s = reduced().sequential();
        return reduced().withTasks(List.of(Task.CLASSIFICATION)).withSequential(
                new ExperimentConfig.SequentialSettings(s.pool(), s.fineTuneAnnotations(), s.classificationTestImages(), 0, 0.0));
    }

    private static List<SequentialExperiment.Row> naiveBaselinesRows;

    /** Every approach's rows under {@link #naiveBaselinesConfig()}, run once for the tests that need them. */
    private static synchronized List<SequentialExperiment.Row> naiveBaselinesRows() {
        if (naiveBaselinesRows == null) {
            naiveBaselinesRows = new SequentialExperiment(naiveBaselinesConfig(), data, Progress.silent()).run(pre);
        }
        return naiveBaselinesRows;
    }

    /** With no buffer and LwF weight 0 the two baselines are naive fine-tuning, bit for bit. */
    @Test
    void replayWithoutBufferAndLwfAtWeightZeroAreNaiveFineTuning() {
        ExperimentConfig config = naiveBaselinesConfig();
        List<SequentialExperiment.Row> rows = naiveBaselinesRows();
        for (Category c : config.categories().all()) { // the base categories and the one added
            SequentialExperiment.Row naive = row(rows, SequentialApproaches.FINE_TUNE, 1, Task.CLASSIFICATION, c);
            for (String b : List.of(SequentialApproaches.REPLAY, SequentialApproaches.LWF)) {
                assertEquals(naive.outputDigest(), row(rows, b, 1, Task.CLASSIFICATION, c).outputDigest(),
                        b + " with its extra term switched off must be naive fine-tuning: " + c);
            }
        }
    }

    /** Leaving approaches out only saves their time: the others' rows are the same, bit for bit. */
    @Test
    void aSubsetOfApproachesGivesThoseApproachesRowsUnchanged() {
        ExperimentConfig config = naiveBaselinesConfig();
        SequentialExperiment subset = new SequentialExperiment(config, data, Progress.silent())
                .withApproaches(SequentialApproaches.FINE_TUNE, SequentialApproaches.TRANSPLANT);
        assertEquals(List.of(SequentialApproaches.TRANSPLANT, SequentialApproaches.FINE_TUNE), subset.approaches(),
                "in the order of APPROACHES");
        List<SequentialExperiment.Row> rows = subset.run(pre);
        List<SequentialExperiment.Row> expected = naiveBaselinesRows().stream()
                .filter(r -> subset.approaches().contains(r.approach())).toList();
        assertEquals(expected, rows);
        assertEquals(subset.approaches(), List.copyOf(subset.trainingSeconds().keySet()));
        System.out.println(SequentialReport.summary(rows, Task.CLASSIFICATION));
        assertTrue(subset.network().categories().containsAll(config.categories().all()), "transplanting grew the network");
    }

    private static double forgetting(Table continual, String approach, Task task, int step) {
        Table m = continual.where(continual.stringColumn("approach").isEqualTo(approach)
                .and(continual.stringColumn("task").isEqualTo(task.id())).and(continual.intColumn("step").isEqualTo(step)));
        assertEquals(1, m.rowCount(), approach + " " + task + " step " + step);
        return m.doubleColumn("forgetting_pos_worse").get(0);
    }

    private static SequentialExperiment.Row row(List<SequentialExperiment.Row> rows, String approach, int step, Task task, Category c) {
        List<SequentialExperiment.Row> match = rows.stream()
                .filter(r -> r.approach().equals(approach) && r.step() == step && r.task() == task && r.category() == c).toList();
        assertEquals(1, match.size(), approach + " step " + step + " " + task + " " + c + ": " + match);
        return match.get(0);
    }

    private static double value(List<ResultRow> rows, String method, int annotations, int unlabeled) {
        return value(rows, ClassificationProtocol.METRIC, method, annotations, unlabeled);
    }

    private static double value(List<ResultRow> rows, String metric, String method, int annotations, int unlabeled) {
        List<ResultRow> match = rows.stream().filter(r -> r.metric().equals(metric)
                && r.category().equals("sandal") && r.method().equals(method)
                && r.annotations() == annotations && r.unlabeled() == unlabeled).toList();
        assertEquals(1, match.size(), method + " " + annotations + "/" + unlabeled + ": " + match);
        return match.get(0).value();
    }
}
