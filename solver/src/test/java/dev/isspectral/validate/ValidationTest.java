package dev.isspectral.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@Tag("validation")
class ValidationTest {

    @Test
    void soundDispersionSweepMatchesTheExactRootsAtEveryWaveNumber() {
        Table t = Validation.soundWave().modes(1, 2, 3).run();
        assertEquals(3, t.rowCount());
        assertEquals(0.5875481853, t.doubleColumn(Validation.OMEGA_EXACT).get(0), 1e-9, "case B root");
        for (int r = 0; r < t.rowCount(); r++) {
            assertTrue(t.doubleColumn(Validation.OMEGA_ERROR).get(r) < 1e-3, t.print());
            assertTrue(t.doubleColumn(Validation.GAMMA_ERROR).get(r) < 1e-3, t.print());
            assertTrue(t.doubleColumn(Validation.TRAJECTORY_ERROR).get(r) < 1e-3, t.print());
        }
    }

    @Test
    void shearDispersionSweepMatchesTheExactHydroRoot() {
        Table t = Validation.shearWave().modes(1, 2).run();
        assertEquals(0.0827382470, t.doubleColumn(Validation.GAMMA_EXACT).get(0), 1e-9, "case S2 root");
        for (int r = 0; r < t.rowCount(); r++) {
            assertTrue(t.doubleColumn(Validation.GAMMA_ERROR).get(r) < 1e-3, t.print());
            assertTrue(t.doubleColumn(Validation.TRAJECTORY_ERROR).get(r) < 1e-3, t.print());
        }
    }
}
