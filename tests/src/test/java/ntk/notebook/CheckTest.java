package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Check#close}: numbers right to a relative tolerance, not answered yet, or what differs. */
class CheckTest {
    @Test
    void closeSaysNotAnsweredRightOrWhichNumberDiffers() {
        assertFalse(Check.close("exercise", new double[] {1, 2}, null, 1e-6));
        assertFalse(Check.close("exercise", 0.5, null, 1e-6));
        assertTrue(Check.close("exercise", new double[] {1, 2, 0}, new double[] {1 + 1e-9, 2, 0}, 1e-6));
        assertTrue(Check.close("exercise", 1000.0, 1000.0001, 1e-6));
        AssertionError several = assertThrows(AssertionError.class,
                () -> Check.close("exercise 2", new double[] {1, 2, 3}, new double[] {1, 2.1, 3.1}, 1e-6));
        assertTrue(several.getMessage().contains("2 of 3 values differ by more than a relative 1.0E-6; the first at index 1:"
                + " expected 2.0, got 2.1"), several.getMessage());
        AssertionError one = assertThrows(AssertionError.class, () -> Check.close("exercise 3", 0.25, 0.5, 1e-3));
        assertTrue(one.getMessage().contains("expected 0.25, got 0.5"), one.getMessage());
        assertThrows(AssertionError.class, () -> Check.close("exercise 4", 1.0, Double.NaN, 1e-3), "NaN is never right");
        assertThrows(AssertionError.class, () -> Check.close("exercise 5", new double[] {1}, new double[] {1, 2}, 1e-3));
    }
}
