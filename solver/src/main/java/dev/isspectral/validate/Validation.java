package dev.isspectral.validate;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import java.util.Locale;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs the linear-mode validation problems of physics.md §7.2–7.3 across wave numbers and compares
 * the simulation with the exact answer: frequency Ω and damping Γ (from an order-2 Prony fit after
 * the non-hydrodynamic transient) and the whole trajectory. Immutable builder; {@link #run()}
 * returns a Tablesaw table.
 *
 * <p>Columns: {@value #MODE} (mode number n along x), {@value #K} (k = 2πn/L),
 * {@value #OMEGA_EXACT}, {@value #OMEGA_SIMULATED}, {@value #GAMMA_EXACT}, {@value #GAMMA_SIMULATED}
 * (s = −Γ ± iΩ; Ω = 0 for an overdamped shear mode), {@value #OMEGA_ERROR}, {@value #GAMMA_ERROR}
 * (relative), {@value #TRAJECTORY_ERROR} (max over t of |simulated − exact| of the normalised
 * amplitude), {@value #CHANNEL} ("sound" or "shear").
 */
public final class Validation {

    public static final String CHANNEL = "channel";
    public static final String MODE = "mode";
    public static final String K = "k";
    public static final String OMEGA_EXACT = "omega_exact";
    public static final String OMEGA_SIMULATED = "omega_simulated";
    public static final String GAMMA_EXACT = "gamma_exact";
    public static final String GAMMA_SIMULATED = "gamma_simulated";
    public static final String OMEGA_ERROR = "omega_rel_error";
    public static final String GAMMA_ERROR = "gamma_rel_error";
    public static final String TRAJECTORY_ERROR = "trajectory_max_error";

    /** The default amplitude of the initial perturbation ({@link #amplitude(double)}). */
    public static final double DEFAULT_AMPLITUDE = 1e-6;

    private final boolean sound;
    private final double etaOverS;
    private final double box;
    private final int points;
    private final int[] modes;
    private final double dt;
    private final double duration;
    private final Tuning tuning;
    private final double amplitude;
    private final Consumer<Solver> afterEachStep;

    private Validation(boolean sound, double etaOverS, double box, int points, int[] modes, double dt, double duration, Tuning tuning,
            double amplitude, Consumer<Solver> afterEachStep) {
        this.sound = sound;
        this.etaOverS = etaOverS;
        this.box = box;
        this.points = points;
        this.modes = modes;
        this.dt = dt;
        this.duration = duration;
        this.tuning = tuning;
        this.amplitude = amplitude;
        this.afterEachStep = afterEachStep;
    }

    /** The conformal sound mode (§7.2, case B by default: η/s = 0.08, L = 2π, modes 1, 2, 3). */
    public static Validation soundWave() {
        return new Validation(true, 0.08, 2 * Math.PI, 16, new int[] {1, 2, 3}, 0.02, 30, Tuning.optimized(), DEFAULT_AMPLITUDE, null);
    }

    /** The conformal shear mode (§7.3, case S2 by default: η/s = 0.08, modes 1, 2, 3). */
    public static Validation shearWave() {
        return new Validation(false, 0.08, 2 * Math.PI, 16, new int[] {1, 2, 3}, 0.02, 20, Tuning.optimized(), DEFAULT_AMPLITUDE, null);
    }

    public Validation etaOverS(double value) {
        Transport.etaOverS(value);
        if (value <= 0) {
            throw new IllegalArgumentException("etaOverS = " + value + "; must be > 0 for a damped mode");
        }
        return new Validation(sound, value, box, points, modes, dt, duration, tuning, amplitude, afterEachStep);
    }

    /** Box length L > 0 along the wave. */
    public Validation box(double length) {
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException("box = " + length + "; must be a finite length > 0");
        }
        return new Validation(sound, etaOverS, length, points, modes, dt, duration, tuning, amplitude, afterEachStep);
    }

    /** Points along the wave (each mode must have n < points/2, checked by {@link #run()} before it runs any). */
    public Validation points(int n) {
        if (n < 4) {
            throw new IllegalArgumentException("points = " + n + "; must be >= 4");
        }
        return new Validation(sound, etaOverS, box, n, modes, dt, duration, tuning, amplitude, afterEachStep);
    }

    /** Mode numbers n ≥ 1 along x. */
    public Validation modes(int... n) {
        if (n.length == 0) {
            throw new IllegalArgumentException("modes = []; give at least one mode number");
        }
        for (int m : n) {
            if (m < 1) {
                throw new IllegalArgumentException("mode = " + m + "; must be >= 1");
            }
        }
        return new Validation(sound, etaOverS, box, points, n.clone(), dt, duration, tuning, amplitude, afterEachStep);
    }

    /** The fixed time step Δt, a finite time &gt; 0 (default 0.02); duration/Δt, rounded, is the number of steps per mode. */
    public Validation timeStep(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("timeStep = " + value + "; must be a finite time > 0");
        }
        return new Validation(sound, etaOverS, box, points, modes, value, duration, tuning, amplitude, afterEachStep);
    }

    /** Simulated time per mode, a finite time &gt; 0; with the time step it must give 1 to {@link Integer#MAX_VALUE} steps (checked by {@link #run()}). */
    public Validation duration(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("duration = " + value + "; must be a finite time > 0");
        }
        return new Validation(sound, etaOverS, box, points, modes, dt, value, tuning, amplitude, afterEachStep);
    }

    public Validation tuning(Tuning value) {
        if (value == null) {
            throw new IllegalArgumentException("tuning = null");
        }
        return new Validation(sound, etaOverS, box, points, modes, dt, duration, value, amplitude, afterEachStep);
    }

    /**
     * The amplitude of the initial perturbation ({@link Initial} soundWave().amplitude / shearWave().amplitude) (default
     * {@value #DEFAULT_AMPLITUDE}, small enough that the linear theory of physics.md §7.2–7.3 is exact to far below
     * the validation's tolerances; a larger one adds the nonlinear corrections, O(amplitude), to the measured error).
     */
    public Validation amplitude(double value) {
        if (!(value > 0) || !(value <= 0.1)) {
            throw new IllegalArgumentException("amplitude = " + value + "; must be > 0 and <= 0.1 (a linear perturbation)");
        }
        return new Validation(sound, etaOverS, box, points, modes, dt, duration, tuning, value, afterEachStep);
    }

    /**
     * A test and measurement hook, not a solver option: {@code hook} is called with the solver once it has started
     * (step 0) and after every step, before the step's sample is taken, and may change the solver's stored arrays in
     * place. {@link Float32Storage} uses it to emulate float32 storage by rounding them; null (the default) runs
     * the validation unchanged.
     */
    public Validation afterEachStep(Consumer<Solver> hook) {
        return new Validation(sound, etaOverS, box, points, modes, dt, duration, tuning, amplitude, hook);
    }

    /**
     * Runs every mode; one row per mode.
     *
     * @throws IllegalArgumentException before any mode runs, if duration/timeStep rounds to fewer than 1 or more than
     *                                  {@link Integer#MAX_VALUE} steps, or a mode is not below points/2
     */
    public Table run() {
        long rounded = Math.round(duration / dt);
        if (rounded < 1 || rounded > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration = " + duration + " with timeStep = " + dt + " gives " + rounded
                    + " steps; must give between 1 and " + Integer.MAX_VALUE);
        }
        int steps = (int) rounded;
        for (int n : modes) {
            if (2L * n >= points) {
                throw new IllegalArgumentException("modes = " + java.util.Arrays.toString(modes) + " with points = " + points
                        + "; mode " + n + " is not resolved (must have n < points/2)");
            }
        }
        LinearModes exact = LinearModes.of(1.0 / 3, etaOverS, Transport.DEFAULT_B_PI, 0, 0);
        StringColumn channel = StringColumn.create(CHANNEL);
        IntColumn mode = IntColumn.create(MODE);
        DoubleColumn k = DoubleColumn.create(K);
        DoubleColumn omegaExact = DoubleColumn.create(OMEGA_EXACT);
        DoubleColumn omegaSim = DoubleColumn.create(OMEGA_SIMULATED);
        DoubleColumn gammaExact = DoubleColumn.create(GAMMA_EXACT);
        DoubleColumn gammaSim = DoubleColumn.create(GAMMA_SIMULATED);
        DoubleColumn omegaErr = DoubleColumn.create(OMEGA_ERROR);
        DoubleColumn gammaErr = DoubleColumn.create(GAMMA_ERROR);
        DoubleColumn trajErr = DoubleColumn.create(TRAJECTORY_ERROR);
        for (int n : modes) {
            double kk = 2 * Math.PI * n / box;
            Initial initial = sound ? Initial.soundWave().mode(n, 0, 0).amplitude(amplitude)
                    : Initial.shearWave().mode(n, 0, 0).direction(1).amplitude(amplitude);
            Simulation sim = Simulation.builder()
                    .grid(steps + "x" + points + "x1x1").box(box, 2 * Math.PI, 2 * Math.PI)
                    .eos(Eos.conformal()).transport(Transport.etaOverS(etaOverS))
                    .initial(initial).timeStep(dt).tuning(tuning).build();
            Solver solver = sim.start();
            double[] samples = new double[steps + 1];
            double worst = 0;
            for (int s = 0; s <= steps; s++) {
                if (s > 0) {
                    solver.step();
                }
                if (afterEachStep != null) {
                    afterEachStep.accept(solver);
                }
                samples[s] = sound ? Observables.projection(solver.grid(), solver.primitives().energyDensity, n, 0, 0, true)
                        : Observables.projection(solver.grid(), solver.primitives().vy, n, 0, 0, false);
                double normalised = samples[s] / samples[0];
                double reference = sound ? exact.soundTrajectory(kk, solver.time()) : exact.shearTrajectory(kk, solver.time());
                worst = Math.max(worst, Math.abs(normalised - reference));
            }
            Complex root;
            Complex fitted;
            if (sound) {
                root = exact.soundRoot(kk);
                double slowestNonHydro = Double.POSITIVE_INFINITY;
                for (Complex r : exact.soundRoots(kk)) {
                    if (Math.abs(r.im()) < 1e-12) {
                        slowestNonHydro = Math.min(slowestNonHydro, -r.re());
                    }
                }
                double t0 = Math.min(14 / slowestNonHydro, duration / 3);
                int first = (int) Math.ceil(t0 / dt);
                Complex[] rates = Prony.rates(java.util.Arrays.copyOfRange(samples, first, samples.length), dt, 2);
                fitted = rates[0];
            } else {
                root = exact.shearRoots(kk)[0];
                Complex[] rates = Prony.rates(samples, dt, 2);
                fitted = rates[0].re() > rates[1].re() ? rates[0] : rates[1];
            }
            channel.append(sound ? "sound" : "shear");
            mode.append(n);
            k.append(kk);
            omegaExact.append(Math.abs(root.im()));
            omegaSim.append(Math.abs(fitted.im()));
            gammaExact.append(-root.re());
            gammaSim.append(-fitted.re());
            omegaErr.append(root.im() == 0 ? Math.abs(fitted.im()) : Math.abs(Math.abs(fitted.im()) - Math.abs(root.im())) / Math.abs(root.im()));
            gammaErr.append(Math.abs(fitted.re() - root.re()) / Math.abs(root.re()));
            trajErr.append(worst);
        }
        Table t = Table.create(String.format(Locale.ROOT, "%s mode validation, eta/s = %.3g, L = %.4g, dt = %.3g",
                sound ? "sound" : "shear", etaOverS, box, dt));
        t.addColumns(channel, mode, k, omegaExact, omegaSim, gammaExact, gammaSim, omegaErr, gammaErr, trajErr);
        return t;
    }
}
