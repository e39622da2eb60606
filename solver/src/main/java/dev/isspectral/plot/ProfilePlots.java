package dev.isspectral.plot;

import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Profile;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/** XChart figures of a {@link Profile}. Each returns the chart, for a notebook to show or restyle. */
public final class ProfilePlots {

    private ProfilePlots() {
    }

    /** Self time per step (ms) of the spans in {@link Profile#breakdown()}, as horizontal-label bars. */
    public static CategoryChart breakdown(Profile profile) {
        Table t = profile.breakdown();
        return bars("Self time per step", "ms per step", t.stringColumn(Columns.SPAN).asList(),
                perStep(t.doubleColumn(Columns.SELF_MS).asList(), profile.stepCount()));
    }

    /** Bytes allocated per step by each span of the hierarchy. */
    public static CategoryChart allocations(Profile profile) {
        Table t = profile.hierarchy();
        return bars("Allocation per step", "bytes per step", t.stringColumn(Columns.SPAN).asList(),
                t.doubleColumn(Columns.BYTES_PER_STEP).asList());
    }

    /** Wall time (ms) and bytes allocated (MiB) of each measured step. */
    public static XYChart steps(Profile profile) {
        Table t = profile.steps();
        XYChart chart = new XYChartBuilder().width(700).height(400).title("Per-step time and allocation")
                .xAxisTitle("step").yAxisTitle("ms / MiB").build();
        List<Double> x = new ArrayList<>();
        List<Double> mib = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            x.add((double) t.longColumn(Columns.STEP).get(i));
            mib.add(t.longColumn(Columns.BYTES_ALL_THREADS).get(i) / 1048576.0);
        }
        if (x.isEmpty()) {
            x.add(0.0);
            mib.add(0.0);
        }
        List<Double> ms = t.rowCount() == 0 ? List.of(0.0) : t.doubleColumn(Columns.WALL_MS).asList();
        chart.addSeries("wall ms", x, ms);
        chart.addSeries("allocated MiB", x, mib);
        return chart;
    }

    /** Nominal GFLOP/s of each kind of transform (flop formula in {@link Columns#GFLOPS}). */
    public static CategoryChart fftThroughput(Profile profile) {
        Table t = profile.fft();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            names.add(t.stringColumn(Columns.SHAPE).get(i) + " " + t.stringColumn(Columns.DIRECTION).get(i)
                    + " " + t.stringColumn(Columns.BACKEND).get(i));
        }
        return bars("FFT throughput", "GFLOP/s", names, t.doubleColumn(Columns.GFLOPS).asList());
    }

    private static List<Double> perStep(List<Double> totals, int steps) {
        List<Double> out = new ArrayList<>();
        for (Double v : totals) {
            out.add(v / Math.max(1, steps));
        }
        return out;
    }

    private static CategoryChart bars(String title, String yTitle, List<String> names, List<Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (names.isEmpty()) {
            chart.addSeries(yTitle, List.of("none"), List.of(0.0));
        } else {
            chart.addSeries(yTitle, names, values);
        }
        return chart;
    }
}
