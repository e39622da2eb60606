package dev.isspectral.plot;

import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Compare;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Scaling;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.AnnotationTextPanel;
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

    private static final int ICICLE_WIDTH = 1200;
    /** Share of the icicle's x range taken by the boxes; the rest holds the panel of numbered spans. */
    private static final double ICICLE_SHARE = 0.7;
    private static final int ICICLE_PANEL_LINES = 24;
    /** Prefix of the icicle's legend-only series, one per operation name. */
    public static final String LEGEND_PREFIX = "\u2009";
    /** Light, distinct colours (a qualitative palette) given to operation names in order of first call. */
    private static final int[] PALETTE = {0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2,
        0xdbdb8d, 0x9edae5, 0x6baed6, 0xfd8d3c, 0x74c476, 0xe377c2, 0xbcbd22, 0x17becf, 0x9467bd, 0x8c564b,
        0xd9d9d9, 0xfdd0a2, 0xc7e9c0};

    private ProfilePlots() {
    }

    /**
     * Mean time per step (ms, the total over the measured steps) of the spans in {@link Profile#breakdown()} (the
     * step, its stages and their passes), nested spans included, as horizontal-label bars: what each stage and pass
     * costs. The mean, not the headline's median, because means add up as the spans nest. Their self times would show only the
     * remainders, since nearly all of a step's time is in deeper spans (the operations' self times are
     * {@link ReportPlots#operations}).
     */
    public static CategoryChart breakdown(Profile profile) {
        Table t = profile.breakdown();
        return bars("Time per step of the step, its stages and their passes", "mean ms per step, nested spans included",
                t.stringColumn(Columns.SPAN).asList().stream().map(ProfilePlots::barLabel).toList(),
                perStep(t.doubleColumn(Columns.TOTAL_MS).asList(), profile.stepCount()));
    }

    /**
     * MiB allocated per step by each span of the hierarchy (MiB, not bytes, so the axis reads 0, 10, 20 …
     * rather than 0E0, 1E7, 2E7 …).
     */
    public static CategoryChart allocations(Profile profile) {
        Table t = profile.hierarchy();
        Table top = t.sortDescendingOn(Columns.BYTES_PER_STEP).first(MAX_BARS);
        return bars(t.rowCount() > MAX_BARS ? "Allocation per step, the " + MAX_BARS + " spans allocating most" : "Allocation per step",
                "MiB per step", top.stringColumn(Columns.SPAN).asList().stream().map(ProfilePlots::barLabel).toList(),
                top.doubleColumn(Columns.BYTES_PER_STEP).asList().stream().map(b -> b / 1048576.0).toList());
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
        return ChartStyle.paper(chart);
    }

    /**
     * The span hierarchy as an icicle chart: one row per nesting depth (the step on top), each span
     * a box as wide as its time per step and placed inside its parent's box; children are laid out
     * left to right in first-call order, and the empty rest of a parent's box is its self time.
     * Every box wide enough for its name carries it (with ms per step when that fits too); a box
     * wide enough only for a number carries a number, and the panel to the right of the boxes lists
     * those numbers with their span and ms per step (the narrowest boxes, too small for anything,
     * are left out of it; {@link Profile#hierarchy()} has them all). Colours follow the operation
     * name, so one operation has one colour wherever it is called; the legend below gives them.
     * Built from filled polygons on an {@link XYChart} (XChart has no flame chart): one series per
     * span, named by its path, plus one legend-only entry per operation name.
     */
    public static XYChart hierarchy(Profile profile) {
        Table t = profile.hierarchy();
        int steps = Math.max(1, profile.stepCount());
        XYChart chart = new XYChartBuilder().width(ICICLE_WIDTH).height(520).title("Span hierarchy (icicle), mean ms per step")
                .xAxisTitle("mean ms per step").yAxisTitle("call depth").build();
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
        // the boxes take the left ICICLE_SHARE of the x range; the panel of numbered spans the rest
        double xMax = total > 0 ? total / ICICLE_SHARE : 1;
        double plotPixels = ICICLE_WIDTH - 170.0;
        Map<String, Color> colours = new LinkedHashMap<>();
        List<String> numbered = new ArrayList<>();
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
            s.setShowInLegend(false);
            String name = path.substring(path.lastIndexOf('/') + 1);
            Color c = colours.computeIfAbsent(name, n -> colour(colours.size()));
            s.setFillColor(c);
            s.setLineColor(Color.WHITE);
            double pixels = w / xMax * plotPixels;
            String withTime = name + " " + ChartStyle.label(w);
            String label = fits(withTime, pixels) ? withTime : fits(name, pixels) ? name : null;
            if (label == null && fits("99", pixels)) {
                numbered.add(barLabel(path) + "  " + ChartStyle.label(w) + " ms");
                label = Integer.toString(numbered.size());
            }
            if (label != null) {
                chart.addAnnotation(new AnnotationText(label, x0 + w / 2, (top + bottom) / 2, false));
            }
        }
        if (boxes.isEmpty()) {
            chart.addSeries("none", new double[] {0}, new double[] {0});
        }
        for (Map.Entry<String, Color> e : colours.entrySet()) {
            // a legend-only entry per operation: a zero-area polygon at the origin
            XYSeries key = chart.addSeries(LEGEND_PREFIX + e.getKey(), new double[] {0, 0}, new double[] {0, 0});
            key.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            key.setMarker(SeriesMarkers.NONE);
            key.setFillColor(e.getValue());
            key.setLineColor(e.getValue());
        }
        if (!numbered.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("narrow boxes:");
            int shown = Math.min(numbered.size(), ICICLE_PANEL_LINES);
            for (int i = 0; i < shown; i++) {
                lines.add((i + 1) + "  " + shorten(numbered.get(i), 44));
            }
            if (numbered.size() > shown) {
                lines.add("... " + (numbered.size() - shown) + " more: see hierarchy()");
            }
            AnnotationTextPanel panel = new AnnotationTextPanel(String.join("\n", lines), total * 1.02, -maxDepth, false);
            chart.addAnnotation(panel);
        }
        ChartStyle.paper(chart);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setAnnotationTextFontColor(Color.BLACK);
        chart.getStyler().setAnnotationTextPanelBackgroundColor(new Color(250, 250, 250));
        chart.getStyler().setAnnotationTextPanelBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setAnnotationTextPanelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setYAxisMin(-(double) maxDepth - 0.1);
        chart.getStyler().setYAxisMax(0.1);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(xMax);
        chart.getStyler().setXAxisDecimalPattern(ChartStyle.decimalPattern(0, xMax));
        return ChartStyle.paper(chart);
    }

    /** Whether {@code text} fits a box {@code pixels} wide in the annotation font (about 7.5 px a character). */
    private static boolean fits(String text, double pixels) {
        return pixels >= 7.5 * text.length() + 6;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "\u2026" + s.substring(s.length() - max + 1);
    }

    /** The {@code n}th colour of the palette; past its end, hues spread by the golden angle. */
    private static Color colour(int n) {
        if (n < PALETTE.length) {
            return new Color(PALETTE[n]);
        }
        return Color.getHSBColor((float) ((n * 0.381966) % 1.0), 0.4f, 0.95f);
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
            return ChartStyle.paper(chart);
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
        return ChartStyle.paper(chart);
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
        return ChartStyle.paper(chart);
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
        // level labels while they fit side by side under the bars (8 px a character); a few labels tilt a little
        // (at steep tilts they stand as tall as the plot); many stand upright (tilted, XChart drops some when they crowd)
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        chart.getStyler().setXAxisLabelRotation(names.size() * longest * 8 <= 800 ? 0 : names.size() <= 4 ? 20 : 90);
        return ChartStyle.paper(chart);
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

    /** The most bars in a chart of spans; more would not be readable. */
    static final int MAX_BARS = 16;

    /** The longest bar label; a longer span path is abbreviated by {@link #barLabel(String)}. */
    static final int MAX_BAR_LABEL = 40;

    /**
     * A span path short enough for a bar label: without the leading {@code step/}, {@code stageN} as
     * {@code sN}, and if still longer than {@link #MAX_BAR_LABEL}, its first component, an ellipsis
     * and as many trailing components as fit.
     */
    static String barLabel(String path) {
        String p = path.startsWith("step/") ? path.substring(5) : path;
        p = p.replaceAll("(^|/)stage(\\d+)", "$1s$2");
        if (p.length() <= MAX_BAR_LABEL) {
            return p;
        }
        String[] parts = p.split("/");
        StringBuilder tail = new StringBuilder(parts[parts.length - 1]);
        for (int i = parts.length - 2; i > 0; i--) {
            if (parts[0].length() + 3 + parts[i].length() + 1 + tail.length() > MAX_BAR_LABEL) {
                break;
            }
            tail.insert(0, parts[i] + "/");
        }
        String out = parts[0] + "/\u2026/" + tail;
        return out.length() <= MAX_BAR_LABEL ? out : "\u2026" + out.substring(out.length() - MAX_BAR_LABEL + 1);
    }

    private static CategoryChart bars(String title, String yTitle, List<String> names, List<Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (names.isEmpty()) {
            chart.addSeries(yTitle, List.of("none"), List.of(0.0));
        } else {
            chart.addSeries(yTitle, names, values);
        }
        return ChartStyle.paper(chart);
    }
}
