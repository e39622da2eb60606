package dev.isspectral.validate;

import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.state.Field;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The measurements of the convergence checks of physics.md §7.5: the low Fourier coefficients of a field
 * (spatial convergence is judged on them against a finer run) and the largest field difference of runs with
 * different time steps against a reference step (temporal convergence; its order is the slope of
 * log error on log Δt, {@link dev.isspectral.measure.Stats#logLogSlope}).
 */
public final class Convergence {

    private Convergence() {
    }

    /** Starts {@code simulation} and runs the NT steps of its grid; the solver at the end. */
    public static Solver finalState(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a Simulation such as ReferenceRuns.smoothPlane(...)");
        }
        Solver s = simulation.start();
        s.advance(simulation.grid().steps());
        return s;
    }

    /**
     * The Fourier coefficients c_n = (1/N) Σ_x f(x) e^{−i k_n·x} (N the number of points, k_n = 2πn/L per
     * axis; eq. 0.5 without the sum's normalisation) of field {@code field} of {@code solver}, for
     * 0 ≤ n_x ≤ {@code maxMode} and |n_y|, |n_z| ≤ {@code maxMode} (along an axis one point thick, that mode 0 only),
     * as pairs (Re c_n, Im c_n) in the order n_x, then n_y, then n_z. A real field has c_{−n} = conj(c_n), so
     * these are all the coefficients with |n_i| ≤ maxMode. Each is an exact sum over the grid (no FFT),
     * O(N) per mode.
     *
     * @throws IllegalArgumentException if {@code maxMode} < 0 or the grid cannot resolve it
     *                                  (2·maxMode must be below the points of every axis longer than one)
     */
    public static double[] lowModes(Solver solver, Field field, int maxMode) {
        if (solver == null || field == null) {
            throw new IllegalArgumentException("solver = " + solver + ", field = " + field + "; both are required");
        }
        Grid g = solver.grid();
        if (maxMode < 0) {
            throw new IllegalArgumentException("maxMode = " + maxMode + "; must be >= 0");
        }
        int[] points = {g.nx(), g.ny(), g.nz()};
        for (int axis = 0; axis < 3; axis++) {
            if (points[axis] > 1 && 2 * maxMode >= points[axis]) {
                throw new IllegalArgumentException("maxMode = " + maxMode + "; must be below half the " + points[axis]
                        + " points along axis " + "xyz".charAt(axis) + " (the Nyquist mode)");
            }
        }
        // an axis of one point has mode 0 alone (its other "modes" would be that one again)
        int xModes = g.nx() > 1 ? maxMode : 0;
        int yModes = g.ny() > 1 ? maxMode : 0;
        int zModes = g.nz() > 1 ? maxMode : 0;
        double[] f = solver.field(field);
        double[] out = new double[2 * (xModes + 1) * (2 * yModes + 1) * (2 * zModes + 1)];
        int c = 0;
        for (int a = 0; a <= xModes; a++) {
            for (int b = -yModes; b <= yModes; b++) {
                for (int d = -zModes; d <= zModes; d++) {
                    // projection is (2/N) Σ f cos(k·x) (or sin): half of it is Re c_n (or −Im c_n)
                    out[c++] = Observables.projection(g, f, a, b, d, true) / 2;
                    out[c++] = -Observables.projection(g, f, a, b, d, false) / 2;
                }
            }
        }
        return out;
    }

    /** The largest |c − c'| of two coefficient lists from {@link #lowModes} (pairs of real and imaginary part). */
    public static double coefficientError(double[] coefficients, double[] reference) {
        requireSameLength("coefficients", coefficients, reference);
        if (coefficients.length % 2 != 0) {
            throw new IllegalArgumentException("coefficients: " + coefficients.length
                    + " numbers; must be (re, im) pairs as lowModes gives");
        }
        double max = 0;
        for (int c = 0; c < coefficients.length; c += 2) {
            max = Math.max(max, Math.hypot(coefficients[c] - reference[c], coefficients[c + 1] - reference[c + 1]));
        }
        return max;
    }

    /** The largest |a − b| over the points of two fields of one grid; NaN if a difference is NaN. */
    public static double maxDifference(double[] a, double[] b) {
        requireSameLength("fields", a, b);
        double max = 0;
        for (int p = 0; p < a.length; p++) {
            double d = Math.abs(a[p] - b[p]);
            if (Double.isNaN(d)) {
                return d;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    /**
     * The time-discretisation error of each of {@code fields} for each of {@code steps}: the largest difference
     * at the end between the run {@code run.apply(Δt)} and the reference run {@code run.apply(referenceStep)}
     * ({@link #finalState} of each). {@code errors[f][r]} belongs to {@code fields.get(f)} and {@code steps[r]}.
     *
     * @throws IllegalArgumentException if there are no fields or steps, a step is not finite and > 0, or the
     *                                  reference step is not below every step (it would not be a reference)
     */
    public static double[][] timeErrors(DoubleFunction<Simulation> run, double referenceStep, double[] steps,
                                        List<Field> fields) {
        if (run == null || steps == null || fields == null || fields.isEmpty() || steps.length == 0) {
            throw new IllegalArgumentException("run, steps and fields are required and must not be empty; got run = "
                    + run + ", steps = " + (steps == null ? null : steps.length + " values") + ", fields = " + fields);
        }
        for (double dt : steps) {
            if (!(dt > 0) || Double.isInfinite(dt) || !(referenceStep < dt)) {
                throw new IllegalArgumentException("steps contain " + dt + " with referenceStep = " + referenceStep
                        + "; every step must be finite and > 0, and above the reference step");
            }
        }
        if (!(referenceStep > 0)) {
            throw new IllegalArgumentException("referenceStep = " + referenceStep + "; must be > 0");
        }
        Solver reference = finalState(run.apply(referenceStep));
        double[][] errors = new double[fields.size()][steps.length];
        for (int r = 0; r < steps.length; r++) {
            Solver s = finalState(run.apply(steps[r]));
            for (int f = 0; f < fields.size(); f++) {
                errors[f][r] = maxDifference(s.field(fields.get(f)), reference.field(fields.get(f)));
            }
        }
        return errors;
    }

    private static void requireSameLength(String what, double[] a, double[] b) {
        if (a == null || b == null || a.length != b.length) {
            throw new IllegalArgumentException(what + ": lengths " + (a == null ? null : a.length) + " and "
                    + (b == null ? null : b.length) + "; must be two arrays of the same length");
        }
    }
}
