package dev.isspectral.ensemble;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Primitives;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.state.Field;
import dev.isspectral.validate.Complex;
import dev.isspectral.validate.LinearModes;
import dev.isspectral.validate.Prony;
import java.util.Arrays;
import java.util.List;

/**
 * The built-in measurements: fitted frequency and damping of the sound or shear mode against the
 * exact dispersion relation, the total energy at the end, and the step rate.
 */
public final class Measurements {

    /** |k| of the member's wave. */
    public static final String K = "k";
    /** Fitted Ω = |Im s| of the mode. */
    public static final String OMEGA = "omega";
    /** Fitted Γ = −Re s of the mode. */
    public static final String GAMMA = "gamma";
    /** Ω of the exact root (physics.md eq. 7.3/7.2 for sound, 7.5 for shear). */
    public static final String OMEGA_EXACT = "omega_exact";
    /** Γ of the exact root. */
    public static final String GAMMA_EXACT = "gamma_exact";
    /** Σ T^{00} dV at the end. */
    public static final String ENERGY_END = "energy_end";
    /** (E_end − E_0)/E_0: zero to round-off (physics.md §7.4). */
    public static final String ENERGY_CHANGE = "energy_rel_change";
    /** Steps per second of wall time of the member's steps (a timing). */
    public static final String STEPS_PER_SECOND = "steps_per_second";

    private Measurements() {
    }

    /**
     * The sound mode of a base {@link Initial.SoundWave}: its amplitude e(t), the projection of ε on
     * cos(k·x), sampled every step; Ω and Γ from an order-2 Prony fit (physics.md §7.2 (ii)) on the
     * window after the non-hydrodynamic transient, t ≥ t0 = 14/min|Re s_nh| (at most a third of the
     * run); and the exact root of (7.2) for the member's EOS, transport and k. Columns {@value #K},
     * {@value #OMEGA}, {@value #GAMMA}, {@value #OMEGA_EXACT}, {@value #GAMMA_EXACT}. Needs a fixed
     * Δt (the CFL Δt of a linear wave is fixed) and a run of a few periods.
     */
    public static Measurement soundMode() {
        return new ModeFit(true);
    }

    /**
     * The shear mode of a base {@link Initial.ShearWave}: the projection of its velocity component on
     * sin(k·x), an order-2 Prony fit on the whole record, the slower root (physics.md §7.3), and the
     * exact hydrodynamic root s_+ of (7.5). Columns as {@link #soundMode()} (Ω = 0 below k_c, where
     * the mode does not propagate).
     */
    public static Measurement shearMode() {
        return new ModeFit(false);
    }

    /** Total energy Σ T^{00} ΔV at the end and its relative change: columns {@value #ENERGY_END}, {@value #ENERGY_CHANGE}. */
    public static Measurement finalEnergy() {
        return new FinalEnergy();
    }

    /** Steps per second of the member's stepping (a timing): column {@value #STEPS_PER_SECOND}. */
    public static Measurement stepRate() {
        return new StepRate();
    }

    /** Exact linear modes about the member's background ε0 (physics.md §4.6). */
    static LinearModes linearModes(Simulation sim, double background) {
        Eos eos = sim.eos();
        Transport t = sim.transport();
        double cs2 = eos.constantSoundSpeedSquared();
        if (Double.isNaN(cs2)) {
            cs2 = eos.soundSpeedSquared(background);
        }
        return LinearModes.about(cs2, background + eos.pressure(background), eos.entropyDensity(background), t);
    }

    // ------------------------------------------------------------------------------------------

    private record ModeFit(boolean sound) implements Measurement {

        @Override
        public List<String> columns() {
            return List.of(K, OMEGA, GAMMA, OMEGA_EXACT, GAMMA_EXACT);
        }

        @Override
        public Probe start(Simulation sim) {
            Initial initial = sim.initial();
            int[] mode;
            double background;
            int direction = -1;
            if (sound && initial instanceof Initial.SoundWave w) {
                mode = w.mode();
                background = w.background();
            } else if (!sound && initial instanceof Initial.ShearWave w) {
                mode = w.mode();
                background = w.background();
                direction = w.direction();
            } else {
                throw new IllegalArgumentException("measurement " + (sound ? "soundMode" : "shearMode") + " needs initial = "
                        + (sound ? "Initial.soundWave()" : "Initial.shearWave()") + ", but the member has " + initial.describe());
            }
            var g = sim.grid();
            double k = new Mode(mode[0], mode[1], mode[2]).waveNumber(g.lx(), g.ly(), g.lz());
            return new ModeProbe(sound, mode, direction, k, linearModes(sim, background));
        }
    }

