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

    public Tableau {
        int s = c.length;
        if (explicitA.length != s || explicitB.length != s) {
            throw new IllegalArgumentException(name + ": explicit tableau must have " + s + " stages");
        }
        for (int i = 0; i < s; i++) {
            for (int j = i; j < s; j++) {
                if (explicitA[i].length != s || explicitA[i][j] != 0) {
                    throw new IllegalArgumentException(name + ": explicit A must be strictly lower triangular");
                }
            }
        }
        if ((implicitA == null) != (implicitB == null)) {
            throw new IllegalArgumentException(name + ": implicit A and b must both be given or both be null");
        }
        if (implicitA != null) {
            if (implicitA.length != s || implicitB.length != s) {
                throw new IllegalArgumentException(name + ": implicit tableau must have " + s + " stages");
            }
            for (int i = 0; i < s; i++) {
                for (int j = i + 1; j < s; j++) {
                    if (implicitA[i].length != s || implicitA[i][j] != 0) {
                        throw new IllegalArgumentException(name + ": implicit A must be lower triangular");
                    }
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
