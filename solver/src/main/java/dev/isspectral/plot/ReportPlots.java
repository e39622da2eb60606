package dev.isspectral.plot;

import dev.isspectral.display.Quantities;
import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Headline;
import dev.isspectral.profile.Interval;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts a profile report adds to {@link ProfilePlots}: the step-time series with its median
 * and 95% band, and the overlays of a comparison of two profiles (step times of both on one axis,
 * self time per span side by side).
 */
public final class ReportPlots {

    private static final Color[] RUN_COLOURS = {new Color(0x1f77b4), new Color(0xd62728)};
    private static final Color[] BAND_COLOURS = {new Color(0x1f, 0x77, 0xb4, 50), new Color(0xd6, 0x27, 0x28, 50)};

    private ReportPlots() {
    }

    /**
     * Wall ms of every measured step and the ms of it inside FFTs, with the median step time and its 95%
     * interval as a shaded band.
     */
    public static XYChart stepTimes(Headline headline) {
        XYChart chart = new XYChartBuilder().width(900).height(400).title("Time per step")
                .xAxisTitle("measured step").yAxisTitle("ms").build();
        style(chart);
        double[] wall = headline.wallMsSamples();
        double[] fft = headline.fftMsSamples();
        addRun(chart, "", wall, headline.msPerStep(), 0);
        if (fft.length == wall.length && fft.length > 0) {
            XYSeries s = chart.addSeries("inside FFTs", steps(fft.length), fft);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineColor(new Color(0x2ca02c));
            s.setMarkerColor(new Color(0x2ca02c));
        }
        chart.getStyler().setYAxisMin(0.0);
        return ChartStyle.paper(chart);
    }

    /**
     * The step times of two runs on one axis, each with its median band.
     *
     * @throws IllegalArgumentException if a headline or a name is null, or the names are equal (the legend
     *         could not tell the runs apart)
     */
    public static XYChart stepTimes(Headline a, String nameA, Headline b, String nameB) {
        requireRuns(a, nameA, b, nameB, "a Headline");
        XYChart chart = new XYChartBuilder().width(1100).height(440).title("Time per step, both runs")
                .xAxisTitle("measured step").yAxisTitle("ms").build();
        style(chart);
        addRun(chart, nameA + ": ", a.wallMsSamples(), a.msPerStep(), 0);
        addRun(chart, nameB + ": ", b.wallMsSamples(), b.msPerStep(), 1);
        chart.getStyler().setYAxisMin(0.0);
        return ChartStyle.paper(chart);
    }

    /**
     * Where the step's time goes: self ms per step of each operation (span name, summed over every path
     * it is called from), largest first, the ten largest and the rest as "other"; each bar labelled with
     * its share of the step. {@code operations} has the columns of {@code Profile.operations()}.
     *
     * @param steps  the measured steps the self times add up over, >= 1
     * @param stepMs the wall time of one step in ms, finite and > 0: the whole the shares are of
     * @throws IllegalArgumentException if {@code steps} or {@code stepMs} is out of range, or the table lacks
     *         {@code operation} or {@code self_ms}
     */
    public static CategoryChart operations(Table operations, int steps, double stepMs) {
        requireTable(operations, "operations", "Profile.operations()", Columns.OPERATION, Columns.SELF_MS);
        requireSteps(steps);
        if (!(stepMs > 0) || Double.isInfinite(stepMs)) {
            throw new IllegalArgumentException("stepMs = " + stepMs + "; must be a finite number > 0");
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        double other = 0;
        for (int r = 0; r < operations.rowCount(); r++) {
            double ms = number(operations, Columns.SELF_MS, r) / steps;
            if (r < 10) {
                names.add(operations.getString(r, Columns.OPERATION) + String.format(Locale.ROOT, " (%.0f%%)",
                        100 * ms / stepMs));
                values.add(ms);
            } else {
                other += ms;
            }
        }
        if (other > 0) {
            names.add(String.format(Locale.ROOT, "other (%.0f%%)", 100 * other / stepMs));
            values.add(other);
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(430)
                .title("Where the step's time goes: self time by operation").yAxisTitle("ms per step").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(new Color[] {RUN_COLOURS[0]});
        if (names.isEmpty()) {
            chart.addSeries("self ms per step", List.of("none"), List.of(0.0));
        } else {
            chart.addSeries("self ms per step", names, values);
        }
        return ChartStyle.paper(chart);
    }

    /**
     * Which spans allocate: bytes per step allocated by each span's own code (its children's bytes
     * taken out), the twelve largest, from a table with the columns of {@code Profile.hierarchy()}.
     *
     * @param steps the measured steps the bytes add up over, >= 1
     * @throws IllegalArgumentException if {@code steps} < 1 or the table lacks {@code span} or {@code bytes}
     */
    public static CategoryChart selfAllocations(Table hierarchy, int steps) {
        requireTable(hierarchy, "hierarchy", "Profile.hierarchy()", Columns.SPAN, Columns.BYTES);
        requireSteps(steps);
        Map<String, Double> self = new LinkedHashMap<>();
        for (int r = 0; r < hierarchy.rowCount(); r++) {
            self.put(hierarchy.getString(r, Columns.SPAN), number(hierarchy, Columns.BYTES, r));
        }
        for (int r = 0; r < hierarchy.rowCount(); r++) {
            String path = hierarchy.getString(r, Columns.SPAN);
            int slash = path.lastIndexOf('/');
            double bytes = number(hierarchy, Columns.BYTES, r);
            if (slash > 0) {
                self.computeIfPresent(path.substring(0, slash), (k, v) -> v - bytes);
            }
        }
        List<Map.Entry<String, Double>> rows = new ArrayList<>(self.entrySet());
        rows.removeIf(e -> !(e.getValue() > 0));
        rows.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Map.Entry<String, Double> e : rows.subList(0, Math.min(12, rows.size()))) {
            names.add(e.getKey());
            values.add(e.getValue() / steps);
        }
        double max = values.isEmpty() ? 0 : values.get(0);
        String unit = max >= 1 << 20 ? "MiB" : max >= 1 << 10 ? "KiB" : "B";
        double scale = unit.equals("MiB") ? 1 << 20 : unit.equals("KiB") ? 1 << 10 : 1;
        values.replaceAll(v -> v / scale);
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Allocation per step by span (its own code, children excluded)").yAxisTitle(unit + " per step").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x9467bd)});
        if (names.isEmpty()) {
            chart.addSeries("allocation", List.of("nothing allocated"), List.of(0.0));
        } else {
            chart.addSeries("allocation", names, values);
        }
        return ChartStyle.paper(chart);
    }

    private static void requireTable(Table t, String name, String source, String... columns) {
        if (t == null) {
            throw new IllegalArgumentException(name + " = null; must be a " + source + " table");
        }
        for (String c : columns) {
            if (!t.containsColumn(c)) {
                throw new IllegalArgumentException(name + " lacks column \"" + c + "\"; must be a " + source + " table");
            }
        }
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 1");
        }
    }

