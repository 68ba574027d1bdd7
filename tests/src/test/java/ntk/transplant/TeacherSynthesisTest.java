package ntk.transplant;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import ntk.backend.Backend;
import ntk.backend.Workers;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.Shape;
import ntk.train.Teacher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * TeacherSynthesis on a random teacher with the kit's architectures: the inputs move the
 * teacher's outputs toward their targets, stay in [0, 1], are smoother with the TV prior, start
 * from jittered real images (or from noise when there are none) and are reproducible from the seed.
 */
class TeacherSynthesisTest {
    static Teacher teacher;
    static final INDArray NONE = Nd4j.create(DataType.FLOAT, 0, 1, 28, 28);

    @BeforeAll
    static void setUp() {
        Backend.init();
        teacher = RandomTeachers.withBothHeads(40);
    }

    /**
     * Runs {@code job} on a worker thread with single-threaded natives, as the experiments do: on a
     * busy 2-core machine OpenMP's spinning threads made synthesis about 20 times slower.
     */
    static <T> T onWorker(Supplier<T> job) {
        return Workers.map(List.of(0), i -> job.get()).get(0);
    }

    @Test
    void synthesiseOnWorkerIsSynthesiseOnAWorkerWithTheSameSeed() {
        TeacherSynthesis s = new TeacherSynthesis(small(4, 5));
        INDArray real = uniform(DataType.FLOAT, 7, 2, 1, 28, 28);
        TeacherSynthesis.Synthesis expected = onWorker(() -> s.synthesise(real, teacher, Task.CLASSIFICATION, 11));
        TeacherSynthesis.Synthesis actual = s.synthesiseOnWorker(real, teacher, Task.CLASSIFICATION, 11);
        assertBitIdentical(expected.images(), actual.images(), "the synthesised inputs");
        assertBitIdentical(expected.starts(), actual.starts(), "their start points");
    }

    /** Few inputs and steps, light priors: the target term dominates. */
    static TeacherSynthesis.Settings small(int count, int steps) {
        return new TeacherSynthesis.Settings(count, steps, 0.05, 1, 1, 4.0, 0.5, 2, 1.0);
    }

