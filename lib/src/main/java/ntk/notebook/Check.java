package ntk.notebook;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Objects;

/**
 * Checks for the notebooks' coding exercises, run in a cell after the answer. An answer not
 * written yet is {@code null} and is reported as such, so a lesson still runs top to bottom; a
 * right answer is confirmed; a wrong one stops the cell with what differs.
 */
public final class Check {
    private Check() {}

    /**
     * Whether {@code answer} equals {@code expected} (arrays and lists by content, element by
     * element): prints that {@code exercise} is answered right and returns true; returns false
     * after saying it is not answered yet when {@code answer} is null; otherwise throws an
     * {@link AssertionError} naming the first difference.
     */
    public static boolean equal(String exercise, Object expected, Object answer) {
        if (answer == null) {
            System.out.println(exercise + ": not answered yet (write your answer above, then run"
                    + " this cell again)");
            return false;
        }
        String difference = difference(expected, answer);
        if (difference != null) {
            throw new AssertionError(exercise + ": not yet right: " + difference);
        }
        System.out.println(exercise + ": right");
        return true;
    }

    /** The first difference between the two, or null when they are equal. */
    static String difference(Object expected, Object answer) {
        if (expected != null && expected.getClass().isArray() && answer.getClass().isArray()) {
            return difference(asList(expected), asList(answer));
        }
        if (expected instanceof List<?> e && answer instanceof List<?> a) {
            if (e.size() != a.size()) {
                return "expected " + e.size() + " values, got " + a.size();
            }
            int wrong = 0;
            int first = -1;
            for (int i = 0; i < e.size(); i++) {
                if (!Objects.deepEquals(e.get(i), a.get(i))) {
                    wrong++;
                    first = first < 0 ? i : first;
                }
            }
            return wrong == 0 ? null : wrong + " of " + e.size() + " values differ; the first at"
                    + " index " + first + ": expected " + e.get(first) + ", got " + a.get(first);
        }
        return Objects.deepEquals(expected, answer) ? null
                : "expected " + expected + ", got " + answer;
    }

    private static List<Object> asList(Object array) {
        return java.util.stream.IntStream.range(0, Array.getLength(array))
                .mapToObj(i -> Array.get(array, i)).toList();
    }

    /**
     * Whether the numbers {@code answer} equal {@code expected} to within the relative
     * {@code tolerance} each (|answer − expected| ≤ tolerance · max(|answer|, |expected|), for
     * answers computed in another order or precision than the kit's): prints that {@code exercise}
     * is answered right and returns true; returns false after saying it is not answered yet when
     * {@code answer} is null; otherwise throws an {@link AssertionError} naming the first number
     * that differs by more.
     */
    public static boolean close(String exercise, double[] expected, double[] answer, double tolerance) {
        if (answer == null) {
            return equal(exercise, expected, null);
        }
        if (answer.length != expected.length) {
            throw new AssertionError(exercise + ": not yet right: expected " + expected.length + " values, got " + answer.length);
        }
        int wrong = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), Math.abs(answer[i]));
            if (!(Math.abs(answer[i] - expected[i]) <= tolerance * scale)) {
                wrong++;
                first = first < 0 ? i : first;
            }
        }
        if (wrong > 0) {
            String which = expected.length == 1 ? "" : wrong + " of " + expected.length + " values differ by more than a relative "
                    + tolerance + "; the first at index " + first + ": ";
            throw new AssertionError(exercise + ": not yet right: " + which + "expected " + expected[first] + ", got " + answer[first]
                    + (expected.length == 1 ? " (more than a relative " + tolerance + " apart)" : ""));
        }
        System.out.println(exercise + ": right");
        return true;
    }

    /** {@link #close(String, double[], double[], double)} for one number; {@code answer} null when not answered yet. */
    public static boolean close(String exercise, double expected, Double answer, double tolerance) {
        return close(exercise, new double[] {expected}, answer == null ? null : new double[] {answer}, tolerance);
    }
}