    /** Two runs drawn side by side: both present, both named, and named apart (the legend tells them apart). */
    private static void requireRuns(Object a, String nameA, Object b, String nameB, String what) {
        if (a == null) {
            throw new IllegalArgumentException("a = null; must be " + what);
        }
        if (b == null) {
            throw new IllegalArgumentException("b = null; must be " + what);
        }
        if (nameA == null) {
            throw new IllegalArgumentException("nameA = null; must be text");
        }
        if (nameB == null) {
            throw new IllegalArgumentException("nameB = null; must be text");
        }
        if (nameA.equals(nameB)) {
            throw new IllegalArgumentException("nameB = \"" + nameB + "\"; must differ from nameA");
        }
    }

    private static double number(Table t, String column, int row) {
        var c = t.column(column);
        if (c instanceof NumericColumn<?> n) {
            return n.isMissing(row) ? Double.NaN : n.getDouble(row);
        }
        return Double.parseDouble(c.getString(row));
    }

    /**
     * Self ms per step of each span of two runs, side by side (spans in the order given).
     *
     * @param a self ms per step of run A, one per span
     * @param b self ms per step of run B, one per span
     * @throws IllegalArgumentException if an argument is null, {@code a} or {@code b} does not have one value
     *         per span, or the names are equal
     */
    public static CategoryChart selfTimes(List<String> spans, double[] a, String nameA, double[] b, String nameB) {
        if (spans == null) {
            throw new IllegalArgumentException("spans = null; must be a list of span names");
        }
        requireRuns(a, nameA, b, nameB, "an array of self ms per step, one per span");
        if (a.length != spans.size()) {
            throw new IllegalArgumentException("a.length = " + a.length + "; must equal spans.size() = " + spans.size());
        }
        if (b.length != spans.size()) {
            throw new IllegalArgumentException("b.length = " + b.length + "; must equal spans.size() = " + spans.size());
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(520).title("Self time per step, both runs")
                .yAxisTitle("ms per step").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(RUN_COLOURS);
        List<String> names = spans.isEmpty() ? List.of("none") : spans;
        chart.addSeries(nameA, names, spans.isEmpty() ? List.of(0.0) : boxed(a));
        chart.addSeries(nameB, names, spans.isEmpty() ? List.of(0.0) : boxed(b));
        return ChartStyle.paper(chart);
    }

    private static void addRun(XYChart chart, String prefix, double[] wall, Interval median, int colour) {
        if (wall.length == 0) {
            chart.addSeries(prefix + "no steps", new double[] {0}, new double[] {0});
            return;
        }
        double[] x = steps(wall.length);
        if (!Double.isNaN(median.low())) {
            double x0 = 0.5;
            double x1 = wall.length + 0.5;
            XYSeries band = chart.addSeries(prefix + "median " + Quantities.ms(median.estimate()) + " ms, 95 % interval ["
                    + Quantities.ms(median.low()) + ", " + Quantities.ms(median.high()) + "]",
                    new double[] {x0, x1, x1, x0, x0}, new double[] {median.low(), median.low(), median.high(), median.high(), median.low()});
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(BAND_COLOURS[colour]);
            band.setLineColor(BAND_COLOURS[colour]);
            // two runs: the legend names the runs only (four long entries do not fit a row); the caption explains the bands
            band.setShowInLegend(prefix.isEmpty());
            XYSeries line = chart.addSeries(prefix + "median", new double[] {x0, x1}, new double[] {median.estimate(), median.estimate()});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(RUN_COLOURS[colour]);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            line.setShowInLegend(false);
        }
        XYSeries s = chart.addSeries(prefix.isEmpty() ? "each step" : prefix.substring(0, prefix.length() - 2)
                + String.format(Locale.ROOT, " (median %s ms)", Quantities.ms(median.estimate())), x, wall);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(RUN_COLOURS[colour]);
        s.setMarkerColor(RUN_COLOURS[colour]);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
    }

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}
