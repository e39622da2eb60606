package dev.isspectral.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/** Figures of fields read from snapshot files. */
public final class SnapshotPlots {

    private static final String AXES = "xyz";

    private SnapshotPlots() {
    }

    /** A heat map of {@code name} on the plane {@code axis = index} of {@code snapshot} ({@link Snapshot#slice}). */
    public static HeatMapChart slice(Snapshot snapshot, String name, int axis, int index) {
        double[][] values = snapshot.slice(name, axis, index);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(560)
                .title(String.format(Locale.ROOT, "%s on %s = index %d, %s (t = %.4g)", name, AXES.charAt(axis), index,
                        snapshot.file().getFileName(), snapshot.time()))
                .xAxisTitle(AXES.charAt(a) + " index").yAxisTitle(AXES.charAt(b) + " index").build();
        List<Integer> rows = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(i);
        }
        for (int j = 0; j < values[0].length; j++) {
            columns.add(j);
        }
        List<Number[]> cells = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                cells.add(new Number[] {i, j, values[i][j]});
                lo = Math.min(lo, values[i][j]);
                hi = Math.max(hi, values[i][j]);
            }
        }
        chart.addSeries(name, rows, columns, cells);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setMin(lo);
        chart.getStyler().setMax(hi > lo ? hi : lo + Math.max(1e-300, Math.abs(lo) * 1e-12));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }
}
