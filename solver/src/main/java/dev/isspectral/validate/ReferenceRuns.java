package dev.isspectral.validate;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import dev.isspectral.time.Tableau;

/**
 * Runs that several test suites and the validation notebook share, defined once: the consistency checks of
 * physics.md §7.9 (every tuning, both FFT backends, the same physics to round-off) and the bit-for-bit restart of the
 * HDF5 module all use {@link #nonlinear(Tuning)}; the relaxation checks of §7.1 use {@link #restRelaxation}, the
 * convergence checks of §7.5 {@link #smoothPlane}. A change to a case changes it everywhere.
 */
public final class ReferenceRuns {

    /** The grid of {@link #nonlinear}: 20 steps on a 16×16×8 box of side 2π. */
    public static final String NONLINEAR_GRID = "20x16x16x8";

    /** The initial bulk pressure Π0 of {@link #restRelaxation}. */
    public static final double REST_BULK = 0.01;

    /** The initial π^xx of {@link #restRelaxation} (the others: π^yy = −0.015, π^xy = 0.004, π^xz = −0.003, π^yz = 0.001). */
    public static final double REST_SHEAR_XX = 0.02;

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
                .initial(nonlinearData())
                .tuning(tuning)
                .build();
    }

    /**
     * The nonlinear data of physics.md §7.4 (eq. 7.15): ε = 1 + 0.3 cos x + 0.2 sin(y + 0.5) + 0.1 cos(x + z),
     * v_x = 0.3 sin y + 0.1 cos z, v_y = 0.25 cos x, v_z = 0.1 sin(x + y), no viscous stresses; speeds up to
     * about 0.3, so a run of it is genuinely nonlinear.
     */
    public static Initial nonlinearData() {
        return Initial.custom("nonlinear data of physics.md §7.4", (x, y, z, out) -> {
            out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5) + 0.1 * Math.cos(x + z);
            out[1] = 0.3 * Math.sin(y) + 0.1 * Math.cos(z);
            out[2] = 0.25 * Math.cos(x);
            out[3] = 0.1 * Math.sin(x + y);
        });
    }

    /**
     * physics.md §7.1: a uniform fluid at rest (ε = 1, c_s² = 1/4, η/s = 0.08, ζ/s = 0.04, so τ_π = 0.4 and
     * τ_Π = 0.395876) with Π0 = {@value #REST_BULK} and π0 = (π^xx, π^yy, π^xy, π^xz, π^yz) =
     * ({@value #REST_SHEAR_XX}, −0.015, 0.004, −0.003, 0.001), stepped {@code steps} times by {@code integrator}
     * at the fixed step {@code dt} on a 4³ box. No gradients, so each stress only relaxes: after n steps it is
     * R(−Δt/τ)ⁿ times its start, R the scheme's stability function (eq. 7.1). Steps this long exceed the CFL
     * limit of eq. 6.3, which is for waves; the builder warns about that (harmless here: there are none).
     *
     * @throws IllegalArgumentException if {@code integrator} is null, {@code dt} is not a finite step > 0 or
     *                                  {@code steps} < 1 (each named in the message)
     */
    public static Simulation restRelaxation(Tableau integrator, double dt, int steps) {
        requireRun(integrator, dt);
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 1");
        }
        return Simulation.builder()
                .grid(steps + "x4x4x4")
                .eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04))
                .initial(Initial.staticEquilibrium().bulk(REST_BULK).shear(REST_SHEAR_XX, -0.015, 0.004, -0.003, 0.001))
                .integrator(integrator)
                .timeStep(dt)
                .build();
    }

    /**
     * physics.md §7.5: the smooth 2-D data ε = 1 + 0.3 cos x + 0.2 sin(y + 0.5), v_x = 0.3 sin y,
     * v_y = 0.25 cos x (conformal, η/s = 0.08) on an {@code n}×{@code n}×1 box of side 2π, stepped by
     * {@code integrator} at the fixed step {@code dt} for round(endTime/dt) steps (the grid's NT). Steps above
     * the CFL limit of eq. 6.3 (§7.5's largest, Δt = 0.04 on 16², is one) are kept, with the builder's warning.
     *
     * @throws IllegalArgumentException if {@code n} < 4, {@code integrator} is null, {@code dt} or
     *                                  {@code endTime} is not finite and > 0, or they give no step (each named)
     */
    public static Simulation smoothPlane(int n, Tableau integrator, double dt, double endTime) {
        if (n < 4) {
            throw new IllegalArgumentException("n = " + n + "; must be >= 4 points per side");
        }
        if (!(endTime > 0) || Double.isInfinite(endTime)) {
            throw new IllegalArgumentException("endTime = " + endTime + "; must be a finite time > 0");
        }
        requireRun(integrator, dt);
        long steps = Math.round(endTime / dt);
        if (steps < 1 || steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("endTime = " + endTime + " with dt = " + dt + " gives " + steps
                    + " steps; must give between 1 and " + Integer.MAX_VALUE);
        }
        return Simulation.builder()
                .grid(steps + "x" + n + "x" + n + "x1")
                .eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08))
                .initial(Initial.custom("2-D data of physics.md §7.5", (x, y, z, out) -> {
                    out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5);
                    out[1] = 0.3 * Math.sin(y);
                    out[2] = 0.25 * Math.cos(x);
                }))
                .integrator(integrator)
                .timeStep(dt)
                .build();
    }

    private static void requireRun(Tableau integrator, double dt) {
        if (integrator == null) {
            throw new IllegalArgumentException("integrator = null; must be a Tableau such as Integrators.imexArs222()");
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt = " + dt + "; must be a finite time step > 0");
        }
    }
}
