package dev.isspectral.display;

import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Run;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Notebook summaries of the simulation objects, which do not render themselves because
 * {@code sim} must not depend on {@code display}:
 * <ul>
 *   <li>a {@link Simulation}: its settings tree (grid, EOS, transport, initial data, integrator,
 *       tuning, FFT, time step, filter, memory estimate, warnings);</li>
 *   <li>a {@link Solver}: step, time, Δt, total energy, max |v|, min and max ε, memory held;</li>
 *   <li>a {@link Run}: steps, wall time, final observables and the head of the history.</li>
 * </ul>
 * Each has an HTML fragment and a plain-text form. Used by {@link SolverDisplayProvider} (and so
 * by {@link Notebook#init()} on stock kernels).
 */
public final class Summaries {

    /** History rows a run's summary shows. */
    public static final int HISTORY_HEAD_ROWS = 5;

    /** The types summarised here, for registration with a kernel's renderer. */
    static final List<Class<?>> TYPES = List.of(Simulation.class, Solver.class, Run.class);

    private Summaries() {
    }

    /**
     * @param value any object
     * @return true for a {@link Simulation}, {@link Solver} or {@link Run}
     */
    public static boolean supports(Object value) {
        return value instanceof Simulation || value instanceof Solver || value instanceof Run;
    }

    /**
     * The summary as an HTML fragment.
     *
     * @param value a supported object
     * @return the HTML
     * @throws IllegalArgumentException if {@code value} is not supported
     */
    public static String html(Object value) {
        if (value instanceof Simulation sim) {
            return simulationHtml(sim);
        }
        if (value instanceof Solver solver) {
            return rowsHtml("is-spectral-solver", solverTitle(solver), solverRows(solver));
        }
        if (value instanceof Run run) {
            return runHtml(run);
        }
        throw unsupported(value);
    }

    /**
     * The summary as plain text.
     *
     * @param value a supported object
     * @return the text
     * @throws IllegalArgumentException if {@code value} is not supported
     */
    public static String text(Object value) {
        if (value instanceof Simulation sim) {
            return sim.toString();
        }
        if (value instanceof Solver solver) {
            return rowsText(solverTitle(solver), solverRows(solver));
        }
        if (value instanceof Run run) {
            Table history = run.history();
            return rowsText(run.toString(), runRows(run)) + "\n" + historyCaption(history) + "\n"
                    + TableRendering.standard().text(history.first(HISTORY_HEAD_ROWS));
        }
        throw unsupported(value);
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("value of type " + (value == null ? "null" : value.getClass().getName())
                + " has no summary; supported: Simulation, Solver, Run");
    }

    /** One row of a summary: a setting or quantity and its value. */
    private record Row(String name, String value) {
    }

    // ---- Simulation -----------------------------------------------------------------------------

    private static List<Row> simulationRows(Simulation sim) {
        Grid g = sim.grid();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("grid", String.format(Locale.ROOT, "%s (%d steps of a %s box, L = %.4g x %.4g x %.4g)",
                g.notation(), g.steps(), g.boxNotation(), g.lx(), g.ly(), g.lz())));
        rows.add(new Row("EOS", sim.eos().describe()));
        rows.add(new Row("transport", sim.transport().describe()));
        rows.add(new Row("initial", sim.initial().describe()));
        rows.add(new Row("integrator", String.valueOf(sim.integrator())));
        rows.add(new Row("tuning", sim.tuning().describe()));
        rows.add(new Row("FFT", sim.fftDescription()));
        rows.add(new Row("time step", Double.isNaN(sim.fixedTimeStep())
                ? String.format(Locale.ROOT, "CFL %.3g -> dt = %.4g%s", sim.courant(), sim.cflTimeStep(),
                        sim.integrator().imex() ? "" : " (and relaxation bound)")
                : String.format(Locale.ROOT, "fixed dt = %.4g", sim.fixedTimeStep())));
        List<String> filters = new ArrayList<>();
        if (sim.dealias()) {
            filters.add("2/3 rule");
        }
        if (sim.exponentialFilter()) {
            filters.add(String.format(Locale.ROOT, "exponential (alpha = %.3g, p = %.3g)", sim.filterStrength(), sim.filterOrder()));
        }
        rows.add(new Row("filter", filters.isEmpty() ? "none" : String.join(", ", filters)));
        rows.add(new Row("memory", sim.memorySummary()));
        for (String warning : sim.warnings()) {
            rows.add(new Row("warning", warning));
        }
        return rows;
    }

    private static String simulationHtml(Simulation sim) {
        return rowsHtml("is-spectral-simulation", "Simulation " + sim.grid().notation(), simulationRows(sim));
    }

    // ---- Solver ---------------------------------------------------------------------------------

    private static String solverTitle(Solver solver) {
        return String.format(Locale.ROOT, "Solver on %s (%s): step %d, t = %.6g", solver.grid().boxNotation(),
                solver.simulation().grid().notation(), solver.stepCount(), solver.time());
    }

    private static List<Row> solverRows(Solver solver) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("step", Long.toString(solver.stepCount())));
        rows.add(new Row("time", Quantities.precise(solver.time())));
        StepStatistics last = solver.lastStep();
        rows.add(new Row("dt", last == null
                ? Quantities.precise(solver.nextTimeStep()) + " (next step; none taken yet)"
                : String.format(Locale.ROOT, "%s (last step, CFL number %.3g)", Quantities.precise(last.dt()), last.cfl())));
        rows.add(new Row("total energy", Quantities.precise(Observables.totalEnergy().measure(solver))));
        try {
            rows.add(new Row("max |v|", Quantities.precise(Observables.maxSpeed().measure(solver))));
            rows.add(new Row("min eps", Quantities.precise(Observables.minEnergyDensity().measure(solver))));
            rows.add(new Row("max eps", Quantities.precise(Observables.maxEnergyDensity().measure(solver))));
        } catch (RuntimeException e) {
            // a state the primitive recovery cannot invert is worth showing, not a reason to fail the display
            rows.add(new Row("primitives", "unavailable: " + e.getMessage()));
        }
        rows.add(new Row("memory held", String.format(Locale.ROOT, "%.2f MiB", solver.bytesHeld() / 1048576.0)));
        return rows;
    }

    // ---- Run ------------------------------------------------------------------------------------

    private static List<Row> runRows(Run run) {
        Table history = run.history();
        int last = history.rowCount() - 1;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("steps", Long.toString(run.solver().stepCount())));
        rows.add(new Row("wall time", String.format(Locale.ROOT, "%.3f s", run.wallSeconds())));
        rows.add(new Row("final time", Quantities.precise(run.solver().time())));
        double e0 = history.doubleColumn(Run.TOTAL_ENERGY).get(0);
        double e1 = history.doubleColumn(Run.TOTAL_ENERGY).get(last);
        rows.add(new Row("total energy", String.format(Locale.ROOT, "%s (relative change %.2e)", Quantities.precise(e1), (e1 - e0) / e0)));
        for (String column : List.of(Run.MAX_SPEED, Run.MIN_ENERGY_DENSITY, Run.MAX_ENERGY_DENSITY)) {
            rows.add(new Row(column, Quantities.precise(history.doubleColumn(column).get(last))));
        }
        return rows;
    }

    private static String historyCaption(Table history) {
        return "history: first " + Math.min(HISTORY_HEAD_ROWS, history.rowCount()) + " of " + history.rowCount()
                + " rows (run.history() has them all)";
    }

    private static String runHtml(Run run) {
        Table history = run.history();
        String rows = rowsHtml("is-spectral-run", run.toString(), runRows(run));
        return rows.substring(0, rows.length() - "</div>".length())
                + "<p>" + Html.escape(historyCaption(history)) + "</p>\n"
                + TableRendering.standard().html(history.first(HISTORY_HEAD_ROWS)) + "\n</div>";
    }

    // ---- shared ---------------------------------------------------------------------------------

    private static String rowsHtml(String cssClass, String title, List<Row> rows) {
        StringBuilder html = new StringBuilder(256 + 96 * rows.size());
        html.append("<div class=\"").append(cssClass).append("\">\n<p><b>").append(Html.escape(title)).append("</b></p>\n")
                .append("<table>\n<tbody>\n");
        for (Row row : rows) {
            html.append("<tr><th style=\"text-align:left\">").append(Html.escape(row.name()))
                    .append("</th><td style=\"text-align:left\">").append(Html.escape(CellFormat.shortenPaths(row.value()))).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n</div>").toString();
    }

    private static String rowsText(String title, List<Row> rows) {
        int width = 0;
        for (Row row : rows) {
            width = Math.max(width, row.name().length());
        }
        StringBuilder text = new StringBuilder(title);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            text.append('\n').append(i == rows.size() - 1 ? "└── " : "├── ").append(row.name()).append(':')
                    .append(" ".repeat(width - row.name().length() + 2)).append(row.value());
        }
        return text.toString();
    }
}
