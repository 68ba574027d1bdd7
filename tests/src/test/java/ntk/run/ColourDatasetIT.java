package ntk.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ntk.backend.Backend;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.data.DatasetImages;
import ntk.data.Datasets;
import ntk.data.ImageSet;
import ntk.data.ItemShape;
import ntk.generic.GenericNetwork;
import ntk.generic.Task;
import ntk.io.ModuleFiles;
import ntk.protocol.Condition;
import ntk.protocol.ResultRow;
import ntk.train.Trainer;
import ntk.transplant.ExpansionSettings;
import ntk.transplant.TransplantMethods;
import ntk.transplant.Transplanter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A colour data set built here runs through the whole kit: 3-channel items flow into the category
 * modules, scenes, views and synthesis, module files, and both tasks' experiments.
 */
class ColourDatasetIT {
    static final String NAME = "colour-fixture";
    static final ItemShape SHAPE = new ItemShape(3, 16, 16);
    /** Each category: a square of one hue at a random place; hues differ, so only colour tells them apart. */
    static final float[][] HUES = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}};

    private static Dataset dataset;
    private static DatasetImages data;
    private static Pretrained pre;

    @BeforeAll
    static void pretrain() {
        Backend.init();
        dataset = colourSquares();
        Datasets.register(dataset);
        data = dataset.load();
        pre = Pretrained.train(data, config(), Progress.silent());
    }

    @Test
    void colourItemsRunThroughBothTasksAndTransplantingBeatsTheUntrainedAdapter() {
        for (Task task : List.of(Task.CLASSIFICATION, Task.SEGMENTATION)) {
            List<ResultRow> rows = TransplantExperiment.of(task, config(), data, Progress.silent()).run(pre);
            double untrained = value(rows, Condition.UNTRAINED, 0);
            double back = value(rows, TransplantMethods.BACK, 100);
            assertTrue(Double.isFinite(back), task + ": " + back);
            if (task == Task.CLASSIFICATION) {
                assertTrue(back < untrained - 0.1, "colour back-distillation " + back + " vs untrained " + untrained);
            } else {
                assertTrue(back > untrained, "colour back-distillation IoU " + back + " vs untrained " + untrained);
            }
        }
    }

    @Test
    void viewsAndSynthesisKeepTheThreeChannels(@TempDir Path dir) {
        Category d = dataset.category("yellow");
        INDArray real = data.train().images(new int[] {0, 1, 2, 3});
        ExpansionSettings e = TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION).expansion();
        var expanded = ntk.transplant.BackDistillation.enlarged(config().transplant(Task.CLASSIFICATION), ExpansionSettings.Method.VIEWS_THEN_SYNTHESIS)
                .poolExpansion().expand(real, pre.teachers().get(d), Task.CLASSIFICATION, 5);
        assertEquals(3, expanded.size(1));
        assertEquals(16, expanded.size(2));
        assertTrue(expanded.size(0) > 4, "views and synthesised inputs were added: " + expanded.size(0) + " (" + e + ")");

        GenericNetwork net = pre.network().copy();
        Transplanter.transplant(net, pre.teachers().get(d), Task.CLASSIFICATION,
                TransplantMethods.create(TransplantMethods.BACK, config().transplant(Task.CLASSIFICATION)),
                real.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0)), org.nd4j.linalg.factory.Nd4j.zeros(0, 1),
                data.train().images(new int[] {4, 5, 6, 7, 8, 9}), 1);
        Path file = dir.resolve("colour.ntk");
        ModuleFiles.saveNetwork(file, net);
        GenericNetwork back = ModuleFiles.loadNetwork(file);
        assertEquals(NAME, back.dataset());
        INDArray x = data.test().images(new int[] {0, 1});
        assertArrayEquals(net.predict(d, Task.CLASSIFICATION, x).toFloatVector(), back.predict(d, Task.CLASSIFICATION, x).toFloatVector());
    }

    private static double value(List<ResultRow> rows, String method, int unlabeled) {
        return rows.stream().filter(r -> r.method().equals(method) && r.annotations() == 0 && r.unlabeled() == unlabeled
                && r.category().equals("yellow") && !r.metric().equals(TransplantExperiment.SECONDS)).findFirst().orElseThrow().value();
    }

    static ExperimentConfig config() {
        List<Category> all = dataset.categories();
        Trainer.Settings quick = new Trainer.Settings(60, 3e-3, 32);
        return new ExperimentConfig("colour", NAME,
                new ExperimentConfig.Categories(all.subList(0, 3), all.subList(3, 4), List.of()),
                new ExperimentConfig.Runs(List.of(1L), List.of(10), List.of(100), 100, false, quick),
                new ExperimentConfig.Pretraining(7L, 60, quick, 60, quick),
                List.of(Task.CLASSIFICATION, Task.SEGMENTATION),
                new ExperimentConfig.SegmentationSettings(60, new Trainer.Settings(40, 3e-3, 8), 40, new Trainer.Settings(40, 3e-3, 8), 30,
                        false, false, quick),
                new ExperimentConfig.SequentialSettings(50, 10, 100, 10, 1.0),
                ExperimentConfig.ExpansionRuns.none(),
                Map.of(Task.CLASSIFICATION, TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION)
                                .withTraining(new Trainer.Settings(60, 1e-2, 32)).withSupervised(new Trainer.Settings(60, 1e-2, 32)),
                        Task.SEGMENTATION, TunedSettings.STARTING_POINT.get(Task.SEGMENTATION)
                                .withTraining(new Trainer.Settings(40, 1e-2, 8)).withSupervised(new Trainer.Settings(40, 1e-2, 8))));
    }

    /** 120 training and 40 test images of each category, drawn from a fixed seed. */
    static Dataset colourSquares() {
        List<Category> categories = new ArrayList<>();
        String[] ids = {"red", "green", "blue", "yellow"};
        for (int i = 0; i < ids.length; i++) {
            categories.add(new Category(NAME, ids[i], ids[i], i));
        }
        return new Dataset() {
            private DatasetImages images;

            @Override
            public String name() {
                return NAME;
            }

            @Override
            public List<Category> categories() {
                return categories;
            }

            @Override
            public ItemShape itemShape() {
                return SHAPE;
            }

            @Override
            public synchronized DatasetImages load() {
                if (images == null) {
                    images = new DatasetImages(this, draw(120, 1), draw(40, 2));
                }
                return images;
            }
        };
    }

    private static ImageSet draw(int perCategory, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = perCategory * HUES.length;
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        int px = SHAPE.height() * SHAPE.width();
        for (int i = 0; i < n; i++) {
            labels[i] = i % HUES.length;
            byte[] img = new byte[SHAPE.size()];
            int side = rng.nextInt(5, 9);
            int top = rng.nextInt(0, SHAPE.height() - side);
            int left = rng.nextInt(0, SHAPE.width() - side);
            for (int r = top; r < top + side; r++) {
                for (int c = left; c < left + side; c++) {
                    for (int k = 0; k < 3; k++) {
                        img[k * px + r * SHAPE.width() + c] = (byte) Math.round(255 * HUES[labels[i]][k] * (0.7 + 0.3 * rng.nextDouble()));
                    }
                }
            }
            pixels[i] = img;
        }
        return new ImageSet(pixels, labels, 3, SHAPE.height(), SHAPE.width());
    }
}
