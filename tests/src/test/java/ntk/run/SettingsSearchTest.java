package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import ntk.config.ExperimentConfig;
import ntk.config.TunedSettings;
import ntk.data.Category;
import ntk.data.DataDirectory;
import ntk.data.DatasetImages;
import ntk.data.FashionMnist;
import ntk.data.ImageSet;
import ntk.generic.Task;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The selection protocol never sees a new category or a test image. */
class SettingsSearchTest {
    @Test
    void tuningDataHoldOnlyTrainingImagesOfBaseCategories() {
        ExperimentConfig main = ExperimentConfig.full();
        DatasetImages full = FashionMnist.load();
        DatasetImages split = SettingsSearch.data(full, main);
        Set<Integer> base = new HashSet<>();
        main.categories().base().forEach(c -> base.add(c.label()));
        for (ImageSet s : List.of(split.train(), split.test())) {
            for (int i = 0; i < s.size(); i++) {
                assertTrue(base.contains(s.label(i)), "image " + i + " has label " + s.label(i) + ", not a base category");
            }
        }
        int perCategory = full.train().indices(FashionMnist.TSHIRT, true).length; // 6,000 each
        assertEquals(main.categories().base().size() * SettingsSearch.VALIDATION_PER_CATEGORY, split.test().size());
        assertEquals(main.categories().base().size() * (perCategory - SettingsSearch.VALIDATION_PER_CATEGORY), split.train().size());
        // validation images are training images, none of them also in the part that teachers and pools come from
        // a FloatBuffer equals another with the same floats: each image is compared by its pixels
        Set<FloatBuffer> fit = new HashSet<>();
        for (int i = 0; i < split.train().size(); i++) {
            fit.add(FloatBuffer.wrap(split.train().pixels(i)));
        }
        int shared = 0;
        for (int i = 0; i < split.test().size(); i += 50) {
            shared += fit.contains(FloatBuffer.wrap(split.test().pixels(i))) ? 1 : 0;
        }
        assertTrue(shared <= 1, shared + " sampled validation images also lie in the fitting part"); // Fashion-MNIST has a few exact duplicates
    }

    @Test
    void tuningConfigTransplantsBaseCategoriesOnly() {
        ExperimentConfig main = ExperimentConfig.full();
        ExperimentConfig tune = SettingsSearch.config(main, List.of(1L, 2L), TunedSettings.STARTING_POINT);
        assertEquals(List.of(FashionMnist.PULLOVER, FashionMnist.BAG), tune.categories().transplanted());
        assertTrue(main.categories().base().containsAll(tune.categories().all()), "every tuning category is a base category: " + tune.categories().all());
        assertFalse(tune.categories().base().stream().anyMatch(main.categories().pseudoNew()::contains), "pseudo-new categories left out of g_t");
        for (Task t : Task.values()) {
            assertEquals(TunedSettings.STARTING_POINT.get(t), tune.transplant(t), "the search starts from the starting point");
        }
    }

    @Test
    void synthesisStagesAreScoredDataFreeAndStepPastTheEndsOfOrderedGrids() {
        ntk.transplant.TransplantSettings best = TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION);
        java.util.Map<String, SearchStages.Stage> stages = new java.util.LinkedHashMap<>();
        SearchStages.expansionStages(Task.CLASSIFICATION).forEach(st -> stages.put(st.name(), st));
        for (String name : List.of("synthesis priors", "synthesis target logit", "synthesis steps", "synthesis learning rate")) {
            SearchStages.Stage st = stages.get(name);
            assertEquals(SearchStages.DATA_FREE, st.pools(), name);
            assertTrue(st.beyond() != null, name + " has no step past its grid");
        }
        assertEquals(null, stages.get("synthesis jitter").beyond(), "jitter stops at its grid");
        assertEquals(SearchStages.SMALL_POOL, stages.get(SearchStages.POOL_EXPANSION).pools());
        java.util.function.BiFunction<String, Boolean, SearchStages.Variant> past = (name, above) -> {
            List<SearchStages.Variant> grid = stages.get(name).variants().apply(best);
            return stages.get(name).beyond().next(best, grid.get(above ? grid.size() - 1 : 0), above);
        };
        assertEquals(16.0, past.apply("synthesis target logit", true).settings().expansion().synthesis().targetLogit());
        assertEquals(1.0, past.apply("synthesis target logit", false).settings().expansion().synthesis().targetLogit());
        assertEquals(0.3, past.apply("synthesis learning rate", true).settings().expansion().synthesis().learningRate(), 1e-12);
        assertEquals(null, past.apply("synthesis steps", true), "steps stop at 150 for the main job's budget");
        double tv = best.expansion().synthesis().tvWeight();
        assertEquals(tv * 9, past.apply("synthesis priors", true).settings().expansion().synthesis().tvWeight(), 1e-9);
    }

    @Test
    void committedTuningResultsNameNoNewCategory() throws Exception {
        Path dir = DataDirectory.root().resolve("tuning");
        List<String> newIds = ExperimentConfig.full().categories().transplanted().stream().map(Category::id).toList();
        // until a run of tune is committed beside the selection, there is nothing to check (reported as skipped)
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("classification-runs.csv")),
                "no tuning runs committed in " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Table t = Table.read().csv(f.toFile());
                if (!t.columnNames().contains("category")) {
                    assertFalse(newIds.stream().anyMatch(id -> t.printAll().contains(id)), f + " names a new category");
                    continue;
                }
                for (String c : t.stringColumn("category").unique()) {
                    assertFalse(newIds.contains(c), f + " names the new category " + c);
                }
            }
        }
    }
}
