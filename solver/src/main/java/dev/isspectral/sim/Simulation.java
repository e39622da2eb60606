package dev.isspectral.sim;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.StressTensor;
import dev.isspectral.spectral.SpectralOperators;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import dev.isspectral.state.State;
import dev.isspectral.time.Integrators;
import dev.isspectral.time.Tableau;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An immutable, validated simulation setup: grid, equation of state, transport, initial data,
 * integrator, time-step rule and filter. Built with {@link #builder()}; {@link #start()} makes a
 * {@link Solver} that runs it, {@link #run(Until)} runs it and returns the {@link Run}.
 *
 * <pre>{@code
 * var sim = Simulation.builder()
 *         .grid("32x32x16x16")                      // 32 steps of a 32x16x16 box of side 2π
 *         .eos(Eos.conformal())
 *         .transport(Transport.etaOverS(0.08))
 *         .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3))
 *         .build();
 * Run run = sim.run(Until.steps(32));
 * }</pre>
 */
public final class Simulation {

    private final Builder settings;
    /**
     * The initial state built with the simulation, until the first solver takes it (no copy: a solver owns its
     * state); null after that, when each further solver and {@link #initialField} rebuild it from the initial
     * condition, checked against {@link #initialChecksum}. Guarded by {@code this}.
     */
    private State unclaimedInitialState;
    /** {@link #checksum} of the initial state as first built: a rebuilt state must give the same, bit for bit. */
    private final long initialChecksum;
    private final List<String> warnings;
    private volatile FftEngineFactory.Choice fftChoice;  // resolved on first use (reads the tuning file, probes backends)

    private Simulation(Builder settings, State initialState, long initialChecksum, List<String> warnings) {
        this.settings = settings;
        this.unclaimedInitialState = initialState;
        this.initialChecksum = initialChecksum;
        this.warnings = List.copyOf(warnings);
    }

    /** A builder with the defaults: 16x16x8x8 grid in a 2π box, conformal EOS, η/s = 0.08, a small sound wave, ARS(2,2,2), CFL 0.25, no filter. */
    public static Builder builder() {
        return new Builder();
    }

    /** This simulation's settings as a builder, to derive a variant. */
    public Builder toBuilder() {
        return settings;
    }

    /** The same simulation on another grid (for scaling studies). */
    public Simulation withGrid(Grid grid) {
        return settings.grid(grid).build();
    }

    /** A fresh solver at t = 0 with no observation. */
    public Solver start() {
        return start(Instrumentation.NONE);
    }

    /** A fresh solver at t = 0 watched through {@code instrumentation}. */
    public Solver start(Instrumentation instrumentation) {
        if (instrumentation == null) {
            throw new IllegalArgumentException("instrumentation = null; must be Instrumentation.NONE or a recorder's");
        }
        MemoryBudget.requireHeap(estimatedBytes() + 8L * MemoryBudget.OBSERVED_DOUBLES * grid().size(), grid(),
                "a solver (state, integrator stages, workspaces, FFT spectra, observed primitives)");
        long nativeBytes = MemoryBudget.nativeFftBytes(fftSettings(), grid());
        if (nativeBytes > 0) {
            MemoryBudget.requireNative(nativeBytes, grid(), fftSettings().backend());
        }
        return new Solver(this, takeInitialState(), instrumentation);
    }

    /** Runs from t = 0 {@code until}, recording the default observables after every step. */
    public Run run(Until until) {
        return run(until, Schedule.everyStep());
    }

    /**
     * Runs from t = 0 {@code until}, recording the default observables and {@code extra} on {@code schedule}. Each
     * extra's name must differ from the history's columns and from the other extras' ({@link Run}); the arguments are
     * checked before the solver is made.
     */
    public Run run(Until until, Schedule schedule, Observable... extra) {
        requireRunArguments(until, schedule, extra);
        return Run.execute(this, start(), until, schedule, List.of(extra));
    }

    /**
     * Runs {@code solver}, one of this simulation's (say, restored from a checkpoint), on from where it
     * is, {@code until} ({@link Until#steps} counts steps from there), recording as
     * {@link #run(Until, Schedule, Observable...)} does; the history's first row is its current state. The
     * arguments are checked as there, before any step.
     */
    public Run run(Solver solver, Until until, Schedule schedule, Observable... extra) {
        if (solver == null || solver.simulation() != this) {
            throw new IllegalArgumentException("solver = " + solver + "; must be one started from this simulation (sim.start())");
        }
        requireRunArguments(until, schedule, extra);
        return Run.execute(this, solver, until, schedule, List.of(extra));
    }

