package dev.isspectral.ensemble;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.io.Serializable;
import java.util.List;

/**
 * What an ensemble measures on each member: named values, one table column each. A measurement
 * watches one run: {@link #start} before step 0, {@link Probe#sample} at t = 0 and after every
 * step, {@link Probe#finish} at the end.
 *
 * <p>Serializable, because on Spark it travels to the executors with the plan: the ones in
 * {@link Measurements} do; a measurement of one's own must be a class on the executors' class path
 * (a lambda typed in a notebook cell runs on the local executor only).
 */
public interface Measurement extends Serializable {

    /** The value columns, in the order {@link Probe#finish} returns them; names unique in an ensemble. */
    List<String> columns();

    /** True when the values are timings, which differ from run to run (left out when results are compared). */
    default boolean timing() {
        return false;
    }

    /**
     * Starts watching a member's run. Throws IllegalArgumentException if the member's simulation
     * cannot be measured this way (a sound-mode fit of a shear wave, say): the member's row then
     * says {@code invalid}.
     */
    Probe start(Simulation simulation);

    /** The per-member state of a measurement. */
    interface Probe {

        /** Called at t = 0 and after every step. */
        void sample(Solver solver);

        /** The values, one per column, after the last step. */
        double[] finish(Solver solver);
    }
}
