package dev.isspectral.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The legend goes in a row below the plot only where all of it fits; else in a column to the right, uncut. */
class ChartStyleLegendTest {

    private static XYChart chart(int width, String... names) {
        XYChart chart = new XYChartBuilder().width(width).height(400).build();
        for (String name : names) {
            chart.addSeries(name, new double[] {0.01, 0.02}, new double[] {1e-6, 4e-6});
        }
        return ChartStyle.paper(chart);
    }

    @Test
    void shortLegendsGoBelowInARow() {
        XYChart c = chart(760, "a", "b", "c", "d");
        assertEquals(Styler.LegendPosition.OutsideS, c.getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Horizontal, c.getStyler().getLegendLayout());
    }

    @Test
    void fourLongLabelsWiderThanTheChartGoToTheRight() {
        // notebook 06's temporal-convergence chart: in a row its last label was cut off at 760 px
        String[] names = {"ARS T00 (slope 2.04)", "ARS pi_xx (slope 2.05)", "SSP-RK3 T00 (slope 3.01)", "SSP-RK3 pi_xx (slope 3.05)"};
        XYChart narrow = chart(760, names);
        assertEquals(Styler.LegendPosition.OutsideE, narrow.getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Vertical, narrow.getStyler().getLegendLayout());
        assertEquals(Styler.LegendPosition.OutsideS, chart(1400, names).getStyler().getLegendPosition(), "a wide chart has room");
    }

    @Test
    void moreThanFourEntriesGoToTheRightHoweverShort() {
        assertEquals(Styler.LegendPosition.OutsideE, chart(1400, "a", "b", "c", "d", "e").getStyler().getLegendPosition());
    }
}
