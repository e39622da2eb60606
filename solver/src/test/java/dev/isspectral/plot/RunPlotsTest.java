package dev.isspectral.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Run;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Until;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class RunPlotsTest {

    private static Run run;

    @BeforeAll
    static void runASoundWave() {
        run = Simulation.builder().grid("6x8x4x4").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(0.1)).build().run(Until.steps(6));
    }

    @Test
    void historyPlotsEachColumnAgainstTheRecordedTimes() {
        XYChart chart = RunPlots.history(run, Run.MAX_SPEED, Run.MIN_ENERGY_DENSITY);
        XYSeries speed = chart.getSeriesMap().get(Run.MAX_SPEED);
        assertArrayEquals(run.history().numberColumn(Run.TIME).asDoubleArray(), speed.getXData());
        assertArrayEquals(run.history().numberColumn(Run.MAX_SPEED).asDoubleArray(), speed.getYData());
        assertEquals(0.0, speed.getYData()[0], "a sound wave starts at rest");
        assertTrue(speed.getYData()[6] > 1e-3, "and the pressure gradient sets it moving");
        assertEquals(2, chart.getSeriesMap().keySet().stream().filter(k -> !k.equals(ChartStyle.TICK_HELPER)).count(),
                "two data series (besides ChartStyle's invisible tick helper)");
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        assertTrue(image.getWidth() > 100);
    }

    @Test
    void relativeChangeIsTheDriftFromTheFirstValueInUnitsOfMachineEpsilon() {
        double[] energy = run.history().numberColumn(Run.MAX_ENERGY_DENSITY).asDoubleArray();
        XYChart chart = RunPlots.relativeChange(run, Run.MAX_ENERGY_DENSITY);
        double[] y = chart.getSeriesMap().get(Run.MAX_ENERGY_DENSITY).getYData();
        assertEquals(0.0, y[0]);
        for (int i = 1; i < y.length; i++) {
            assertEquals((energy[i] - energy[0]) / energy[0] / 2.220446049250313e-16, y[i], 1e-6 * Math.abs(y[i]));
        }
        assertTrue(y[6] * 2.220446049250313e-16 < -1e-4, "the crest of the wave falls as it starts to move: " + y[6]);
    }

    @Test
    void unknownOrZeroStartColumnsAreRejectedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RunPlots.history(run, "total_energi"));
        assertTrue(unknown.getMessage().contains("\"total_energi\"") && unknown.getMessage().contains(Run.TOTAL_ENERGY),
                unknown.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> RunPlots.relativeChange(run, Run.MOMENTUM_X));
        assertTrue(zero.getMessage().contains("starts at 0.0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunPlots.history(run));
    }

    @Test
    void historyRefusesNullsAndARepeatedColumnByName() {
        assertEquals("columns = [max_speed, max_speed]; each column at most once", assertThrows(IllegalArgumentException.class,
                () -> RunPlots.history(run, Run.MAX_SPEED, Run.MAX_SPEED)).getMessage());
        assertEquals("run = null; must be a Run",
                assertThrows(IllegalArgumentException.class, () -> RunPlots.history(null, Run.MAX_SPEED)).getMessage());
        assertEquals("run = null; must be a Run",
                assertThrows(IllegalArgumentException.class, () -> RunPlots.relativeChange(null, Run.TOTAL_ENERGY)).getMessage());
        assertEquals("columns = null; name at least one of " + run.history().columnNames(),
                assertThrows(IllegalArgumentException.class, () -> RunPlots.history(run, (String[]) null)).getMessage());
        assertEquals("column = null; must be a numeric history column: " + run.history().columnNames(),
                assertThrows(IllegalArgumentException.class, () -> RunPlots.history(run, Run.MAX_SPEED, null)).getMessage());
    }
}
