package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The exercises' checks: not answered yet, right, or wrong with the difference named. */
class CheckTest {
    @Test
    void equalSaysNotAnsweredRightOrWrong() {
        assertFalse(Check.equal("e", 3, null));
        assertTrue(Check.equal("e", new int[] {1, 2}, new int[] {1, 2}));
        AssertionError wrong = assertThrows(AssertionError.class, () -> Check.equal("e", List.of(1, 2), List.of(1, 3)));
        assertTrue(wrong.getMessage().contains("index 1: expected 2, got 3"), wrong.getMessage());
    }

    @Test
    void nearAcceptsWhatIsWithinTheTolerance() {
        assertFalse(Check.near("e", 0.5, null, 1e-9));
        assertTrue(Check.near("e", 0.5, 0.5 + 1e-12, 1e-9));
        assertTrue(Check.near("e", new double[] {1, 2}, new float[] {1f, 2.0001f}, 1e-3));
        assertTrue(Check.near("e", List.of(1.0, 2.0), new Double[] {1.0, 2.0}, 0));
        assertTrue(Check.near("e", Nd4j.createFromArray(new float[][] {{0f, 1f}}), Nd4j.createFromArray(new float[][] {{-0f, 1f}}), 0));
    }

    @Test
    void nearNamesTheValueFurthestOff() {
        AssertionError one = assertThrows(AssertionError.class, () -> Check.near("e", 0.075, 0.08, 1e-9));
        assertTrue(one.getMessage().contains("expected 0.075") && one.getMessage().contains("got 0.08"), one.getMessage());
        AssertionError many = assertThrows(AssertionError.class, () -> Check.near("e", new double[] {1, 2, 3}, new double[] {1.1, 2, 5}, 0.01));
        assertTrue(many.getMessage().contains("2 of 3 values") && many.getMessage().contains("index 2: expected 3.0, got 5.0"),
                many.getMessage());
        assertThrows(AssertionError.class, () -> Check.near("e", 1.0, Double.NaN, 1));
        assertThrows(AssertionError.class, () -> Check.near("e", Double.NaN, 0.0, 1));
        assertTrue(Check.near("e", new double[] {1, Double.NaN}, new float[] {1f, Float.NaN}, 1e-6));
        assertThrows(AssertionError.class, () -> Check.near("e", new double[] {1, 2}, new double[] {1}, 1));
        assertThrows(AssertionError.class, () -> Check.near("e", 1.0, "one", 1));
        AssertionError shape = assertThrows(AssertionError.class,
                () -> Check.near("e", Nd4j.zeros(2, 3), Nd4j.zeros(3, 2), 0));
        assertTrue(shape.getMessage().contains("shape"), shape.getMessage());
    }

    @Test
    void nearRelativeScalesTheToleranceByTheValues() {
        assertFalse(Check.nearRelative("e", new double[] {1, 2}, null, 1e-6));
        assertTrue(Check.nearRelative("e", new double[] {1, 2, 0}, new double[] {1 + 1e-9, 2, 0}, 1e-6));
        assertTrue(Check.nearRelative("e", 1000.0, 1000.0001, 1e-6));
        assertThrows(AssertionError.class, () -> Check.near("e", 1000.0, 1000.0001, 1e-6), "absolute: too far");
        AssertionError several = assertThrows(AssertionError.class,
                () -> Check.nearRelative("e", new double[] {1, 2, 3}, new double[] {1, 2.1, 3.1}, 1e-6));
        assertTrue(several.getMessage().contains("2 of 3 values are further than a relative 1.0E-6"), several.getMessage());
        assertThrows(AssertionError.class, () -> Check.nearRelative("e", 1.0, Double.NaN, 1e-3), "NaN is never near a number");
        assertThrows(AssertionError.class, () -> Check.nearRelative("e", new double[] {1}, new double[] {1, 2}, 1e-3));
    }
}
