package ntk.notebook;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

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
     * Whether {@code answer} is within {@code tolerance} of {@code expected}: numbers, or arrays,
     * lists or {@link INDArray}s of numbers element by element (an INDArray's shape must match
     * too). Prints that {@code exercise} is answered right and returns true; returns false after
     * saying it is not answered yet when {@code answer} is null; otherwise throws an
     * {@link AssertionError} naming how many values are off and the one furthest off. NaN is near
     * NaN only (an answer that must be undefined where the kit's is).
     */
    public static boolean near(String exercise, Object expected, Object answer, double tolerance) {
        return near(exercise, expected, answer, tolerance, false);
    }

    /**
     * {@link #near} with a relative tolerance: each value within
     * {@code tolerance · max(|expected|, |answer|)} of the expected one, for answers computed in
     * another order or precision than the kit's (a loss and its gradient written from scratch).
     */
    public static boolean nearRelative(String exercise, Object expected, Object answer, double tolerance) {
        return near(exercise, expected, answer, tolerance, true);
    }

    private static boolean near(String exercise, Object expected, Object answer, double tolerance, boolean relative) {
        if (answer == null) {
            return equal(exercise, expected, null);
        }
        String difference = distance(expected, answer, relative ? "a relative " + tolerance : String.valueOf(tolerance),
                (e, a) -> near(e, a, relative ? tolerance * Math.max(Math.abs(e), Math.abs(a)) : tolerance));
        if (difference != null) {
            throw new AssertionError(exercise + ": not yet right: " + difference);
        }
        System.out.println(exercise + ": right");
        return true;
    }

    /** How {@code answer} is further than {@code tolerance} (described as {@code within}) from {@code expected}, or null. */
    static String distance(Object expected, Object answer, double tolerance) {
        return distance(expected, answer, String.valueOf(tolerance), (e, a) -> near(e, a, tolerance));
    }

    private static String distance(Object expected, Object answer, String within,
            java.util.function.BiPredicate<Double, Double> isNear) {
        if (expected instanceof INDArray e && answer instanceof INDArray a
                && !java.util.Arrays.equals(e.shape(), a.shape())) {
            return "expected shape " + java.util.Arrays.toString(e.shape()) + ", got "
                    + java.util.Arrays.toString(a.shape());
        }
        double[] e = numbers(expected, "expected");
        double[] a = numbers(answer, "your answer");
        if (a == null) {
            return "expected " + describe(expected) + ", got " + describe(answer);
        }
        if (expected instanceof Number && answer instanceof Number) {
            return isNear.test(e[0], a[0]) ? null
                    : "expected " + e[0] + " (give or take " + within + "), got " + a[0];
        }
        if (e.length != a.length) {
            return "expected " + e.length + " values, got " + a.length;
        }
        int off = 0;
        int worst = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - a[i]);
            if (!isNear.test(e[i], a[i])) {
                off++;
                if (worst < 0 || !(d <= Math.abs(e[worst] - a[worst]))) {
                    worst = i;
                }
            }
        }
        return off == 0 ? null : off + " of " + e.length + " values are further than " + within
                + " from the expected ones; the furthest at index " + worst + ": expected " + e[worst]
                + ", got " + a[worst];
    }

    /** Whether two numbers are within {@code tolerance}, NaN being near NaN only. */
    private static boolean near(double expected, double answer, double tolerance) {
        return Double.isNaN(expected) ? Double.isNaN(answer) : Math.abs(expected - answer) <= tolerance;
    }

    /** The numbers of a number, an array or list of numbers, or an INDArray; null for anything else. */
    private static double[] numbers(Object x, String what) {
        if (x instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (x instanceof INDArray a) {
            return a.dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector();
        }
        List<?> list = x instanceof List<?> l ? l : x.getClass().isArray() ? asList(x) : null;
        if (list == null || !list.stream().allMatch(v -> v instanceof Number)) {
            if (what.equals("expected")) {
                throw new IllegalArgumentException("the expected value is not numeric: " + x);
            }
            return null;
        }
        return list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static String describe(Object x) {
        return x.getClass().isArray() ? asList(x).toString() : String.valueOf(x);
    }
}
