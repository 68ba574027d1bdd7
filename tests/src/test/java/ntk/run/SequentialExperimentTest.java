package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ntk.backend.Backend;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.nn.Architectures;
import ntk.nn.Module;
import ntk.nn.ModuleSpec;
import ntk.train.Teacher;
import ntk.train.Trainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The LEGO experiment on random modules of the kit's architectures and a few steps of training:
 * transplanting a category leaves the earlier category's outputs bit-identical, fine-tuning the
 * shared task module changes them. Every approach, on real pre-training: {@link EndToEndFastIT}.
 */
class SequentialExperimentTest {
    private static final List<Category> BASE = List.of(FashionMnist.TSHIRT);
    private static final Category ADDED = FashionMnist.SANDAL;

    /** Classification only, one base category and one added, five training steps, 200 test images. */
    private static ExperimentConfig tiny() {
        ExperimentConfig fast = ExperimentConfig.fast().withTasks(List.of(Task.CLASSIFICATION))
                .withCategories("tiny", BASE, List.of(ADDED))
                .withSequential(new ExperimentConfig.SequentialSettings(20, 20, 200, 5, 1.0));
        Trainer.Settings few = new Trainer.Settings(5, 1e-2, 16);
        return fast.withTransplant(Task.CLASSIFICATION, fast.transplant(Task.CLASSIFICATION).withTraining(few).withSupervised(few));
    }

    /** He-random teachers and task module, identity adapters: what pre-training would hand over, untrained. */
    private static Pretrained randomModules(ExperimentConfig config) {
        Map<Category, Teacher> teachers = new LinkedHashMap<>();
        long seed = 1;
        for (Category c : config.categories().all()) {
            Module f = Module.initialised(Architectures.categoryModule(Task.item(config.data().itemShape())), Module.Init.HE, seed++, DataType.FLOAT);
            teachers.put(c, new Teacher(c, f, Module.initialised(Task.CLASSIFICATION.head(f.spec().output(), ModuleSpec.Role.TEACHER_HEAD),
                    Module.Init.HE, seed++, DataType.FLOAT)));
        }
        GenericNetwork network = new GenericNetwork();
        Module f0 = teachers.get(BASE.get(0)).features();
        network.addTaskModule(Task.CLASSIFICATION, Module.initialised(Task.CLASSIFICATION.head(f0.spec().output(), ModuleSpec.Role.TASK),
                Module.Init.HE, seed++, DataType.FLOAT));
        for (Category c : BASE) {
            network.addCategory(c, teachers.get(c).features());
            network.addAdapter(c, Task.CLASSIFICATION, Module.initialised(config.adapter(Task.CLASSIFICATION), Module.Init.IDENTITY, seed++,
                    DataType.FLOAT));
        }
        return new Pretrained(teachers, network);
    }

    @Test
    void transplantingKeepsTheEarlierCategoryBitIdenticalWhereFineTuningChangesIt() {
        Backend.init();
        ExperimentConfig config = tiny();
        Pretrained pre = randomModules(config);
        SequentialExperiment experiment = new SequentialExperiment(config, FashionMnist.load(), Progress.silent())
                .withApproaches(SequentialApproaches.TRANSPLANT, SequentialApproaches.FINE_TUNE);
        List<SequentialExperiment.Row> rows = experiment.run(pre);

        Category base = BASE.get(0);
        String before = row(rows, SequentialApproaches.TRANSPLANT, 0, base).outputDigest();
        assertEquals(before, row(rows, SequentialApproaches.FINE_TUNE, 0, base).outputDigest(), "both start from the same network");
        assertEquals(before, row(rows, SequentialApproaches.TRANSPLANT, 1, base).outputDigest(),
                "transplanting " + ADDED + " changed " + base + "'s outputs");
        assertNotEquals(before, row(rows, SequentialApproaches.FINE_TUNE, 1, base).outputDigest(),
                "fine-tuning trains the shared task module, so " + base + "'s outputs must change");
        for (String a : experiment.approaches()) {
            row(rows, a, 1, ADDED); // each approach scores the category it added
        }
        GenericNetwork grown = experiment.network();
        assertTrue(grown.categories().contains(ADDED), "transplanting grew the network: " + grown.categories());
        assertTrue(pre.network().taskModule(Task.CLASSIFICATION).sameAs(grown.taskModule(Task.CLASSIFICATION)),
                "transplanting left the shared task module as it was");
    }

    private static SequentialExperiment.Row row(List<SequentialExperiment.Row> rows, String approach, int step, Category c) {
        List<SequentialExperiment.Row> match = rows.stream().filter(r -> r.approach().equals(approach) && r.step() == step && r.category() == c)
                .toList();
        assertEquals(1, match.size(), approach + " step " + step + " " + c + ": " + match);
        return match.get(0);
    }

    private final SequentialExperiment all = new SequentialExperiment(ExperimentConfig.fast(), null, Progress.silent());

    @Test
    void runsEveryApproachUnlessToldOtherwise() {
        assertEquals(SequentialExperiment.APPROACHES, all.approaches());
        assertEquals(SequentialExperiment.APPROACHES,
                all.withApproaches(SequentialApproaches.LWF, SequentialApproaches.REPLAY, SequentialApproaches.FINE_TUNE,
                        SequentialApproaches.TRANSPLANT).approaches(), "always in the order of APPROACHES");
    }

    @Test
    void anUnknownOrMissingApproachIsRefusedWithTheNamesThatExist() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> all.withApproaches("fine-tuning"));
        assertTrue(unknown.getMessage().contains("unknown approach 'fine-tuning'") && unknown.getMessage().contains("fine-tune"),
                unknown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> all.withApproaches());
        assertTrue(none.getMessage().contains("no approach chosen"), none.getMessage());
    }

    @Test
    void withoutTransplantingThereIsNoGrownNetworkToShow() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> all.withApproaches(SequentialApproaches.FINE_TUNE).network());
        assertTrue(e.getMessage().contains("include transplant"), e.getMessage());
    }
}
