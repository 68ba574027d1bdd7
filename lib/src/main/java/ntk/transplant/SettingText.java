package ntk.transplant;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A setting's value as a description shows it: four significant digits without trailing zeros
 * ("33.33" for 100/3, "0.3", "10"), never a double's seventeen digits. Settings files keep the
 * exact values.
 */
public final class SettingText {
    private SettingText() {}

    /** {@code x} to four significant digits, trailing zeros dropped. */
    public static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return String.valueOf(x);
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
