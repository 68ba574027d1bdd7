package ntk.transplant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import org.junit.jupiter.api.Test;

/** Settings as descriptions show them: four significant digits, never a double's seventeen. */
class SettingTextTest {
    @Test
    void numbersKeepFourSignificantDigitsWithoutTrailingZeros() {
        assertEquals("33.33", SettingText.number(100.0 / 3));
        assertEquals("0.003", SettingText.number(0.003));
        assertEquals("100", SettingText.number(100.0));
        assertEquals("1", SettingText.number(1.0));
        assertEquals("0.1", SettingText.number(0.1));
        assertEquals("31.62", SettingText.number(Math.sqrt(1000)));
        assertEquals("NaN", SettingText.number(Double.NaN));
    }

    @Test
    void theSelectedSettingsDescribeThemselvesWithoutLongDecimals() {
        Pattern longDecimal = Pattern.compile("\\d\\.\\d{5,}");
        for (Task task : Task.values()) {
            TransplantSettings s = TunedSettings.load().get(task);
            String text = s.describe();
            assertFalse(longDecimal.matcher(text).find(), task + ": " + text);
            assertTrue(text.contains("TV " + SettingText.number(s.expansion().synthesis().tvWeight())), text);
            assertTrue(text.contains(s.lambda().toString()), text);
        }
    }
}
