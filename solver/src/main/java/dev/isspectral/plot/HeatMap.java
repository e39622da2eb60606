package dev.isspectral.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A heat map of a 2-D array drawn for a paper: cells in physical coordinates with the true aspect
 * ratio of the plane, at most six ticks per axis with short labels, axis titles, and a colour bar
 * with a few round ticks. A field that changes sign gets a diverging blue–white–red map centred on
 * zero; any other a sequential (viridis-like) map.
 *
 * <p>It is an image ({@link BufferedImage}), so a notebook shows it as a PNG on any kernel; the tick
 * labels it drew are kept ({@link #xTickLabels()}, {@link #yTickLabels()}, {@link #colourTickLabels()})
 * for tests. Built by {@link FieldPlots#slice}; or {@link #of} for any array.
 */
public final class HeatMap extends BufferedImage {

    private static final int MAX_AXIS_TICKS = 6;
    private static final int PLOT_LONG_SIDE = 480;
    private static final int PLOT_SHORT_MIN = 160;
    private static final int LEFT = 80;
    private static final int TOP = 48;
    private static final int BOTTOM = 64;
    private static final int BAR_GAP = 24;
    private static final int BAR_WIDTH = 20;
    private static final int RIGHT = 150;
    /** Viridis anchors, evenly spaced: perceptually uniform and readable in grey. */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
        0x6ece58, 0xb5de2b, 0xfde725};
    private static final int[] DIVERGING = {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582,
        0xd6604d, 0xb2182b};

    private final String title;
    private final List<String> xTicks = new ArrayList<>();
    private final List<String> yTicks = new ArrayList<>();
    private final List<String> colourTicks = new ArrayList<>();
    private final double min;
    private final double max;

    private HeatMap(int width, int height, String title, double min, double max) {
        super(width, height, BufferedImage.TYPE_INT_RGB);
        this.title = title;
        this.min = min;
        this.max = max;
    }

    /**
     * Draws {@code values[i][j]} with {@code i} along the horizontal axis and {@code j} along the
     * vertical, value (i, j) at (i·lengthX/nI, j·lengthY/nJ), each cell centred on its point.
     *
     * @param values      the array, rectangular, at least 1×1, finite
     * @param lengthX     extent of the horizontal axis (the box side), &gt; 0
     * @param lengthY     extent of the vertical axis, &gt; 0
     * @param title       the chart title
     * @param xTitle      horizontal axis title, with its unit
     * @param yTitle      vertical axis title, with its unit
     * @param valueTitle  the colour bar's title, with its unit
     * @return the drawn heat map
     * @throws IllegalArgumentException for a null, empty, ragged or non-finite array (naming the row or the
     *         element), a non-positive length, or a null title
     */
    public static HeatMap of(double[][] values, double lengthX, double lengthY, String title, String xTitle,
                             String yTitle, String valueTitle) {
        if (values == null) {
            throw new IllegalArgumentException("values = null; must be a rectangular array of finite numbers, at least 1x1");
        }
        if (values.length > 0 && values[0] == null) {
            throw new IllegalArgumentException("values[0] = null; must be a row of finite numbers");
        }
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("values is empty; must be at least 1x1");
        }
        if (!(lengthX > 0) || !(lengthY > 0) || Double.isInfinite(lengthX) || Double.isInfinite(lengthY)) {
            throw new IllegalArgumentException("lengthX = " + lengthX + ", lengthY = " + lengthY + "; must be finite and > 0");
        }
        String[] titles = {title, xTitle, yTitle, valueTitle};
        String[] titleNames = {"title", "xTitle", "yTitle", "valueTitle"};
        for (int t = 0; t < titles.length; t++) {
            if (titles[t] == null) {
                throw new IllegalArgumentException(titleNames[t] + " = null; must be text");
            }
        }
        int ni = values.length;
        int nj = values[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ni; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("values[" + i + "] = null; must be a row of " + nj + " finite numbers");
            }
            if (values[i].length != nj) {
                throw new IllegalArgumentException("values[" + i + "].length = " + values[i].length + "; must be " + nj + " (rectangular)");
            }
            for (int j = 0; j < nj; j++) {
                double v = values[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("values[" + i + "][" + j + "] = " + v + "; must be finite");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        boolean diverging = lo < 0 && hi > 0;
        if (diverging) {
            double m = Math.max(-lo, hi);
            lo = -m;
            hi = m;
        }
        if (hi - lo <= 1e-12 * Math.max(Math.abs(hi), Math.abs(lo)) || hi == lo) {
            double pad = hi == 0 ? 1 : Math.abs(hi) * 1e-3;
            lo -= pad;
            hi += pad;
        }
        // the plot area has the plane's aspect ratio, its long side PLOT_LONG_SIDE pixels
        int plotW;
        int plotH;
        if (lengthX >= lengthY) {
            plotW = PLOT_LONG_SIDE;
            plotH = (int) Math.max(PLOT_SHORT_MIN, Math.round(PLOT_LONG_SIDE * lengthY / lengthX));
        } else {
            plotH = PLOT_LONG_SIDE;
            plotW = (int) Math.max(PLOT_SHORT_MIN, Math.round(PLOT_LONG_SIDE * lengthX / lengthY));
        }
        HeatMap map = new HeatMap(LEFT + plotW + BAR_GAP + BAR_WIDTH + RIGHT, TOP + plotH + BOTTOM, title, lo, hi);
        map.draw(values, lengthX, lengthY, plotW, plotH, diverging, xTitle, yTitle, valueTitle);
        return map;
    }

    private void draw(double[][] values, double lengthX, double lengthY, int plotW, int plotH, boolean diverging,
                      String xTitle, String yTitle, String valueTitle) {
        Graphics2D g = createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, getWidth(), getHeight());
            int ni = values.length;
            int nj = values[0].length;
            double dx = lengthX / ni;
            double dy = lengthY / nj;
            // axis range: cell-centred, [-dx/2, L - dx/2]
            double x0 = -dx / 2;
            double y0 = -dy / 2;
            for (int i = 0; i < ni; i++) {
                int left = LEFT + (int) Math.round((double) i / ni * plotW);
                int right = LEFT + (int) Math.round((double) (i + 1) / ni * plotW);
                for (int j = 0; j < nj; j++) {
                    int bottom = TOP + plotH - (int) Math.round((double) j / nj * plotH);
                    int top = TOP + plotH - (int) Math.round((double) (j + 1) / nj * plotH);
                    g.setColor(colour((values[i][j] - min) / (max - min), diverging));
                    g.fillRect(left, top, right - left, bottom - top);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, TOP, plotW, plotH);
            Font tickFont = ChartStyle.TICK_FONT;
            g.setFont(tickFont);
            FontMetrics fm = g.getFontMetrics();
            // x ticks
            double[] xt = ChartStyle.niceTicks(x0, x0 + lengthX, MAX_AXIS_TICKS - 1);
            double xStep = xt.length > 1 ? xt[1] - xt[0] : lengthX;
            for (double v : xt) {
                int px = LEFT + (int) Math.round((v - x0) / lengthX * plotW);
                g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
                String s = ChartStyle.label(v, xStep);
                xTicks.add(s);
                g.drawString(s, px - fm.stringWidth(s) / 2, TOP + plotH + 7 + fm.getAscent());
            }
            double[] yt = ChartStyle.niceTicks(y0, y0 + lengthY, MAX_AXIS_TICKS - 1);
            double yStep = yt.length > 1 ? yt[1] - yt[0] : lengthY;
            for (double v : yt) {
                int py = TOP + plotH - (int) Math.round((v - y0) / lengthY * plotH);
                g.drawLine(LEFT - 5, py, LEFT, py);
                String s = ChartStyle.label(v, yStep);
                yTicks.add(s);
                g.drawString(s, LEFT - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
            }
            // colour bar
            int barX = LEFT + plotW + BAR_GAP;
            for (int p = 0; p < plotH; p++) {
                g.setColor(colour(1 - (p + 0.5) / plotH, diverging));
                g.fillRect(barX, TOP + p, BAR_WIDTH, 1);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(barX, TOP, BAR_WIDTH, plotH);
            double[] ct = ChartStyle.niceTicks(min, max, 4);
            double cStep = ct.length > 1 ? ct[1] - ct[0] : max - min;
            int labelWidth = 0;
            for (double v : ct) {
                int py = TOP + plotH - (int) Math.round((v - min) / (max - min) * plotH);
                g.drawLine(barX + BAR_WIDTH, py, barX + BAR_WIDTH + 5, py);
                String s = ChartStyle.label(v, cStep);
                colourTicks.add(s);
                labelWidth = Math.max(labelWidth, fm.stringWidth(s));
                g.drawString(s, barX + BAR_WIDTH + 8, py + fm.getAscent() / 2 - 1);
            }
            // titles
            g.setFont(ChartStyle.AXIS_TITLE_FONT);
            FontMetrics tm = g.getFontMetrics();
            g.drawString(xTitle, LEFT + plotW / 2 - tm.stringWidth(xTitle) / 2, TOP + plotH + 30 + tm.getAscent());
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yTitle, -(TOP + plotH / 2) - tm.stringWidth(yTitle) / 2, 22);
            g.drawString(valueTitle, -(TOP + plotH / 2) - tm.stringWidth(valueTitle) / 2,
                    barX + BAR_WIDTH + 14 + labelWidth + tm.getAscent());
            g.setTransform(saved);
            g.setFont(ChartStyle.TITLE_FONT);
            FontMetrics hm = g.getFontMetrics();
            g.drawString(title, Math.max(4, getWidth() / 2 - hm.stringWidth(title) / 2), 12 + hm.getAscent());
        } finally {
            g.dispose();
        }
    }

    /** Colour of a value at fraction {@code f} ∈ [0, 1] of the colour bar. */
    private static Color colour(double f, boolean diverging) {
        int[] anchors = diverging ? DIVERGING : VIRIDIS;
        double x = Math.max(0, Math.min(1, f)) * (anchors.length - 1);
        int k = Math.min(anchors.length - 2, (int) Math.floor(x));
        double t = x - k;
        int a = anchors[k];
        int b = anchors[k + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
        int gr = (int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
        int bl = (int) Math.round((a & 255) * (1 - t) + (b & 255) * t);
        return new Color(r, gr, bl);
    }

    /** @return the title drawn at the top */
    public String title() {
        return title;
    }

    /** @return the labels of the horizontal axis' ticks, left to right */
    public List<String> xTickLabels() {
        return List.copyOf(xTicks);
    }

    /** @return the labels of the vertical axis' ticks, bottom to top */
    public List<String> yTickLabels() {
        return List.copyOf(yTicks);
    }

    /** @return the labels of the colour bar's ticks, bottom to top */
    public List<String> colourTickLabels() {
        return List.copyOf(colourTicks);
    }

    /** @return the value at the bottom of the colour bar */
    public double colourMin() {
        return min;
    }

    /** @return the value at the top of the colour bar */
    public double colourMax() {
        return max;
    }

    @Override
    public String toString() {
        return "HeatMap \"" + title + "\" " + getWidth() + "x" + getHeight();
    }
}
