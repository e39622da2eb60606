package dev.isspectral.plot;

import dev.isspectral.sim.Run;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * XChart figures of a {@link Run}'s recorded history ({@link Run#history()}, columns documented on
 * {@link Run}): observables against time, and the relative drift of a conserved one.
 */
public final class RunPlots {

    /** 2⁻⁵², the spacing of doubles just above 1. */
    public static final double MACHINE_EPSILON = Math.ulp(1.0);

    private RunPlots() {
    }

    /**
     * The named history columns (e.g. {@link Run#MAX_SPEED}) against simulated time, one line each.
     *
     * @throws IllegalArgumentException if {@code run} is null, no column is named, a column is not a numeric
     *         history column, or a column is named twice
     */
    public static XYChart history(Run run, String... columns) {
        Table h = history(run);
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("columns = " + (columns == null ? "null" : "[]") + "; name at least one of "
                    + h.columnNames());
        }
        List<double[]> values = new ArrayList<>();
        for (String c : columns) {
            values.add(numbers(h, c));
        }
        if (new HashSet<>(Arrays.asList(columns)).size() < columns.length) {
            throw new IllegalArgumentException("columns = " + Arrays.toString(columns) + "; each column at most once");
        }
        XYChart chart = new XYChartBuilder().width(760).height(420)
                .title(columns.length == 1 ? columns[0] + " against time" : "History against time")
                .xAxisTitle("t (code time units)").yAxisTitle(columns.length == 1 ? columns[0] + unit(columns[0]) : "value").build();
        double[] time = h.numberColumn(Run.TIME).asDoubleArray();
        for (int i = 0; i < columns.length; i++) {
            line(chart, columns[i], time, values.get(i));
        }
        ChartStyle.paper(chart);
        chart.getStyler().setLegendVisible(columns.length > 1);
        return chart;
    }

    /**
     * (X(t) − X(0)) / |X(0)| of one history column against time, in units of the double-precision
     * machine epsilon 2⁻⁵² ≈ 2.2·10⁻¹⁶: for a conserved quantity such as {@link Run#TOTAL_ENERGY}
     * (physics.md §7.4) the values stay of order 1–100, i.e. at round-off.
     *
     * @throws IllegalArgumentException if the column is unknown or starts at 0 (no relative change)
     */
    public static XYChart relativeChange(Run run, String column) {
        Table h = history(run);
        double[] values = numbers(h, column);
        double start = values[0];
        if (start == 0 || !Double.isFinite(start)) {
            throw new IllegalArgumentException("column \"" + column + "\" starts at " + start
                    + "; a relative change needs a finite, non-zero start (e.g. " + Run.TOTAL_ENERGY + ")");
        }
        double[] change = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            change[i] = (values[i] - start) / Math.abs(start) / MACHINE_EPSILON;
        }
        XYChart chart = new XYChartBuilder().width(760).height(420)
                .title("Relative change of " + column)
                .xAxisTitle("t (code time units)").yAxisTitle("(X(t) − X(0)) / |X(0)|  (units of 2.2E-16)").build();
        line(chart, column, h.numberColumn(Run.TIME).asDoubleArray(), change);
        ChartStyle.paper(chart);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** The unit of a default history column, as " (unit)", or "" when it has none we know. */
    private static String unit(String column) {
        return switch (column) {
            case Run.MAX_SPEED -> " (units of c)";
            case Run.WALL_MS, Run.RECOVERY_ITERATIONS_MEAN, Run.RECOVERY_ITERATIONS_MAX, Run.STEP -> "";
            case Run.TIME, Run.DT -> " (code time units)";
            default -> " (code units)";
        };
    }

    private static Table history(Run run) {
        if (run == null) {
            throw new IllegalArgumentException("run = null; must be a Run");
        }
        return run.history();
    }

    private static double[] numbers(Table h, String column) {
        if (column == null || !h.columnNames().contains(column) || !(h.column(column) instanceof tech.tablesaw.api.NumericColumn<?>)) {
            throw new IllegalArgumentException("column = " + (column == null ? "null" : "\"" + column + "\"")
                    + "; must be a numeric history column: "
                    + h.columnNames());
        }
        return h.numberColumn(column).asDoubleArray();
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(x.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
}
