package dev.isspectral.cli;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Until;
import dev.isspectral.sim.StepStatistics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link RunExtension}s on the class path and the hooks of one run. */
final class RunExtensions {

    /** Options of the HDF5 module, named in the error when that module is not on the class path. */
    private static final List<String> IO_OPTIONS = List.of("--snapshots", "--checkpoint", "--checkpoint-every", "--restart");

    private static final List<RunExtension> ALL = load();

    private final List<RunExtension.Hook> hooks;

    private RunExtensions(List<RunExtension.Hook> hooks) {
        this.hooks = hooks;
    }

    private static List<RunExtension> load() {
        List<RunExtension> list = new ArrayList<>();
        ServiceLoader.load(RunExtension.class, RunExtensions.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    /** Whether some extension takes {@code option}; for an option of the HDF5 module when it is absent, says how to get it. */
    static boolean takes(String option) {
        for (RunExtension e : ALL) {
            for (RunExtension.Option o : e.options()) {
                if (o.name().equals(option)) {
                    return true;
                }
            }
        }
        if (IO_OPTIONS.contains(option)) {
            throw new UsageException("option " + option + " needs the HDF5 module (is-spectral-io) on the class path; "
                    + "run java -jar io/target/is-spectral-io.jar run ... instead");
        }
        return false;
    }

    /** Help lines of the extensions' options, in the style of the usage text. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        for (RunExtension e : ALL) {
            for (RunExtension.Option o : e.options()) {
                sb.append(String.format(Locale.ROOT, "  %-22s %s%n", o.name() + " " + o.value(), o.help()));
            }
        }
        return sb.toString();
    }

    /** The hooks for the extension options given ({@code values}: option to value). */
    static RunExtensions open(Map<String, String> values, int every, PrintStream out) {
        List<RunExtension.Hook> hooks = new ArrayList<>();
        for (RunExtension e : ALL) {
            Map<String, String> mine = new LinkedHashMap<>();
            for (RunExtension.Option o : e.options()) {
                if (values.containsKey(o.name())) {
                    mine.put(o.name(), values.get(o.name()));
                }
            }
            RunExtension.Hook h = mine.isEmpty() ? null : e.open(mine, every, out);
            if (h != null) {
                hooks.add(h);
            }
        }
        return new RunExtensions(hooks);
    }

    /** The starting solver: a hook's (a restart) or a fresh one; then every hook is told the run started. */
    Solver start(Simulation sim) {
        Until until = Until.steps(Math.max(1, sim.grid().steps()));
        Solver solver = null;
        for (RunExtension.Hook h : hooks) {
            if (h.startsTheSolver()) {
                if (solver != null) {
                    throw new UsageException("two options each want to choose where the run starts; give one");
                }
                solver = h.start(sim);
            }
        }
        if (solver == null) {
            solver = sim.start();
        }
        for (RunExtension.Hook h : hooks) {
            h.runStarted(solver, until);
        }
        return solver;
    }

    void afterStep(Solver solver, StepStatistics statistics) {
        for (RunExtension.Hook h : hooks) {
            h.afterStep(solver, statistics);
        }
    }

    void finished(Solver solver) {
        for (RunExtension.Hook h : hooks) {
            h.finished(solver);
        }
    }
}