    private static void requireRunArguments(Until until, Schedule schedule, Observable[] extra) {
        if (until == null) {
            throw new IllegalArgumentException("until = null; must be e.g. Until.steps(32) or Until.time(1.0)");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule = null; must be e.g. Schedule.everyStep()");
        }
        if (extra == null) {
            throw new IllegalArgumentException("extra observables = null; pass none, or Observable values");
        }
        for (int i = 0; i < extra.length; i++) {
            if (extra[i] == null) {
                throw new IllegalArgumentException("extra observable " + i + " = null; must be an Observable");
            }
        }
        Run.requireDistinctNames(extra);
    }

    /**
     * Runs the grid's NT steps (the NT of NT×NX×NY×NZ). A grid without NT ({@code "32x16x16"}, {@link Grid#of}) is
     * refused before the solver is made: give NT in the grid or run {@code run(Until.steps(n))}.
     */
    public Run run() {
        grid().requireSteps("run(Until.steps(n))");
        return run(Until.steps(grid().steps()));
    }

    public Grid grid() {
        return settings.grid;
    }

    public Eos eos() {
        return settings.eos;
    }

    public Transport transport() {
        return settings.transport;
    }

    public Initial initial() {
        return settings.initial;
    }

    public Tableau integrator() {
        return settings.integrator;
    }

    /** The user's fixed Δt, or NaN when Δt follows physics.md §6.5. */
    public double fixedTimeStep() {
        return settings.timeStep;
    }

    /** C_cfl of (6.3). */
    public double courant() {
        return Double.isNaN(settings.courant) ? defaultCourant(settings.integrator) : settings.courant;
    }

    /** C_rel of (6.4) (explicit schemes only). */
    public double relaxationCourant() {
        return settings.relaxationCourant;
    }

    public boolean dealias() {
        return settings.dealias;
    }

    public boolean exponentialFilter() {
        return settings.exponentialFilter;
    }

    public double filterStrength() {
        return settings.filterStrength;
    }

    public double filterOrder() {
        return settings.filterOrder;
    }

    public List<StepObserver> observers() {
        return settings.observers;
    }

    /** Warnings found while building (a fixed Δt above the stability limits, say). */
    public List<String> warnings() {
        return warnings;
    }

    /** A copy of initial evolved field {@code f}. */
    public synchronized double[] initialField(Field f) {
        return unclaimedInitialState != null ? unclaimedInitialState.get(f).clone() : rebuiltInitialState().get(f);
    }

    /**
     * The initial state for a new solver, which owns it: the one built with the simulation for the first solver
     * (so a simulation and its solver hold one state between them, not two), a rebuilt one for every later
     * solver. The initial condition is rebuilt from the same settings; {@link Initial#fill} must be a
     * deterministic function of the grid, and a rebuilt state that differs from the first in any bit is an error
     * naming the initial condition, never a silently different start.
     */
    private synchronized State takeInitialState() {
        State s = unclaimedInitialState;
        if (s != null) {
            unclaimedInitialState = null;
            return s;
        }
        return rebuiltInitialState();
    }

    private State rebuiltInitialState() {
        State s = settings.initialState();
        if (checksum(s) != initialChecksum) {
            throw new IllegalStateException("initial = " + settings.initial.describe() + " filled different data when"
                    + " rebuilt for another solver; Initial.fill must be a deterministic function of the grid (a"
                    + " simulation rebuilds its initial state for each solver after the first rather than keep a copy)");
        }
        return s;
    }

    /** A 64-bit hash of every bit of every field of {@code s}, in point order. */
    static long checksum(State s) {
        long h = 1125899906842597L;
        for (double[] a : s.arrays()) {
            for (double v : a) {
                h = 31 * h + Double.doubleToRawLongBits(v);
            }
        }
        return h;
    }

    /** The tuning: how the solver does its work (never what it computes). */
    public Tuning tuning() {
        return settings.tuning;
    }

    FftEngine createEngine() {
        return FftEngineFactory.create(fftChoice(), grid());
    }

