package dev.isspectral.profile;

import dev.isspectral.measure.MachineLoad;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.SimulationException;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;

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

    private Profiler(Simulation simulation, int warmup, int steps, boolean redundancy, long largeThreshold) {
        this.simulation = simulation;
        this.warmup = warmup;
        this.steps = steps;
        this.redundancy = redundancy;
        this.largeThreshold = largeThreshold;
    }

    /** A profiler of {@code simulation}: 2 warm-up steps, then the grid's NT steps. */
    public static Profiler of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new Profiler(simulation, 2, simulation.grid().steps(), true, LargeAllocationRecorder.DEFAULT_THRESHOLD);
    }

    /** Steps run before measuring; {@code >= 0}. */
    public Profiler warmup(int warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup = " + warmupSteps + "; must be >= 0");
        }
        return new Profiler(simulation, warmupSteps, steps, redundancy, largeThreshold);
    }

    /** Steps measured; {@code >= 1}. */
    public Profiler steps(int measuredSteps) {
        if (measuredSteps < 1) {
            throw new IllegalArgumentException("steps = " + measuredSteps + "; must be >= 1");
        }
        return new Profiler(simulation, warmup, measuredSteps, redundancy, largeThreshold);
    }

    /** Whether to count redundant forward transforms (hashes each forward input); on by default. */
    public Profiler redundancy(boolean detect) {
        return new Profiler(simulation, warmup, steps, detect, largeThreshold);
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
        return new Profiler(simulation, warmup, steps, redundancy, thresholdBytes);
    }

    /** Runs warm-up and measured steps on a fresh solver and returns what was measured. */
    public Profile run() {
        LargeAllocationRecorder large = largeThreshold > 0
                ? LargeAllocationRecorder.start(largeThreshold, LargeAllocationRecorder.DEFAULT_FRAMES) : null;
        try {
            AllocationCounter counter = large == null ? AllocationCounter.jvm()
                    : AllocationCounter.jvmExcluding(large.threadIds());
            SpanRecorder spans = new SpanRecorder(System::nanoTime, counter, HeapPeak.jvm());
            FftRecorder ffts = new FftRecorder(spans, System::nanoTime, redundancy);
            ProfileContext context = ProfileContext.of(simulation, warmup, steps);
            Solver solver = simulation.start(new Instrumentation(spans, ffts.decorator()));
            solver.advance(warmup);
            // the solver's accounting before any observation (max |v| below adds observed primitives)
            List<Solver.MemoryUse> memory = solver.memory();
            // the first observation allocates the observed primitives (a field's worth of arrays): made here, the
            // large-allocation table and the steps' bytes show what the steps allocate, not a one-off of max |v|
            Observables.maxSpeed(solver);
            spans.reset();
            ffts.reset();
            MachineLoad.Sample loadStart = MachineLoad.sample();
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
            context = context.withLoad(MachineLoad.between(loadStart, MachineLoad.sample()));
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
}
