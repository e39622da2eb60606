package dev.isspectral.plot;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Compare;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import dev.isspectral.profile.Scaling;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.validate.Validation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every plot builds headless, has its series with finite data and sane axes, and draws. */
class PlotsTest {

    private static Simulation sim;
    private static Profile profile;

    @BeforeAll
    static void profileASmallCase() {
        sim = Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
        profile = Profiler.of(sim).warmup(1).steps(2).largeAllocations(0).run();
    }

    /** Draws the chart to an image: XChart's own check that axes and series are consistent. */
    private static void draws(Chart<?, ?> chart) {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    }

    /** Series that carry data (not the invisible tick helper of ChartStyle). */
    private static long drawn(XYChart chart) {
        return chart.getSeriesMap().keySet().stream().filter(k -> !k.equals(ChartStyle.TICK_HELPER)).count();
    }

    private static void finite(XYSeries s) {
        for (double v : s.getXData()) {
            assertTrue(Double.isFinite(v), s.getName());
        }
        for (double v : s.getYData()) {
            assertTrue(Double.isFinite(v), s.getName());
        }
    }

    @Test
    void breakdownHasOneBarPerMajorSpan() {
        CategoryChart c = ProfilePlots.breakdown(profile);
        CategorySeries s = c.getSeriesMap().values().iterator().next();
        assertEquals(profile.breakdown().rowCount(), s.getXData().size());
        assertEquals("mean ms per step, nested spans included", c.getYAxisTitle());
        // the first bar is the whole step: its time per step, not the remainder outside its stages
        double step = profile.breakdown().doubleColumn(Columns.TOTAL_MS).get(0) / profile.stepCount();
        assertEquals(step, s.getYData().iterator().next().doubleValue(), 1e-9 * step);
        draws(c);
    }

    @Test
    void icicleHasOneBoxPerSpanNestedInItsParent() {
        XYChart c = ProfilePlots.hierarchy(profile);
        Table h = profile.hierarchy();
        long operations = h.stringColumn("span").asList().stream().map(x -> x.substring(x.lastIndexOf('/') + 1)).distinct().count();
        assertEquals(h.rowCount() + operations, c.getSeriesMap().keySet().stream().filter(k -> !k.equals(ChartStyle.TICK_HELPER)).count(),
                "one box per span, one legend entry per operation");
        assertTrue(c.getSeriesMap().containsKey(ProfilePlots.LEGEND_PREFIX + "step"));
        assertFalse(c.getSeriesMap().get("step").isShowInLegend(), "boxes stay out of the legend");
        XYSeries step = c.getSeriesMap().get("step");
        XYSeries stage1 = c.getSeriesMap().get("step/stage1");
        XYSeries stage2 = c.getSeriesMap().get("step/stage2");
        finite(step);
        // the step box spans [0, ms per step] on the top row; its children follow each other inside it
        double stepMs = h.doubleColumn("total_ms").get(h.stringColumn("span").indexOf("step")) / profile.stepCount();
        assertEquals(stepMs, step.getXMax() - step.getXMin(), 1e-9);
        assertEquals(0.0, stage1.getXMin(), 0.0);
        assertEquals(stage1.getXMax(), stage2.getXMin(), 1e-12);
        assertTrue(stage2.getXMax() <= step.getXMax() + 1e-12);
        assertTrue(stage1.getYMax() < step.getYMin(), "children are drawn below their parent");
        draws(c);
    }

    @Test
    void allocationAndLargeAllocationBars() {
        draws(ProfilePlots.allocations(profile));
        CategoryChart large = ProfilePlots.largeAllocations(profile); // none recorded: a placeholder bar
        assertEquals(1, large.getSeriesMap().size());
        draws(large);
    }

    @Test
    void stepsShowTimeOnTheLeftAndMemoryOnTheRight() {
        XYChart c = ProfilePlots.steps(profile);
        assertEquals(List.of("wall ms", "allocated MiB", "peak heap MiB", "heap in use MiB"),
                c.getSeriesMap().keySet().stream().filter(k -> !k.equals(ChartStyle.TICK_HELPER)).toList());
        assertEquals(0, c.getSeriesMap().get("wall ms").getYAxisGroup());
        assertEquals(1, c.getSeriesMap().get("peak heap MiB").getYAxisGroup());
        assertTrue(c.getSeriesMap().get("peak heap MiB").getYMin() > 0);
        assertEquals(2, c.getSeriesMap().get("wall ms").getXData().length);
        draws(c);
    }

