package ntk.transplant;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import ntk.backend.Backend;
import ntk.generic.Task;
import ntk.train.Teacher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** CombinedExpansion: views then synthesis, or their union, exactly as the parts run one by one would give them; reproducible. */
class CombinedExpansionTest {
    static Teacher teacher;
    static final AugmentedViews VIEWS = new AugmentedViews(new AugmentedViews.Settings(3, 2, true, 0.05, 0));
    static final TeacherSynthesis SYNTHESIS = new TeacherSynthesis(TeacherSynthesisTest.small(5, 3));

    @BeforeAll
    static void setUp() {
        Backend.init();
        teacher = RandomTeachers.withBothHeads(50);
    }

    private static INDArray expand(PoolExpansion e, INDArray real, long seed) {
        return TeacherSynthesisTest.onWorker(() -> e.expand(real, teacher, Task.CLASSIFICATION, seed));
    }

    /**
     * The combination is its parts run by hand, each on the seed drawn for it: in sequence the
     * synthesis starts from the real images and their views, in a union from the real images alone.
     */
    @Test
    void aSequenceFeedsEachPartThePreviousResultAndAUnionFeedsEachPartTheRealImages() {
        INDArray real = uniform(DataType.FLOAT, 1, 2, 1, 28, 28);
        SplittableRandom seeds = new SplittableRandom(7);
        long viewsSeed = seeds.nextLong();
        long synthesisSeed = seeds.nextLong();
        INDArray views = expand(VIEWS, real, viewsSeed);
        INDArray sequence = expand(CombinedExpansion.sequence(VIEWS, SYNTHESIS), real, 7);
        assertBitIdentical(expand(SYNTHESIS, views, synthesisSeed), sequence, "views, then synthesis from the real images and the views");
        INDArray synthesised = expand(SYNTHESIS, real, synthesisSeed).get(NDArrayIndex.interval(2, 2 + 5)).dup();
        assertBitIdentical(Nd4j.concat(0, views, synthesised), expand(CombinedExpansion.union(VIEWS, SYNTHESIS), real, 7),
                "the real images, their views, then synthesis from the real images alone");
        assertFalse(sequence.equals(expand(CombinedExpansion.sequence(VIEWS, SYNTHESIS), real, 8)), "seeds 7 and 8 gave the same pool");
        assertEquals("views-then-synthesis", CombinedExpansion.sequence(VIEWS, SYNTHESIS).name());
        assertEquals("views+synthesis", CombinedExpansion.union(VIEWS, SYNTHESIS).name());
    }

    @Test
    void withNoRealImageBothAreTheDataFreeSynthesis() {
        INDArray none = Nd4j.create(DataType.FLOAT, 0, 1, 28, 28);
        SplittableRandom seeds = new SplittableRandom(1);
        seeds.nextLong(); // the views' seed: no real image, no view
        INDArray dataFree = expand(SYNTHESIS, none, seeds.nextLong());
        assertBitIdentical(dataFree, expand(CombinedExpansion.sequence(VIEWS, SYNTHESIS), none, 1), "sequence");
        assertBitIdentical(dataFree, expand(CombinedExpansion.union(VIEWS, SYNTHESIS), none, 1), "union");
    }

    @Test
    void anExpansionThatDropsImagesIsRefused() {
        PoolExpansion dropsAll = new PoolExpansion() {
            @Override
            public String name() {
                return "drops";
            }

            @Override
            public INDArray expand(INDArray realImages, Teacher t, Task task, long seed) {
                return Nd4j.create(DataType.FLOAT, 0, 1, 28, 28);
            }
        };
        assertThrows(IllegalStateException.class, () -> CombinedExpansion.sequence(dropsAll).expand(uniform(DataType.FLOAT, 2, 1, 1, 28, 28), teacher, Task.CLASSIFICATION, 1));
        assertThrows(IllegalArgumentException.class, CombinedExpansion::sequence);
    }
}
