package dev.isspectral.plot;

import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Solver;
import dev.isspectral.validate.Validation;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XChart figures of fields and validation results: a 2-D slice as a heat map, the kinetic-energy
 * spectrum, and simulated against analytic dispersion. Each returns the chart object.
 */
public final class FieldPlots {

    private static final String AXES = "xyz";

    private FieldPlots() {
    }

    /**
     * A heat map of {@code quantity} on the plane {@code axis = index} (see
     * {@link Observables#slice(Solver, String, int, int)} for the quantities): horizontal axis the
     * first remaining axis' grid index, vertical the second.
     */
    public static HeatMapChart slice(Solver solver, String quantity, int axis, int index) {
        double[][] values = Observables.slice(solver, quantity, axis, index);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(560)
                .title(quantity + " on " + AXES.charAt(axis) + " = index " + index + " (t = " + String.format(java.util.Locale.ROOT,
                        "%.4g", solver.time()) + ")")
                .xAxisTitle(AXES.charAt(a) + " index").yAxisTitle(AXES.charAt(b) + " index").build();
        List<Integer> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            x.add(i);
        }
        for (int j = 0; j < values[0].length; j++) {
            y.add(j);
        }
        List<Number[]> heat = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                heat.add(new Number[] {i, j, values[i][j]});
                min = Math.min(min, values[i][j]);
                max = Math.max(max, values[i][j]);
            }
        }
        chart.addSeries(quantity, x, y, heat);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max == min ? min + 1e-300 + Math.abs(min) * 1e-12 : max);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /**
     * The kinetic-energy spectrum E(k) ({@link Observables#kineticEnergySpectrum(Solver)}) on
     * log–log axes; shells with zero energy (and k = 0) are left out, a log axis cannot show them.
     */
    public static XYChart energySpectrum(Solver solver) {
        double[][] spectrum = Observables.kineticEnergySpectrum(solver);
        List<Double> k = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (int n = 0; n < spectrum[0].length; n++) {
            if (spectrum[0][n] > 0 && spectrum[1][n] > 0) {
                k.add(spectrum[0][n]);
                e.add(spectrum[1][n]);
            }
        }
        XYChart chart = new XYChartBuilder().width(700).height(450)
                .title(String.format(java.util.Locale.ROOT, "Kinetic-energy spectrum (t = %.4g)", solver.time()))
                .xAxisTitle("|k|").yAxisTitle("E(k)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        if (k.isEmpty()) {
            // a fluid at rest has no kinetic energy: show an empty placeholder on linear axes
            chart.getStyler().setXAxisLogarithmic(false);
            chart.getStyler().setYAxisLogarithmic(false);
            k.add(0.0);
            e.add(0.0);
        }
        chart.addSeries("E(k)", k, e);
        return chart;
    }

    /**
     * Simulated against analytic dispersion from a {@link Validation#run()} table: frequency ω (left
     * axis) and damping rate γ (right axis) against k; analytic values as lines, simulated ones as
     * markers, one set per channel (sound, shear).
     */
    public static XYChart dispersion(Table validation) {
        for (String c : List.of(Validation.CHANNEL, Validation.K, Validation.OMEGA_EXACT, Validation.OMEGA_SIMULATED,
                Validation.GAMMA_EXACT, Validation.GAMMA_SIMULATED)) {
            if (!validation.columnNames().contains(c)) {
                throw new IllegalArgumentException("validation table lacks column \"" + c
                        + "\"; must be a Validation.run() table with columns " + Validation.K + ", " + Validation.OMEGA_EXACT + " ...");
            }
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title("Dispersion: simulated against analytic")
                .xAxisTitle("k").yAxisTitle("ω (frequency)").build();
        chart.setYAxisGroupTitle(1, "γ (damping rate)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Map<String, List<Integer>> rowsByChannel = new LinkedHashMap<>();
        for (int r = 0; r < validation.rowCount(); r++) {
            rowsByChannel.computeIfAbsent(validation.stringColumn(Validation.CHANNEL).get(r), c -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Integer>> e : rowsByChannel.entrySet()) {
            String channel = e.getKey();
            List<Integer> rows = new ArrayList<>(e.getValue());
            rows.sort((p, q) -> Double.compare(validation.doubleColumn(Validation.K).get(p), validation.doubleColumn(Validation.K).get(q)));
            double[] k = column(validation, Validation.K, rows);
            add(chart, channel + " ω analytic", k, column(validation, Validation.OMEGA_EXACT, rows), false, 0);
            add(chart, channel + " ω simulated", k, column(validation, Validation.OMEGA_SIMULATED, rows), true, 0);
            add(chart, channel + " γ analytic", k, column(validation, Validation.GAMMA_EXACT, rows), false, 1);
            add(chart, channel + " γ simulated", k, column(validation, Validation.GAMMA_SIMULATED, rows), true, 1);
        }
        if (rowsByChannel.isEmpty()) {
            chart.addSeries("none", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, boolean markers, int group) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setYAxisGroup(group);
        if (markers) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        } else {
            s.setMarker(SeriesMarkers.NONE);
        }
    }

    private static double[] column(Table t, String name, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.doubleColumn(name).get(rows.get(i));
        }
        return out;
    }
}
