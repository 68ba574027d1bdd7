package ntk;

import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ntk.backend.Backend;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import ntk.data.Samples;
import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.Dense;
import ntk.nn.Flatten;
import ntk.nn.ForwardPass;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import ntk.train.BatchSampler;
import ntk.train.Trainer;
import ntk.train.TrainingDivergedException;
import ntk.transplant.BackDistillation;
import ntk.transplant.ForwardDistillation;
import ntk.transplant.SupervisedAdapter;
import ntk.transplant.TransplantData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Wrong names, shapes, settings and data fail early, with a message that says what is wrong. */
class BadInputTest {
    /** A Fashion-MNIST item: 1×28×28. */
    static final Shape FASHION_ITEM = Shape.image(1, 28, 28);

    static final Shape Z = Shape.image(4, 4, 4);
    static final Trainer.Settings FEW_STEPS = new Trainer.Settings(3, 1e-2, 8);

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static Module head(Shape features, ModuleSpec.Role role, long seed) {
        return Module.initialised(Architectures.classificationHead(features, role), Module.Init.HE, seed, DataType.FLOAT);
    }

    private static INDArray none(Shape s) {
        return Nd4j.create(DataType.FLOAT, s.withBatch(0));
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    // ---- names ----

    @Test
    void unknownCategoryListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.DATASET.category("unknown"));
        assertMentions(e, "'unknown'");
        for (Category c : FashionMnist.CATEGORIES) {
            assertMentions(e, c.id());
        }
    }

    @Test
    void categoryNamesParseInTheirUsualSpellings() {
        assertEquals(FashionMnist.ANKLE_BOOT, FashionMnist.DATASET.category("ankle-boot"));
        assertEquals(FashionMnist.ANKLE_BOOT, FashionMnist.DATASET.category("ANKLE_BOOT"));
        assertEquals(FashionMnist.ANKLE_BOOT, FashionMnist.DATASET.category("9"));
        assertEquals(FashionMnist.SANDAL, FashionMnist.DATASET.category(" Sandal "));
        assertEquals(FashionMnist.TSHIRT, FashionMnist.DATASET.ofLabel(0));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.DATASET.ofLabel(10));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.DATASET.category("10"));
    }

    @Test
    void unknownTaskListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.parse("x"));
        assertMentions(e, "'x'", "known tasks", "classification");
        assertEquals(Task.CLASSIFICATION, Task.parse(" Classification"));
    }

    // ---- shapes ----

    @Test
    void teacherHeadOnOtherFeaturesIsRefusedNamingBothShapes() {
        Shape other = Shape.image(8, 4, 4);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> new TransplantData(
                head(Z, ModuleSpec.Role.TASK, 1), head(other, ModuleSpec.Role.TEACHER_HEAD, 2), Architectures.adapter(Z),
                none(Z), Nd4j.create(DataType.FLOAT, 0, 1), none(Z)));
        assertMentions(e, "[8, 4, 4]", "[4, 4, 4]");
    }

    @Test
    void adapterThatDoesNotFeedTheTaskModuleIsRefusedNamingBothShapes() {
        Shape wide = Shape.image(8, 4, 4);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> new TransplantData(
                head(wide, ModuleSpec.Role.TASK, 1), head(Z, ModuleSpec.Role.TEACHER_HEAD, 2), Architectures.adapter(Z),
                none(Z), Nd4j.create(DataType.FLOAT, 0, 1), none(Z)));
        assertMentions(e, "[4, 4, 4]", "[8, 4, 4]", "task module");
    }

    @Test
    void teacherSolvingAnotherTaskIsRefused() {
        ModuleSpec twoLogits = new ModuleSpec(ModuleSpec.Role.TEACHER_HEAD, Z, List.of(new Flatten(), new Dense(64, 2)));
        Module teacher = Module.initialised(twoLogits, Module.Init.HE, 3, DataType.FLOAT);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> new TransplantData(
                head(Z, ModuleSpec.Role.TASK, 1), teacher, Architectures.adapter(Z), none(Z), Nd4j.create(DataType.FLOAT, 0, 1), none(Z)));
        assertMentions(e, "[2]", "[1]");
    }

    @Test
    void featuresOfTheWrongShapeAreRefusedNamingBothShapes() {
        INDArray wrong = gaussian(DataType.FLOAT, 1, 5, 4, 5, 5);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> new TransplantData(
                head(Z, ModuleSpec.Role.TASK, 1), head(Z, ModuleSpec.Role.TEACHER_HEAD, 2), Architectures.adapter(Z),
                none(Z), Nd4j.create(DataType.FLOAT, 0, 1), wrong));
        assertMentions(e, "unlabeled", "[5, 4, 5, 5]", "4, 4, 4]");
    }

    @Test
    void labelCountMustMatchTheLabeledSamples() {
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> new TransplantData(
                head(Z, ModuleSpec.Role.TASK, 1), head(Z, ModuleSpec.Role.TEACHER_HEAD, 2), Architectures.adapter(Z),
                gaussian(DataType.FLOAT, 1, Z.withBatch(3)), Nd4j.create(DataType.FLOAT, 2, 1), none(Z)));
        assertMentions(e, "3 labeled samples", "2 labels");
    }

    @Test
    void forwardPassRefusesWronglyShapedInput() {
        ForwardPass f = new ForwardPass(head(Z, ModuleSpec.Role.TASK, 1));
        INDArray wrong = gaussian(DataType.FLOAT, 1, 2, 3, 4, 4);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> f.apply(wrong));
        assertMentions(e, "[2, 3, 4, 4]", "[n, 4, 4, 4]");
        INDArray flat = gaussian(DataType.FLOAT, 1, 2, 64);
        assertThrows(IncompatibleShapeException.class, () -> f.apply(flat));
    }

    @Test
    void forwardPassRefusesModulesThatDoNotChain() {
        Module f = Module.initialised(Architectures.categoryModule(FASHION_ITEM), Module.Init.HE, 1, DataType.FLOAT);
        Module g = head(Z, ModuleSpec.Role.TASK, 1);
        IncompatibleShapeException e = assertThrows(IncompatibleShapeException.class, () -> new ForwardPass(f, g));
        assertMentions(e, "[32, 7, 7]", "[4, 4, 4]");
        assertThrows(IllegalArgumentException.class, () -> new ForwardPass(List.of()));
    }

    // ---- training ----

    /** The starting point's classification settings, both trainings cut to {@link #FEW_STEPS}. */
    private static ntk.transplant.TransplantSettings fewSteps() {
        return STARTING.withTraining(FEW_STEPS).withSupervised(FEW_STEPS);
    }

    private static final ntk.transplant.TransplantSettings STARTING = ntk.config.TunedSettings.STARTING_POINT.get(ntk.generic.Task.CLASSIFICATION);

    @Test
    void supervisedTrainingOnNaNFeaturesStopsWithAClearError() {
        INDArray nan = gaussian(DataType.FLOAT, 1, Z.withBatch(8)).putScalar(new long[] {0, 0, 0, 0}, Float.NaN);
        INDArray labels = Nd4j.create(new float[] {1, 0, 1, 0, 1, 0, 1, 0}, new long[] {8, 1});
        TransplantData data = new TransplantData(head(Z, ModuleSpec.Role.TASK, 1), head(Z, ModuleSpec.Role.TEACHER_HEAD, 2),
                Architectures.adapter(Z), nan, labels, none(Z));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new SupervisedAdapter(fewSteps()).learnAdapter(data, 1));
        assertMentions(e, "step 1 ");
        assertTrue(e.getMessage().toLowerCase().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void forwardDistillationOnNaNFeaturesStopsWithAClearError() {
        INDArray nan = gaussian(DataType.FLOAT, 2, Z.withBatch(8));
        nan.putScalar(new long[] {3, 1, 2, 2}, Float.NaN);
        TransplantData data = new TransplantData(head(Z, ModuleSpec.Role.TASK, 1), head(Z, ModuleSpec.Role.TEACHER_HEAD, 2),
                Architectures.adapter(Z), none(Z), Nd4j.create(DataType.FLOAT, 0, 1), nan);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new ForwardDistillation(fewSteps()).learnAdapter(data, 1));
        assertMentions(e, "step 1 ");
        assertTrue(e.getMessage().toLowerCase().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void methodsRefuseDataTheyCannotUse() {
        TransplantData empty = new TransplantData(head(Z, ModuleSpec.Role.TASK, 1), head(Z, ModuleSpec.Role.TEACHER_HEAD, 2),
                Architectures.adapter(Z), none(Z), Nd4j.create(DataType.FLOAT, 0, 1), none(Z));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new SupervisedAdapter(fewSteps()).learnAdapter(empty, 1)),
                "annotated");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ForwardDistillation(fewSteps()).learnAdapter(empty, 1)),
                "unlabeled");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new BackDistillation(fewSteps()).learnAdapter(empty, 1)),
                "got none");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> STARTING.withProbes(0, false)), "probe");
    }

    @Test
    void trainingSettingsAreChecked() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Trainer.Settings(10, 0.0, 8)), "learning rate");
        assertThrows(IllegalArgumentException.class, () -> new Trainer.Settings(-1, 1e-3, 8));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Trainer.Settings(0, 1e-3, 8)), "steps >= 1");
        assertThrows(IllegalArgumentException.class, () -> new Trainer.Settings(10, 1e-3, 0));
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new BatchSampler(4, 1, Nd4j.create(DataType.FLOAT, 5, 2), Nd4j.create(DataType.FLOAT, 4, 1))), "5", "4");
    }

    // ---- experiment and samples ----

    @Test
    void categoryBothBaseAndNewIsRefused() {
        ExperimentConfig f = ExperimentConfig.fast();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.withCategories("bad", List.of(FashionMnist.TSHIRT, FashionMnist.SANDAL), List.of(FashionMnist.SANDAL)));
        assertMentions(e, "sandal", "both");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> f.withRuns(List.of(), List.of(10), List.of(10))), "seed");
    }

    /** 20 images, two of them sandals. */
    private static ImageSet tinySet() {
        int n = 20;
        byte[][] px = new byte[n][4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return new ImageSet(px, labels, 2, 2);
    }

    @Test
    void askingForMoreSamplesThanExistIsRefused() {
        ImageSet set = tinySet();
        IllegalArgumentException annotated = assertThrows(IllegalArgumentException.class,
                () -> Samples.annotated(set, FashionMnist.SANDAL, 10, 1));
        assertMentions(annotated, "5", "2");
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class, () -> Samples.unlabeledPool(set, 21, 1));
        assertMentions(pool, "21", "20");
        assertEquals(20, Samples.unlabeledPool(set, 20, 1).length);
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        assertThrows(ntk.data.DataException.class, () -> new ImageSet(new byte[3][4], new int[2], 2, 2));
    }
}
