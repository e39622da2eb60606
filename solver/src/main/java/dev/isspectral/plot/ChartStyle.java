package dev.isspectral.plot;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The house style of every chart the library makes, fit for a talk or a paper at 1400 px: at most
 * {@link #MAX_TICKS} ticks per axis, tick labels of at most {@link #MAX_LABEL_CHARS} characters (three
 * significant digits; on axes, scientific notation {@code 3.85E-5} outside 10⁻⁴–10⁵), fonts readable when the
 * PNG is shown at its size, a white background, light grid lines, and the legend outside the plot
 * area (below it) so it never covers data.
 *
 * <p>Apply it to a chart a notebook builds itself: {@code ChartStyle.paper(chart)} returns the same
 * chart (XChart charts are mutable). Call it after the series are added: the tick label patterns are
 * chosen from the data ranges.
 */
public final class ChartStyle {

    /** The most ticks on any numeric axis. */
    public static final int MAX_TICKS = 8;
    /** The longest numeric tick label, in characters ("-1.23E-4" is 8). */
    public static final int MAX_LABEL_CHARS = 9;
    /** Name of the invisible series {@link #paper(XYChart)} adds so that ticks fall at round values. */
    public static final String TICK_HELPER = "\u200b";
    /** The most legend entries laid out in one row below the plot; more go in a column to its right. */
    static final int LEGEND_ROW_ENTRIES = 4;
    /** Font of tick labels, legends and annotations. */
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    /** Dashed stroke for reference lines (theory, ideal scaling). */
    public static final BasicStroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {7f, 5f}, 0f);

    private ChartStyle() {
    }

    /** Width of a legend entry besides its text: the series sample and the padding around it, in pixels. */
    static final int LEGEND_ENTRY_PADDING = 48;

    /**
     * Whether the legend of {@code chart} fits in one row below the plot: at most {@value #LEGEND_ROW_ENTRIES}
     * entries whose labels, in the legend font, with {@value #LEGEND_ENTRY_PADDING} px each for the sample and
     * padding, are no wider than the chart.
     */
    static boolean legendFitsInARow(XYChart chart) {
        java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, true, true);
        long entries = 0;
        double width = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (series.isShowInLegend() && !series.getName().equals(TICK_HELPER)) {
                entries++;
                width += TICK_FONT.getStringBounds(series.getName(), context).getWidth() + LEGEND_ENTRY_PADDING;
            }
        }
        return entries <= LEGEND_ROW_ENTRIES && width <= chart.getWidth();
    }

    /**
     * Styles an XY chart: fonts, tick density, tick label patterns from the data of each axis (linear
     * axes; logarithmic ones label decades), legend below the plot in a row.
     *
     * @param chart a chart with its series added
     * @return the same chart
     */
    public static XYChart paper(XYChart chart) {
        common(chart, chart.getStyler());
        AxesChartStyler s = chart.getStyler();
        // a short legend goes in one row below the plot, a long one (more entries, or wider than the chart) in a
        // column to its right, where no label is cut off
        boolean row = legendFitsInARow(chart);
        s.setLegendPosition(row ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendLayout(row ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        if (chart.getSeriesMap().containsKey(TICK_HELPER)) {
            chart.removeSeries(TICK_HELPER);
        }
        double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        Map<Integer, double[]> y = new HashMap<>();
        for (XYSeries series : chart.getSeriesMap().values()) {
            extend(x, series.getXData());
            extend(y.computeIfAbsent(series.getYAxisGroup(), g -> new double[] {Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY}), series.getYData());
        }
        // XChart labels a log axis at powers of ten only: widen it to the decades around the data
        // so that at least two are labelled, however narrow the data's range
        if (s.isXAxisLogarithmic() && s.getXAxisMin() == null && s.getXAxisMax() == null && x[0] > 0 && x[1] >= x[0]) {
            s.setXAxisMin(decadeBelow(x[0]));
            s.setXAxisMax(decadeAbove(x[1]));
        }
        double[] yData = y.get(0);
        if (s.isYAxisLogarithmic() && s.getYAxisMin() == null && s.getYAxisMax() == null && yData != null && yData[0] > 0
                && yData[1] >= yData[0]) {
            s.setYAxisMin(decadeBelow(yData[0]));
            s.setYAxisMax(decadeAbove(yData[1]));
        }
        if (!s.isXAxisLogarithmic()) {
            s.setXAxisDecimalPattern(decimalPattern(lower(s.getXAxisMin(), x[0]), upper(s.getXAxisMax(), x[1])));
        }
        double[] y0 = y.get(0);
        if (y0 != null && x[0] < x[1] && y0[0] < y0[1]) {
            // XChart puts a tick at every data value when it finds the values "equally spaced" (all
            // consecutive differences within 1e-4 of each other: any data of small range, and any
            // uniformly sampled time axis), giving dozens of labels. An invisible series of two
            // points inside the data range, far apart, breaks that test, so the ticks fall at round
            // values 1, 2 or 5 × 10^n apart instead.
            double fx = (x[1] - x[0]) * 0.0123457;
            double fy = (y0[1] - y0[0]) * 0.0123457;
            XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {x[0] + fx, x[1] - fx, x[0] + 2 * fx},
                    new double[] {y0[0] + fy, y0[1] - fy, y0[0] + 2 * fy});
            helper.setShowInLegend(false);
            helper.setMarker(SeriesMarkers.NONE);
            helper.setLineStyle(SeriesLines.NONE);
            helper.setLineColor(new Color(0, 0, 0, 0));
            helper.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        for (Map.Entry<Integer, double[]> e : y.entrySet()) {
            if (!s.isYAxisLogarithmic()) {
                String pattern = decimalPattern(lower(s.getYAxisMin(), e.getValue()[0]), upper(s.getYAxisMax(), e.getValue()[1]));
                if (e.getKey() == 0) {
                    s.setYAxisDecimalPattern(pattern);
                }
                s.putYAxisGroupDecimalPatternMap(e.getKey(), pattern);
            }
        }
        return chart;
    }

    /**
     * Styles a bar chart: fonts, tick density, the value axis' label pattern from the data, no legend
     * for a single series (the axis title says what the bars are).
     *
     * @param chart a chart with its series added
     * @return the same chart
     */
    public static CategoryChart paper(CategoryChart chart) {
        common(chart, chart.getStyler());
        AxesChartStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendVisible(chart.getSeriesMap().size() > 1);
        double[] y = {0, Double.NEGATIVE_INFINITY};
        chart.getSeriesMap().values().forEach(series -> series.getYData().forEach(v -> {
            if (v != null) {
                extend(y, new double[] {v.doubleValue()});
            }
        }));
        s.setYAxisDecimalPattern(decimalPattern(y[0], y[1]));
        return chart;
    }

    private static void common(Chart<?, ?> chart, AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartFontColor(Color.BLACK);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setLegendFont(TICK_FONT);
        s.setLegendBorderColor(Color.WHITE);
        s.setAnnotationTextFont(TICK_FONT);
        s.setAnnotationTextPanelFont(TICK_FONT);
        s.setChartPadding(12);
        // XChart rounds the hinted step to 1, 2 or 5 x 10^n, which can shrink it by up to 1/1.75: hinting
        // at most 4 intervals over (an upper bound of) the plot's extent keeps it at MAX_TICKS ticks or fewer
        s.setXAxisTickMarkSpacingHint(Math.max(60, (int) (0.92 * (chart.getWidth() - 80) / 4)));
        s.setYAxisTickMarkSpacingHint(Math.max(40, (int) (0.92 * (chart.getHeight() - 90) / 4)));
    }

    private static double decadeBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v) + 1e-12));
    }

    private static double decadeAbove(double v) {
        double up = Math.pow(10, Math.ceil(Math.log10(v) - 1e-12));
        return up <= decadeBelow(v) ? up * 10 : up;
    }

    private static double lower(Double set, double data) {
        return set != null ? set : data;
    }

    private static double upper(Double set, double data) {
        return set != null ? set : data;
    }

    private static void extend(double[] range, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
    }

    /**
     * A {@link java.text.DecimalFormat} pattern for the ticks of an axis spanning [min, max] with at
     * most {@link #MAX_TICKS} ticks: scientific with up to three significant digits ({@code 0.##E0})
     * when the largest magnitude is below 10⁻⁴ or at least 10⁵ (so an axis from 0 to 4·10⁻⁴ reads
     * 0, 0.0001 … rather than 0E0, 1E-4 …), else fixed with as many decimals as
     * the tick step needs ({@code 0.##}). Optional digits ({@code #}) keep labels short.
     *
     * @param min the axis minimum
     * @param max the axis maximum
     * @return the pattern
     */
    public static String decimalPattern(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return "0.##";
        }
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        double span = max - min;
        if (!(span > 0)) {
            span = magnitude > 0 ? magnitude : 1;
        }
        double step = niceStep(span / (MAX_TICKS - 2));
        if (magnitude == 0) {
            return "0.##";
        }
        int stepExponent = (int) Math.floor(Math.log10(step) + 1e-9);
        if (magnitude < 1e-4 || magnitude >= 1e5) {
            int magnitudeExponent = (int) Math.floor(Math.log10(magnitude) + 1e-9);
            int mantissaDecimals = Math.max(1, Math.min(3, magnitudeExponent - stepExponent + 1));
            return "0." + "#".repeat(mantissaDecimals) + "E0";
        }
        int decimals = Math.max(0, Math.min(6, -stepExponent + 1));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }

    /** The tick step 1, 2, 2.5 or 5 × 10ⁿ nearest above {@code raw}. */
    static double niceStep(double raw) {
        double exponent = Math.floor(Math.log10(raw));
        double unit = Math.pow(10, exponent);
        double f = raw / unit;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * unit;
    }

    /**
     * Up to {@code count} + 1 round tick values covering [min, max] (1, 2, 2.5 or 5 × 10ⁿ apart).
     *
     * @param min   lower end
     * @param max   upper end, &gt; min
     * @param count the most intervals wanted
     * @return tick values inside [min, max], ascending
     */
    static double[] niceTicks(double min, double max, int count) {
        double step = niceStep((max - min) / count);
        double first = Math.ceil(min / step - 1e-9) * step;
        int n = (int) Math.floor((max - first) / step + 1e-9) + 1;
        double[] ticks = new double[Math.max(0, n)];
        for (int i = 0; i < ticks.length; i++) {
            double v = first + i * step;
            ticks[i] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return ticks;
    }

    /**
     * A number in at most {@link #MAX_LABEL_CHARS} characters with three significant digits: fixed
     * for magnitudes 0.01–10⁴, scientific ({@code 4.2E-5}) outside, trailing zeros dropped.
     *
     * @param v the number
     * @return the label
     */
    public static String label(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        String s;
        if (a < 1e-2 || a >= 1e4) {
            s = String.format(Locale.ROOT, "%.2E", v);
            int e = s.indexOf('E');
            String mantissa = trimZeros(s.substring(0, e));
            int exponent = Integer.parseInt(s.substring(e + 1));
            s = mantissa + "E" + exponent;
        } else {
            int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
            s = trimZeros(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
        return s;
    }

    /**
     * Like {@link #label(double)} with as many digits as needed to tell values {@code step} apart.
     */
    static String label(double v, double step) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        int digits = 3;
        if (step > 0) {
            digits = Math.max(1, Math.min(5, (int) Math.floor(Math.log10(a) + 1e-9) - (int) Math.floor(Math.log10(step) + 1e-9) + 1));
        }
        if (a < 1e-2 || a >= 1e4) {
            String s = String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "E", v);
            int e = s.indexOf('E');
            return trimZeros(s.substring(0, e)) + "E" + Integer.parseInt(s.substring(e + 1));
        }
        int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(a) + 1e-9));
        return trimZeros(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