    private FftEngineFactory.Choice fftChoice() {
        FftEngineFactory.Choice c = fftChoice;
        if (c == null) {
            c = FftEngineFactory.choose(settings.tuning, grid());
            fftChoice = c;
        }
        return c;
    }

    /**
     * The FFT settings the solver's engine is built with: the tuning's, or the saved tuner winner for this
     * grid (if the tuning asks for it and the file has one), with the backend replaced by JTransforms if the
     * requested one cannot load here.
     */
    public FftSettings fftSettings() {
        return fftChoice().effective();
    }

    /** The effective FFT configuration in one line, with where it came from (saved tuning, fallback, file problems). */
    public String fftDescription() {
        return fftChoice().describe();
    }

    /** Δt_cfl of (6.3) on this grid with this integrator's Courant number. */
    public double cflTimeStep() {
        return courant() / grid().maxWaveNumberMagnitude();
    }

    /** {@link #estimatedBytes()} as read in a summary: {@code ~0.57 MiB (1170 bytes per grid point)}. */
    public String memorySummary() {
        long bytes = estimatedBytes();
        return String.format(Locale.ROOT, "~%.2f MiB (%.0f bytes per grid point)", bytes / 1048576.0,
                (double) bytes / grid().size());
    }

    /**
     * Bytes a solver of this simulation holds (state, stage storage, workspaces, spectra), counted
     * from each component's own storage per point, without allocating; the observed primitives (9
     * doubles per point) come on top once observables are asked for.
     */
    public long estimatedBytes() {
        long n = grid().size();
        Tuning tuning = tuning();
        long perPoint = State.storagePerPoint() + Model.storagePerPoint(this);
        long spectra = SpectralOperators.spectrumDoubles(grid(), tuning.preallocatedWorkspaces())
                + (SpectralOperators.batches(tuning.batchedTransforms() && tuning.sharedForwardTransforms()
                        && tuning.preallocatedWorkspaces() && engineHasLanes(), tuning.threads(), engineThreads(), grid().size())
                ? SpectralOperators.batchSpectrumDoubles(grid(), tuning.preallocatedWorkspaces(), tuning.threads()) : 0);
        return 8 * (perPoint * n + spectra) + Model.tileBytes(this);
    }

    /** Threads inside one transform of the engine this simulation's effective FFT settings build (the pure-Java r2c
     * engines run fields below their threshold on one thread: {@link dev.isspectral.fft.FftEngines#oneThreadBelow}). */
    private int engineThreads() {
        dev.isspectral.fft.FftSettings f = fftSettings();
        return grid().size() < dev.isspectral.fft.FftEngines.oneThreadBelow(f) ? 1 : f.threads();
    }

    /** Whether the engine this simulation's effective FFT settings build has lanes for batched transforms (the
     * double real-to-complex engines with plans reused: JTransforms' and FFTW's). */
    private boolean engineHasLanes() {
        dev.isspectral.fft.FftSettings f = fftSettings();
        return f.realToComplex() && f.reusePlans() && f.precision() == dev.isspectral.fft.FftSettings.Precision.DOUBLE;
    }

    /** A short tree of the settings. */
    @Override
    public String toString() {
        Grid g = grid();
        StringBuilder sb = new StringBuilder();
        sb.append("Simulation\n");
        sb.append(String.format(Locale.ROOT, "├── grid:        %s (%d steps of a %s box, L = %.4g x %.4g x %.4g)%n",
                g.notation(), g.steps(), g.boxNotation(), g.lx(), g.ly(), g.lz()));
        sb.append("├── EOS:         ").append(eos().describe()).append('\n');
        sb.append("├── transport:   ").append(transport().describe()).append('\n');
        sb.append("├── initial:     ").append(initial().describe()).append('\n');
        sb.append("├── integrator:  ").append(integrator()).append('\n');
        sb.append("├── tuning:      ").append(tuning().describe()).append('\n');
        sb.append("├── FFT:         ").append(fftDescription()).append('\n');
        sb.append(String.format(Locale.ROOT, "├── time step:   %s%n", Double.isNaN(fixedTimeStep())
                ? String.format(Locale.ROOT, "CFL %.3g -> dt = %.4g%s", courant(), cflTimeStep(),
                        integrator().imex() ? "" : " (and relaxation bound)")
                : String.format(Locale.ROOT, "fixed dt = %.4g", fixedTimeStep())));
        sb.append("├── filter:      ").append(dealias() ? "2/3 rule " : "")
                .append(exponentialFilter() ? String.format(Locale.ROOT, "exponential (alpha = %.3g, p = %.3g)", filterStrength(), filterOrder()) : "")
                .append(!dealias() && !exponentialFilter() ? "none" : "").append('\n');
        sb.append("└── memory:      ").append(memorySummary());
        for (String w : warnings) {
            sb.append("\nwarning: ").append(w);
        }
        return sb.toString();
    }

