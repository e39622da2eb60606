package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FftSettingsTest {

    @Test
    void withMethodsReturnNewValuesAndLeaveTheOriginal() {
        FftSettings a = FftSettings.optimized();
        FftSettings b = a.withThreads(1).withRealTransforms(false);
        assertTrue(a.realToComplex());
        assertFalse(b.realToComplex());
        assertEquals(1, b.threads());
        assertEquals(b, FftSettings.optimized().withRealTransforms(false).withThreads(1));
    }

    /** The team splits by default; asking for FFTW's threads is a different setting, named in FFTW's label only. */
    @Test
    void teamSplitIsTheDefaultAndFftwThreadsAreLabelled() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(2);
        assertTrue(fftw.teamSplit() && FftSettings.baseline().teamSplit());
        FftSettings library = fftw.withTeamSplit(false);
        assertFalse(library.teamSplit());
        assertFalse(library.equals(fftw));
        assertEquals("fftw r2c double t2 measure", fftw.label());
        assertEquals("fftw r2c double t2 measure fftw-threads", library.label());
        assertEquals("jtransforms r2c double t2", library.withBackend(FftSettings.JTRANSFORMS).label());
        assertEquals(fftw, library.withTeamSplit(true));
    }

    @Test
    void badThreadsNameParameterValueAndRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> FftSettings.optimized().withThreads(0));
        assertEquals("threads = 0; must be in 1..256", e.getMessage());
    }

    @Test
    void unknownBackendNamesTheAllowedOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> FftSettings.optimized().withBackend("cufft"));
        assertEquals("backend = \"cufft\"; must be one of [jtransforms, java, fftw]", e.getMessage());
        // a null name once escaped as a bare NullPointerException from List.of(...).contains(null)
        assertEquals("backend = null; must be one of [jtransforms, java, fftw]", assertThrows(IllegalArgumentException.class,
                () -> FftSettings.optimized().withBackend(null)).getMessage());
    }

    @Test
    void fftwWithoutTheModuleFallsBackToJTransforms() {
        try (FftEngine e = FftEngines.create(FftSettings.optimized().withBackend(FftSettings.FFTW), 4, 4, 4)) {
            assertEquals(FftSettings.JTRANSFORMS, e.backend());
        }
    }

    @Test
    void baselineIsComplexSingleThreadedDouble() {
        try (FftEngine e = FftEngines.create(FftSettings.baseline(), 4, 4, 4)) {
            assertFalse(e.realToComplex());
            assertEquals(1, e.threads());
            assertFalse(e.singlePrecision());
        }
    }
}
