package dev.isspectral.io;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import java.nio.file.Path;

/** Run in a new JVM by {@link KilledWriteTest}: saves a checkpoint of a 64x64x32 box to {@code args[0]} over and over, saying "saved n" after each. */
public final class CheckpointLoop {

    private CheckpointLoop() {
    }

    public static void main(String[] args) {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized()).toBuilder().grid("1x64x64x32").build();
        Solver solver = sim.start();
        for (int n = 1; ; n++) {
            Checkpoint.save(solver, Path.of(args[0]));
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
