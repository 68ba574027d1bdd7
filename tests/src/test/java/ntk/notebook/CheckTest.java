package ntk.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Check.close: the exercises' check for numbers, within a tolerance. */
class CheckTest {
    @Test
    void closeSaysNotAnsweredRightOrWhichValueIsOff() {
        assertFalse(Check.close("exercise", 0.25, null, 1e-9));
        assertTrue(Check.close("exercise", 0.25, 0.25 + 1e-12, 1e-9));
        assertTrue(Check.close("exercise", new double[] {1, Double.NaN}, new float[] {1f, Float.NaN}, 1e-6));
        assertTrue(Check.close("exercise", List.of(0.5, 2.0), new Double[] {0.5, 2.0}, 0));
        AssertionError one = assertThrows(AssertionError.class, () -> Check.close("exercise 1", 0.25, 0.3, 1e-6));
        assertEquals("exercise 1: not yet right: expected 0.25, got 0.3 (more than 1.0E-6 apart)", one.getMessage());
        AssertionError many = assertThrows(AssertionError.class,
                () -> Check.close("exercise 2", new double[] {1, 2, 3}, new double[] {1, 2.5, 4}, 0.1));
        assertTrue(many.getMessage().contains("2 of 3 values differ; the first at index 1: expected 2.0, got 2.5"),
                many.getMessage());
        assertThrows(AssertionError.class, () -> Check.close("exercise 3", Double.NaN, 0.0, 1));
        assertThrows(AssertionError.class, () -> Check.close("exercise 4", new double[] {1}, new double[] {1, 2}, 1));
    }

    @Test
    void closeNamesWhatItCannotCompare() {
        assertNull(Check.farApart(List.of(1.0), List.of(1.05), 0.1));
        assertEquals("expected 2 values, got 1", Check.farApart(List.of(1.0, 2.0), List.of(1.0), 0.1));
        assertThrows(IllegalArgumentException.class, () -> Check.close("exercise", 1.0, "one", 0.1));
    }
}
