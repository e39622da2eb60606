package dev.isspectral.plot;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Compare;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import dev.isspectral.profile.Scaling;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Run;
import dev.isspectral.sim.Schedule;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.sim.Until;
import dev.isspectral.validate.Validation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders every chart the plot package makes from real (small) results and checks what a reader of
 * the PNG sees: at most {@link ChartStyle#MAX_TICKS} labelled ticks per numeric axis, each label at
 * most {@link ChartStyle#MAX_LABEL_CHARS} characters, titled axes, a legend outside the plot area.
 * A public chart method of FieldPlots, RunPlots or ProfilePlots without a case here fails the test.
 */
class ChartLegibilityTest {

    private static final int MAX_CATEGORY_CHARS = 40;
    private static final Map<String, Supplier<Object>> CHARTS = new LinkedHashMap<>();

    @BeforeAll
    static void buildEveryChart() {
        Simulation sim = Simulation.builder().grid("24x16x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
        Profile profile = Profiler.of(sim).warmup(1).steps(2).largeAllocations(8L * 16 * 8 * 8).run();
        Run run = sim.run(Until.steps(24), Schedule.everyStep(), Observables.energyDensityMode(1, 0, 0));
        Solver solver = run.solver();
        Scaling.Result scaling = Scaling.of(sim).grids("2x8x8x4", "2x8x8x8", "2x16x8x8").warmup(1).run();
        Compare.Result compare = Compare.of(sim, Simulation.builder().grid("2x16x8x8").eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08)).initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3))
                .tuning(Tuning.baseline()).build()).warmup(1).steps(2).measure();
        Table validation = Table.create("validation", StringColumn.create(Validation.CHANNEL, "sound", "sound", "shear", "shear"),
                IntColumn.create(Validation.MODE, 1, 2, 1, 2), DoubleColumn.create(Validation.K, 1.0, 2.0, 1.0, 2.0),
                DoubleColumn.create(Validation.OMEGA_EXACT, 0.577, 1.15, 0, 0),
                DoubleColumn.create(Validation.OMEGA_SIMULATED, 0.5771, 1.1502, 0, 0),
                DoubleColumn.create(Validation.GAMMA_EXACT, 0.0267, 0.104, 0.0834, 0.42),
                DoubleColumn.create(Validation.GAMMA_SIMULATED, 0.02671, 0.1041, 0.0835, 0.4201));
        CHARTS.put("FieldPlots.slice eps", () -> FieldPlots.slice(solver, "eps", 2, 0));
        CHARTS.put("FieldPlots.slice vx", () -> FieldPlots.slice(solver, "vx", 2, 0));
        CHARTS.put("FieldPlots.energySpectrum", () -> FieldPlots.energySpectrum(solver));
        CHARTS.put("FieldPlots.dispersion", () -> FieldPlots.dispersion(validation));
        CHARTS.put("FieldPlots.dispersion with linear theory",
                () -> FieldPlots.dispersion(validation, dev.isspectral.validate.LinearModes.of(1.0 / 3, 0.08, 5, 0, 0)));
        CHARTS.put("RunPlots.history max_speed", () -> RunPlots.history(run, Run.MAX_SPEED));
        CHARTS.put("RunPlots.history two columns", () -> RunPlots.history(run, Run.MIN_ENERGY_DENSITY, Run.MAX_ENERGY_DENSITY));
        CHARTS.put("RunPlots.relativeChange", () -> RunPlots.relativeChange(run, Run.TOTAL_ENERGY));
        CHARTS.put("ProfilePlots.breakdown", () -> ProfilePlots.breakdown(profile));
        CHARTS.put("ProfilePlots.allocations", () -> ProfilePlots.allocations(profile));
        CHARTS.put("ProfilePlots.steps", () -> ProfilePlots.steps(profile));
        CHARTS.put("ProfilePlots.hierarchy", () -> ProfilePlots.hierarchy(profile));
        CHARTS.put("ProfilePlots.largeAllocations", () -> ProfilePlots.largeAllocations(profile));
        CHARTS.put("ProfilePlots.scaling", () -> ProfilePlots.scaling(scaling));
        CHARTS.put("ProfilePlots.fftThroughputVsSize", () -> ProfilePlots.fftThroughputVsSize(scaling));
        CHARTS.put("ProfilePlots.comparison", () -> ProfilePlots.comparison(compare));
        CHARTS.put("ProfilePlots.fftThroughput", () -> ProfilePlots.fftThroughput(profile));
    }

    @Test
    void everyPublicChartMethodIsCovered() {
        Set<String> methods = new TreeSet<>();
        for (Class<?> type : List.of(FieldPlots.class, RunPlots.class, ProfilePlots.class)) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && (Chart.class.isAssignableFrom(m.getReturnType()) || m.getReturnType() == HeatMap.class)) {
                    methods.add(type.getSimpleName() + "." + m.getName());
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        for (String name : CHARTS.keySet()) {
            covered.add(name.split(" ")[0]);
        }
        assertEquals(methods, covered, "every chart the library makes is rendered and checked here");
    }

    @Test
    void everyChartHasFewShortTicksTitledAxesAndALegendOutsideThePlot() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object>> e : CHARTS.entrySet()) {
            Object made = e.getValue().get();
            if (made instanceof HeatMap map) {
                save(e.getKey(), map);
                checkNumeric(e.getKey() + " x", map.xTickLabels(), problems);
                checkNumeric(e.getKey() + " y", map.yTickLabels(), problems);
                checkNumeric(e.getKey() + " colour bar", map.colourTickLabels(), problems);
                if (map.colourTickLabels().size() < 3) {
                    problems.add(e.getKey() + ": colour bar has " + map.colourTickLabels() + "; want at least 3 ticks");
                }
                continue;
            }
            Chart<?, ?> chart = (Chart<?, ?>) made;
            save(e.getKey(), BitmapEncoder.getBufferedImage(chart));   // paints: the ticks are computed
            Map<String, List<String>> axes = tickLabels(chart);
            boolean categories = chart instanceof CategoryChart;
            for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
                if (categories && axis.getKey().equals("x")) {
                    for (String label : axis.getValue()) {
                        if (label.length() > MAX_CATEGORY_CHARS) {
                            problems.add(e.getKey() + ": category label \"" + label + "\" longer than " + MAX_CATEGORY_CHARS);
                        }
                    }
                } else {
                    checkNumeric(e.getKey() + " " + axis.getKey(), axis.getValue(), problems);
                }
            }
            if (chart.getXAxisTitle() == null || chart.getXAxisTitle().isBlank() && !categories) {
                problems.add(e.getKey() + ": x axis has no title");
            }
            if (chart.getYAxisTitle() == null || chart.getYAxisTitle().isBlank()) {
                problems.add(e.getKey() + ": y axis has no title");
            }
            Styler styler = chart.getStyler();
            if (styler.isLegendVisible() && styler.getLegendPosition() != Styler.LegendPosition.OutsideE
                    && styler.getLegendPosition() != Styler.LegendPosition.OutsideS) {
                problems.add(e.getKey() + ": legend at " + styler.getLegendPosition() + " can cover data");
            }
            if (styler.getChartTitleFont().getSize() < 14 || ((AxesChartStyler) styler).getAxisTickLabelsFont().getSize() < 12) {
                problems.add(e.getKey() + ": fonts too small to read at 1400 px");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void checkNumeric(String what, List<String> labels, List<String> problems) {
        List<String> shown = labels.stream().filter(l -> !l.isBlank()).toList();
        if (shown.isEmpty()) {
            problems.add(what + ": no tick labels");
        }
        if (shown.size() > ChartStyle.MAX_TICKS) {
            problems.add(what + ": " + shown.size() + " tick labels " + shown + "; at most " + ChartStyle.MAX_TICKS);
        }
        for (String label : shown) {
            if (label.length() > ChartStyle.MAX_LABEL_CHARS) {
                problems.add(what + ": tick label \"" + label + "\" longer than " + ChartStyle.MAX_LABEL_CHARS + " characters");
            }
        }
        if (new TreeSet<>(shown).size() != shown.size()) {
            problems.add(what + ": repeated tick labels " + shown);
        }
    }

    /** The tick labels XChart computed for each axis of a painted chart: "x", then "y0", "y1" … per y-axis group. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> tickLabels(Chart<?, ?> chart) {
        try {
            Field pairField = Chart.class.getDeclaredField("axisPair");
            pairField.setAccessible(true);
            AxisPair<?, ?> pair = (AxisPair<?, ?>) pairField.get(chart);
            Map<String, List<String>> out = new LinkedHashMap<>();
            out.put("x", visible(pair.getXAxis().getAxisTickCalculator()));
            Field yMapField = AxisPair.class.getDeclaredField("yAxisMap");
            yMapField.setAccessible(true);
            TreeMap<Integer, Axis<?, ?>> yAxes = (TreeMap<Integer, Axis<?, ?>>) yMapField.get(pair);
            for (Map.Entry<Integer, Axis<?, ?>> y : yAxes.entrySet()) {
                if (y.getValue().getAxisTickCalculator() != null) {
                    out.put("y" + y.getKey(), visible(y.getValue().getAxisTickCalculator()));
                }
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("XChart's internals changed: " + e, e);
        }
    }

    /** The labels XChart draws: those of ticks inside the axis (it computes a few beyond its ends too). */
    private static List<String> visible(org.knowm.xchart.internal.chartpart.AxisTickCalculator calculator)
            throws ReflectiveOperationException {
        Field space = Class.forName("org.knowm.xchart.internal.chartpart.AxisTickCalculator_").getDeclaredField("workingSpace");
        space.setAccessible(true);
        double workingSpace = calculator instanceof org.knowm.xchart.internal.chartpart.AxisTickCalculator_
                ? space.getDouble(calculator) : Double.MAX_VALUE;
        List<String> out = new ArrayList<>();
        List<String> labels = calculator.getTickLabels();
        List<Double> locations = calculator.getTickLocations();
        for (int i = 0; i < labels.size(); i++) {
            double at = i < locations.size() ? locations.get(i) : 0;
            if (labels.get(i) != null && at >= -0.5 && at <= workingSpace + 0.5) {
                out.add(labels.get(i));
            }
        }
        return out;
    }

    /** Writes the PNG under target/chart-legibility/ for a person to look at. */
    private static void save(String name, java.awt.image.RenderedImage image) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "chart-legibility");
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(image, "png", dir.resolve(name.replaceAll("[^A-Za-z0-9_.]+", "_") + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void labelsHaveThreeSignificantDigitsAndScientificNotationOutsideTheFixedRange() {
        assertEquals("3.85E-4", ChartStyle.label(0.000385344));
        assertEquals("4.2E-5", ChartStyle.label(4.199952555324245E-5));
        assertEquals("1", ChartStyle.label(1.000560123705079));
        assertEquals("0.1", ChartStyle.label(0.09999999999999999));
        assertEquals("-1.22E-17", ChartStyle.label(-0.00000000000000001223912583532683));
        assertEquals("12.3", ChartStyle.label(12.345));
        assertEquals("1.23E5", ChartStyle.label(123456));
        // with a step: enough digits to tell neighbouring ticks apart
        assertEquals("1.0005", ChartStyle.label(1.0005, 0.0005));
        assertEquals("0.9995", ChartStyle.label(0.9995, 0.0005));
    }

    @Test
    void decimalPatternsKeepTicksShortAndDistinct() {
        assertEquals("0.##E0", ChartStyle.decimalPattern(3.8e-5, 4.3e-5).replace("###", "##"));
        assertEquals("0.#####", ChartStyle.decimalPattern(0, 4e-4), "0 reads 0, not 0E0");
        assertEquals("0.#", ChartStyle.decimalPattern(0, 11));
        assertEquals("0", ChartStyle.decimalPattern(0, 1000));
        assertTrue(ChartStyle.decimalPattern(0, 2e6).endsWith("E0"));
        double[] ticks = ChartStyle.niceTicks(0.999, 1.001, 4);
        assertEquals(5, ticks.length);
        assertEquals(0.9995, ticks[1], 1e-12);
        assertFalse(ChartStyle.niceTicks(-1, 1, 5).length > 6);
    }
}