    private static final class ModeProbe implements Measurement.Probe {
        private final boolean sound;
        private final int[] mode;
        private final int direction;
        private final double k;
        private final LinearModes exact;
        private double[] samples = new double[64];
        private double[] times = new double[64];
        private int count;

        ModeProbe(boolean sound, int[] mode, int direction, double k, LinearModes exact) {
            this.sound = sound;
            this.mode = mode;
            this.direction = direction;
            this.k = k;
            this.exact = exact;
        }

        @Override
        public void sample(Solver solver) {
            Primitives p = solver.primitives();
            double[] field = sound ? p.energyDensity : direction == 0 ? p.vx : direction == 1 ? p.vy : p.vz;
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, 2 * count);
                times = Arrays.copyOf(times, 2 * count);
            }
            samples[count] = Observables.projection(solver.grid(), field, mode[0], mode[1], mode[2], sound);
            times[count++] = solver.time();
        }

        @Override
        public double[] finish(Solver solver) {
            // equally spaced samples; a last step shortened to land on Until.time is left out
            double spacing = count > 1 ? times[1] - times[0] : Double.NaN;
            int used = count;
            for (int n = 2; n < count; n++) {
                double expected = times[0] + n * spacing;
                if (Math.abs(times[n] - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
                    if (n == count - 1 && times[n] < expected) {
                        used = count - 1;
                        break;
                    }
                    throw new IllegalStateException("the mode fit needs equally spaced samples, but sample " + n
                            + " is at t = " + times[n] + " instead of " + expected + "; fix the time step (timeStep)");
                }
            }
            if (used < 8) {
                throw new IllegalStateException("the mode fit needs at least 8 equally spaced samples (7 steps), got " + used);
            }
            int count = used;
            double[] record = Arrays.copyOf(samples, count);
            double duration = (count - 1) * spacing;
            Complex root;
            Complex fitted;
            if (sound) {
                root = exact.soundRoot(k);
                double slowest = Double.POSITIVE_INFINITY;
                for (Complex r : exact.soundRoots(k)) {
                    if (Math.abs(r.im()) < 1e-12) {
                        slowest = Math.min(slowest, -r.re());
                    }
                }
                double t0 = Math.min(14 / slowest, duration / 3);
                int first = (int) Math.ceil(t0 / spacing - 1e-9);
                Complex[] rates = Prony.rates(Arrays.copyOfRange(record, first, count), spacing, 2);
                fitted = rates[0].im() >= rates[1].im() ? rates[0] : rates[1];
            } else {
                root = exact.shearRoots(k)[0];
                Complex[] rates = Prony.rates(record, spacing, 2);
                fitted = rates[0].re() >= rates[1].re() ? rates[0] : rates[1];
            }
            return new double[] {k, Math.abs(fitted.im()), -fitted.re(), Math.abs(root.im()), -root.re()};
        }
    }

    private record FinalEnergy() implements Measurement {
        @Override
        public List<String> columns() {
            return List.of(ENERGY_END, ENERGY_CHANGE);
        }

        @Override
        public Probe start(Simulation simulation) {
            return new Probe() {
                private double initial = Double.NaN;

                @Override
                public void sample(Solver solver) {
                    if (Double.isNaN(initial)) {
                        initial = Observables.integral(solver, Field.T00);
                    }
                }

                @Override
                public double[] finish(Solver solver) {
                    double end = Observables.integral(solver, Field.T00);
                    return new double[] {end, (end - initial) / initial};
                }
            };
        }
    }

    private record StepRate() implements Measurement {
        @Override
        public List<String> columns() {
            return List.of(STEPS_PER_SECOND);
        }

        @Override
        public boolean timing() {
            return true;
        }

        @Override
        public Probe start(Simulation simulation) {
            return new Probe() {
                private long startNanos;
                private long startStep;

                @Override
                public void sample(Solver solver) {
                    if (startNanos == 0) {
                        startNanos = System.nanoTime();
                        startStep = solver.stepCount();
                    }
                }

                @Override
                public double[] finish(Solver solver) {
                    double seconds = (System.nanoTime() - startNanos) / 1e9;
                    return new double[] {(solver.stepCount() - startStep) / seconds};
                }
            };
        }
    }
}
