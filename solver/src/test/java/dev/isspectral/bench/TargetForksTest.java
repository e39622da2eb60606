package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Measurement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertEquals("fftw", TargetForks.backend("fftw:2:patient@/tmp/w.properties"));
        assertEquals("fftw:2:patient@/tmp/w.properties",
                TargetForks.withWisdom("fftw:2:patient", Path.of("/tmp/w.properties")));
    }

    @Test
    void aWisdomFileWithoutWisdomStopsTheForkNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuning.properties");
        TuningFile.empty().with(8, 8, 8, TargetForks.tunedFftw(1)).save(file);
        Grid g = Grid.of(8, 8, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetForks.simulation(g, TargetForks.withWisdom("fftw:1", file)));
        assertTrue(e.getMessage().contains("wisdom file = " + file) && e.getMessage().contains("holds no FFTW wisdom"),
                e.getMessage());
        Path missing = dir.resolve("missing.properties");
        e = assertThrows(IllegalArgumentException.class,
                () -> TargetForks.simulation(g, TargetForks.withWisdom("fftw:1", missing)));
        assertTrue(e.getMessage().contains("wisdom file = " + missing), e.getMessage());
    }

    @Test
    void anUnknownPlannerIsRefusedNamingTheArgument() {
        Grid g = Grid.of(8, 8, 8);
        for (String bad : new String[] {"fftw:2:slow", "fftw:2:patient:x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetForks.simulation(g, bad));
            assertTrue(e.getMessage().contains("\"" + bad + "\"") && e.getMessage().contains("NAME:T:patient"), e.getMessage());
        }
    }

    @Test
    void theFftBoundForkReportsTheTransformTimeOfTheTimedStepsOnly() {
        TargetForks.FftBound fork = new TargetForks.FftBound();
        try {
            Measurement m = fork.measure(List.of("4x32x16x16", "java")).budget(Duration.ofMillis(300)).run();
            Map<String, String> x = fork.extras();
            long steps = Long.parseLong(x.get("steps"));
            double[] timed = m.samples(0);
            assertTrue(steps > timed.length, steps + " steps, " + timed.length + " timed: warm-up steps come first");
            // every step of the optimized IMEX tuning does the minimum 40 forward and 74 inverse transforms
            assertEquals(40 * steps, Long.parseLong(x.get("forwardCalls")));
            assertEquals(74 * steps, Long.parseLong(x.get("inverseCalls")));
            // the transform time of the timed rounds' steps only: a part of those steps' time
            double fft = Long.parseLong(x.get("timedFftNanos")) / 1e9;
            double step = 0;
            for (double t : timed) {
                step += t;
            }
            assertTrue(fft > 0 && fft < step, fft + " s of transforms in " + step + " s of timed steps");
            assertEquals(fft / step, Targets.inStepShare(x, timed), 1e-12);
        } finally {
            fork.close();
        }
    }
}
