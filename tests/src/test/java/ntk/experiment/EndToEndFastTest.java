package ntk.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ntk.backend.Backend;
import ntk.data.Category;
import ntk.data.FashionMnist;
import ntk.train.Trainer;
import ntk.transplant.BackDistillation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The main job's experiment end to end, in a reduced configuration: real Fashion-MNIST, real
 * teachers, a real shared task module, and a zero-annotation back-distillation transplant that
 * must beat the untrained adapter by far.
 */
class EndToEndFastTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Like ExperimentConfig.fast(), with one budget and one pool size and shorter pre-training. */
    static ExperimentConfig reduced() {
        return new ExperimentConfig("test",
                List.of(Category.TSHIRT, Category.TROUSER, Category.BAG),
                List.of(Category.SANDAL),
                List.of(1L),
                List.of(10),
                List.of(100),
                100,
                false,
                500, new Trainer.Settings(80, 3e-3, 64),
                500, new Trainer.Settings(150, 3e-3, 32),
                new Trainer.Settings(100, 1e-2, 64),
                new Trainer.Settings(100, 2e-3, 50),
                BackDistillation.DEFAULT_RULE,
                2019L);
    }

    @Test
    void backDistillationWithoutAnnotationsBeatsTheUntrainedAdapter(@TempDir Path dir) throws Exception {
        ExperimentConfig config = reduced();
        long start = System.nanoTime();
        List<ResultRow> rows = new ClassificationExperiment(config, FashionMnist.load(), Progress.silent()).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Table runs = Results.table(rows);
        System.out.println("end-to-end (" + String.format("%.0f", seconds) + " s):\n" + runs.printAll());

        // One error per teacher, per base category through the network, and per condition of the new category.
        List<ResultRow> errors = rows.stream().filter(r -> r.metric().equals(ClassificationExperiment.METRIC)).toList();
        assertEquals(config.allCategories().size() + config.baseCategories().size() + config.conditions().size(), errors.size());
        for (ResultRow r : rows) {
            assertEquals("classification", r.task());
            if (r.metric().equals(ClassificationExperiment.METRIC)) {
                assertTrue(r.value() >= 0 && r.value() <= 1, r.toString());
            } else {
                assertEquals(ClassificationExperiment.SECONDS, r.metric(), "unexpected metric: " + r);
                assertTrue(r.value() > 0, r.toString());
            }
        }
        int pool = config.poolSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        double untrained = value(rows, Condition.UNTRAINED, 0, 0);
        double back = value(rows, Condition.BACK, 0, pool);
        double teacher = errors.stream().filter(r -> r.category().equals("sandal") && r.method().equals(Condition.TEACHER))
                .findFirst().orElseThrow().value();
        assertTrue(teacher < 0.1, "the sandal teacher itself should be good, balanced error " + teacher);
        assertTrue(back <= 0.5 * untrained, "back-distillation (" + back + ") should at least halve the untrained adapter's error (" + untrained + ")");
        assertTrue(back < 0.25, "back-distillation's balanced error should be below 0.25, got " + back);
        for (Category c : config.baseCategories()) {
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

    private static double value(List<ResultRow> rows, String method, int annotations, int unlabeled) {
        List<ResultRow> match = rows.stream().filter(r -> r.metric().equals(ClassificationExperiment.METRIC)
                && r.category().equals("sandal") && r.method().equals(method)
                && r.annotations() == annotations && r.unlabeled() == unlabeled).toList();
        assertEquals(1, match.size(), method + " " + annotations + "/" + unlabeled + ": " + match);
        return match.get(0).value();
    }
}
