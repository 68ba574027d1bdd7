package ntk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Chart labels: three significant digits, thousands separated, never XChart's raw digits or E notation. */
class LabelsTest {
    @Test
    void numbersAreRoundedForALabel() {
        assertEquals("0.0617", Labels.number(0.061722222222222));
        assertEquals("109,729", Labels.number(1.09729E5));
        assertEquals("2,080", Labels.number(2080));
        assertEquals("1,234,568", Labels.number(1234567.891));
        assertEquals("0.5", Labels.number(0.5));
        assertEquals("0.1", Labels.number(0.1));
        assertEquals("12.3", Labels.number(12.345));
        assertEquals("124", Labels.number(123.6));
        assertEquals("1,000", Labels.number(999.7));
        assertEquals("0", Labels.number(0));
        assertEquals("0", Labels.number(-0.0));
        assertEquals("-0.0333", Labels.number(-0.0333333333));
        assertEquals("0.000123", Labels.number(0.000123456));
        assertEquals("1.23e-05", Labels.number(0.0000123456));
        assertEquals("NaN", Labels.number(Double.NaN));
    }
}
