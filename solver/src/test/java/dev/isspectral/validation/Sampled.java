package dev.isspectral.validation;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.util.function.ToDoubleFunction;

/** A scalar sampled after every step of a run, starting with the initial state. */
record Sampled(double[] times, double[] values) {

    static Sampled run(Simulation sim, int steps, ToDoubleFunction<Solver> probe) {
        Solver solver = sim.start();
        double[] t = new double[steps + 1];
        double[] v = new double[steps + 1];
        v[0] = probe.applyAsDouble(solver);
        for (int n = 1; n <= steps; n++) {
            solver.step();
            t[n] = solver.time();
            v[n] = probe.applyAsDouble(solver);
        }
        return new Sampled(t, v);
    }

    /** Values divided by the initial value. */
    Sampled normalised() {
        double[] out = new double[values.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = values[n] / values[0];
        }
        return new Sampled(times, out);
    }

    /** The samples with from ≤ t ≤ to. */
    double[] window(double from, double to) {
        int first = -1;
        int last = -1;
        for (int n = 0; n < times.length; n++) {
            if (times[n] >= from - 1e-9 && first < 0) {
                first = n;
            }
            if (times[n] <= to + 1e-9) {
                last = n;
            }
        }
        return java.util.Arrays.copyOfRange(values, first, last + 1);
    }
}