    static double defaultCourant(Tableau t) {
        return t.imex() ? 0.25 : 0.8;
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Immutable builder: every method returns a new builder and leaves this one unchanged; a bad
     * value fails at the call that set it, naming the parameter, the value and what is allowed.
     */
    public static final class Builder {

        private Grid grid = Grid.parse("16x16x8x8");
        private Eos eos = Eos.conformal();
        private Transport transport = Transport.etaOverS(0.08);
        private Initial initial = Initial.soundWave();
        private Tableau integrator = Integrators.imexArs222();
        private double timeStep = Double.NaN;
        private double courant = Double.NaN;
        private double relaxationCourant = 1.0;
        private boolean dealias;
        private boolean exponentialFilter;
        private double filterStrength = 36.0;
        private double filterOrder = 36.0;
        private List<StepObserver> observers = List.of();
        private Tuning tuning = Tuning.optimized();

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.grid = grid;
            b.eos = eos;
            b.transport = transport;
            b.initial = initial;
            b.integrator = integrator;
            b.timeStep = timeStep;
            b.courant = courant;
            b.relaxationCourant = relaxationCourant;
            b.dealias = dealias;
            b.exponentialFilter = exponentialFilter;
            b.filterStrength = filterStrength;
            b.filterOrder = filterOrder;
            b.observers = observers;
            b.tuning = tuning;
            return b;
        }

        /** The grid in NT×NX×NY×NZ notation, e.g. {@code "32x32x16x16"}; box lengths are kept. */
        public Builder grid(String notation) {
            Grid parsed = Grid.parse(notation);
            return grid(parsed.withBox(grid.lx(), grid.ly(), grid.lz()));
        }

        public Builder grid(Grid g) {
            if (g == null) {
                throw new IllegalArgumentException("grid = null; must be a Grid such as Grid.parse(\"32x32x16x16\")");
            }
            Builder b = copy();
            b.grid = g;
            return b;
        }

        /** Cubic box of side {@code length} > 0. */
        public Builder box(double length) {
            return grid(grid.withBox(length));
        }

        /** Box Lx × Ly × Lz. */
        public Builder box(double lx, double ly, double lz) {
            return grid(grid.withBox(lx, ly, lz));
        }

        /** Number of steps NT (also settable through the grid notation). */
        public Builder steps(int steps) {
            return grid(grid.withSteps(steps));
        }

        /**
         * The equation of state. Its c_s² (the constant one, else c_s²(ε = 1) of a general EOS) must lie in (0, 1],
         * and with the transport keep the front speed causal (physics.md eq. 3.4).
         */
        public Builder eos(Eos e) {
            if (e == null) {
                throw new IllegalArgumentException("eos = null; must be an Eos such as Eos.conformal()");
            }
            checkPhysics(e, transport, "eos");
            Builder b = copy();
            b.eos = e;
            return b;
        }

        public Builder transport(Transport t) {
            if (t == null) {
                throw new IllegalArgumentException("transport = null; must be e.g. Transport.etaOverS(0.08)");
            }
            checkPhysics(eos, t, "transport");
            Builder b = copy();
            b.transport = t;
            return b;
        }

        public Builder initial(Initial i) {
            if (i == null) {
                throw new IllegalArgumentException("initial = null; must be e.g. Initial.soundWave()");
            }
            Builder b = copy();
            b.initial = i;
            return b;
        }

        public Builder integrator(Tableau t) {
            if (t == null) {
                throw new IllegalArgumentException("integrator = null; must be Integrators.imexArs222() or Integrators.sspRk3()");
            }
            Builder b = copy();
            b.integrator = t;
            return b;
        }

        /** A fixed Δt > 0 (a warning is recorded if it exceeds the limits of physics.md §6.5). */
        public Builder timeStep(double dt) {
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new IllegalArgumentException("timeStep = " + dt + "; must be a finite number > 0");
            }
            Builder b = copy();
            b.timeStep = dt;
            return b;
        }

