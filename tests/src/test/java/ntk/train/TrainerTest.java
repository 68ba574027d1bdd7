package ntk.train;

import static ntk.ArrayChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ntk.backend.Backend;
import ntk.nn.Architectures;
import ntk.nn.Module;
import ntk.nn.ModuleGraph;
import ntk.nn.ModuleSpec;
import ntk.nn.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Trainer.fit reports the real loss of every step and stops on non-finite training; BatchSampler is reproducible. */
class TrainerTest {
    static final Shape Z = Shape.image(2, 3, 3);

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** A trainable adapter into a frozen head, with the loss built by {@code loss}. */
    private static SameDiff graph(boolean crossEntropy) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, Z.withBatch(-1));
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        Module h = Module.initialised(Architectures.adapter(Z), Module.Init.HE, 1, DataType.FLOAT);
        Module g = Module.initialised(Architectures.classificationHead(Z, ModuleSpec.Role.TASK), Module.Init.HE, 2, DataType.FLOAT);
        SDVariable logits = ModuleGraph.frozen(sd, "g", g).apply(ModuleGraph.trainable(sd, "h", h).apply(z).output()).output();
        if (crossEntropy) {
            Losses.binaryCrossEntropy(sd, "loss", logits, y);
        } else {
            Losses.meanSquaredDistance(sd, logits, y).rename("loss");
        }
        return sd;
    }

    @ParameterizedTest(name = "cross-entropy: {0}")
    @ValueSource(booleans = {true, false})
    void fitReportsTheLossOfEveryStep(boolean crossEntropy) {
        {
            SameDiff sd = graph(crossEntropy);
            INDArray z = gaussian(DataType.FLOAT, 3, Z.withBatch(16));
            INDArray y = Nd4j.create(DataType.FLOAT, 16, 1);
            for (int i = 0; i < 16; i += 2) {
                y.putScalar(i, 0, 1.0);
            }
            double initial = sd.output(Map.of("z", z, "y", y), "loss").get("loss").getDouble(0);
            Trainer.LossCurve curve = Trainer.fit(sd, "loss", List.of("z", "y"), new Trainer.Settings(20, 1e-2, 16), () -> new INDArray[] {z, y});
            double[] losses = curve.values();
            String what = crossEntropy ? "cross-entropy" : "squared distance";
            assertArrayEquals(new int[] {1, 10, 20}, curve.steps(), what + ": the loss is recorded at step 1, every 10 steps and at the end");
            // The whole set is one batch, so the first reported loss is that of the initial weights, or
            // (if reported after the update) of weights one small Adam step away from them.
            assertTrue(losses[0] > 0, what + ": step 1's loss reported as " + losses[0] + ", the initial loss is " + initial);
            assertEquals(initial, losses[0], 0.25 * initial, what + ": step 1's loss is far from the loss of the initial weights");
            double after = sd.output(Map.of("z", z, "y", y), "loss").get("loss").getDouble(0);
            assertTrue(after < initial, what + ": 20 Adam steps on one batch did not lower the loss");
            assertTrue(losses[2] < losses[0], what + ": the reported losses do not go down: " + java.util.Arrays.toString(losses));
            assertEquals(after, curve.last(), 1e-6 * Math.max(1, after), what + ": the last recorded loss is not that of the final weights");
        }
    }

    @Test
    void fitStopsWhenTrainingProducesNaN() {
        SameDiff sd = graph(true);
        INDArray z = gaussian(DataType.FLOAT, 3, Z.withBatch(4));
        z.putScalar(new long[] {1, 0, 1, 1}, Float.NaN);
        INDArray y = Nd4j.create(new float[] {1, 0, 1, 0}, new long[] {4, 1});
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.fit(sd, "loss", List.of("z", "y"), new Trainer.Settings(5, 1e-3, 4), () -> new INDArray[] {z, y}));
        assertTrue(e.getMessage().contains("step 1 "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void batchSamplerIsReproducibleAndVisitsEveryRowOncePerEpoch() {
        int rows = 10;
        INDArray a = Nd4j.arange(rows).castTo(DataType.FLOAT).reshape(rows, 1);
        INDArray b = Nd4j.arange(rows).castTo(DataType.FLOAT).mul(10).reshape(rows, 1, 1);
        BatchSampler s1 = new BatchSampler(5, 42, a, b);
        BatchSampler s2 = new BatchSampler(5, 42, a, b);
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < 2; step++) {
            INDArray[] x = s1.next();
            INDArray[] x2 = s2.next();
            assertArrayEquals(new long[] {5, 1}, x[0].shape());
            assertArrayEquals(new long[] {5, 1, 1}, x[1].shape());
            assertEquals(x[0], x2[0], "same seed, same batches");
            for (int i = 0; i < 5; i++) {
                int row = (int) x[0].getFloat(i, 0);
                assertEquals(10f * row, x[1].getFloat(i, 0, 0), "arrays stay aligned row by row");
                seen.add(row);
            }
        }
        assertEquals(rows, seen.size(), "one epoch visits every row once");

        BatchSampler whole = new BatchSampler(64, 1, a);
        assertEquals(a, whole.next()[0], "a set no larger than a batch is served whole");
        assertFalse(new BatchSampler(5, 43, a).next()[0].equals(new BatchSampler(5, 42, a).next()[0]), "the seed matters");
    }

    @Test
    void rowsOfPicksRowsOfAnyRank() {
        INDArray a = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 2, 3);
        INDArray r = BatchSampler.rowsOf(a, new int[] {3, 0});
        assertArrayEquals(new long[] {2, 2, 3}, r.shape());
        assertEquals(a.slice(3), r.slice(0));
        assertEquals(a.slice(0), r.slice(1));
        assertArrayEquals(new long[] {0, 2, 3}, BatchSampler.rowsOf(a, new int[0]).shape());
    }
}
