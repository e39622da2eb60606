package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.FFTW_PATIENT;
import static org.bytedeco.fftw.global.fftw3.FFTW_WISDOM_ONLY;
import static org.bytedeco.fftw.global.fftw3.fftw_alloc_real;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_forget_wisdom;
import static org.bytedeco.fftw.global.fftw3.fftw_free;
import static org.bytedeco.fftw.global.fftw3.fftw_import_wisdom_from_string;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_c2r_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_with_nthreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import java.time.Duration;
import java.util.List;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/**
 * The wisdom the FFT tuner saves covers every plan a solver makes with the winner, the one-thread 3-D plans of its
 * batches (the engine's lanes) included, which the tuner's own timing of single transforms never planned: without
 * them a solver with a saved PATIENT winner planned them anew at each start (5.3 s at 128×64×64 against 1.1 s).
 */
class TunerWisdomTest {

    /** PATIENT is a candidate up to FftTuner.PATIENT_MAX_POINTS (2^20) points, whose planning stays in seconds. */
    @Test
    void patientIsTriedOnlyWhereItsPlanningStaysShort() {
        FftSettings patient = FftSettings.optimized().withBackend(FftSettings.FFTW)
                .withThreads(Runtime.getRuntime().availableProcessors()).withRigour(FftSettings.Rigour.PATIENT);
        assertTrue(FftTuner.forGrid(64, 32, 32).candidates().contains(patient));
        assertTrue(FftTuner.forGrid(128, 128, 64).candidates().contains(patient), "2^20 points: still tried");
        assertTrue(!FftTuner.forGrid(256, 128, 64).candidates().contains(patient), "2^21 points: not tried");
        assertTrue(FftTuner.forGrid(256, 128, 64).candidates().stream()
                .noneMatch(c -> c.rigour() == FftSettings.Rigour.PATIENT));
    }

    @Test
    void theSavedWisdomPlansTheLanesOneThreadTransforms() {
        int nx = 64;
        int ny = 32;
        int nz = 32;   // 65536 points: on 2 threads a single transform is split by the team, not a one-thread plan
        FftSettings patient = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(2)
                .withRigour(FftSettings.Rigour.PATIENT);
        String wisdom;
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftw_forget_wisdom();
        }
        FftTuner.Result r = FftTuner.forGrid(nx, ny, nz).withCandidates(List.of(patient))
                .withBudget(Duration.ofMillis(200)).run();
        assertEquals(patient, r.winner());
        wisdom = r.wisdom();
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftw_forget_wisdom();
            assertTrue(fftw_import_wisdom_from_string(wisdom) != 0, "FFTW takes the tuner's wisdom back");
            DoublePointer real = fftw_alloc_real((long) nx * ny * nz);
            DoublePointer spectrum = fftw_alloc_real(2L * nx * ny * (nz / 2 + 1));
            try {
                fftw_plan_with_nthreads(1);
                // FFTW_WISDOM_ONLY: a plan only if the wisdom has one, else null
                fftw_plan forward = fftw_plan_dft_r2c_3d(nx, ny, nz, real, spectrum, FFTW_PATIENT | FFTW_WISDOM_ONLY);
                fftw_plan inverse = fftw_plan_dft_c2r_3d(nx, ny, nz, spectrum, real, FFTW_PATIENT | FFTW_WISDOM_ONLY);
                assertTrue(forward != null && !forward.isNull(), "the one-thread forward plan is in the wisdom");
                assertTrue(inverse != null && !inverse.isNull(), "the one-thread inverse plan is in the wisdom");
                fftw_destroy_plan(forward);
                fftw_destroy_plan(inverse);
            } finally {
                fftw_free(real);
                fftw_free(spectrum);
            }
        }
    }
}
