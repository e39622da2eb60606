package dev.isspectral.cli;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepObserver;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Options that a module on the class path adds to {@code is-spectral run}, found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.isspectral.cli.RunExtension}). The solver
 * never depends on such a module: the HDF5 module (is-spectral-io) adds {@code --snapshots DIR},
 * {@code --checkpoint FILE}, {@code --checkpoint-every N} and {@code --restart FILE} this way, and its jar's
 * main class is this command line, so {@code java -jar io/target/is-spectral-io.jar run …} has them.
 */
public interface RunExtension {

    /** An option that takes one value: its name ({@code "--snapshots"}), the value's name ({@code "DIR"}) and a help line. */
    record Option(String name, String value, String help) {
    }

    /** The options this extension takes. */
    List<Option> options();

    /**
     * What the run does for this extension's options, or {@code null} when the command line gave none of
     * them. {@code values} maps each of its options that was given to its value; {@code every} is the run's
     * {@code --every}. A bad value throws {@link IllegalArgumentException} naming the option and value.
     */
    Hook open(Map<String, String> values, int every, PrintStream out);

    /** A run's use of an extension: maybe where it starts, then an observer of every step, then the end. */
    interface Hook extends StepObserver {

        /** Whether this hook decides the starting solver (a restart); at most one hook of a run may. */
        default boolean startsTheSolver() {
            return false;
        }

        /** The solver the run starts from, when {@link #startsTheSolver()}; a restored one, say. */
        default Solver start(Simulation sim) {
            return sim.start();
        }

        /** After the last step. */
        default void finished(Solver solver) {
        }
    }
}
