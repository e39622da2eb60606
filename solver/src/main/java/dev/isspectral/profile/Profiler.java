package dev.isspectral.profile;

import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Profiles a simulation: {@code Profiler.of(sim).warmup(4).steps(32).run()}. Immutable; each
 * setter returns a new profiler. Warm-up steps run with recording on and are then discarded.
 */
public final class Profiler {

    private final Simulation simulation;
    private final int warmup;
    private final int steps;

    private Profiler(Simulation simulation, int warmup, int steps) {
        this.simulation = simulation;
        this.warmup = warmup;
        this.steps = steps;
    }

    /** A profiler of {@code simulation}: 2 warm-up steps, then the grid's NT steps. */
    public static Profiler of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new Profiler(simulation, 2, simulation.grid().steps());
    }

    /** Steps run before measuring; {@code >= 0}. */
    public Profiler warmup(int warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup = " + warmupSteps + "; must be >= 0");
        }
        return new Profiler(simulation, warmupSteps, steps);
    }

    /** Steps measured; {@code >= 1}. */
    public Profiler steps(int measuredSteps) {
        if (measuredSteps < 1) {
            throw new IllegalArgumentException("steps = " + measuredSteps + "; must be >= 1");
        }
        return new Profiler(simulation, warmup, measuredSteps);
    }

    /** Runs warm-up and measured steps on a fresh solver and returns what was measured. */
    public Profile run() {
        SpanRecorder spans = new SpanRecorder();
        FftRecorder ffts = new FftRecorder(spans);
        Solver solver = simulation.start(new Instrumentation(spans, ffts.decorator()));
        solver.advance(warmup);
        spans.reset();
        ffts.reset();
        List<StepStatistics> statistics = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            solver.step();
            statistics.add(solver.lastStep());
        }
        return new Profile(simulation.grid().toString(), (long) simulation.grid().nx() * simulation.grid().ny()
                * simulation.grid().nz(), spans.nodes(), spans.steps(), statistics, ffts.kinds(),
                ffts.redundantBySpan(), solver.memory(), solver.cacheStatistics());
    }
}
