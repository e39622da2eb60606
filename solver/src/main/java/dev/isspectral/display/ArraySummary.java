package dev.isspectral.display;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A numeric array shown as a summary instead of its identity ({@code [D@2d7f1e90}): element type and
 * shape, count, min, max, mean, how many values are not finite, and the first and last few values.
 * Arrays of any primitive number type ({@code double}, {@code float}, {@code long}, {@code int},
 * {@code short}, {@code byte}) are supported, flat or nested ({@code double[][]}, ragged rows included),
 * e.g. {@code Solver.energyDensity()} shows as
 * <pre>double[8192]  min 0.999 max 1.001 mean 1.000 (all finite)
 * [1.001, 1.001, 1.001, …, 1.001, 1.001]</pre>
 * Statistics cover the finite values only; NaN and infinities are counted apart.
 */
public final class ArraySummary {

    /** Values shown from each end of the array. */
    static final int EDGE = 3;

    private final String type;
    private final String shape;
    private final long count;
    private final long nonFinite;
    private final double min;
    private final double max;
    private final double mean;
    private final List<String> head;
    private final List<String> tail;

    private ArraySummary(String type, String shape, long count, long nonFinite, double min, double max, double mean,
                         List<String> head, List<String> tail) {
        this.type = type;
        this.shape = shape;
        this.count = count;
        this.nonFinite = nonFinite;
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.head = head;
        this.tail = tail;
    }

    /** Whether {@code value} is an array of primitive numbers, possibly nested. */
    public static boolean supports(Object value) {
        if (value == null || !value.getClass().isArray()) {
            return false;
        }
        Class<?> component = value.getClass().getComponentType();
        while (component.isArray()) {
            component = component.getComponentType();
        }
        return component == double.class || component == float.class || component == long.class
                || component == int.class || component == short.class || component == byte.class;
    }

    /**
     * Summarises a numeric array.
     *
     * @param array an array for which {@link #supports} is true
     * @return its summary
     * @throws IllegalArgumentException if {@code array} is not an array of primitive numbers
     */
    public static ArraySummary of(Object array) {
        if (!supports(array)) {
            throw new IllegalArgumentException("value " + (array == null ? "null" : "of type " + array.getClass().getName())
                    + " is not an array of primitive numbers (double, float, long, int, short, byte; flat or nested)");
        }
        Class<?> component = array.getClass();
        while (component.isArray()) {
            component = component.getComponentType();
        }
        Accumulator acc = new Accumulator(integral(component), leaves(array));
        acc.walk(array);
        return new ArraySummary(component.getName(), shape(array), acc.count, acc.nonFinite,
                acc.finite == 0 ? Double.NaN : acc.min, acc.finite == 0 ? Double.NaN : acc.max,
                acc.finite == 0 ? Double.NaN : acc.sum / acc.finite, List.copyOf(acc.head), List.copyOf(acc.tail));
    }

    private static boolean integral(Class<?> component) {
        return component == long.class || component == int.class || component == short.class || component == byte.class;
    }

    /** {@code [8192]}, {@code [32][16]}; a ragged level shows its first row's length and a {@code *}. */
    private static String shape(Object array) {
        StringBuilder s = new StringBuilder();
        Object level = array;
        while (level != null && level.getClass().isArray()) {
            int n = Array.getLength(level);
            s.append('[').append(n);
            Object first = n == 0 ? null : Array.get(level, 0);
            if (first != null && first.getClass().isArray()) {
                int len = Array.getLength(first);
                for (int i = 1; i < n; i++) {
                    Object row = Array.get(level, i);
                    if (row == null || Array.getLength(row) != len) {
                        s.append("]*");
                        return s.toString();
                    }
                }
            }
            s.append(']');
            level = first;
        }
        return s.toString();
    }

    /** Element type and shape, e.g. {@code double[32][16]}. */
    public String typeAndShape() {
        return type + shape;
    }

    /** Number of elements (leaves). */
    public long count() {
        return count;
    }

    /** Number of NaN or infinite elements. */
    public long nonFinite() {
        return nonFinite;
    }

    /** Smallest finite element; NaN if none. */
    public double min() {
        return min;
    }

    /** Largest finite element; NaN if none. */
    public double max() {
        return max;
    }

    /** Mean of the finite elements; NaN if none. */
    public double mean() {
        return mean;
    }

    /** The values shown: the first {@link #EDGE}, an ellipsis when some are left out, the last {@link #EDGE}. */
    public String values() {
        List<String> shown = new ArrayList<>(head);
        if (count > head.size() + tail.size()) {
            shown.add("…");
        }
        shown.addAll(tail);
        return "[" + String.join(", ", shown) + "]";
    }

    /** The statistics on one line: {@code min 0.999 max 1.001 mean 1.000 (all finite)}. */
    public String statistics() {
        if (count == 0) {
            return "empty";
        }
        String finite = nonFinite == 0 ? "all finite" : nonFinite + " not finite (NaN or ±∞)";
        if (nonFinite == count) {
            return "no finite values (" + finite + ")";
        }
        return "min " + Quantities.precise(min) + " max " + Quantities.precise(max) + " mean " + Quantities.precise(mean) + " (" + finite + ")";
    }

    /** Two lines of text: type and shape with the statistics, then the values. */
    public String toText() {
        return typeAndShape() + "  " + statistics() + "\n" + values();
    }

    /** The same as a small HTML fragment. */
    public String toHtml() {
        return "<div class=\"isspectral-array\"><code>" + Html.escape(typeAndShape()) + "</code> "
                + Html.escape(statistics()) + "<br><code>" + Html.escape(values()) + "</code></div>";
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Number of leaves of a (nested) primitive array. */
    private static long leaves(Object array) {
        if (array == null) {
            return 0;
        }
        int n = Array.getLength(array);
        if (!array.getClass().getComponentType().isArray()) {
            return n;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += leaves(Array.get(array, i));
        }
        return total;
    }

    /** Walks the leaves once: statistics, and the text of the first and last {@link #EDGE} values only. */
    private static final class Accumulator {
        final boolean integral;
        final long total;
        long count;
        long finite;
        long nonFinite;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        final List<String> head = new ArrayList<>();
        final List<String> tail = new ArrayList<>();

        Accumulator(boolean integral, long total) {
            this.integral = integral;
            this.total = total;
        }

        void walk(Object array) {
            if (array == null) {
                return;
            }
            int n = Array.getLength(array);
            if (array.getClass().getComponentType().isArray()) {
                for (int i = 0; i < n; i++) {
                    walk(Array.get(array, i));
                }
                return;
            }
            double[] doubles = array instanceof double[] d ? d : null;
            for (int i = 0; i < n; i++) {
                double v = doubles != null ? doubles[i] : ((Number) Array.get(array, i)).doubleValue();
                boolean first = count < EDGE;
                if (first || count >= Math.max(EDGE, total - EDGE)) {
                    String text = integral ? Long.toString(((Number) Array.get(array, i)).longValue()) : Quantities.precise(v);
                    (first ? head : tail).add(text);
                }
                count++;
                if (Double.isFinite(v)) {
                    finite++;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                } else {
                    nonFinite++;
                }
            }
        }
    }
}
