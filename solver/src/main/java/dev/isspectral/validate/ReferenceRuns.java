package dev.isspectral.validate;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;

/**
 * Runs that several test suites share, defined once: the consistency checks of physics.md §7.9 (every tuning, both
 * FFT backends, the same physics to round-off) and the bit-for-bit restart of the HDF5 module all use
 * {@link #nonlinear(Tuning)}, so a change to the case changes it everywhere.
 */
public final class ReferenceRuns {

    /** The grid of {@link #nonlinear}: 20 steps on a 16×16×8 box of side 2π. */
    public static final String NONLINEAR_GRID = "20x16x16x8";

    private ReferenceRuns() {
    }

    /**
     * A strongly nonlinear run with shear and bulk viscosity: ε = 1 + 0.3 cos x + 0.2 sin(y + 0.5) + 0.1 cos(x + z)
     * (30% density contrast), velocities up to about 0.3, constant c_s² = 0.25, η/s = 0.08, ζ/s = 0.04; so the
     * recovery iterates and a wrong sign, a lost factor or a mis-mapped transform shows at O(1e-3) or more after a
     * few steps. {@value #NONLINEAR_GRID} (20 steps), with {@code tuning}; change the grid with
     * {@code toBuilder().grid(...)}.
     */
    public static Simulation nonlinear(Tuning tuning) {
        if (tuning == null) {
            throw new IllegalArgumentException("tuning = null; must be a Tuning such as Tuning.optimized()");
        }
        return Simulation.builder()
                .grid(NONLINEAR_GRID)
                .eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04))
                .initial(Initial.custom("nonlinear data of physics.md §7.4", (x, y, z, out) -> {
                    out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5) + 0.1 * Math.cos(x + z);
                    out[1] = 0.3 * Math.sin(y) + 0.1 * Math.cos(z);
                    out[2] = 0.25 * Math.cos(x);
                    out[3] = 0.1 * Math.sin(x + y);
                }))
                .tuning(tuning)
                .build();
    }
}