        /** Δt from physics.md §6.5 (the default). */
        public Builder adaptiveTimeStep() {
            Builder b = copy();
            b.timeStep = Double.NaN;
            return b;
        }

        /** C_cfl of (6.3), in (0, 1]; default 0.25 for ARS(2,2,2), 0.8 for SSP-RK3. */
        public Builder courant(double c) {
            if (!(c > 0 && c <= 1)) {
                throw new IllegalArgumentException("courant = " + c + "; must be in (0, 1]");
            }
            Builder b = copy();
            b.courant = c;
            return b;
        }

        /** C_rel of (6.4) for explicit schemes, in (0, 2.5]; default 1. */
        public Builder relaxationCourant(double c) {
            if (!(c > 0 && c <= 2.5)) {
                throw new IllegalArgumentException("relaxationCourant = " + c + "; must be in (0, 2.5] (SSP-RK3 is stable to 2.51)");
            }
            Builder b = copy();
            b.relaxationCourant = c;
            return b;
        }

        /** 2/3-rule dealiasing after each step (physics.md §6.5). */
        public Builder dealias(boolean on) {
            Builder b = copy();
            b.dealias = on;
            return b;
        }

        /** Exponential filter σ = exp(−α (|n|/(N/2))^p) after each step with the defaults α = 36, p = 36. */
        public Builder exponentialFilter(boolean on) {
            Builder b = copy();
            b.exponentialFilter = on;
            return b;
        }

        /**
         * Exponential filter with strength α > 0 and order p ≥ 2 (physics.md eq. 6.8). p need not be even or whole:
         * σ takes the power of |n_d|/(N_d/2) ≥ 0, so every real p ≥ 2 gives a real filter, symmetric in ±n, that
         * leaves n = 0 unchanged and falls monotonically to e^−α at the Nyquist mode.
         */
        public Builder exponentialFilter(double strength, double order) {
            if (!(strength > 0) || Double.isInfinite(strength)) {
                throw new IllegalArgumentException("filterStrength = " + strength + "; must be a finite number > 0");
            }
            if (!(order >= 2) || Double.isInfinite(order)) {
                throw new IllegalArgumentException("filterOrder = " + order + "; must be a finite number >= 2");
            }
            Builder b = copy();
            b.exponentialFilter = true;
            b.filterStrength = strength;
            b.filterOrder = order;
            return b;
        }

        /** How the solver does its work: {@link Tuning#optimized()} (default) or {@link Tuning#baseline()} and variants. */
        public Builder tuning(Tuning t) {
            if (t == null) {
                throw new IllegalArgumentException("tuning = null; must be Tuning.optimized(), Tuning.baseline() or a variant");
            }
            Builder b = copy();
            b.tuning = t;
            return b;
        }

        /** Adds an observer called after every step of every run. */
        public Builder observer(StepObserver o) {
            if (o == null) {
                throw new IllegalArgumentException("observer = null");
            }
            Builder b = copy();
            List<StepObserver> list = new ArrayList<>(observers);
            list.add(o);
            b.observers = List.copyOf(list);
            return b;
        }

