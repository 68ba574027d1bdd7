package ntk.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as a chart shows them (bar and point labels, axis ticks): three significant digits,
 * thousands separated by commas, never XChart's raw ".061722222222222" or "1.09729E5". From 1,000
 * up a number is rounded to a whole one ("109,729": a parameter count keeps every digit); below,
 * to three significant digits ("0.0617", "12.3", "0.5"); below 0.0001, in scientific notation
 * ("1.23e-05"). The CSV beside every figure keeps the full numbers.
 */
public final class Labels {
    private Labels() {}

    /** {@code v} rounded for a label, as the class comment says. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (a < 1e-4 && a > 0) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        BigDecimal r = BigDecimal.valueOf(v).round(new MathContext(3));
        if (r.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) { // 999.6 rounds to 1,000
            return String.format(Locale.ROOT, "%,d", r.longValue());
        }
        String s = r.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
