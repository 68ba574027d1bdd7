package ntk.transplant;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import ntk.backend.Backend;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.nn.Module;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Labelled views of annotated images: every view carries its own image's label, a per-image label
 * copied and a mask moved exactly as its image was; the methods that learn from annotations see
 * them when their settings ask for views, and nothing changes when they do not.
 */
class AnnotatedViewsTest {
    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static INDArray row(INDArray a, long i) {
        return a.get(NDArrayIndex.point(i)).dup();
    }

    @Test
    void eachViewKeepsItsImagesClassLabelAndTheAnnotatedRowsComeFirst() {
        INDArray images = uniform(DataType.FLOAT, 3, 4, 1, 28, 28);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {1}});
        AnnotatedViews.Labeled out = AnnotatedViews.expand(new AnnotatedViews.Settings(5, 3, true, 0.05), images, labels, 7);
        assertArrayEquals(new long[] {4 + 4 * 5, 1, 28, 28}, out.images().shape());
        assertArrayEquals(new long[] {4 + 4 * 5, 1}, out.labels().shape());
        assertBitIdentical(images, out.images().get(NDArrayIndex.interval(0, 4)).dup(), "the annotated images at the front");
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 5; k++) {
                assertEquals(labels.getDouble(i, 0), out.labels().getDouble(4 + i * 5 + k, 0), "view " + k + " of image " + i);
            }
        }
    }

    @Test
    void aMaskMovesExactlyAsItsSceneDoesAndIsNeverNoised() {
        // binary scenes that are their own masks: without noise, every view must still be its own mask
        INDArray scenes = uniform(DataType.FLOAT, 5, 3, 1, 56, 56).gt(0.7).castTo(DataType.FLOAT);
        AnnotatedViews.Labeled plain = AnnotatedViews.expand(new AnnotatedViews.Settings(6, 5, true, 0.0), scenes, scenes.dup(), 9);
        assertBitIdentical(plain.images(), plain.labels(), "views of self-masking scenes against their masks");
        boolean moved = false;
        for (int k = 0; k < 6; k++) {
            moved |= !row(plain.images(), 3 + k).equals(row(scenes, 0));
        }
        assertTrue(moved, "no view of scene 0 moved");

        AnnotatedViews.Labeled noised = AnnotatedViews.expand(new AnnotatedViews.Settings(6, 5, true, 0.2), scenes, scenes.dup(), 9);
        assertBitIdentical(plain.labels(), noised.labels(), "masks with and without pixel noise");
        for (float v : noised.labels().data().asFloat()) {
            assertTrue(v == 0f || v == 1f, "a mask took the non-binary value " + v);
        }
    }

    @Test
    void noViewsHandsBackTheAnnotatedSamplesThemselves() {
        INDArray images = uniform(DataType.FLOAT, 2, 3, 1, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 3, 1);
        AnnotatedViews.Labeled out = AnnotatedViews.expand(AnnotatedViews.Settings.none(), images, labels, 1);
        assertSame(images, out.images());
        assertSame(labels, out.labels());
    }

    @Test
    void moreViewsPerImageKeepTheFirstOnes() {
        INDArray images = uniform(DataType.FLOAT, 4, 2, 1, 28, 28);
        INDArray labels = Nd4j.ones(DataType.FLOAT, 2, 1);
        AnnotatedViews.Labeled four = AnnotatedViews.expand(new AnnotatedViews.Settings(4, 3, true, 0.05), images, labels, 3);
        AnnotatedViews.Labeled nine = AnnotatedViews.expand(new AnnotatedViews.Settings(9, 3, true, 0.05), images, labels, 3);
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 4; k++) {
                assertBitIdentical(row(four.images(), 2 + i * 4 + k), row(nine.images(), 2 + i * 9 + k), "view " + k + " of image " + i);
            }
        }
    }

    /** A method that records the annotated rows it was given. */
    private record Recording(TransplantSettings settings, int[] seen, INDArray[] labels) implements TransplantMethod {
        @Override
        public AnnotatedViews.Settings annotatedViews() {
            return settings.annotatedViews();
        }

        @Override
        public Module learnAdapter(TransplantData data, long seed) {
            seen[0] = data.labeledCount();
            labels[0] = data.labels();
            return Module.initialised(data.adapterSpec(), Module.Init.IDENTITY, seed, DataType.FLOAT);
        }
    }

    @Test
    void theSupervisedAdapterAndBackDistillationWithLabelsAskForTheSettingsViewsAndATransplantGetsThem() {
        TransplantSettings off = TunedSettings.STARTING_POINT.get(Task.CLASSIFICATION);
        TransplantSettings on = off.withAnnotatedViews(AnnotatedViews.Settings.none().withViewsPerImage(4));
        assertEquals(4, new SupervisedAdapter(on).annotatedViews().viewsPerImage());
        assertEquals(4, new BackDistillation(on).annotatedViews().viewsPerImage());
        assertEquals(0, new ForwardDistillation(on).annotatedViews().viewsPerImage(), "forward distillation learns from no label");
        assertEquals(0, new SupervisedAdapter(off).annotatedViews().viewsPerImage(), "views by default");

        var teacher = RandomTeachers.withBothHeads(5);
        INDArray images = uniform(DataType.FLOAT, 6, 3, 1, 28, 28);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}});
        INDArray none = Nd4j.zeros(DataType.FLOAT, 0, 1, 28, 28);
        for (var c : Map.of(off, 3, on, 15).entrySet()) {
            int[] seen = new int[1];
            INDArray[] got = new INDArray[1];
            Transplanter.learnAdapter(teacher, Module.initialised(Task.CLASSIFICATION.head(teacher.features().spec().output(),
                    ntk.nn.ModuleSpec.Role.TASK), Module.Init.HE, 2, DataType.FLOAT), Task.CLASSIFICATION, new Recording(c.getKey(), seen, got),
                    images, labels, none, 1);
            assertEquals(c.getValue(), seen[0], "annotated rows the method saw");
            assertEquals(labels.sumNumber().doubleValue() * c.getValue() / 3, got[0].sumNumber().doubleValue(), "positives among them");
        }
    }
}