    @Test
    void fftThroughputBarsAndScalingCharts() {
        draws(ProfilePlots.fftThroughput(profile));
        Scaling.Result scaling = Scaling.of(sim).grids("2x8x8x4", "2x8x8x8", "2x16x8x8").warmup(1)
                .budget(java.time.Duration.ofMillis(600)).run();
        XYChart s = ProfilePlots.scaling(scaling);
        assertTrue(s.getStyler().isXAxisLogarithmic() && s.getStyler().isYAxisLogarithmic());
        assertEquals(3, drawn(s));
        XYSeries fit = s.getSeriesMap().values().stream().filter(x -> x.getName().startsWith("fit: N^")).findFirst().orElseThrow();
        finite(fit);
        XYSeries reference = s.getSeriesMap().get("N log N reference");
        // through the first point, growing as N log N: 1024 points against 256 -> 4 * log(1024)/log(256) = 5
        double[] y = reference.getYData();
        assertEquals(5.0, y[2] / y[0], 1e-9);
        assertEquals(scaling.table().doubleColumn(Scaling.Result.SECONDS_MEDIAN).get(0), y[0], 1e-15);
        draws(s);
        XYChart f = ProfilePlots.fftThroughputVsSize(scaling);
        assertTrue(f.getSeriesMap().containsKey("forward") && f.getSeriesMap().containsKey("inverse"));
        assertEquals(3, f.getSeriesMap().get("forward").getXData().length);
        assertEquals(256.0, f.getSeriesMap().get("forward").getXData()[0], 0.0);
        draws(f);
    }

