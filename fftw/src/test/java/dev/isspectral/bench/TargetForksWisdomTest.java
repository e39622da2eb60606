package dev.isspectral.bench;

import static org.bytedeco.fftw.global.fftw3.FFTW_PATIENT;
import static org.bytedeco.fftw.global.fftw3.FFTW_WISDOM_ONLY;
import static org.bytedeco.fftw.global.fftw3.fftw_alloc_real;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_forget_wisdom;
import static org.bytedeco.fftw.global.fftw3.fftw_free;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_with_nthreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench targets} hands the tuner's FFTW wisdom to its forks with the backend argument, so that a fresh JVM runs
 * the plans the tuner timed: a fork that builds its simulation from "fftw:2:patient@FILE" has FFTW's plans for the
 * step without planning them.
 */
class TargetForksWisdomTest {

    @Test
    void aForkBuildingFromTheArgumentGetsTheTunersPlans(@TempDir Path dir) throws Exception {
        int nx = 64;
        int ny = 32;
        int nz = 32;
        FftSettings patient = TargetForks.tunedFftwPatient(2);
        // the module's tests run one at a time (no parallel execution), so the planner is this test's alone
        fftw_forget_wisdom();
        FftTuner.Result r = FftTuner.forGrid(nx, ny, nz).withCandidates(List.of(patient))
                .withBudget(Duration.ofMillis(200)).run();
        assertEquals(patient, r.winner());
        Path file = dir.resolve("wisdom.properties");
        TuningFile.empty().with(nx, ny, nz, r.winner()).withWisdom(r.wisdom()).save(file);
        fftw_forget_wisdom();   // as in a fresh fork
        String arg = TargetForks.withWisdom(TargetForks.argument("fftw", r.winner()), file);
        Simulation sim = TargetForks.simulation(Grid.of(nx, ny, nz), arg);
        assertEquals(FftSettings.Rigour.PATIENT, sim.fftSettings().rigour());
        assertEquals(2, sim.fftSettings().threads());
        {
            DoublePointer real = fftw_alloc_real((long) nx * ny * nz);
            DoublePointer spectrum = fftw_alloc_real(2L * nx * ny * (nz / 2 + 1));
            try {
                fftw_plan_with_nthreads(1);
                // FFTW_WISDOM_ONLY: a plan only if the imported wisdom has one (the step's one-thread lanes), else null
                fftw_plan forward = fftw_plan_dft_r2c_3d(nx, ny, nz, real, spectrum, FFTW_PATIENT | FFTW_WISDOM_ONLY);
                assertTrue(forward != null && !forward.isNull(), "the fork has the tuner's one-thread forward plan");
                fftw_destroy_plan(forward);
            } finally {
                fftw_free(real);
                fftw_free(spectrum);
            }
        }
    }
}
