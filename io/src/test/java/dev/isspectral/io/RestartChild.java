package dev.isspectral.io;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.nio.file.Path;

/**
 * Run in a new JVM by {@link RestartInNewJvmTest}: {@code <preset> <checkpoint> <steps> <result>} resumes
 * the test run from the checkpoint, takes the steps and saves the result as a checkpoint.
 */
public final class RestartChild {

    private RestartChild() {
    }

    public static void main(String[] args) {
        Simulation sim = TestRuns.nonlinear(TestRuns.preset(args[0]));
        Solver solver = Checkpoint.resume(sim, Path.of(args[1]));
        solver.advance(Long.parseLong(args[2]));
        Checkpoint.save(solver, Path.of(args[3]));
        System.out.println("resumed at step " + (solver.stepCount() - Long.parseLong(args[2])) + ", saved step "
                + solver.stepCount() + " with " + sim.fftDescription());
    }
}
