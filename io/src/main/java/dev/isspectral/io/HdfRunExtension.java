package dev.isspectral.io;

import dev.isspectral.cli.RunExtension;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Until;
import dev.isspectral.sim.StepStatistics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's HDF5 options, provided to {@code is-spectral run} through the solver's
 * {@link RunExtension} service: {@code --snapshots DIR} (every {@code --every N} steps, with the
 * primitives), {@code --checkpoint FILE} with {@code --checkpoint-every N} (default: at the end only)
 * and {@code --restart FILE} (continue a run to the grid's NT steps from a checkpoint written by the
 * same case, grid and physics).
 */
public final class HdfRunExtension implements RunExtension {

    static final String SNAPSHOTS = "--snapshots";
    static final String CHECKPOINT = "--checkpoint";
    static final String CHECKPOINT_EVERY = "--checkpoint-every";
    static final String RESTART = "--restart";

    @Override
    public List<Option> options() {
        return List.of(
                new Option(SNAPSHOTS, "DIR", "HDF5 snapshot (fields and primitives) every --every N steps, and DIR/snapshots.xdmf for ParaView"),
                new Option(CHECKPOINT, "FILE", "HDF5 checkpoint to FILE at the end (and every --checkpoint-every N steps)"),
                new Option(CHECKPOINT_EVERY, "N", "checkpoint interval in steps (needs --checkpoint)"),
                new Option(RESTART, "FILE", "continue from checkpoint FILE (same case, grid and physics) to the grid's NT steps"));
    }

    @Override
    public Hook open(Map<String, String> values, int every, PrintStream out) {
        SnapshotWriter snapshots = values.containsKey(SNAPSHOTS)
                ? SnapshotWriter.to(path(SNAPSHOTS, values.get(SNAPSHOTS))).every(every).withPrimitives() : null;
        Path checkpoint = values.containsKey(CHECKPOINT) ? path(CHECKPOINT, values.get(CHECKPOINT)) : null;
        int checkpointEvery = 0;
        if (values.containsKey(CHECKPOINT_EVERY)) {
            if (checkpoint == null) {
                throw new IllegalArgumentException(CHECKPOINT_EVERY + " = " + values.get(CHECKPOINT_EVERY) + " needs " + CHECKPOINT + " FILE");
            }
            checkpointEvery = positive(CHECKPOINT_EVERY, values.get(CHECKPOINT_EVERY));
        }
        Path restart = values.containsKey(RESTART) ? path(RESTART, values.get(RESTART)) : null;
        return new RunHook(snapshots, every, checkpoint, checkpointEvery, restart, out);
    }

    private static Path path(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " = \"\"; must be a path");
        }
        return Path.of(value);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " = \"" + value + "\"; must be a whole number >= 1");
    }

    private record RunHook(SnapshotWriter snapshots, int every, Path checkpoint, int checkpointEvery, Path restart, PrintStream out)
            implements Hook {

        @Override
        public boolean startsTheSolver() {
            return restart != null;
        }

        @Override
        public Solver start(Simulation sim) {
            Checkpoint.Resumed resumed;
            try {
                resumed = Checkpoint.resumed(sim, restart);     // read straight into the new solver's arrays
            } catch (HdfFileException e) {
                throw new IllegalArgumentException(RESTART + ": " + e.getMessage(), e);
            }
            Checkpoint c = resumed.checkpoint();
            if (c.step() >= sim.grid().steps()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: %s is at step %d, and the grid asks for %d steps (NT); give a larger NT with --grid to continue",
                        RESTART, restart, c.step(), sim.grid().steps()));
            }
            out.printf(Locale.ROOT, "restarted from %s at step %d, t = %.6g%n", restart, c.step(), c.time());
            c.notes().forEach(n -> out.println("note: " + n));
            return resumed.solver();
        }

        @Override
        public void runStarted(Solver solver, Until until) {
            if (snapshots != null) {
                snapshots.runStarted(solver, until);
            }
        }

        @Override
        public void afterStep(Solver solver, StepStatistics statistics) {
            if (snapshots != null) {
                snapshots.afterStep(solver, statistics);
            }
            if (checkpoint != null && checkpointEvery > 0 && solver.stepCount() % checkpointEvery == 0) {
                Checkpoint.save(solver, checkpoint);
            }
        }

        @Override
        public void finished(Solver solver) {
            if (snapshots != null && solver.stepCount() % every != 0) {
                snapshots.write(solver);                  // the last state too, when the interval does not land on it
            }
            if (checkpoint != null) {
                if (checkpointEvery == 0 || solver.stepCount() % checkpointEvery != 0) {
                    Checkpoint.save(solver, checkpoint);
                }
                out.printf(Locale.ROOT, "checkpoint: %s (step %d)%n", checkpoint.toAbsolutePath(), solver.stepCount());
            }
            if (snapshots != null) {
                out.printf(Locale.ROOT, "snapshots: %s (open %s in ParaView)%n", snapshots.folder().toAbsolutePath(),
                        snapshots.folder().resolve(SnapshotWriter.SIDECAR));
            }
        }
    }
}
