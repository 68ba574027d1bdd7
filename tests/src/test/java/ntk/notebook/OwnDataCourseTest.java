package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ntk.config.ExperimentConfig;
import ntk.data.Category;
import ntk.data.Dataset;
import ntk.data.DatasetImages;
import ntk.data.Datasets;
import ntk.data.ImageSet;
import ntk.data.ItemShape;
import ntk.data.ShapePictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course on one's own data (notebook 09): the modes' settings fitted to a small data set, an
 * image folder registered once however often its cell runs, the notebooks' scratch folders, and
 * the exercises' checks.
 */
class OwnDataCourseTest {
    /** Training pictures per category of {@link #TINY}: a, b, c, d. */
    private static final int[] TRAIN = {30, 40, 50, 20};
    private static final int TEST = 10;
    private static final int[] TESTS = {TEST, TEST, TEST, TEST};
    private static final Dataset TINY = tinyDataset();

    @Test
    void settingsForASmallDataSetAskForNoMorePicturesThanItHolds() {
        ExperimentConfig fast = ExperimentConfig.fast();
        ExperimentConfig s = DatasetSettings.fit(fast, TINY, List.of("a", "b", "c"), List.of("d"));
        assertEquals("tiny-own-fast", s.name());
        assertEquals("tiny-own", s.dataset());
        assertEquals(List.of("a", "b", "c"), ids(s.categories().base()));
        assertEquals(List.of("d"), ids(s.categories().transplanted()));
        // teachers: the fewest of any category (d's 20); task module: the fewest of a base one
        assertEquals(20, s.pretraining().teacherPerClass());
        assertEquals(30, s.pretraining().taskPerClass());
        // 100 annotations draw 51 of d, which has 20: left out; 10 draw 6
        assertEquals(List.of(10), s.runs().annotationBudgets());
        assertEquals(List.of(10, 100), s.runs().poolSizes(), "140 training pictures hold both");
        assertEquals(fast.runs().backWithLabelsPool(), s.runs().backWithLabelsPool());
        assertEquals(38, s.sequential().fineTuneAnnotations());
        // replay: the preset's buffer, at most 2(n - 1) = 38 for the 20 pictures of the smallest category
        assertTrue(fast.sequential().replayPerCategory() > 38, "the preset asks for more than TINY holds");
        assertEquals(38, s.sequential().replayPerCategory());
        assertEquals(4 * TEST, s.sequential().classificationTestImages());
        assertEquals(fast.expansion(), s.expansion());
        // what the pictures do not limit stays the preset's
        assertEquals(fast.pretraining().teacherTraining(), s.pretraining().teacherTraining());
        assertEquals(fast.transplant(ntk.generic.Task.CLASSIFICATION),
                s.transplant(ntk.generic.Task.CLASSIFICATION));
        assertEquals(fast.runs().seeds(), s.runs().seeds());
        assertEquals(fast.tasks(), s.tasks());
    }

    @Test
    void theDefaultModesPresetIsFittedTheSameWay() {
        ExperimentConfig s = Course.settingsFor(Course.Mode.DEFAULT, TINY, List.of("a", "b", "c"),
                List.of("d"));
        assertEquals("tiny-own-notebooks", s.name());
        assertEquals(20, s.pretraining().teacherPerClass());
        assertEquals(List.of(10, 20), s.runs().annotationBudgets(), "100 would take 51 of d's 20");
        assertEquals(List.of(10, 100), s.runs().poolSizes(), "1,000 is more than the 140 there");
    }

    @Test
    void poolsLargerThanTheTrainingSetAreLeftOut() {
        ExperimentConfig preset = ExperimentConfig.fast().withRuns(List.of(1L), List.of(10),
                List.of(10, 100, 1000));
        ExperimentConfig s = DatasetSettings.fit(preset, TINY, List.of("a", "b"), List.of("c"));
        assertEquals(List.of(10, 100), s.runs().poolSizes());
        assertEquals(100, s.sequential().pool());
        assertThrows(IllegalArgumentException.class,
                () -> DatasetSettings.fit(preset, TINY, List.of("a"), List.of("nosuch")));
    }

    @Test
    void anImageFolderIsRegisteredOnceAndAnotherOfTheSameNameIsRefused(@TempDir Path dir) {
        Path folder = ShapePictures.write(dir, "course-shapes", 1, 3, 2, 5);
        Dataset first = Course.imageFolder(folder);
        assertEquals("course-shapes", first.name());
        assertSame(first, Datasets.named("course-shapes"));
        assertSame(first, Course.imageFolder(folder), "read again, as by a cell run twice");
        ShapePictures.writeManifest(folder, "{\"name\": \"course-shapes\", \"format\":"
                + " \"image-folder\", \"itemShape\": [3, 28, 28]}");
        String refused = assertThrows(IllegalArgumentException.class,
                () -> Course.imageFolder(folder)).getMessage();
        assertTrue(refused.contains("already known") && refused.contains("another \"name\""),
                refused);
    }

    @Test
    void anEmptyFolderIsEmptiedAndOnlySimpleNamesAreTaken(@TempDir Path root) throws Exception {
        Path f = Course.emptyFolder(root, "09-shapes");
        Files.createDirectories(f.resolve("train/circle"));
        Files.writeString(f.resolve("train/circle/old.png"), "left by an earlier run");
        assertEquals(f, Course.emptyFolder(root, "09-shapes"));
        try (var left = Files.list(f)) {
            assertEquals(0, left.count());
        }
        for (String bad : List.of("../x", "a/b", "Big Square", "", "..")) {
            assertThrows(IllegalArgumentException.class, () -> Course.emptyFolder(root, bad), bad);
        }
    }

    @Test
    void checksSayNotAnsweredRightOrWhatDiffers() {
        assertFalse(Check.equal("exercise", new int[] {1, 2}, null));
        assertTrue(Check.equal("exercise", new int[] {1, 2}, new int[] {1, 2}));
        assertTrue(Check.equal("exercise", List.of(3, 4), List.of(3, 4)));
        AssertionError e = assertThrows(AssertionError.class,
                () -> Check.equal("exercise 2", new int[] {1, 2, 3}, new int[] {1, 5, 6}));
        assertTrue(e.getMessage().contains(
                "2 of 3 values differ; the first at index 1: expected 2, got 5"), e.getMessage());
        assertEquals("expected 1 values, got 2", Check.difference(List.of(1), List.of(1, 2)));
        assertEquals("expected 7, got 8", Check.difference(7, 8));
    }

    private static List<String> ids(List<Category> categories) {
        return categories.stream().map(Category::id).toList();
    }

    /** Four categories with {@link #TRAIN} training and {@link #TEST} test items each, 8 × 8. */
    private static Dataset tinyDataset() {
        String name = "tiny-own";
        List<Category> categories = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            categories.add(new Category(name, id, id, categories.size()));
        }
        ItemShape shape = new ItemShape(1, 8, 8);
        return new Dataset() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Category> categories() {
                return categories;
            }

            @Override
            public ItemShape itemShape() {
                return shape;
            }

            @Override
            public DatasetImages load() {
                return new DatasetImages(this, items(TRAIN), items(TESTS));
            }

            private ImageSet items(int[] counts) {
                List<Integer> labels = new ArrayList<>();
                for (int c = 0; c < counts.length; c++) {
                    for (int i = 0; i < counts[c]; i++) {
                        labels.add(c);
                    }
                }
                byte[][] pixels = new byte[labels.size()][shape.size()];
                int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
                return new ImageSet(pixels, l, 1, 8, 8);
            }
        };
    }
}
