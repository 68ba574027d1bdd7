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
}
