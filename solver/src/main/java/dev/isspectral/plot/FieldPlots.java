package dev.isspectral.plot;

import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Solver;
import dev.isspectral.validate.Complex;
import dev.isspectral.validate.LinearModes;
import dev.isspectral.validate.Validation;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of fields and validation results: a 2-D slice as a heat map ({@link HeatMap}), the
 * kinetic-energy spectrum and simulated against analytic dispersion (XChart, in {@link ChartStyle}).
 */
public final class FieldPlots {

    private static final String AXES = "xyz";

    private FieldPlots() {
    }

    /**
     * A heat map of {@code quantity} on the plane {@code axis = index} (see
     * {@link Observables#slice(Solver, String, int, int)} for the quantities): horizontal axis the
     * first remaining axis, vertical the second, both in the box's coordinates (code length units)
     * with the plane's true aspect ratio, and a colour bar with round ticks.
     */
    public static HeatMap slice(Solver solver, String quantity, int axis, int index) {
        double[][] values = Observables.slice(solver, quantity, axis, index);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        var grid = solver.grid();
        String plane = AXES.charAt(axis) + " = " + ChartStyle.label(grid.coordinate(axis, index));
        return HeatMap.of(values, grid.length(a), grid.length(b),
                quantity + " on the plane " + plane + " at t = " + ChartStyle.label(solver.time()),
                AXES.charAt(a) + " (code length units)", AXES.charAt(b) + " (code length units)",
                quantity + " (code units)");
    }

