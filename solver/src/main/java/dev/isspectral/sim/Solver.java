package dev.isspectral.sim;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Kinematics;
import dev.isspectral.physics.IsraelStewartRhs;
import dev.isspectral.physics.PrimitiveRecovery;
import dev.isspectral.physics.Primitives;
import dev.isspectral.physics.RecoveryException;
import dev.isspectral.physics.Transport;
import dev.isspectral.parallel.Workers;
import dev.isspectral.state.Field;
import dev.isspectral.state.State;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running simulation: the evolved state, the time, and the machinery that advances it. Made by
 * {@link Simulation#start()}; mutable and confined to one thread at a time: a call to {@link #step(double)}, {@link #advance(long)},
 * {@link #primitives()} or the field getters from a second thread while a step runs fails at once with an
 * {@link IllegalStateException} naming both threads (handing a solver from one thread to the next between
 * steps, as notebook cells do, is fine).
 *
 * <p>The discretised equations are a {@link Model}; the solver keeps the clock, the loop, the
 * time-step rule ({@link TimeStepRule}) and the checks. Each {@link #step()} takes one step of the
 * configured integrator, filters the new state if a filter is on (physics.md §6.5), and checks every
 * evolved field for NaN or infinity, stopping with a {@link NonFiniteFieldException} that names the
 * step, field and grid index.
 */
public final class Solver {

    /** Memory held by one part of the solver. */
    public record MemoryUse(String component, long bytes) {
    }

    /** Use counts of a cache or reused workspace. */
    public record CacheStatistics(String name, long hits, long misses, long bytesHeld) {
    }

    private final Simulation simulation;
    private final Grid grid;
    private final Tracer tracer;
    private final FftEngine engine;
    private final Model model;
    private final IsraelStewartRhs rhs;
    private final TimeStepRule timeStepRule;
    // built once: a method reference made in nextTimeStep() was a new 16-byte object on every step
    private final java.util.function.DoubleSupplier minRelaxationTimeSupplier = this::minRelaxationTime;
    private final State state;
    private Primitives observed;
    private final PrimitiveRecovery observedRecovery;
    private final FiniteScan finiteScan;
    private final double maxWaveNumber;
    private long stepCount;
    private double time;
    private boolean observedCurrent;
    // statistics of the last step, kept as primitives so a step allocates nothing
    private double lastDt = Double.NaN;
    private double lastMeanIterations;
    private int lastMaxIterations;
    private int lastPasses;
    private long lastWallNanos;
    private StepStatistics lastStep;
    // the thread inside step(dt), or null: a second thread fails at once instead of corrupting the workspaces
    private final java.util.concurrent.atomic.AtomicReference<Thread> stepperOwner = new java.util.concurrent.atomic.AtomicReference<>();

    Solver(Simulation simulation, State initial, Instrumentation instrumentation) {
        this.simulation = simulation;
        this.grid = simulation.grid();
        this.tracer = instrumentation.tracer();
        this.engine = instrumentation.fftDecorator().apply(simulation.createEngine());
        this.model = new Model(simulation, engine, tracer);
        this.rhs = model.rhs();
        this.timeStepRule = TimeStepRule.of(simulation);
        this.state = initial;   // owned: the simulation hands each solver a state of its own
        this.observedRecovery = new PrimitiveRecovery(grid, simulation.eos(), simulation.transport().hasShear());
        this.maxWaveNumber = grid.maxWaveNumberMagnitude();
        this.finiteScan = new FiniteScan(Workers.shared(simulation.tuning().threads()));
        checkFinite();
    }

    /** The simulation this solver runs. */
    public Simulation simulation() {
        return simulation;
    }

    public Grid grid() {
        return grid;
    }

    /** Steps taken so far. */
    public long stepCount() {
        return stepCount;
    }

    /** Simulated time. */
    public double time() {
        return time;
    }

    /** Statistics of the last step, or null before the first. */
    public StepStatistics lastStep() {
        if (stepCount == 0) {
            return null;
        }
        if (lastStep == null || lastStep.step() != stepCount) {
            lastStep = new StepStatistics(stepCount, time, lastDt, lastDt * maxWaveNumber, lastMeanIterations,
                    lastMaxIterations, lastPasses, lastWallNanos);
        }
        return lastStep;
    }

    /** The discretised equations this solver advances (operators, right-hand side, stepper). */
    public Model model() {
        return model;
    }

    /** How this solver chooses Δt. */
    public TimeStepRule timeStepRule() {
        return timeStepRule;
    }

    /** The FFT engine in use (decorated, if an instrumentation asked for it). */
    public FftEngine fftEngine() {
        return engine;
    }

    /** Forward and inverse FFTs done so far. */
    public long transforms() {
        return model.spectral().forwardTransforms() + model.spectral().inverseTransforms();
    }

    /** Takes one step of the size chosen by {@link #nextTimeStep()}; see {@link #lastStep()} for what it did. */
    public void step() {
        step(nextTimeStep());
    }

    /** Takes {@code n} steps, stopping with a {@link SimulationException} if the thread is interrupted. */
    public void advance(long n) {
        requireNotStepping("advance");
        if (n < 0) {
            throw new IllegalArgumentException("steps = " + n + "; must be >= 0");
        }
        for (long s = 0; s < n; s++) {
            checkInterrupted();
            step();
        }
    }

    /**
     * The Δt the next step will use: the user's fixed step, or the minimum of the limits of
     * physics.md §6.5 (spectral CFL; for explicit schemes also the relaxation bound at the current state).
     */
    public double nextTimeStep() {
        return timeStepRule.next(maxWaveNumber, minRelaxationTimeSupplier);
    }

    /** min over the grid of γτ_π and γτ_Π at the current state (infinity for an ideal fluid). */
    public double minRelaxationTime() {
        requireNotStepping("minRelaxationTime");
        Transport t = simulation.transport();
        if (!t.hasShear() && !t.hasBulk()) {
            return Double.POSITIVE_INFINITY;
        }
        Primitives p = primitives();
        var eos = simulation.eos();
        double min = Double.POSITIVE_INFINITY;
        for (int q = 0; q < grid.size(); q++) {
            double e = p.energyDensity[q];
            double h = e + eos.pressure(e);
            double s = eos.entropyDensity(e);
            double gamma = 1 / Kinematics.inverseLorentzFactor(p.vx[q], p.vy[q], p.vz[q]);
            if (t.hasShear()) {
                min = Math.min(min, gamma * t.shearRelaxationTime(t.shearViscosity(s), h));
            }
            if (t.hasBulk()) {
                min = Math.min(min, gamma * t.bulkRelaxationTime(t.bulkViscosity(s), eos.soundSpeedSquared(e), h));
            }
        }
        return min;
    }

    /**
     * Takes one step of size {@code dt} > 0.
     *
     * @throws IllegalStateException at once if another thread is stepping this solver (see the class comment)
     */
    public void step(double dt) {
        Thread me = Thread.currentThread();
        if (!stepperOwner.compareAndSet(null, me)) {
            throw inUse("step");
        }
        try {
            stepOwned(dt);
        } finally {
            stepperOwner.set(null);
        }
    }

    /** Fails at once when another thread is inside {@link #step(double)}; {@code what} names the call. */
    private void requireNotStepping(String what) {
        Thread owner = stepperOwner.get();
        if (owner != null && owner != Thread.currentThread()) {
            throw inUse(what);
        }
    }

    private IllegalStateException inUse(String what) {
        Thread owner = stepperOwner.get();
        return new IllegalStateException("Solver." + what + " called on thread \"" + Thread.currentThread().getName()
                + "\" while thread \"" + (owner == null ? "?" : owner.getName()) + "\" is taking step " + (stepCount + 1)
                + "; a Solver is confined to one thread at a time: step it and read it from one thread, or give each"
                + " thread its own solver (Simulation.start())");
    }

    private void stepOwned(double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt = " + dt + "; must be a finite number > 0");
        }
        long number = stepCount + 1;
        long start = System.nanoTime();
        tracer.stepStarted(number);
        rhs.resetRecoveryStatistics();
        long passesBefore = rhs.passes();
        try (Span s = tracer.open("step")) {
            try {
                model.step(state.arrays(), dt, number, tracer);
            } catch (RecoveryException e) {
                throw new SimulationException(e.getMessage(), e);
            }
            stepCount = number;
            time += dt;
            observedCurrent = false;
            try (Span c = tracer.open("check")) {
                checkFinite();
            }
        }
        tracer.stepFinished(number);
        lastDt = dt;
        lastMeanIterations = (double) rhs.recoveryIterations() / Math.max(1, rhs.recoveryPoints());
        lastMaxIterations = rhs.recoveryMaxIterations();
        lastPasses = (int) (rhs.passes() - passesBefore);
        lastWallNanos = System.nanoTime() - start;
    }

    /** A copy of evolved field {@code f}. */
    public double[] field(Field f) {
        requireNotStepping("field");
        return state.get(f).clone();
    }

    /**
     * The live state (do not modify while running; for observers that must not copy). A step may exchange a field's
     * array for another holding the new values (the optimized stepper hands over its last stage instead of copying
     * it), so read {@code state().get(f)} after each step rather than keep a field array across steps.
     */
    public State state() {
        return state;
    }

    /**
     * The primitives (ε, v, reconstructed π) of the current state, recovered on first use after each
     * step with a recovery of their own, so observing never changes the solution.
     */
    public Primitives primitives() {
        requireNotStepping("primitives");
        if (!observedCurrent) {
            if (observed == null) {
                observed = new Primitives(grid.size());   // allocated on first observation only
            }
            Primitives guess = rhs.primitives();
            System.arraycopy(guess.vx, 0, observed.vx, 0, grid.size());
            System.arraycopy(guess.vy, 0, observed.vy, 0, grid.size());
            System.arraycopy(guess.vz, 0, observed.vz, 0, grid.size());
            observedRecovery.position(stepCount, 0);
            try {
                observedRecovery.recover(state.arrays(), observed);
            } catch (RecoveryException e) {
                throw new SimulationException(e.getMessage(), e);
            }
            observedCurrent = true;
        }
        return observed;
    }

    /** A copy of the energy density ε of the current state. */
    public double[] energyDensity() {
        return primitives().energyDensity.clone();
    }

    /** A copy of velocity component v^axis (0 = x, 1 = y, 2 = z) of the current state. */
    public double[] velocity(int axis) {
        Primitives p = primitives();
        return switch (axis) {
            case 0 -> p.vx.clone();
            case 1 -> p.vy.clone();
            case 2 -> p.vz.clone();
            default -> throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        };
    }

    /**
     * The arrays besides the evolved fields that the next step reads, by name, live (callers must not
     * modify them): the velocity the next primitive recovery starts from ({@code recovery_guess_vx},
     * {@code _vy}, {@code _vz}; the iteration stops at a tolerance, so its result depends on the guess in
     * the last bits) and the stiff data K, X_NS of the last pass ({@code relaxation_rate_*},
     * {@code relaxation_target_*}), from which an implicit first stage predicts. A checkpoint saves them
     * with the fields so a restarted run continues bit for bit ({@link #restore}).
     */
    public Map<String, double[]> carriedState() {
        Map<String, double[]> carried = new LinkedHashMap<>();
        Primitives guess = rhs.primitives();
        carried.put("recovery_guess_vx", guess.vx);
        carried.put("recovery_guess_vy", guess.vy);
        carried.put("recovery_guess_vz", guess.vz);
        var relaxation = model.stepper().lastRelaxation();
        Set<double[]> rates = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Field f : Field.values()) {
            if (relaxation.relaxes(f.ordinal())) {
                if (rates.add(relaxation.rate(f.ordinal()))) {
                    carried.put("relaxation_rate_" + f.label(), relaxation.rate(f.ordinal()));
                }
                carried.put("relaxation_target_" + f.label(), relaxation.target(f.ordinal()));
            }
        }
        return Collections.unmodifiableMap(carried);
    }

    /**
     * Puts this fresh solver (no step taken yet) into a saved state: every evolved field
     * ({@code fields[f.ordinal()]}), the arrays of {@link #carriedState()} (the same names, each of the
     * grid's size), the step count (≥ 0), the time (finite, ≥ 0) and the Δt of the last step (finite and
     * &gt; 0; 0 is allowed at step 0, where a checkpoint saves it). Stepping on from there gives
     * bit for bit what the saved solver would have computed, provided the tuning and the FFT backend are
     * the same. Checks that every field is finite. The arrays may be this solver's own ({@link State#get},
     * {@link #carriedState()}) filled in place by a reader; they are then not copied.
     *
     * @throws IllegalStateException if this solver has already stepped
     * @throws IllegalArgumentException if an array is missing, extra or of the wrong length, or the step count,
     *                                  time or Δt is outside the ranges above (each named in the message)
     */
    public void restore(double[][] fields, Map<String, double[]> carried, long steps, double atTime, double lastTimeStep) {
        if (stepCount != 0 || time != 0) {
            throw new IllegalStateException("restore needs a fresh solver; this one is at step " + stepCount + ", t = " + time);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 0");
        }
        if (!(atTime >= 0) || Double.isInfinite(atTime)) {
            throw new IllegalArgumentException("time = " + atTime + "; must be a finite number >= 0");
        }
        // a checkpoint written before the first step saves Δt = 0
        if (!(lastTimeStep > 0 || (steps == 0 && lastTimeStep == 0)) || Double.isInfinite(lastTimeStep)) {
            throw new IllegalArgumentException("lastTimeStep = " + lastTimeStep + "; must be a finite number > 0 (or 0 at step 0)");
        }
        if (fields == null) {
            throw new IllegalArgumentException("fields = null; must be " + Field.COUNT + " arrays, one per evolved field");
        }
        if (fields.length != Field.COUNT) {
            throw new IllegalArgumentException("fields: " + fields.length + " arrays; must be " + Field.COUNT);
        }
        Map<String, double[]> target = carriedState();
        if (carried == null) {
            throw new IllegalArgumentException("carried = null; must hold the arrays of carriedState(), " + target.keySet());
        }
        if (!target.keySet().equals(carried.keySet())) {
            throw new IllegalArgumentException("carried arrays " + carried.keySet() + "; this solver carries " + target.keySet());
        }
        for (Field f : Field.values()) {
            requireLength(f.label(), fields[f.ordinal()]);
        }
        for (Map.Entry<String, double[]> e : carried.entrySet()) {
            requireLength(e.getKey(), e.getValue());
        }
        for (Field f : Field.values()) {
            copyUnlessSame(fields[f.ordinal()], state.get(f));
        }
        for (Map.Entry<String, double[]> e : carried.entrySet()) {
            copyUnlessSame(e.getValue(), target.get(e.getKey()));
        }
        stepCount = steps;
        time = atTime;
        lastDt = lastTimeStep;
        lastStep = null;
        observedCurrent = false;
        checkFinite();
    }

    /** A reader that filled this solver's own arrays ({@link State#get}, {@link #carriedState()}) passes them: no copy. */
    private void copyUnlessSame(double[] from, double[] to) {
        if (from != to) {
            System.arraycopy(from, 0, to, 0, grid.size());
        }
    }

    private void requireLength(String name, double[] a) {
        if (a == null || a.length != grid.size()) {
            throw new IllegalArgumentException(name + ": " + (a == null ? "missing" : a.length + " values")
                    + "; must have " + grid.size() + " (the grid " + grid.boxNotation() + ")");
        }
    }

    /** Memory the solver holds, by component. */
    public List<MemoryUse> memory() {
        List<MemoryUse> list = new ArrayList<>();
        list.add(new MemoryUse("state", state.bytesHeld()));
        list.add(new MemoryUse("integrator stages", model.stepper().bytesHeld()));
        list.add(new MemoryUse("rhs workspaces", rhs.bytesHeld()));
        list.add(new MemoryUse("spectral workspaces", model.spectral().bytesHeld()));
        list.add(new MemoryUse("observed primitives", observed == null ? 0 : observed.bytesHeld()));
        return List.copyOf(list);
    }

    /** Total bytes the solver holds. */
    public long bytesHeld() {
        long sum = 0;
        for (MemoryUse m : memory()) {
            sum += m.bytes();
        }
        return sum;
    }

    /**
     * Reuse statistics of the solver's caches and workspaces: the spectral workspaces are
     * allocated once, so every transform after the first is a hit.
     */
    public List<CacheStatistics> cacheStatistics() {
        long transforms = transforms();
        return List.of(new CacheStatistics("spectral workspaces", Math.max(0, transforms - 1),
                Math.min(1, transforms), model.spectral().bytesHeld()));
    }

    /**
     * Stops with the first non-finite value of the state (in field order, then grid index): the team reads the arrays
     * once ({@link FiniteScan}); only if that finds one does a serial scan locate it, so the report is the same
     * whatever the team.
     */
    private void checkFinite() {
        double[][] u = state.arrays();
        if (finiteScan.allFinite(u)) {
            return;
        }
        for (int f = 0; f < Field.COUNT; f++) {
            double[] a = u[f];
            for (int p = 0; p < a.length; p++) {
                if (!Double.isFinite(a[p])) {
                    int[] ijk = grid.ijk(p);
                    throw new NonFiniteFieldException(stepCount, time, Field.values()[f], ijk[0], ijk[1], ijk[2], a[p]);
                }
            }
        }
    }

    /** Whether every value of a state is finite, read by a team in contiguous chunks of points; allocates nothing. */
    private static final class FiniteScan implements Workers.Chunk {
        private final Workers team;
        private final boolean[] found;
        private double[][] u;

        FiniteScan(Workers team) {
            this.team = team;
            this.found = new boolean[team.size()];
        }

        boolean allFinite(double[][] u) {
            java.util.Arrays.fill(found, false);
            this.u = u;
            try {
                team.forEachChunk(u[0].length, Workers.STREAMING_GRAIN, this);
            } finally {
                this.u = null;
            }
            for (boolean f : found) {
                if (f) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void run(int chunk, int from, int to) {
            for (double[] a : u) {
                for (int p = from; p < to; p++) {
                    if (!(Math.abs(a[p]) <= Double.MAX_VALUE)) {   // false for NaN and ±infinity
                        found[chunk] = true;
                        return;
                    }
                }
            }
        }
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new SimulationException("run interrupted");
        }
    }

    @Override
    public String toString() {
        return "Solver[" + grid.boxNotation() + ", step " + stepCount + ", t = " + time + "]";
    }
}
