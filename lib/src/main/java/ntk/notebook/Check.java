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
     * Whether {@code answer} is within {@code tolerance} of {@code expected}, for numbers and for
     * arrays or lists of numbers (element by element; NaN matches only NaN): prints that
     * {@code exercise} is answered right and returns true; returns false after saying it is not
     * answered yet when {@code answer} is null; otherwise throws an {@link AssertionError} naming
     * the first value that is off, and by how much.
     */
    public static boolean close(String exercise, Object expected, Object answer, double tolerance) {
        if (answer == null) {
            return equal(exercise, expected, null);
        }
        String difference = farApart(numbers(expected), numbers(answer), tolerance);
        if (difference != null) {
            throw new AssertionError(exercise + ": not yet right: " + difference);
        }
        System.out.println(exercise + ": right");
        return true;
    }

    /** The first pair further apart than {@code tolerance}, or null when every pair is close. */
    static String farApart(List<Double> expected, List<Double> answer, double tolerance) {
        if (expected.size() != answer.size()) {
            return "expected " + expected.size() + " values, got " + answer.size();
        }
        int wrong = 0;
        int first = -1;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = answer.get(i);
            boolean near = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(e - a) <= tolerance;
            if (!near) {
                wrong++;
                first = first < 0 ? i : first;
            }
        }
        if (wrong == 0) {
            return null;
        }
        String values = "expected " + expected.get(first) + ", got " + answer.get(first) + " (more than "
                + tolerance + " apart)";
        return expected.size() == 1 ? values : wrong + " of " + expected.size() + " values differ; the"
                + " first at index " + first + ": " + values;
    }

    /** A number, or an array or list of numbers, as a list of doubles. */
    private static List<Double> numbers(Object value) {
        if (value instanceof Number n) {
            return List.of(n.doubleValue());
        }
        List<?> list = value != null && value.getClass().isArray() ? asList(value)
                : value instanceof List<?> l ? l : null;
        if (list == null || !list.stream().allMatch(v -> v instanceof Number)) {
            throw new IllegalArgumentException("expected a number, or an array or list of numbers; got "
                    + value);
        }
        return list.stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
