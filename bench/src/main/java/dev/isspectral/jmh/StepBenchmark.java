package dev.isspectral.jmh;

import dev.isspectral.bench.Workload;
import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Solver;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One optimized step of the {@code bench targets} workload (sound wave plus noise, IMEX ARS(2,2,2)) at 64×32×32 on
 * each backend: the same quantity {@link SideBySide} measures with the project's method. Average time per step, ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StepBenchmark {

    /** The grid (NX×NY×NZ). */
    public static final String GRID = "64x32x32";

    /** "jtransforms" or "fftw". */
    @Param({"jtransforms", "fftw"})
    public String backend;

    private Solver solver;

    @Setup(Level.Trial)
    public void start() {
        solver = Workload.simulation(Grid.parse("1x" + GRID), backend).start(Instrumentation.NONE);
        if (!solver.fftEngine().backend().equals(backend)) {
            throw new IllegalStateException("backend " + backend + " could not be loaded");
        }
    }

    /** One step (the state advances; the step's cost does not depend on it for this smooth workload). */
    @Benchmark
    public double step() {
        solver.step();
        return solver.time();
    }
}
