package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import org.junit.jupiter.api.Test;

/** The backend arguments `bench targets` hands its forks: the tuner's FFTW choice, threads and planner. */
class TargetForksTest {

    @Test
    void theTunersChoiceTravelsAsAnArgument() {
        assertEquals("fftw:1", TargetForks.argument("fftw", TargetForks.tunedFftw(1)));
        assertEquals("fftw:2:patient", TargetForks.argument("fftw", TargetForks.tunedFftwPatient(2)));
        assertEquals(FftSettings.Rigour.PATIENT, TargetForks.tunedFftwPatient(2).rigour());
        assertEquals(2, TargetForks.tunedFftwPatient(2).threads());
        assertEquals(FftSettings.Rigour.MEASURE, TargetForks.tunedFftw(2).rigour());
        assertEquals("fftw", TargetForks.backend("fftw:2:patient"));
        assertEquals("fftw", TargetForks.backend("fftw:1"));
        assertEquals("java", TargetForks.backend("java"));
    }

    @Test
    void anUnknownPlannerIsRefusedNamingTheArgument() {
        Grid g = Grid.of(8, 8, 8);
        for (String bad : new String[] {"fftw:2:slow", "fftw:2:patient:x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetForks.simulation(g, bad));
            assertTrue(e.getMessage().contains("\"" + bad + "\"") && e.getMessage().contains("NAME:T:patient"), e.getMessage());
        }
    }
}
