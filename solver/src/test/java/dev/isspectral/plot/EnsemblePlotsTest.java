package dev.isspectral.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EnsemblePlotsTest {

    private static Table results() {
        return Table.create("scan", DoubleColumn.create("eta_over_s", 0.1, 0.1, 0.2, 0.2),
                DoubleColumn.create("k", 1, 2, 1, 2), DoubleColumn.create("gamma", 0.05, 0.2, 0.1, Double.NaN),
                StringColumn.create("status", "ok", "ok", "ok", "failed"));
    }

    @Test
    void oneExactLineAndOneMarkerSeriesPerValueInTheSameColour() {
        XYChart chart = EnsemblePlots.dispersion("Γ(k)", results(), "gamma", "eta_over_s", (eta, k) -> eta * k * k);
        assertEquals(4, chart.getSeriesMap().keySet().stream().filter(s -> !s.equals(ChartStyle.TICK_HELPER)).count(),
                chart.getSeriesMap().keySet().toString());
        var dots = chart.getSeriesMap().get("η/s = 0.2: simulated");
        assertEquals(1, dots.getXData().length);   // the failed member is left out
        assertEquals(chart.getSeriesMap().get("η/s = 0.2: exact").getLineColor(), dots.getMarkerColor());
        var line = chart.getSeriesMap().get("η/s = 0.1: exact");
        int last = line.getXData().length - 1;
        assertEquals(0.1 * line.getXData()[last] * line.getXData()[last], line.getYData()[last], 1e-12);
    }

    @Test
    void legendsNameParametersByTheirSymbols() {
        assertEquals("η/s", EnsemblePlots.symbol("eta_over_s"));
        assertEquals("ζ/s", EnsemblePlots.symbol("zeta_over_s"));
        assertEquals("c_s²", EnsemblePlots.symbol("cs2"));
        assertEquals("seed", EnsemblePlots.symbol("seed"));
    }

    @Test
    void aTableWithoutTheColumnsIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EnsemblePlots.dispersion("x", results(), "omega", "eta_over_s", (a, b) -> 0)).getMessage().contains("\"omega\""));
    }

    private static String refusal(Table results, String quantity, String seriesColumn, java.util.function.DoubleBinaryOperator exact) {
        return assertThrows(IllegalArgumentException.class,
                () -> EnsemblePlots.dispersion("x", results, quantity, seriesColumn, exact)).getMessage();
    }

    @Test
    void aTextParameterColumnIsRefusedNotDrawnByItsDictionaryCodes() {
        Table t = results().addColumns(StringColumn.create("grid", "8x8x1x1", "8x8x1x1", "16x8x1x1", "16x8x1x1"));
        assertEquals("seriesColumn = \"grid\"; must be a numeric parameter column of the results: eta_over_s",
                refusal(t, "gamma", "grid", (a, b) -> 0));
        assertEquals("seriesColumn = \"status\"; must be a numeric parameter column of the results: eta_over_s",
                refusal(t, "gamma", "status", (a, b) -> 0));
    }

    @Test
    void nullsAndTextQuantitiesAndMissingSeriesColumnsAreRefusedByName() {
        assertEquals("quantity = null; must be a numeric column such as omega or gamma", refusal(results(), null, "eta_over_s", (a, b) -> 0));
        assertEquals("seriesColumn = null; must be a numeric parameter column of the results: eta_over_s",
                refusal(results(), "gamma", null, (a, b) -> 0));
        assertEquals("exact = null; must be the exact value as a function of (series value, k)", refusal(results(), "gamma", "eta_over_s", null));
        assertEquals("results = null; must be an ensemble table (Ensemble.run())", refusal(null, "gamma", "eta_over_s", (a, b) -> 0));
        int[] calls = {0};
        assertEquals("quantity = \"status\"; must be a numeric column such as omega or gamma",
                refusal(results(), "status", "eta_over_s", (a, b) -> calls[0]++));
        assertEquals(0, calls[0]);   // refused before any exact curve is computed
        Table modes = results().addColumns(IntColumn.create("mode_x", 1, 2, 1, 2));
        assertEquals("seriesColumn = \"mode\"; not a column; parameter columns are [eta_over_s, mode_x]",
                refusal(modes, "gamma", "mode", (a, b) -> 0));
    }

    @Test
    void numbersAreReadWhateverTheirColumnTypeAfterACsvRoundTrip() {
        Table t = Table.create("scan", DoubleColumn.create("eta_over_s", 0.1, 0.2), IntColumn.create("k", 1, 2),
                IntColumn.create("gamma", 3, 4), LongColumn.create("steps", 10, 20), StringColumn.create("status", "ok", "ok"));
        XYChart chart = EnsemblePlots.dispersion("x", t, "gamma", "eta_over_s", (eta, k) -> eta * k);
        assertEquals(2.0, chart.getSeriesMap().get("η/s = 0.2: simulated").getXData()[0]);
        assertEquals(4.0, chart.getSeriesMap().get("η/s = 0.2: simulated").getYData()[0]);
        EnsemblePlots.dispersion("x", t, "steps", "eta_over_s", (eta, k) -> 0);
    }
}
