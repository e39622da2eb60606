package dev.isspectral.profile;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingCompareTest {

    private static Simulation soundWave(Tuning tuning) {
        return Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(tuning).build();
    }

    @Test
    void scalingHasOneRowPerGridAndAFiniteExponent() {
        Scaling.Result r = Scaling.of(soundWave(Tuning.optimized())).grids("2x8x8x8", "2x16x8x8").warmup(1).run();
        Table t = r.table();
        assertEquals(List.of(Scaling.Result.GRID, Scaling.Result.POINTS, Scaling.Result.SECONDS_MEDIAN,
                Scaling.Result.SECONDS_MIN, Scaling.Result.SECONDS_MAX, Scaling.Result.BYTES_PER_STEP,
                Scaling.Result.PEAK_HEAP), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(1024L, t.longColumn(Scaling.Result.POINTS).get(1));
        assertTrue(Double.isFinite(r.exponentVsN()), r.toString());
        assertTrue(r.operations().rowCount() > 0);
    }

    @Test
    void compareGivesOneRatioOfOneForTheFirstSetting() {
        Table t = Compare.of(soundWave(Tuning.optimized()), soundWave(Tuning.baseline())).warmup(1).steps(2).run();
        assertEquals(List.of(Compare.SETTING, Compare.MEDIAN_MS, Compare.RATIO), t.columnNames());
        assertEquals(1.0, t.doubleColumn(Compare.RATIO).get(0), 0.0);
        assertTrue(t.doubleColumn(Compare.RATIO).get(1) > 0);
    }

    @Test
    void compareNeedsTwoSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.of(soundWave(Tuning.optimized())));
        assertEquals("simulations = 1; must be >= 2 to compare", e.getMessage());
    }
}