        /**
         * Validates what depends on several settings (initial data on this grid, Δt against the
         * limits) and builds the simulation, including its initial state.
         */
        public Simulation build() {
            initial.validate(grid);
            Simulation planned = new Simulation(this, null, 0L, List.of());
            dev.isspectral.fft.FftSettings fft = planned.fftSettings();
            if (dev.isspectral.fft.FftSettings.JAVA.equals(fft.backend())
                    && !dev.isspectral.fft.FftEngines.javaApplies(fft, grid.nx(), grid.ny(), grid.nz())) {
                // only a chosen backend gets here: the default one falls back to jtransforms (FftEngineFactory)
                if (!dev.isspectral.fft.ColumnFftEngine.supports(grid.nx(), grid.ny(), grid.nz())) {
                    throw new IllegalArgumentException("fftBackend = java with grid = " + grid.notation() + "; the java "
                            + "backend must have every box size a power of two and NZ >= 2: use jtransforms or fftw for a "
                            + grid.boxNotation() + " box");
                }
                throw new IllegalArgumentException("fftBackend = java with " + fft.label() + "; the java backend must have "
                        + "real-to-complex double transforms: use realTransforms(true) and double, or jtransforms "
                        + "or fftw");
            }
            boolean cflOnly = integrator.imex() || (!transport.hasShear() && !transport.hasBulk());
            if (Double.isNaN(timeStep) && cflOnly && !Double.isFinite(planned.cflTimeStep())) {
                throw new IllegalArgumentException("grid = " + grid.notation() + " has one point along every axis, so no"
                        + " wave number limits the step and the CFL step of physics.md eq. 6.3 is infinite; must have more"
                        + " than one point along some axis, or set a fixed timeStep(dt)");
            }
            long n = grid.size();
            long stateBytes = 8L * Field.COUNT * n;
            long initialData = 8L * MemoryBudget.INITIAL_DATA_DOUBLES * n;
            long solver = planned.estimatedBytes() + 8L * MemoryBudget.OBSERVED_DOUBLES * n;
            MemoryBudget.requireHeap(stateBytes + Math.max(initialData, solver), grid,
                    "the simulation (initial data and state, then a solver's state, integrator stages, workspaces,"
                            + " FFT spectra and observed primitives)");
            State state = initialState();
            long checksum = checksum(state);
            List<String> warnings = new ArrayList<>();
            Simulation sim = new Simulation(this, state, checksum, warnings);
            if (!Double.isNaN(timeStep)) {
                double cfl = sim.courant() / grid.maxWaveNumberMagnitude();
                if (timeStep > cfl) {
                    warnings.add(String.format(Locale.ROOT, "timeStep = %.6g exceeds the spectral CFL limit %.6g (C_cfl = %.3g, physics.md eq. 6.3)",
                            timeStep, cfl, sim.courant()));
                }
                if (!integrator.imex()) {
                    double rel = relaxationCourant * sim.start().minRelaxationTime();
                    if (timeStep > rel) {
                        warnings.add(String.format(Locale.ROOT, "timeStep = %.6g exceeds the relaxation limit %.6g of SSP-RK3 (C_rel min gamma tau, physics.md eq. 6.4)",
                                timeStep, rel));
                    }
                }
            }
            if (!warnings.isEmpty()) {
                State unclaimed;
                synchronized (sim) {
                    unclaimed = sim.unclaimedInitialState;   // null if the check above started a solver
                }
                sim = new Simulation(this, unclaimed, checksum, warnings);
                for (String w : warnings) {
                    System.err.println("warning: " + w);
                }
            }
            return sim;
        }

        /** The initial condition filled on the grid and converted to the evolved state. */
        private State initialState() {
            InitialData data = new InitialData(grid);
            initial.fill(data);
            return primitiveToEvolved(data);
        }

