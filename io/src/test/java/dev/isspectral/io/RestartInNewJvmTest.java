package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The restart the issue asks for: 2N steps in one run equal N steps, a checkpoint, a load in a NEW JVM
 * and N more steps, bit for bit, for every tuning preset and both FFT backends (FFTW where its native
 * library loads here; otherwise the case is skipped and says why).
 */
class RestartInNewJvmTest {

    static final int HALF = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "optimized", "optimized-fftw"})
    void aRunRestartedInANewJvmContinuesBitForBit(String preset) throws Exception {
        Simulation sim = TestRuns.nonlinear(TestRuns.preset(preset));
        if (preset.endsWith("fftw")) {
            Assumptions.assumeTrue(FftSettings.FFTW.equals(sim.fftSettings().backend()),
                    "FFTW cannot load here, so the FFTW restart is skipped: " + sim.fftDescription());
        }
        Solver straight = sim.start();
        straight.advance(2 * HALF);

        Solver first = sim.start();
        first.advance(HALF);
        Path checkpoint = Checkpoint.save(first, dir.resolve("half.h5"));
        Path result = dir.resolve("result.h5");
        Path log = dir.resolve("child.log");
        Process child = ChildJvm.start(RestartChild.class, log, preset, checkpoint.toString(), Integer.toString(HALF), result.toString());
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), "child JVM failed: " + Files.readString(log));
        assertTrue(Files.readString(log).contains("resumed at step " + HALF + ", saved step " + 2 * HALF), Files.readString(log));

        if (preset.endsWith("fftw")) {
            assertTrue(Files.readString(log).contains("with fftw"), "the child ran on FFTW: " + Files.readString(log));
        }
        Solver restarted = Checkpoint.resume(sim, result);
        assertEquals(straight.stepCount(), restarted.stepCount());
        assertEquals(straight.time(), restarted.time(), 0.0);
        assertEquals(-1, TestRuns.firstDifferentField(straight, restarted), "every field bit for bit after the restart");
    }
}