    @Test
    void comparisonHasOneBarPerSetting() {
        Compare.Result r = Compare.of(sim, Simulation.builder().grid("2x8x8x8").eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08)).initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3))
                .tuning(Tuning.baseline()).build()).warmup(1).steps(2).budget(java.time.Duration.ofMillis(600)).measure();
        CategoryChart c = ProfilePlots.comparison(r);
        assertEquals(2, c.getSeriesMap().values().iterator().next().getXData().size());
        assertEquals(1.0, r.ratio(0), 0.0);
        assertTrue(r.toHtml().contains("ratio_to_first"));
        draws(c);
    }

    @Test
    void sliceHeatMapCoversThePlane() {
        Solver solver = sim.start();
        HeatMap c = FieldPlots.slice(solver, "eps", 2, 0);
        assertTrue(c.colourMax() > c.colourMin(), "the wave varies along x");
        // ε = 1 + 1e-3 cos x: the colour bar spans the data, about 1 ± 1e-3
        assertEquals(1 + 1e-3, c.colourMax(), 1e-4);
        assertEquals(1 - 1e-3, c.colourMin(), 1e-4);
        // the box is 2π square: the plot is square, ticks run 0 .. about 6
        assertEquals(c.xTickLabels(), c.yTickLabels());
        assertEquals("0", c.xTickLabels().get(0));
        // a signed field gets a colour bar symmetric about zero
        solver.advance(1);
        HeatMap v = FieldPlots.slice(solver, "vx", 2, 0);
        assertEquals(-v.colourMin(), v.colourMax(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> HeatMap.of(new double[][] {{1, Double.NaN}}, 1, 1, "t", "x", "y", "v"));
    }

    @Test
    void energySpectrumPeaksAtTheExcitedMode() {
        Solver solver = sim.start();
        solver.advance(2); // the standing wave starts at rest
        XYChart c = FieldPlots.energySpectrum(solver);
        assertTrue(c.getStyler().isXAxisLogarithmic(), "log |k|; the energy axis is log10 E on a linear scale");
        XYSeries e = c.getSeriesMap().get("E(k)");
        finite(e);
        int peak = 0;
        for (int i = 1; i < e.getYData().length; i++) {
            if (e.getYData()[i] > e.getYData()[peak]) {
                peak = i;
            }
        }
        assertEquals(1.0, e.getXData()[peak], 1e-12, "mode (1,0,0) in a 2π box has |k| = 1");
        draws(c);
    }

    @Test
    void dispersionShowsAnalyticLinesAndSimulatedMarkers() {
        Table t = Table.create("sound", StringColumn.create(Validation.CHANNEL, "sound", "sound"),
                IntColumn.create(Validation.MODE, 2, 1), DoubleColumn.create(Validation.K, 2.0, 1.0),
                DoubleColumn.create(Validation.OMEGA_EXACT, 1.1, 0.57), DoubleColumn.create(Validation.OMEGA_SIMULATED, 1.09, 0.571),
                DoubleColumn.create(Validation.GAMMA_EXACT, 0.08, 0.02), DoubleColumn.create(Validation.GAMMA_SIMULATED, 0.081, 0.0199));
        XYChart c = FieldPlots.dispersion(t);
        assertEquals(4, drawn(c));
        XYSeries omega = c.getSeriesMap().get("sound ω analytic");
        assertEquals(1.0, omega.getXData()[0], 0.0, "sorted by k");
        assertEquals(0.57, omega.getYData()[0], 0.0);
        assertEquals(1, c.getSeriesMap().get("sound γ simulated").getYAxisGroup());
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getSeriesMap().get("sound ω simulated").getXYSeriesRenderStyle());
        draws(c);
        // with the linear theory: exact curves on a fine grid of k, the ideal-fluid line, one colour per quantity
        dev.isspectral.validate.LinearModes modes = dev.isspectral.validate.LinearModes.of(1.0 / 3, 0.08, 5, 0, 0);
        XYChart fine = FieldPlots.dispersion(t, modes);
        XYSeries curve = fine.getSeriesMap().get("sound ω exact");
        assertEquals(160, curve.getXData().length);
        double k = curve.getXData()[80];
        assertEquals(Math.abs(modes.soundRoot(k).im()), curve.getYData()[80], 1e-12);
        assertEquals(curve.getLineColor(), fine.getSeriesMap().get("sound ω simulated").getMarkerColor());
        assertEquals(Math.sqrt(1.0 / 3), fine.getSeriesMap().get("ω = c_s k (ideal fluid)").getYData()[1]
                / fine.getSeriesMap().get("ω = c_s k (ideal fluid)").getXData()[1], 1e-12);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FieldPlots.dispersion(Table.create("x")));
        assertFalse(e.getMessage().isEmpty());
    }

    private static Table validation(String... channels) {
        int n = channels.length;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = i + 1;
        }
        return Table.create("v", StringColumn.create(Validation.CHANNEL, channels), DoubleColumn.create(Validation.K, k),
                DoubleColumn.create(Validation.OMEGA_EXACT, k), DoubleColumn.create(Validation.OMEGA_SIMULATED, k),
                DoubleColumn.create(Validation.GAMMA_EXACT, k), DoubleColumn.create(Validation.GAMMA_SIMULATED, k));
    }

    @Test
    void dispersionRefusesAChannelItHasNoRootFor() {
        dev.isspectral.validate.LinearModes modes = dev.isspectral.validate.LinearModes.of(1.0 / 3, 0.08, 5, 0, 0);
        assertEquals("channel = \"bulk\" in row 3; must be \"sound\" or \"shear\"", assertThrows(
                IllegalArgumentException.class, () -> FieldPlots.dispersion(validation("sound", "sound", "shear", "bulk"), modes)).getMessage());
        assertEquals("channel = \"Sound\" in row 0; must be \"sound\" or \"shear\"", assertThrows(
                IllegalArgumentException.class, () -> FieldPlots.dispersion(validation("Sound"), modes)).getMessage());
        assertEquals("validation = null; must be a Validation.run() table", assertThrows(
                IllegalArgumentException.class, () -> FieldPlots.dispersion(null, modes)).getMessage());
    }

    @Test
    void dispersionReadsNumbersWhateverTheirColumnType() {
        Table t = validation("sound", "shear");
        t.replaceColumn(Validation.K, IntColumn.create(Validation.K, 2, 1));
        t.replaceColumn(Validation.OMEGA_SIMULATED, IntColumn.create(Validation.OMEGA_SIMULATED, 5, 7));
        XYChart c = FieldPlots.dispersion(t);
        assertEquals(2.0, c.getSeriesMap().get("sound ω simulated").getXData()[0], 0.0);
        assertEquals(5.0, c.getSeriesMap().get("sound ω simulated").getYData()[0], 0.0);
        t.replaceColumn(Validation.GAMMA_EXACT, StringColumn.create(Validation.GAMMA_EXACT, "a", "b"));
        assertEquals("validation column \"gamma_exact\" is STRING; must be numeric (a Validation.run() table)",
                assertThrows(IllegalArgumentException.class, () -> FieldPlots.dispersion(t)).getMessage());
    }
}