    private static double mean(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to)).meanNumber().doubleValue();
    }

    private static double meanTv(INDArray images) {
        PixelBatch b = PixelBatch.of(images, Task.CLASSIFICATION, Shape.image(1, 28, 28));
        double sum = 0;
        for (float[] img : b.images) {
            sum += PixelBatch.totalVariation(img, b.height, b.width);
        }
        return sum / b.size();
    }

    @Test
    void dataFreeSynthesisPushesThePositiveHalfAboveTheNegativeHalf() {
        TeacherSynthesis.Synthesis s = onWorker(() -> new TeacherSynthesis(small(8, 40)).synthesise(NONE, teacher, Task.CLASSIFICATION, 3));
        assertEquals(4, s.positives());
        ForwardPass t = new ForwardPass(teacher.features(), teacher.head(Task.CLASSIFICATION));
        INDArray before = t.apply(s.starts());
        INDArray after = t.apply(s.images());
        assertBitIdentical(after, s.teacherOutputs(), "the teacher's outputs the synthesis reports");
        double pos = mean(after, 0, 4);
        double neg = mean(after, 4, 8);
        assertTrue(pos - neg > 4, "positive half's mean logit " + pos + ", negative half's " + neg + " (before: "
                + mean(before, 0, 4) + ", " + mean(before, 4, 8) + ")");
        assertTrue(pos > mean(before, 0, 4) + 1 && neg < mean(before, 4, 8) - 1, "the halves did not move toward ±4");
        double[] loss = s.loss().values();
        assertTrue(loss[loss.length - 1] < loss[0] / 2, "loss went from " + loss[0] + " to " + loss[loss.length - 1]);
        assertArrayEquals(new long[] {8, 1}, s.targets().shape());
        assertEquals(4.0, s.targets().getDouble(0, 0));
        assertEquals(-4.0, s.targets().getDouble(7, 0));
    }

    /** What expand adds is what synthesise made (not its start points), after the real images; data-free, only that. */
    @Test
    void expandAddsTheSynthesisedInputsAfterTheRealImages() {
        TeacherSynthesis synth = new TeacherSynthesis(small(6, 3));
        INDArray real = uniform(DataType.FLOAT, 4, 2, 1, 28, 28);
        TeacherSynthesis.Synthesis made = onWorker(() -> synth.synthesise(real, teacher, Task.CLASSIFICATION, 1));
        assertFalse(made.images().equals(made.starts()), "three steps moved no pixel: the check below could not tell inputs from starts");
        assertBitIdentical(Nd4j.concat(0, real, made.images()), onWorker(() -> synth.expand(real, teacher, Task.CLASSIFICATION, 1)),
                "the real images, then the synthesised inputs");
        INDArray dataFree = onWorker(() -> synth.synthesise(NONE, teacher, Task.CLASSIFICATION, 1)).images();
        assertBitIdentical(dataFree, onWorker(() -> synth.expand(NONE, teacher, Task.CLASSIFICATION, 1)), "with no real image");
        assertTrue(dataFree.minNumber().doubleValue() >= 0 && dataFree.maxNumber().doubleValue() <= 1);
    }

    @Test
    void realImagesComeFirstAndTheStartsAreTheirJitteredCopies() {
        INDArray real = Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28);
        real.putScalar(new long[] {0, 0, 10, 6}, 1.0);
        real.putScalar(new long[] {1, 0, 20, 15}, 1.0);
        TeacherSynthesis.Settings s = small(4, 0);
        INDArray out = new TeacherSynthesis(s).expand(real, teacher, Task.CLASSIFICATION, 2);
        assertArrayEquals(new long[] {6, 1, 28, 28}, out.shape());
        assertBitIdentical(real, out.get(NDArrayIndex.interval(0, 2)).dup(), "the real images at the front");
        int[][] lit = {{10, 6}, {20, 15}};
        int jitter = SynthesisStarts.START_JITTER.maxShift();
        for (int i = 0; i < 4; i++) {
            INDArray start = out.get(NDArrayIndex.point(2 + i)).reshape(28 * 28);
            int p = start.argMax().getInt(0);
            int[] from = lit[i % 2]; // input i starts from real image i mod 2
            int dr = Math.abs(p / 28 - from[0]);
            int dc = Math.min(Math.abs(p % 28 - from[1]), Math.abs(p % 28 - (27 - from[1])));
            assertTrue(dr <= jitter && dc <= jitter, "start " + i + " is brightest at " + p / 28 + "," + p % 28
                    + ", not within " + jitter + " pixels of real image " + i % 2 + "'s pixel (or its mirror)");
            assertTrue(start.getFloat(p) > 0.8f, "start " + i + " lost the bright pixel");
        }
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedOtherInputs() {
        INDArray real = uniform(DataType.FLOAT, 9, 3, 1, 28, 28);
        TeacherSynthesis synth = new TeacherSynthesis(small(4, 5));
        INDArray a = onWorker(() -> synth.expand(real, teacher, Task.CLASSIFICATION, 21));
        assertBitIdentical(a, onWorker(() -> synth.expand(real, teacher, Task.CLASSIFICATION, 21)), "synthesis from seed 21, twice");
        assertFalse(a.equals(onWorker(() -> synth.expand(real, teacher, Task.CLASSIFICATION, 22))), "seeds 21 and 22 gave the same inputs");
    }

    @Test
    void theTvPriorMakesNoisyStartsSmootherAndInputsSmootherThanWithoutIt() {
        INDArray noise = uniform(DataType.FLOAT, 4, 2, 1, 28, 28); // real images of pure pixel noise
        TeacherSynthesis.Settings base = small(4, 30);
        TeacherSynthesis.Synthesis smooth = onWorker(() -> new TeacherSynthesis(base.withPriors(300, 1)).synthesise(noise, teacher, Task.CLASSIFICATION, 5));
        TeacherSynthesis.Synthesis rough = onWorker(() -> new TeacherSynthesis(base.withPriors(0, 1)).synthesise(noise, teacher, Task.CLASSIFICATION, 5));
        assertBitIdentical(smooth.starts(), rough.starts(), "starts of the same seed");
        double start = meanTv(smooth.starts());
        double withTv = meanTv(smooth.images());
        double without = meanTv(rough.images());
        assertTrue(withTv < start, "TV " + withTv + " after synthesis with the prior, " + start + " at the start");
        assertTrue(withTv < without, "TV " + withTv + " with the prior, " + without + " without");
    }

    @Test
    void segmentationPushesTheTeachersLogitsUpInsideTheBlobOnly() {
        TeacherSynthesis.Synthesis s = onWorker(() -> new TeacherSynthesis(small(4, 30))
                .synthesise(Nd4j.create(DataType.FLOAT, 0, 1, 56, 56), teacher, Task.SEGMENTATION, 6));
        assertArrayEquals(new long[] {4, 1, 56, 56}, s.images().shape());
        INDArray blob = s.targets().gt(0).castTo(DataType.FLOAT);
        double inside = s.teacherOutputs().mul(blob).sumNumber().doubleValue() / blob.sumNumber().doubleValue();
        double negatives = mean(s.teacherOutputs(), 2, 4);
        assertTrue(blob.get(NDArrayIndex.interval(2, 4)).sumNumber().doubleValue() == 0, "negative scenes have no blob");
        double blobPixels = blob.get(NDArrayIndex.interval(0, 2)).sumNumber().doubleValue() / 2;
        assertTrue(blobPixels > 100 && blobPixels < 500, "blobs of " + blobPixels + " pixels are not item-sized");
        assertTrue(inside - negatives > 1, "mean logit " + inside + " inside the blobs, " + negatives + " on negative scenes");
    }

    @Test
    void countZeroAddsNothingAndBadSettingsNameTheSetting() {
        INDArray real = uniform(DataType.FLOAT, 1, 2, 1, 28, 28);
        assertBitIdentical(real, new TeacherSynthesis(small(0, 5)).expand(real, teacher, Task.CLASSIFICATION, 1), "count 0 adds nothing");
        TeacherSynthesis.Settings d = TeacherSynthesis.Settings.defaults();
        String[] expected = {"count", "steps", "learningRate", "tvWeight", "l2Weight", "targetLogit", "positiveFraction", "jitter", "gradientBlur"};
        Runnable[] bad = {
            () -> d.withCount(-1),
            () -> d.withSteps(-1),
            () -> new TeacherSynthesis.Settings(1, 1, 0, 1, 1, 4, 0.5, 2, 1),
            () -> d.withPriors(-1, 1),
            () -> d.withPriors(1, Double.POSITIVE_INFINITY),
            () -> new TeacherSynthesis.Settings(1, 1, 0.1, 1, 1, 0, 0.5, 2, 1),
            () -> new TeacherSynthesis.Settings(1, 1, 0.1, 1, 1, 4, 1.1, 2, 1),
            () -> new TeacherSynthesis.Settings(1, 1, 0.1, 1, 1, 4, 0.5, -1, 1),
            () -> new TeacherSynthesis.Settings(1, 1, 0.1, 1, 1, 4, 0.5, 2, -1),
        };
        for (int i = 0; i < bad.length; i++) {
            String msg = assertThrows(IllegalArgumentException.class, bad[i]::run).getMessage();
            assertTrue(msg.startsWith(expected[i]), "message for a bad " + expected[i] + ": " + msg);
        }
    }
}
