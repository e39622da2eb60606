package dev.isspectral.profile;

import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measure;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.SimulationException;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Profiles a simulation: {@code Profiler.of(sim).warmup(4).steps(32).run()}. Immutable; each
 * setter returns a new profiler. Warm-up steps run with recording on and are then discarded.
 *
 * <p>What is recorded (each can be switched off where it costs): spans and FFTs always; redundant
 * transforms ({@link #redundancy(boolean)}, on by default: one pass over each forward input); large
 * allocations through Java Flight Recorder ({@link #largeAllocations(long)}, 1 MiB by default;
 * {@code largeAllocations(0)} turns it off: the stream adds about a second to a profile to flush).
 * After each measured step, outside its time and allocation windows, max |v| of the state is
 * measured (a primitive recovery of the profiler's own).
 */
public final class Profiler {

    private final Simulation simulation;
    private final int warmup;
    private final int steps;
    private final boolean redundancy;
    private final long largeThreshold;
    /** Null: the fixed warm-up alone; else, after it, warm up until steady or this long. */
    private final Duration steadyLimit;

    private Profiler(Simulation simulation, int warmup, int steps, boolean redundancy, long largeThreshold,
                     Duration steadyLimit) {
        this.simulation = simulation;
        this.warmup = warmup;
        this.steps = steps;
        this.redundancy = redundancy;
        this.largeThreshold = largeThreshold;
        this.steadyLimit = steadyLimit;
    }

    /**
     * A profiler of {@code simulation}: 2 warm-up steps, then the grid's NT steps. A grid without NT
     * ({@code "32x16x16"}) needs {@link #steps(int)} before {@link #run()}.
     */
    public static Profiler of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new Profiler(simulation, 2, simulation.grid().steps(), true, LargeAllocationRecorder.DEFAULT_THRESHOLD, null);
    }

    /** Steps run before measuring; {@code >= 0}. */
    public Profiler warmup(int warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup = " + warmupSteps + "; must be >= 0");
        }
        return new Profiler(simulation, warmupSteps, steps, redundancy, largeThreshold, steadyLimit);
    }

    /**
     * After the fixed warm-up, keeps warming up until the run is steady, or for at most {@code limit}: rounds of
     * steps (each with the observation a measured step makes) of at least {@value #STEADY_ROUND_MS} ms, until the JIT
     * compiler worked at most {@link Measure#JIT_QUIET_SHARE} of two rounds in a row and the last
     * {@value #STEADY_ROUNDS} rounds' times per step lie within {@value #STEADY_TOLERANCE_PERCENT} %. A few steps
     * warm little: the JIT compiles for seconds, and steps measured meanwhile run beside the compiler, in code it is
     * still replacing. The profile says how the warm-up ended.
     */
    public Profiler warmupUntilSteady(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit = " + limit + "; must be a positive duration");
        }
        return new Profiler(simulation, warmup, steps, redundancy, largeThreshold, limit);
    }

    /** Least length of one round of the warm-up until steady, ms. */
    public static final int STEADY_ROUND_MS = 250;
    /** Rounds whose times per step must agree for the warm-up until steady to end. */
    public static final int STEADY_ROUNDS = 3;
    /** How far those rounds' times per step may spread, percent of the least. */
    public static final int STEADY_TOLERANCE_PERCENT = 5;

    /** Steps measured; {@code >= 1}. */
    public Profiler steps(int measuredSteps) {
        if (measuredSteps < 1) {
            throw new IllegalArgumentException("steps = " + measuredSteps + "; must be >= 1");
        }
        return new Profiler(simulation, warmup, measuredSteps, redundancy, largeThreshold, steadyLimit);
    }

    /** Whether to count redundant forward transforms (hashes each forward input); on by default. */
    public Profiler redundancy(boolean detect) {
        return new Profiler(simulation, warmup, steps, detect, largeThreshold, steadyLimit);
    }

    /**
     * Records allocations of at least {@code thresholdBytes} with their sites (Flight Recorder);
     * 1 MiB by default, 0 for none.
     */
    public Profiler largeAllocations(long thresholdBytes) {
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("largeAllocations = " + thresholdBytes
                    + "; must be >= 1 byte, or 0 to record none");
        }
        return new Profiler(simulation, warmup, steps, redundancy, thresholdBytes, steadyLimit);
    }

    /**
     * Runs warm-up and measured steps on a fresh solver and returns what was measured.
     *
     * @throws IllegalArgumentException before any step, when no step count was given: the grid has no NT and
     *         {@link #steps(int)} was not called
     */
    public Profile run() {
        if (steps < 1) {   // steps(n) needs n >= 1: only the NT of a grid without one is below 1
            simulation.grid().requireSteps("call .steps(n)");
        }
        LargeAllocationRecorder large = largeThreshold > 0
                ? LargeAllocationRecorder.start(largeThreshold, LargeAllocationRecorder.DEFAULT_FRAMES) : null;
        try {
            AllocationCounter counter = large == null ? AllocationCounter.jvm()
                    : AllocationCounter.jvmExcluding(large.threadIds());
            SpanRecorder spans = new SpanRecorder(System::nanoTime, counter, HeapPeak.jvm());
            FftRecorder ffts = new FftRecorder(spans, System::nanoTime, redundancy);
            ProfileContext context = ProfileContext.of(simulation, warmup, steps);
            Solver solver = simulation.start(new Instrumentation(spans, ffts.decorator()));
            // the solver's accounting after its first step (its workspaces exist) and before any observation (max |v|
            // below adds the observed primitives)
            solver.advance(Math.min(1, warmup));
            List<Solver.MemoryUse> memory = solver.memory();
            // the first observation allocates the observed primitives (a field's worth of arrays): made here, the
            // large-allocation table and the steps' bytes show what the steps allocate, not a one-off of max |v|
            Observables.maxSpeed(solver);
            // the machine-load sample that opens the measured window loads and links its own code on first use
            // (management beans, /proc readers): a first sample here leaves the JIT's work on it to the warm-up
            MachineLoad.sample();
            // the rest of the warm-up runs what a measured step runs, observation included, so that the JIT has
            // compiled both before the measured window (steps alone left the observation's code to compile in it)
            Runnable reset = () -> {
                spans.reset();
                ffts.reset();
            };
            for (int i = 1; i < warmup; i++) {
                warmupStep(solver, i, i == 1 ? reset : null);
            }
            // how the warm-up ended is put into words after the measured window: formatting text links code on first
            // use (string concatenation, Formatter), and the JIT's work on it would spill into the window
            SteadyWarmup steady = steadyLimit == null ? null : untilSteady(solver, warmup, reset);
            reset.run();
            MachineLoad.Sample loadStart = MachineLoad.sample();
            long classesBefore = loadedClasses();
            if (large != null) {
                large.beginMeasurement();
            }
            List<StepStatistics> statistics = new ArrayList<>(steps);
            double[] maxSpeeds = new double[steps];
            for (int i = 0; i < steps; i++) {
                if (Thread.currentThread().isInterrupted()) {   // as Solver.advance does for the warm-up
                    throw new SimulationException("profile interrupted after " + i + " of " + steps + " measured steps");
                }
                solver.step();
                statistics.add(solver.lastStep());
                maxSpeeds[i] = Observables.maxSpeed(solver);
            }
            long classes = loadedClasses() - classesBefore;
            context = context.withLoad(MachineLoad.between(loadStart, MachineLoad.sample()), classes);
            if (steady != null) {
                context = context.withWarmup(warmup + steady.steps(), warmup + " + " + steady.steps() + " steps, "
                        + steady.reason(steadyLimit));
            }
            List<LargeAllocationRecorder.Site> sites = large == null ? List.of() : large.finish();
            String note = large == null ? null : large.unavailable();
            long points = (long) simulation.grid().nx() * simulation.grid().ny() * simulation.grid().nz();
            return new Profile(new Profile.Measurements(simulation.grid().toString(), points, spans.nodes(), spans.steps(),
                    statistics, maxSpeeds, ffts.kinds(), redundancy, ffts.redundantBySpan(), memory,
                    solver.cacheStatistics(), sites, largeThreshold, note, spans.stepTotals(), ffts.avoidable(),
                    TransformBudget.minimumPerStep(simulation), context));
        } finally {
            if (large != null) {
                large.close();
            }
        }
    }

    /**
     * One warm-up step as a measured step runs: the recorders reset first where {@code reset} is not null, then the
     * step, its statistics and the observation. The warm-up resets as the measured window does, once before a run of
     * steps (the fixed steps, each round of the warm-up until steady): the first step after a reset takes the path
     * that creates the span tree again, the later ones the path that adds to what earlier steps recorded (the FFT
     * recorder's table of avoidable transforms, for one, finds its keys there). Either path met first in the measured
     * window would be compiled there, and the step deoptimized for it.
     */
    private static void warmupStep(Solver solver, int done, Runnable reset) {
        if (Thread.currentThread().isInterrupted()) {   // as Solver.advance does
            throw new SimulationException("profile interrupted after " + done + " warm-up steps");
        }
        if (reset != null) {
            reset.run();
        }
        solver.step();
        solver.lastStep();
        Observables.maxSpeed(solver);
    }

    /**
     * How the warm-up until steady ended: its steps, its rounds and seconds, and whether it was steady or, stopped at
     * the limit, whether the JIT was quiet and the times flat.
     */
    private record SteadyWarmup(int steps, boolean steady, double seconds, int rounds, boolean quiet, boolean flat) {

        /** Why it stopped, in words. */
        String reason(Duration limit) {
            if (steady) {
                return String.format(java.util.Locale.ROOT, "until steady in %.1f s (%d rounds of at least %d ms; the JIT"
                        + " quiet over the last two, the last %d within %d %% per step)", seconds, rounds,
                        STEADY_ROUND_MS, STEADY_ROUNDS, STEADY_TOLERANCE_PERCENT);
            }
            String why = (quiet ? "" : "JIT still compiling") + (quiet || flat ? "" : ", ")
                    + (flat ? "" : "times per step not yet flat");
            return String.format(java.util.Locale.ROOT, "stopped at the %.0f s limit (%s)", limit.toMillis() / 1e3, why);
        }
    }

    private SteadyWarmup untilSteady(Solver solver, int done, Runnable reset) {
        long start = System.nanoTime();
        long deadline = start + steadyLimit.toNanos();
        // a round lasts at least STEADY_ROUND_MS (its steps grow as the steps get faster): the JIT books a compilation
        // when it ends, and a long one (hundreds of ms) must not fall between two short quiet rounds
        warmupStep(solver, done, reset);
        long last = Math.max(1, System.nanoTime() - start);
        int steps = 1;
        List<Double> perStep = new ArrayList<>();
        boolean quietBefore = false;
        int rounds = 0;
        while (true) {
            int perRound = (int) Math.max(1, Math.min(10_000, Math.ceil(STEADY_ROUND_MS * 1e6 / last)));
            double jit0 = MachineLoad.jitMillisNow();
            long r0 = System.nanoTime();
            for (int k = 0; k < perRound; k++) {
                warmupStep(solver, done + steps, k == 0 ? reset : null);
                steps++;
            }
            long roundNanos = System.nanoTime() - r0;
            rounds++;
            double jit = MachineLoad.jitMillisNow() - jit0;
            boolean quiet = !Double.isFinite(jit) || jit <= Measure.JIT_QUIET_SHARE * roundNanos / 1e6;
            last = Math.max(1, roundNanos / perRound);
            perStep.add((double) roundNanos / perRound);
            boolean flat = flat(perStep);
            boolean steady = quiet && quietBefore && flat;
            if (steady || System.nanoTime() + roundNanos > deadline) {
                return new SteadyWarmup(steps, steady, (System.nanoTime() - start) / 1e9, rounds, quiet, flat);
            }
            quietBefore = quiet;
        }
    }

    /** Classes the JVM has loaded since it started. */
    private static long loadedClasses() {
        return java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }

    /** Whether the last {@link #STEADY_ROUNDS} times lie within {@link #STEADY_TOLERANCE_PERCENT} % of their least. */
    static boolean flat(List<Double> perStep) {
        return Measure.flat(perStep, STEADY_ROUNDS, STEADY_TOLERANCE_PERCENT / 100.0);
    }
}
