package dev.isspectral.plot;

import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Compare;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Scaling;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XChart figures of a {@link Profile}, a {@link Scaling.Result} and a {@link Compare.Result}. Each
 * returns the chart, for a notebook to show or restyle; an empty input gives a chart with one
 * placeholder point rather than an exception (XChart cannot draw a chart without data).
 */
public final class ProfilePlots {

    private static final int ICICLE_WIDTH = 1100;

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

    /**
     * Per measured step: wall time in ms (left axis), and on the right axis (MiB) the bytes
     * allocated by all threads, the peak heap and the heap in use at step end.
     */
    public static XYChart steps(Profile profile) {
        Table t = profile.steps();
        XYChart chart = new XYChartBuilder().width(800).height(420).title("Per-step time and memory")
                .xAxisTitle("step").yAxisTitle("ms").build();
        chart.setYAxisGroupTitle(1, "MiB");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<Double> x = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        List<Double> allocated = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        List<Double> used = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            x.add((double) t.longColumn(Columns.STEP).get(i));
            ms.add(t.doubleColumn(Columns.WALL_MS).get(i));
            allocated.add(t.longColumn(Columns.BYTES_ALL_THREADS).get(i) / 1048576.0);
            peak.add(t.longColumn(Columns.PEAK_HEAP_BYTES).get(i) / 1048576.0);
            used.add(t.longColumn(Columns.HEAP_USED_BYTES).get(i) / 1048576.0);
        }
        if (x.isEmpty()) {
            for (List<Double> l : List.of(x, ms, allocated, peak, used)) {
                l.add(0.0);
            }
        }
        chart.addSeries("wall ms", x, ms);
        chart.addSeries("allocated MiB", x, allocated).setYAxisGroup(1);
        chart.addSeries("peak heap MiB", x, peak).setYAxisGroup(1);
        chart.addSeries("heap in use MiB", x, used).setYAxisGroup(1);
        return chart;
    }

    /**
     * The span hierarchy as an icicle chart: one row per nesting depth (the step on top), each span
     * a box as wide as its time per step and placed inside its parent's box; children are laid out
     * left to right in first-call order, and the unlabelled rest of a parent's box is its self time.
     * Boxes wide enough carry the span's name and ms per step; colours follow the operation name,
     * so one operation has one colour wherever it is called. Built from filled polygons on an
     * {@link XYChart} (XChart has no flame chart); hover or read {@link Profile#hierarchy()} for the
     * narrow boxes.
     */
    public static XYChart hierarchy(Profile profile) {
        Table t = profile.hierarchy();
        int steps = Math.max(1, profile.stepCount());
        XYChart chart = new XYChartBuilder().width(ICICLE_WIDTH).height(460).title("Span hierarchy (icicle), ms per step")
                .xAxisTitle("ms per step").yAxisTitle("depth").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setAnnotationTextFontColor(Color.BLACK);
        // lay out: x offset of each path; children start at their parent's offset
        Map<String, Double> start = new HashMap<>();
        Map<String, Double> nextChild = new HashMap<>();
        double rootNext = 0;
        double total = 0;
        int maxDepth = 1;
        List<Object[]> boxes = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String path = t.stringColumn(Columns.SPAN).get(r);
            int depth = t.intColumn(Columns.DEPTH).get(r);
            double width = t.doubleColumn(Columns.TOTAL_MS).get(r) / steps;
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? "" : path.substring(0, slash);
            double x0;
            if (parent.isEmpty()) {
                x0 = rootNext;
                rootNext += width;
                total = rootNext;
            } else {
                x0 = nextChild.getOrDefault(parent, start.getOrDefault(parent, 0.0));
                nextChild.put(parent, x0 + width);
            }
            start.put(path, x0);
            maxDepth = Math.max(maxDepth, depth);
            boxes.add(new Object[] {path, depth, x0, width});
        }
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Object[] box : boxes) {
            String path = (String) box[0];
            int depth = (Integer) box[1];
            double x0 = (Double) box[2];
            double w = (Double) box[3];
            double top = -(depth - 1) - 0.04;
            double bottom = -depth + 0.04;
            XYSeries s = chart.addSeries(path, new double[] {x0, x0 + w, x0 + w, x0, x0},
                    new double[] {bottom, bottom, top, top, bottom});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            s.setMarker(SeriesMarkers.NONE);
            String name = path.substring(path.lastIndexOf('/') + 1);
            Color c = colours.computeIfAbsent(name, ProfilePlots::colour);
            s.setFillColor(c);
            s.setLineColor(Color.WHITE);
            // label only boxes wide enough for the text (about 7 px per character of the default font)
            double pixels = total <= 0 ? 0 : w / total * (ICICLE_WIDTH - 100);
            String label = name + String.format(java.util.Locale.ROOT, " %.2f", w);
            if (pixels < 7.5 * label.length() + 6) {
                label = name;
            }
            if (pixels >= 7.5 * label.length() + 6) {
                chart.addAnnotation(new AnnotationText(label, x0 + w / 2, (top + bottom) / 2, false));
            }
        }
        if (boxes.isEmpty()) {
            chart.addSeries("none", new double[] {0}, new double[] {0});
        }
        chart.getStyler().setYAxisMin(-(double) maxDepth - 0.1);
        chart.getStyler().setYAxisMax(0.1);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    /** A stable, light colour per operation name. */
    private static Color colour(String name) {
        float hue = (name.hashCode() & 0x7fffffff) % 360 / 360f;
        return Color.getHSBColor(hue, 0.45f, 0.95f);
    }

    /** Total bytes of large allocations (Flight Recorder) by allocating method. */
    public static CategoryChart largeAllocations(Profile profile) {
        Table t = profile.largeAllocations();
        Map<String, Double> byFrame = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            byFrame.merge(shortFrame(t.stringColumn(Columns.TOP_FRAME).get(r)),
                    t.longColumn(Columns.BYTES).get(r) / 1048576.0 / Math.max(1, profile.stepCount()), Double::sum);
        }
        return bars("Large allocations (>= " + profile.largeAllocationThreshold() / 1024 + " KiB) by site",
                "MiB per step", new ArrayList<>(byFrame.keySet()), new ArrayList<>(byFrame.values()));
    }

    private static String shortFrame(String frame) {
        int method = frame.lastIndexOf('.', frame.indexOf(':') < 0 ? frame.length() : frame.indexOf(':'));
        int type = method <= 0 ? -1 : frame.lastIndexOf('.', method - 1);
        return type < 0 ? frame : frame.substring(type + 1);
    }

    /**
     * Scaling on log–log axes: median seconds per step against N = NX·NY·NZ, the least-squares line
     * (its slope in the legend) and an N·log2 N reference through the first grid's point.
     */
    public static XYChart scaling(Scaling.Result result) {
        Table t = result.table();
        XYChart chart = new XYChartBuilder().width(800).height(450).title("Scaling: seconds per step against N")
                .xAxisTitle("N = NX·NY·NZ").yAxisTitle("seconds per step").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        double[] n = t.longColumn(Scaling.Result.POINTS).asDoubleColumn().asDoubleArray();
        double[] seconds = t.doubleColumn(Scaling.Result.SECONDS_MEDIAN).asDoubleArray();
        if (n.length == 0) {
            chart.addSeries("none", new double[] {1}, new double[] {1});
            return chart;
        }
        XYSeries measured = chart.addSeries("measured (median)", n, seconds);
        measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (n.length >= 2) {
            double[] line = result.fitLine(false);
            double[] fitted = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                fitted[i] = Math.exp(line[1]) * Math.pow(n[i], line[0]);
            }
            chart.addSeries(String.format(java.util.Locale.ROOT, "fit: N^%.2f", line[0]), n, fitted)
                    .setMarker(SeriesMarkers.NONE);
        }
        double[] reference = new double[n.length];
        double scale = seconds[0] / (n[0] * Math.log(n[0]));
        for (int i = 0; i < n.length; i++) {
            reference[i] = scale * n[i] * Math.log(n[i]);
        }
        XYSeries ref = chart.addSeries("N log N reference", n, reference);
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        return chart;
    }

    /**
     * Nominal FFT GFLOP/s against transform size N over the grids of a scaling study (log N axis),
     * one series per direction (forward, inverse); flop formula in {@link Columns#GFLOPS}.
     */
    public static XYChart fftThroughputVsSize(Scaling.Result result) {
        XYChart chart = new XYChartBuilder().width(800).height(450).title("FFT throughput against size")
                .xAxisTitle("N = NX·NY·NZ").yAxisTitle("GFLOP/s (nominal)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Profile p : result.profiles()) {
            Table fft = p.fft();
            for (int r = 0; r < fft.rowCount(); r++) {
                if (fft.longColumn(Columns.CALLS).get(r) == 0) {
                    continue;
                }
                String[] shape = fft.stringColumn(Columns.SHAPE).get(r).split("x");
                double points = 1;
                for (String d : shape) {
                    points *= Double.parseDouble(d);
                }
                series.computeIfAbsent(fft.stringColumn(Columns.DIRECTION).get(r), k -> new ArrayList<>())
                        .add(new double[] {points, fft.doubleColumn(Columns.GFLOPS).get(r)});
            }
        }
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = new ArrayList<>(e.getValue());
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] x = pts.stream().mapToDouble(a -> a[0]).toArray();
            double[] y = pts.stream().mapToDouble(a -> a[1]).toArray();
            chart.addSeries(e.getKey(), x, y);
        }
        if (series.isEmpty()) {
            chart.addSeries("none", new double[] {1}, new double[] {0});
        }
        return chart;
    }

    /** Median ms per step of each compared setting, the ratio to the first in the label. */
    public static CategoryChart comparison(Compare.Result result) {
        Table t = result.table();
        List<String> names = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            names.add(t.stringColumn(Compare.SETTING).get(r)
                    + String.format(java.util.Locale.ROOT, " (x%.2f)", t.doubleColumn(Compare.RATIO).get(r)));
        }
        CategoryChart chart = bars("Comparison, interleaved", "median ms per step", names,
                t.doubleColumn(Compare.MEDIAN_MS).asList());
        chart.getStyler().setXAxisLabelRotation(0);
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
