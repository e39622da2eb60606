package dev.isspectral.plot;

import dev.isspectral.ensemble.EnsemblePlan;
import dev.isspectral.ensemble.Measurements;
import dev.isspectral.ensemble.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Charts of ensemble results ({@link dev.isspectral.ensemble.Ensemble#run()} tables). */
public final class EnsemblePlots {

    private EnsemblePlots() {
    }

    /**
     * A fitted quantity ({@value Measurements#OMEGA} or {@value Measurements#GAMMA}) against
     * {@value Measurements#K}, one series of markers per value of {@code seriesColumn} (say
     * {@code eta_over_s}), each over a line of the exact value {@code exact}(series value, k) on a fine
     * grid of k, in the same colour. Rows whose status is not ok are left out. The legend names a parameter
     * column by its symbol ({@link #symbol}: "η/s = 0.04: exact", "η/s = 0.04: simulated"). Numbers are
     * read whatever their column type (a table read back from CSV may hold k as integers).
     *
     * @throws IllegalArgumentException if {@code results} lack {@code k} or {@code status}, if {@code quantity}
     *         is not a numeric column, if {@code seriesColumn} is not a numeric parameter column
     *         ({@link Parameter#columns()}: not {@code grid}, whose values are text), or if {@code exact} is null
     */
    public static XYChart dispersion(String title, Table results, String quantity, String seriesColumn, DoubleBinaryOperator exact) {
        if (results == null) {
            throw new IllegalArgumentException("results = null; must be an ensemble table (Ensemble.run())");
        }
        for (String c : List.of(Measurements.K, EnsemblePlan.STATUS)) {
            if (!results.containsColumn(c)) {
                throw new IllegalArgumentException("results lack column \"" + c + "\"; must be an ensemble table measured with soundMode() or shearMode()");
            }
        }
        if (!(results.column(Measurements.K) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("results column \"" + Measurements.K + "\" is " + results.column(Measurements.K).type()
                    + "; must be numeric (an ensemble table measured with soundMode() or shearMode())");
        }
        if (!(results.column(EnsemblePlan.STATUS) instanceof StringColumn)) {
            throw new IllegalArgumentException("results column \"" + EnsemblePlan.STATUS + "\" is " + results.column(EnsemblePlan.STATUS).type()
                    + "; must be text (an ensemble table)");
        }
        if (quantity == null) {
            throw new IllegalArgumentException("quantity = null; must be a numeric column such as omega or gamma");
        }
        if (!results.containsColumn(quantity)) {
            throw new IllegalArgumentException("results lack column \"" + quantity + "\"; must be an ensemble table measured with soundMode() or shearMode()");
        }
        if (!(results.column(quantity) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("quantity = \"" + quantity + "\"; must be a numeric column such as omega or gamma");
        }
        List<String> numericParameters = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            for (String c : p.columns()) {
                if (results.containsColumn(c)) {
                    parameters.add(c);
                    if (results.column(c) instanceof NumericColumn<?>) {
                        numericParameters.add(c);
                    }
                }
            }
        }
        if (seriesColumn != null && !results.containsColumn(seriesColumn)) {
            throw new IllegalArgumentException("seriesColumn = \"" + seriesColumn + "\"; not a column; parameter columns are " + parameters);
        }
        if (!numericParameters.contains(seriesColumn)) {
            throw new IllegalArgumentException("seriesColumn = " + (seriesColumn == null ? "null" : "\"" + seriesColumn + "\"")
                    + "; must be a numeric parameter column of the results: " + String.join(", ", numericParameters));
        }
        if (exact == null) {
            throw new IllegalArgumentException("exact = null; must be the exact value as a function of (series value, k)");
        }
        StringColumn status = results.stringColumn(EnsemblePlan.STATUS);
        NumericColumn<?> kColumn = results.numberColumn(Measurements.K);
        NumericColumn<?> seriesValues = results.numberColumn(seriesColumn);
        NumericColumn<?> measured = results.numberColumn(quantity);
        String symbol = quantity.equals(Measurements.OMEGA) ? "Ω" : quantity.equals(Measurements.GAMMA) ? "Γ" : quantity;
        XYChart chart = new XYChartBuilder().width(760).height(440).title(title).xAxisTitle("k (1 / code length)")
                .yAxisTitle(symbol + " (1 / code time)").build();
        TreeSet<Double> series = new TreeSet<>();
        double kMin = Double.POSITIVE_INFINITY;
        double kMax = 0;
        for (int r = 0; r < results.rowCount(); r++) {
            if (status.get(r).equals("ok")) {
                series.add(seriesValues.getDouble(r));
                kMin = Math.min(kMin, kColumn.getDouble(r));
                kMax = Math.max(kMax, kColumn.getDouble(r));
            }
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("results have no row with status ok; nothing to draw");
        }
        double from = Math.max(0, kMin - 0.5 * Math.max(kMax - kMin, 1) / 4);
        double to = kMax + Math.max(kMax - kMin, 1) / 8;
        int n = 120;
        java.awt.Color[] palette = chart.getStyler().getSeriesColors();
        int index = 0;
        for (double value : series) {
            java.awt.Color colour = palette[index++ % palette.length];
            String label = String.format(Locale.ROOT, "%s = %s:", symbol(seriesColumn), ChartStyle.label(value));
            double[] k = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                k[i] = from + (to - from) * i / (n - 1);
                y[i] = exact.applyAsDouble(value, k[i]);
            }
            XYSeries line = chart.addSeries(label + " exact", k, y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(colour);
            List<Double> ks = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int r = 0; r < results.rowCount(); r++) {
                if (status.get(r).equals("ok") && seriesValues.getDouble(r) == value) {
                    ks.add(kColumn.getDouble(r));
                    ys.add(measured.getDouble(r));
                }
            }
            XYSeries dots = chart.addSeries(label + " simulated", ks, ys);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarkerColor(colour);   // one colour per series value: the exact line and its markers
        }
        return ChartStyle.paper(chart);
    }

    /**
     * How a legend writes an ensemble's parameter column: {@code eta_over_s} → η/s, {@code zeta_over_s} → ζ/s,
     * {@code cs2} → c_s², {@code b_pi} → b_π, {@code amplitude} → A; any other column as it is named.
     */
    public static String symbol(String column) {
        return switch (column) {
            case "eta_over_s" -> "η/s";
            case "zeta_over_s" -> "ζ/s";
            case "cs2" -> "c_s²";
            case "b_pi" -> "b_π";
            case "amplitude" -> "A";
            default -> column;
        };
    }
}
