package dev.isspectral.time;

import java.util.Arrays;

/**
 * An implicit–explicit Runge–Kutta scheme as data: the explicit tableau (Â, b̂) and, for IMEX
 * schemes, the implicit tableau (A, b) with a diagonally implicit A (physics.md §6.2). A scheme
 * with {@code implicitA == null} is fully explicit and treats the relaxation terms explicitly.
 * One {@link ImexStepper} runs any tableau.
 *
 * @param name      short name, e.g. {@code "ARS(2,2,2)"}
 * @param order     formal order of accuracy
 * @param c         stage times
 * @param explicitA Â, strictly lower triangular
 * @param explicitB b̂
 * @param implicitA A, lower triangular (null for an explicit scheme)
 * @param implicitB b (null for an explicit scheme)
 */
public record Tableau(String name, int order, double[] c, double[][] explicitA, double[] explicitB,
                      double[][] implicitA, double[] implicitB) {

    /**
     * Checks the scheme: a name, an order of at least 1, at least one stage, every array the stage count long, every
     * coefficient finite, Â strictly lower triangular and A lower triangular. Each error names the scheme, the entry,
     * its value and what is allowed.
     */
    public Tableau {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = " + (name == null ? "null" : "\"" + name + "\"")
                    + "; must be a short name such as \"ARS(2,2,2)\"");
        }
        if (order < 1) {
            throw new IllegalArgumentException(name + ": order = " + order + "; must be >= 1");
        }
        if (c == null || c.length == 0) {
            throw new IllegalArgumentException(name + ": c = " + Arrays.toString(c)
                    + "; must hold the stage times, one per stage (at least one)");
        }
        int s = c.length;
        vector(name, "c", c, s);
        if (explicitA == null || explicitA.length != s || explicitB == null || explicitB.length != s) {
            throw new IllegalArgumentException(name + ": explicit tableau must have " + s + " stages (c has " + s
                    + " stage times); explicit A has " + (explicitA == null ? "no rows (null)" : count(explicitA.length, "row"))
                    + ", explicit b " + (explicitB == null ? "no weights (null)" : count(explicitB.length, "weight")));
        }
        matrix(name, "explicitA", explicitA, s, true);
        vector(name, "explicitB", explicitB, s);
        if ((implicitA == null) != (implicitB == null)) {
            throw new IllegalArgumentException(name + ": implicit A and b must both be given or both be null");
        }
        if (implicitA != null) {
            if (implicitA.length != s || implicitB.length != s) {
                throw new IllegalArgumentException(name + ": implicit tableau must have " + s + " stages (c has " + s
                        + " stage times); implicit A has " + count(implicitA.length, "row") + ", implicit b "
                        + count(implicitB.length, "weight"));
            }
            matrix(name, "implicitA", implicitA, s, false);
            vector(name, "implicitB", implicitB, s);
        }
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** Checks that every entry of {@code v} (length {@code s}, as the caller checked) is finite. */
    private static void vector(String scheme, String what, double[] v, int s) {
        for (int i = 0; i < s; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(scheme + ": " + what + "[" + i + "] = " + v[i] + "; must be finite");
            }
        }
    }

    /**
     * Checks that {@code a} has {@code s} rows of {@code s} finite entries, zero above the diagonal, and on it too where
     * {@code strict}.
     */
    private static void matrix(String scheme, String what, double[][] a, int s, boolean strict) {
        String shape = strict ? "strictly lower triangular" : "lower triangular";
        for (int i = 0; i < s; i++) {
            if (a[i] == null || a[i].length != s) {
                throw new IllegalArgumentException(scheme + ": " + what + "[" + i + "] has "
                        + (a[i] == null ? "no entries (null)" : a[i].length == 1 ? "1 entry" : a[i].length + " entries")
                        + "; must have " + s + " (one per stage)");
            }
            for (int j = 0; j < s; j++) {
                double x = a[i][j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(scheme + ": " + what + "[" + i + "][" + j + "] = " + x
                            + "; must be finite");
                }
                if (x != 0 && (j > i || strict && j == i)) {
                    throw new IllegalArgumentException(scheme + ": " + what + "[" + i + "][" + j + "] = " + x
                            + "; must be 0 (" + (strict ? "explicit" : "implicit") + " A is " + shape + ")");
                }
            }
        }
    }

    /** Number of stages. */
    public int stages() {
        return c.length;
    }

    /** Whether the relaxation terms are treated implicitly. */
    public boolean imex() {
        return implicitA != null;
    }

    /**
     * Whether U^{n+1} equals the last stage value (b̂ and b are the last rows of Â and A and
     * the last explicit column is unused), so no final combination is needed.
     */
    public boolean stifflyAccurate() {
        int last = stages() - 1;
        if (!Arrays.equals(explicitB, explicitA[last]) || explicitB[last] != 0) {
            return false;
        }
        return implicitA == null || Arrays.equals(implicitB, implicitA[last]);
    }

    @Override
    public String toString() {
        return name + (imex() ? " (IMEX, relaxation implicit)" : " (explicit)") + ", order " + order;
    }
}