        /** (1.2)–(1.5): T^{0ν} from ε, v, Π, π; checks ε > 0, |v| < 1 and ε + P + Π > 0 everywhere. */
        private State primitiveToEvolved(InitialData d) {
            // in place: each point's primitives are read before its evolved values are written over them, so the
            // initial data's ten arrays become the state's (ε → T^00, v → T^0i, Π → Π, π → π)
            double[][] arrays = {d.energyDensity, d.vx, d.vy, d.vz, d.bulk, d.shear[0], d.shear[1], d.shear[2],
                    d.shear[3], d.shear[4]};
            State s = State.adopting(grid, arrays);
            double[] t00 = s.get(Field.T00);
            double[] t0x = s.get(Field.T0X);
            double[] t0y = s.get(Field.T0Y);
            double[] t0z = s.get(Field.T0Z);
            boolean shear = transport.hasShear();
            boolean bulk = transport.hasBulk();
            double[] dependent = new double[5];   // (π^zz, π^0x, π^0y, π^0z, π^00) of eqs. 1.3–1.5 at each point
            for (int p = 0; p < grid.size(); p++) {
                double e = d.energyDensity[p];
                double vx = d.vx[p];
                double vy = d.vy[p];
                double vz = d.vz[p];
                double v2 = vx * vx + vy * vy + vz * vz;
                if (!(e > 0) || !(v2 < 1)) {
                    int[] ijk = grid.ijk(p);
                    int i = ijk[0];
                    int j = ijk[1];
                    int k = ijk[2];
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "initial = %s gives eps = %.6g, |v| = %.6g at grid index (%d, %d, %d); must have eps > 0 and |v| < 1 (lower the amplitude)",
                            initial.describe(), e, Math.sqrt(v2), i, j, k));
                }
                if (bulk && !Double.isFinite(d.bulk[p])) {
                    throw nonFiniteInitial("Pi (bulk pressure)", d.bulk[p], p);
                }
                if (shear) {
                    for (int c = 0; c < SHEAR_NAMES.length; c++) {
                        if (!Double.isFinite(d.shear[c][p])) {
                            throw nonFiniteInitial(SHEAR_NAMES[c], d.shear[c][p], p);
                        }
                    }
                }
                double bulkPressure = bulk ? d.bulk[p] : 0.0;
                double pressure = eos.pressure(e) + bulkPressure;
                if (!(e + pressure > 0)) {
                    throw new IllegalArgumentException("initial bulk pressure Pi = " + bulkPressure + " gives eps + P + Pi <= 0; must be > -(eps + P)");
                }
                double xx = shear ? d.shear[0][p] : 0;
                double yy = shear ? d.shear[1][p] : 0;
                double xy = shear ? d.shear[2][p] : 0;
                double xz = shear ? d.shear[3][p] : 0;
                double yz = shear ? d.shear[4][p] : 0;
                StressTensor.dependent(vx, vy, vz, xx, yy, xy, xz, yz, dependent);
                double p0x = dependent[1];
                double p0y = dependent[2];
                double p0z = dependent[3];
                double p00 = dependent[4];
                double gamma2 = 1 / (1 - v2);
                double w = (e + pressure) * gamma2;
                t00[p] = w - pressure + p00;
                t0x[p] = w * vx + p0x;
                t0y[p] = w * vy + p0y;
                t0z[p] = w * vz + p0z;
                s.get(Field.BULK)[p] = bulkPressure;
                s.get(Field.PI_XX)[p] = xx;
                s.get(Field.PI_YY)[p] = yy;
                s.get(Field.PI_XY)[p] = xy;
                s.get(Field.PI_XZ)[p] = xz;
                s.get(Field.PI_YZ)[p] = yz;
            }
            return s;
        }

        private static final String[] SHEAR_NAMES = {"pi^xx", "pi^yy", "pi^xy", "pi^xz", "pi^yz"};

        private IllegalArgumentException nonFiniteInitial(String name, double value, int p) {
            int[] ijk = grid.ijk(p);
            return new IllegalArgumentException(String.format(Locale.ROOT,
                    "initial = %s gives %s = %s at grid index (%d, %d, %d); must be finite", initial.describe(), name, value,
                    ijk[0], ijk[1], ijk[2]));
        }

        /**
         * Checks c_s² (the EOS's constant one, else c_s²(ε = 1): in (0, 1], so NaN is refused), the kinetic τ_Π
         * condition and causality (3.4); {@code changed} names the setter.
         */
        private static void checkPhysics(Eos e, Transport t, String changed) {
            double cs2 = e.constantSoundSpeedSquared();
            String cs2Name = "c_s^2";
            if (Double.isNaN(cs2)) {
                cs2 = e.soundSpeedSquared(1.0);
                cs2Name = "c_s^2(1)";
            }
            if (!(cs2 > 0 && cs2 <= 1)) {
                throw new IllegalArgumentException(changed + ": " + cs2Name + " = " + cs2 + "; must be in (0, 1]");
            }
            if (t.hasBulk() && t.bulkRelaxation() == Transport.BulkRelaxation.KINETIC && cs2 >= 1.0 / 3.0 - 1e-12) {
                throw new IllegalArgumentException(changed + ": zetaOverS = " + t.zetaOverS()
                        + " with the kinetic tau_Pi (3.3a) must have c_s^2 < 1/3, but the EOS has c_s^2 = " + cs2
                        + "; use Transport.bulkRelaxationRatio(bBulk) (3.3b) or an EOS with c_s^2 < 1/3");
            }
            double front = t.frontSpeedSquared(cs2);
            if (front > 1.0 + 1e-12) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: front speed squared v_inf^2 = c_s^2 + 4/(3 b_pi) + zeta/((eps+P) tau_Pi) = %.6g; must be <= 1 (causality, physics.md eq. 3.4; with c_s^2 = %.6g and b_pi = %.6g)",
                        changed, front, cs2, t.bPi()));
            }
        }
    }
}
