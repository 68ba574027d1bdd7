package ntk.transplant;

import static ntk.ArrayChecks.assertBitIdentical;
import static ntk.ArrayChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ntk.backend.Backend;
import ntk.generic.Task;
import ntk.train.Teacher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** CombinedExpansion: views then synthesis, or their union; the real images first, once; reproducible. */
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

    @Test
    void sequenceAndUnionKeepTheRealImagesFirstAndAddBothPartsAdditions() {
        INDArray real = uniform(DataType.FLOAT, 1, 2, 1, 28, 28);
        for (CombinedExpansion c : new CombinedExpansion[] {CombinedExpansion.sequence(VIEWS, SYNTHESIS), CombinedExpansion.union(VIEWS, SYNTHESIS)}) {
            INDArray out = expand(c, real, 7);
            assertArrayEquals(new long[] {2 + 2 * 3 + 5, 1, 28, 28}, out.shape(), c.name());
            assertBitIdentical(real, out.get(NDArrayIndex.interval(0, 2)).dup(), c.name() + ": the real images at the front");
            assertBitIdentical(out, expand(c, real, 7), c.name() + " from seed 7, twice");
            assertFalse(out.equals(expand(c, real, 8)), c.name() + ": seeds 7 and 8 gave the same pool");
        }
        assertEquals("views-then-synthesis", CombinedExpansion.sequence(VIEWS, SYNTHESIS).name());
        assertEquals("views+synthesis", CombinedExpansion.union(VIEWS, SYNTHESIS).name());
    }

    @Test
    void withNoRealImageOnlyTheSynthesisAddsInputs() {
        INDArray none = Nd4j.create(DataType.FLOAT, 0, 1, 28, 28);
        assertArrayEquals(new long[] {5, 1, 28, 28}, expand(CombinedExpansion.sequence(VIEWS, SYNTHESIS), none, 1).shape());
        assertArrayEquals(new long[] {5, 1, 28, 28}, expand(CombinedExpansion.union(VIEWS, SYNTHESIS), none, 1).shape());
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
