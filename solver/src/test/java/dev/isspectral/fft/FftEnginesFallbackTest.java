package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Without the fftw module on the class path (the solver's own tests), asking for FFTW gives a JTransforms engine
 * with every other setting kept, and one warning line per JVM naming the backend and the reason.
 */
class FftEnginesFallbackTest {

    @Test
    void missingBackendFallsBackWithTheOtherSettingsKeptAndWarnsOnce() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRealTransforms(false).withThreads(1);
        FftEngines.forgetWarnings();
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (FftEngine first = FftEngines.create(fftw, 8, 4, 6); FftEngine second = FftEngines.create(fftw, 8, 4, 6)) {
            assertEquals(FftSettings.JTRANSFORMS, first.backend());
            assertFalse(first.realToComplex(), "complex transforms kept");
            assertEquals(1, first.threads());
            FftEngineContract.assertEngineMeetsContract(second);
        } finally {
            System.setErr(saved);
        }
        String err = bytes.toString(StandardCharsets.UTF_8);
        String line = "WARNING: FFT backend 'fftw' unavailable (no FftBackend named 'fftw' on the class path); using jtransforms";
        assertEquals(1, err.split(java.util.regex.Pattern.quote(line), -1).length - 1, err);
        assertEquals(fftw.withBackend(FftSettings.JTRANSFORMS), FftEngines.resolve(fftw));
        assertTrue(FftEngines.unavailableReason(FftSettings.FFTW).orElseThrow().contains("on the class path"));
        assertTrue(FftEngines.unavailableReason(FftSettings.JTRANSFORMS).isEmpty());
    }
}
