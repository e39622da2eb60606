package dev.isspectral.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The result of {@link Simulation#run}: the solver in its final state and the recorded history.
 *
 * <p>History columns ({@link #history()}): {@value #STEP} (0 = initial state), {@value #TIME},
 * {@value #DT} (0 for the initial row), {@value #TOTAL_ENERGY} ∫T^00 dV, {@value #MOMENTUM_X},
 * {@value #MOMENTUM_Y}, {@value #MOMENTUM_Z} ∫T^0i dV, {@value #MAX_SPEED} max|v|,
 * {@value #MIN_ENERGY_DENSITY}, {@value #MAX_ENERGY_DENSITY} min/max ε,
 * {@value #RECOVERY_ITERATIONS_MEAN}, {@value #RECOVERY_ITERATIONS_MAX} primitive-recovery
 * iterations per point in the step, {@value #WALL_MS} wall time of the step; then one column per
 * extra {@link Observable}, named by it (a name that is blank, or equal to one of these columns or to another
 * extra's, ignoring case, is refused before the run's first step).
 */
public final class Run {

    public static final String STEP = "step";
    public static final String TIME = "time";
    public static final String DT = "dt";
    public static final String TOTAL_ENERGY = "total_energy";
    public static final String MOMENTUM_X = "momentum_x";
    public static final String MOMENTUM_Y = "momentum_y";
    public static final String MOMENTUM_Z = "momentum_z";
    public static final String MAX_SPEED = "max_speed";
    public static final String MIN_ENERGY_DENSITY = "min_energy_density";
    public static final String MAX_ENERGY_DENSITY = "max_energy_density";
    public static final String RECOVERY_ITERATIONS_MEAN = "recovery_iterations_mean";
    public static final String RECOVERY_ITERATIONS_MAX = "recovery_iterations_max";
    public static final String WALL_MS = "wall_ms";

    /** The history's own columns, in order; an extra observable's name must differ from each (and from the other extras'). */
    static final List<String> HISTORY_COLUMNS = List.of(STEP, TIME, DT, TOTAL_ENERGY, MOMENTUM_X, MOMENTUM_Y, MOMENTUM_Z,
            MAX_SPEED, MIN_ENERGY_DENSITY, MAX_ENERGY_DENSITY, RECOVERY_ITERATIONS_MEAN, RECOVERY_ITERATIONS_MAX, WALL_MS);

    private final Solver solver;
    private final Table history;
    private final long wallNanos;

    private Run(Solver solver, Table history, long wallNanos) {
        this.solver = solver;
        this.history = history;
        this.wallNanos = wallNanos;
    }

    /**
     * Checks that every extra observable (none null) names a column of its own: its name is not blank and differs
     * from {@link #HISTORY_COLUMNS} and from the other extras' names, ignoring case as Tablesaw compares column
     * names. Called before a run's first step, so that a clash fails at once, not when the finished run's table is
     * put together.
     */
    static void requireDistinctNames(Observable[] extra) {
        Map<String, Integer> taken = new HashMap<>();
        for (int i = 0; i < extra.length; i++) {
            String name = extra[i].name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("extra observable " + i + " name = " + quoted(name)
                        + "; must be a non-blank column name");
            }
            String key = name.toLowerCase(Locale.ROOT);
            Integer other = taken.putIfAbsent(key, i);
            if (other != null || HISTORY_COLUMNS.contains(key)) {
                throw new IllegalArgumentException("extra observable " + i + " name = " + quoted(name)
                        + "; must differ from the history columns " + HISTORY_COLUMNS + " and from the other extras"
                        + (other == null ? "" : " (extra observable " + other + " is " + quoted(extra[other].name()) + ")"));
            }
        }
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    static Run execute(Simulation sim, Solver solver, Until until, Schedule schedule, List<Observable> extra) {
        List<Observable> observables = new ArrayList<>(List.of(Observables.totalEnergy(), Observables.momentum(0),
                Observables.momentum(1), Observables.momentum(2), Observables.maxSpeed(),
                Observables.minEnergyDensity(), Observables.maxEnergyDensity()));
        observables.addAll(extra);
        IntColumn steps = IntColumn.create(STEP);
        DoubleColumn times = DoubleColumn.create(TIME);
        DoubleColumn dts = DoubleColumn.create(DT);
        List<DoubleColumn> values = new ArrayList<>();
        for (Observable o : observables) {
            values.add(DoubleColumn.create(o.name()));
        }
        DoubleColumn iterMean = DoubleColumn.create(RECOVERY_ITERATIONS_MEAN);
        DoubleColumn iterMax = DoubleColumn.create(RECOVERY_ITERATIONS_MAX);
        DoubleColumn wall = DoubleColumn.create(WALL_MS);
        long start = System.nanoTime();
        record(solver, null, observables, steps, times, dts, values, iterMean, iterMax, wall);
        long target = until.byTime() ? Long.MAX_VALUE : solver.stepCount() + until.stepCount();
        for (StepObserver o : sim.observers()) {
            o.runStarted(solver, until);
        }
        try {
            while (solver.stepCount() < target) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SimulationException("run interrupted at step " + solver.stepCount());
                }
                if (until.byTime()) {
                    double remaining = until.endTime() - solver.time();
                    if (remaining <= 1e-12 * Math.max(1, until.endTime())) {
                        break;
                    }
                    solver.step(Math.min(solver.nextTimeStep(), remaining));
                } else {
                    solver.step();
                }
                StepStatistics st = solver.lastStep();
                for (StepObserver o : sim.observers()) {
                    o.afterStep(solver, st);
                }
                boolean last = until.byTime() ? until.endTime() - solver.time() <= 1e-12 * Math.max(1, until.endTime())
                        : solver.stepCount() == target;
                if (schedule.includes(st.step()) || last) {
                    record(solver, st, observables, steps, times, dts, values, iterMean, iterMax, wall);
                }
            }
        } finally {
            for (StepObserver o : sim.observers()) {
                o.runFinished(solver);
            }
        }
        Table table = Table.create("history");
        table.addColumns(steps, times, dts);
        values.forEach(table::addColumns);
        table.addColumns(iterMean, iterMax, wall);
        return new Run(solver, table, System.nanoTime() - start);
    }

    private static void record(Solver solver, StepStatistics st, List<Observable> observables, IntColumn steps,
                               DoubleColumn times, DoubleColumn dts, List<DoubleColumn> values,
                               DoubleColumn iterMean, DoubleColumn iterMax, DoubleColumn wall) {
        steps.append((int) solver.stepCount());
        times.append(solver.time());
        dts.append(st == null ? 0.0 : st.dt());
        for (int c = 0; c < observables.size(); c++) {
            values.get(c).append(observables.get(c).measure(solver));
        }
        iterMean.append(st == null ? 0.0 : st.meanRecoveryIterations());
        iterMax.append(st == null ? 0.0 : st.maxRecoveryIterations());
        wall.append(st == null ? 0.0 : st.wallNanos() / 1e6);
    }

    /** The solver in its final state (it can be advanced further). */
    public Solver solver() {
        return solver;
    }

    /** The recorded history; columns documented on this class. */
    public Table history() {
        return history;
    }

    /** Wall time of the whole run, seconds. */
    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    @Override
    public String toString() {
        double e0 = history.doubleColumn(TOTAL_ENERGY).get(0);
        double e1 = history.doubleColumn(TOTAL_ENERGY).get(history.rowCount() - 1);
        return String.format(Locale.ROOT, "Run: %d steps of %s to t = %.6g in %.3f s; total energy %.12g -> %.12g (relative change %.2e)",
                solver.stepCount(), solver.grid().boxNotation(), solver.time(), wallSeconds(), e0, e1, (e1 - e0) / e0);
    }
}
