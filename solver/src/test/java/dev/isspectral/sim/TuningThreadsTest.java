package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import org.junit.jupiter.api.Test;

/**
 * The step's team and the FFT's threads are separate knobs: {@code withThreads} sets both, an FFT tuner
 * winner given to {@code withFftSettings} sets the transforms' only (a one-thread FFT winner on a small
 * grid must not make the pointwise physics serial).
 */
class TuningThreadsTest {

    @Test
    void withThreadsSetsTheTeamAndTheTransforms() {
        Tuning t = Tuning.optimized().withThreads(3);
        assertEquals(3, t.threads());
        assertEquals(3, t.fftSettings().threads());
        assertEquals(1, Tuning.baseline().threads());
    }

    @Test
    void fftSettingsChangeOnlyTheTransformsThreads() {
        Tuning t = Tuning.optimized().withThreads(2).withFftSettings(FftSettings.optimized().withThreads(1));
        assertEquals(2, t.threads(), "team threads kept");
        assertEquals(1, t.fftSettings().threads(), "FFT threads from the settings");
        assertTrue(t.describe().contains("2 threads (FFT 1)"), t.describe());
        assertNotEquals(t, Tuning.optimized().withThreads(1).withFftSettings(FftSettings.optimized().withThreads(1)));
    }

    @Test
    void aOneThreadFftWinnerKeepsTheSameResultsOnATwoThreadTeam() {
        Simulation base = Simulation.builder().grid("4x16x16x8")
                .initial(Initial.randomField().seed(3)).tuning(Tuning.optimized().withThreads(1)).build();
        Solver one = base.start();
        Solver mixed = Simulation.builder().grid("4x16x16x8").initial(Initial.randomField().seed(3))
                .tuning(Tuning.optimized().withThreads(2).withFftSettings(FftSettings.optimized().withThreads(1)))
                .build().start();
        one.advance(4);
        mixed.advance(4);
        double[] a = one.energyDensity();
        double[] b = mixed.energyDensity();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12 * Math.abs(a[i]), "energy density at " + i);
        }
    }
}