    /**
     * The kinetic-energy spectrum E(k) ({@link Observables#kineticEnergySpectrum(Solver)}): log10 E
     * against |k| on a log axis. The energy axis is log10 E on a linear scale rather than a log axis,
     * so that a spectrum spanning 30 decades (a single mode over a round-off floor) still gets a few
     * round ticks; shells with zero energy (and k = 0) are left out.
     */
    public static XYChart energySpectrum(Solver solver) {
        double[][] spectrum = Observables.kineticEnergySpectrum(solver);
        List<Double> k = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (int n = 0; n < spectrum[0].length; n++) {
            if (spectrum[0][n] > 0 && spectrum[1][n] > 0) {
                k.add(spectrum[0][n]);
                e.add(Math.log10(spectrum[1][n]));
            }
        }
        XYChart chart = new XYChartBuilder().width(700).height(450)
                .title("Kinetic-energy spectrum at t = " + ChartStyle.label(solver.time()))
                .xAxisTitle("|k| (1 / code length)").yAxisTitle("log10 E(k) (E in code units)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        if (k.isEmpty()) {
            // a fluid at rest has no kinetic energy: show an empty placeholder on linear axes
            chart.getStyler().setXAxisLogarithmic(false);
            k.add(0.0);
            e.add(0.0);
        }
        chart.addSeries("E(k)", k, e);
        ChartStyle.paper(chart);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * Simulated against analytic dispersion from a {@link Validation#run()} table: frequency ω (left
     * axis) and damping rate γ (right axis, dashed) against k; analytic values as lines, simulated
     * ones as markers, one set per channel (sound, shear).
     */
    public static XYChart dispersion(Table validation) {
        return dispersion(validation, null);
    }

    /**
     * Simulated against exact dispersion: the simulated ω and γ of a {@link Validation#run()} table
     * as markers over the exact roots of {@code exact} drawn as curves on a fine grid of k (so the
     * bend of the sound frequency and the onset of shear propagation at k_c show between the
     * simulated wave numbers), one colour per quantity shared by markers and curve, plus the
     * ideal-fluid line ω = c_s k in grey; γ on the right axis.
     *
     * @param validation a validation table (one or both channels); numbers are read whatever their
     *                   numeric column type (a table read back from CSV may hold them as integers)
     * @param exact      the linear theory to draw, or null for straight lines through the table's
     *                   analytic values
     * @throws IllegalArgumentException if {@code validation} is null, lacks a column, holds text where a
     *         number belongs, or a channel other than "sound" or "shear"
     */
    public static XYChart dispersion(Table validation, LinearModes exact) {
        if (validation == null) {
            throw new IllegalArgumentException("validation = null; must be a Validation.run() table");
        }
        for (String c : List.of(Validation.CHANNEL, Validation.K, Validation.OMEGA_EXACT, Validation.OMEGA_SIMULATED,
                Validation.GAMMA_EXACT, Validation.GAMMA_SIMULATED)) {
            if (!validation.columnNames().contains(c)) {
                throw new IllegalArgumentException("validation table lacks column \"" + c
                        + "\"; must be a Validation.run() table with columns " + Validation.K + ", " + Validation.OMEGA_EXACT + " ...");
            }
            if (!c.equals(Validation.CHANNEL) && !(validation.column(c) instanceof NumericColumn<?>)) {
                throw new IllegalArgumentException("validation column \"" + c + "\" is " + validation.column(c).type()
                        + "; must be numeric (a Validation.run() table)");
            }
        }
        if (!(validation.column(Validation.CHANNEL) instanceof StringColumn channels)) {
            throw new IllegalArgumentException("validation column \"" + Validation.CHANNEL + "\" is "
                    + validation.column(Validation.CHANNEL).type() + "; must be text, \"sound\" or \"shear\"");
        }
        for (int r = 0; r < validation.rowCount(); r++) {
            String channel = channels.get(r);
            if (!channel.equals("sound") && !channel.equals("shear")) {
                throw new IllegalArgumentException("channel = \"" + channel + "\" in row " + r + "; must be \"sound\" or \"shear\"");
            }
        }
        XYChart chart = new XYChartBuilder().width(960).height(460).title("Dispersion: simulated against analytic")
                .xAxisTitle("k (1 / code length)").yAxisTitle("ω, frequency (1 / code time)").build();
        chart.setYAxisGroupTitle(1, "γ, damping rate (1 / code time)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        Map<String, List<Integer>> rowsByChannel = new LinkedHashMap<>();
        double kMin = Double.POSITIVE_INFINITY;
        double kMax = 0;
        NumericColumn<?> kColumn = validation.numberColumn(Validation.K);
        for (int r = 0; r < validation.rowCount(); r++) {
            rowsByChannel.computeIfAbsent(channels.get(r), c -> new ArrayList<>()).add(r);
            kMin = Math.min(kMin, kColumn.getDouble(r));
            kMax = Math.max(kMax, kColumn.getDouble(r));
        }
        int colour = 0;
        for (Map.Entry<String, List<Integer>> e : rowsByChannel.entrySet()) {
            String channel = e.getKey();
            List<Integer> rows = new ArrayList<>(e.getValue());
            rows.sort((p, q) -> Double.compare(kColumn.getDouble(p), kColumn.getDouble(q)));
            double[] k = column(validation, Validation.K, rows);
            Color omegaColour = QUANTITY_COLOURS[colour++ % QUANTITY_COLOURS.length];
            Color gammaColour = QUANTITY_COLOURS[colour++ % QUANTITY_COLOURS.length];
            if (exact == null) {
                add(chart, channel + " ω analytic", k, column(validation, Validation.OMEGA_EXACT, rows), false, 0, omegaColour);
                add(chart, channel + " γ analytic", k, column(validation, Validation.GAMMA_EXACT, rows), false, 1, gammaColour);
            } else {
                double[][] curves = exactCurves(exact, channel, Math.max(0.05, 0.5 * kMin), kMax + 0.25 * Math.max(1, kMin));
                add(chart, channel + " ω exact", curves[0], curves[1], false, 0, omegaColour);
                add(chart, channel + " γ exact", curves[0], curves[2], false, 1, gammaColour);
            }
            add(chart, channel + " ω simulated", k, column(validation, Validation.OMEGA_SIMULATED, rows), true, 0, omegaColour);
            add(chart, channel + " γ simulated", k, column(validation, Validation.GAMMA_SIMULATED, rows), true, 1, gammaColour);
        }
        if (rowsByChannel.isEmpty()) {
            chart.addSeries("none", new double[] {0}, new double[] {0});
        } else if (exact != null) {
            double cs = Math.sqrt(exact.soundSpeedSquared());
            double k0 = Math.max(0.05, 0.5 * kMin);
            double k1 = kMax + 0.25 * Math.max(1, kMin);
            XYSeries ideal = chart.addSeries("ω = c_s k (ideal fluid)", new double[] {k0, k1}, new double[] {cs * k0, cs * k1});
            ideal.setMarker(SeriesMarkers.NONE);
            ideal.setLineColor(Color.GRAY);
        }
        return ChartStyle.paper(chart);
    }

    /** One colour per plotted quantity (ω and γ of each channel): markers and their curve share it. */
    private static final Color[] QUANTITY_COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(148, 103, 189), new Color(44, 160, 44), new Color(214, 39, 40), new Color(140, 86, 75)};

    /** k, ω(k), γ(k) of the least-damped root of a channel on 160 points of [k0, k1]. */
    private static double[][] exactCurves(LinearModes exact, String channel, double k0, double k1) {
        int n = 160;
        double[][] out = new double[3][n];
        for (int i = 0; i < n; i++) {
            double k = k0 + (k1 - k0) * i / (n - 1);
            Complex root = channel.equals("shear") ? exact.shearRoots(k)[0] : exact.soundRoot(k);
            out[0][i] = k;
            out[1][i] = Math.abs(root.im());
            out[2][i] = -root.re();
        }
        return out;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, boolean markers, int group, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setYAxisGroup(group);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        if (markers) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        } else {
            s.setMarker(SeriesMarkers.NONE);
            if (group == 1) {
                s.setLineStyle(ChartStyle.DASHED);
            }
        }
    }

    private static double[] column(Table t, String name, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.numberColumn(name).getDouble(rows.get(i));
        }
        return out;
    }
}
