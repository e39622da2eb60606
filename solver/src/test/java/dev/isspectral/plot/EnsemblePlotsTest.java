package dev.isspectral.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
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
}
