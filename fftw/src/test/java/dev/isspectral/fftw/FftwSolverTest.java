package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.fftw_forget_wisdom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import dev.isspectral.validate.ReferenceRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The solver on the FFTW backend ({@code Tuning.withFftBackend("fftw")}): the same physics as JTransforms to 1e-12
 * relative over 20 steps of a nonlinear run with shear and bulk viscosity (float32 within the solver's stated bound
 * of 1e-5), whatever the other FFT knobs; saved FFTW wisdom comes back through the tuning file and makes MEASURE
 * planning cheap; and when FFTW is disabled the run says so once and uses JTransforms.
 */
class FftwSolverTest {

    static final double DOUBLE_BOUND = 1e-12;
    /** The solver's stated float32 bound for this run (TuningConsistencyTest.FLOAT32_BOUND). */
    static final double FLOAT32_BOUND = 1e-5;

    @TempDir
    Path dir;

    private static double[][] jtransforms;

    static double[][] fieldsAfter20Steps(Simulation sim) {
        Solver s = sim.start();
        s.advance(20);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    static double worstRelativeDifference(double[][] fields, double[][] ref) {
        double worst = 0;
        for (Field f : Field.values()) {
            double[] a = fields[f.ordinal()];
            double[] b = ref[f.ordinal()];
            double scale = 0;
            double diff = 0;
            for (int p = 0; p < a.length; p++) {
                scale = Math.max(scale, Math.abs(b[p]));
                diff = Math.max(diff, Math.abs(a[p] - b[p]));
            }
            worst = Math.max(worst, diff / Math.max(scale, 1e-300));
        }
        return worst;
    }

    static String stderrOf(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void runOnJTransforms() {
        jtransforms = fieldsAfter20Steps(ReferenceRuns.nonlinear(Tuning.optimized().withFftBackend("jtransforms")));
    }

    static Stream<Tuning> fftwVariants() {
        Tuning fftw = Tuning.optimized().withFftBackend("fftw");
        Tuning fftwBaseline = Tuning.baseline().withFftBackend("fftw");
        return Stream.of(fftw, fftw.withThreads(1), fftw.withThreads(2), fftw.withRealTransforms(false),
                fftw.withReusePlans(false), fftw.withSinglePrecision(true), fftw.withPreallocatedWorkspaces(false),
                fftw.withSharedForwardTransforms(false), fftw.withFusedKernels(false), fftw.withTiledStages(false),
                fftw.withLeanStiffPass(false),
                fftw.withThreads(2).withBatchedTransforms(true), fftw.withThreads(3).withBatchedTransforms(true),
                fftw.withFftSettings(fftw.fftSettings().withRigour(FftSettings.Rigour.ESTIMATE)),
                fftwBaseline, fftwBaseline.withSinglePrecision(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fftwVariants")
    void fftwComputesTheSamePhysicsAsJTransforms(Tuning tuning) {
        Simulation sim = ReferenceRuns.nonlinear(tuning);
        assertEquals(FftSettings.FFTW, sim.start().fftEngine().backend(), sim.toString());
        double worst = worstRelativeDifference(fieldsAfter20Steps(sim), jtransforms);
        double bound = tuning.singlePrecision() ? FLOAT32_BOUND : DOUBLE_BOUND;
        assertTrue(worst <= bound, tuning + ": worst relative difference to JTransforms " + worst + " > " + bound);
        if (tuning.singlePrecision()) {
            assertTrue(worst > 1e-10, "float32 on FFTW agrees with double to " + worst + ": is fftwf used?");
        }
    }

    /** Issue 13: an optimized FFTW step allocates 0 B on the stepping thread (least over five 20-step windows). */
    @Test
    void optimizedFftwStepAllocatesZeroBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized().withFftBackend("fftw")).start();
        assertEquals("fftw", s.fftEngine().backend());
        s.advance(60);
        long least = Long.MAX_VALUE;
        for (int w = 0; w < 5; w++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) {
                s.step();
            }
            least = Math.min(least, (mx.getCurrentThreadAllocatedBytes() - before) / 20);
        }
        assertEquals(0, least, "optimized FFTW step allocated bytes per step");
    }

    @Test
    void fftwEngineHonoursTheKnobs() {
        Tuning fftw = Tuning.optimized().withFftBackend("fftw");
        assertEquals(List.of(true, false, false), List.of(ReferenceRuns.nonlinear(fftw).start().fftEngine().realToComplex(),
                ReferenceRuns.nonlinear(fftw.withRealTransforms(false)).start().fftEngine().realToComplex(),
                ReferenceRuns.nonlinear(fftw).start().fftEngine().singlePrecision()));
        assertTrue(ReferenceRuns.nonlinear(fftw.withSinglePrecision(true)).start().fftEngine().singlePrecision());
        assertEquals(1, ReferenceRuns.nonlinear(fftw.withThreads(1)).start().fftEngine().threads());
        assertEquals(2, ReferenceRuns.nonlinear(fftw.withThreads(2)).start().fftEngine().threads());
        assertTrue(ReferenceRuns.nonlinear(fftw).toString().contains("FFT:         fftw r2c double t"), ReferenceRuns.nonlinear(fftw).toString());
    }

    @Test
    void disabledFftwIsReportedOnceAndJTransformsComputesTheRun() {
        String value = "fftw-solver-test-" + System.nanoTime();   // a message no other test printed
        String before = System.getProperty(FftwBackend.DISABLE_PROPERTY);
        System.setProperty(FftwBackend.DISABLE_PROPERTY, value);
        try {
            Tuning tuning = Tuning.optimized().withFftBackend("fftw");
            double[][][] fields = new double[2][][];
            String[] tree = new String[1];
            String err = stderrOf(() -> {
                Simulation sim = ReferenceRuns.nonlinear(tuning);
                tree[0] = sim.toString();
                fields[0] = fieldsAfter20Steps(sim);
                fields[1] = fieldsAfter20Steps(ReferenceRuns.nonlinear(tuning));
            });
            String reason = "disabled by system property " + FftwBackend.DISABLE_PROPERTY + "=" + value;
            assertEquals(1, err.split(java.util.regex.Pattern.quote(reason), -1).length - 1, "said once:\n" + err);
            assertTrue(err.contains("WARNING: FFT backend 'fftw' unavailable (" + reason + "); using jtransforms"), err);
            assertTrue(tree[0].contains("fftw unavailable: " + reason + "; using jtransforms"), tree[0]);
            assertEquals(FftSettings.JTRANSFORMS, ReferenceRuns.nonlinear(tuning).fftSettings().backend());
            assertEquals(FftSettings.JTRANSFORMS, ReferenceRuns.nonlinear(tuning).start().fftEngine().backend());
            assertEquals(0.0, worstRelativeDifference(fields[0], jtransforms), "fallback is exactly the JTransforms run");
            assertEquals(0.0, worstRelativeDifference(fields[1], jtransforms));
        } finally {
            if (before == null) {
                System.clearProperty(FftwBackend.DISABLE_PROPERTY);
            } else {
                System.setProperty(FftwBackend.DISABLE_PROPERTY, before);
            }
        }
        assertTrue(new FftwBackend().available(), "available again once the property is cleared");
    }

    @Test
    void tunerWinnerAndFftwWisdomComeBackThroughTheSolversSavedTuning() throws Exception {
        Path file = dir.resolve("fft-tuning.properties");
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(1)
                .withRigour(FftSettings.Rigour.MEASURE);
        FftTuner.Result result = FftTuner.forGrid(16, 16, 8).withRepeats(0, 1, 1)
                .withCandidates(List.of(fftw)).runAndSave(file);
        assertEquals(fftw, result.winner());
        TuningFile saved = TuningFile.load(file);
        assertTrue(saved.wisdom().startsWith("(fftw-3.3.10"), "wisdom saved with the tuning: " + saved.wisdom());
        assertEquals(fftw, saved.settingsFor(16, 16, 8).orElseThrow());

        Simulation sim = ReferenceRuns.nonlinear(Tuning.optimized().withSavedFftTuning(file));
        assertEquals(fftw, sim.fftSettings());
        assertTrue(sim.toString().contains("saved FFT tuning for 16x16x8 from " + file), sim.toString());
        assertTrue(sim.toString().contains("FFTW wisdom loaded"), sim.toString());
        assertEquals(FftSettings.FFTW, sim.start().fftEngine().backend());
        assertTrue(worstRelativeDifference(fieldsAfter20Steps(sim), jtransforms) <= DOUBLE_BOUND);
    }

    @Test
    void savedWisdomMakesMeasurePlanningCheap() throws Exception {
        Path file = dir.resolve("wisdom-tuning.properties");
        FftSettings measure = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(1)
                .withRigour(FftSettings.Rigour.MEASURE);
        FftTuner.forGrid(48, 32, 24).withRepeats(0, 1, 1).withCandidates(List.of(measure)).runAndSave(file);

        fftw_forget_wisdom();   // as in a fresh JVM: FFTW knows nothing until the solver loads the tuning file
        Simulation sim = Simulation.builder().grid("1x48x32x24").tuning(Tuning.optimized().withSavedFftTuning(file)).build();
        assertTrue(sim.toString().contains("FFTW wisdom loaded"), sim.toString());
        double withWisdomMs = planningMs(sim.fftSettings());

        fftw_forget_wisdom();
        double coldMs = planningMs(measure);
        System.out.printf("FFTW MEASURE 48x32x24, 1 thread: planning with the saved wisdom %.1f ms, cold %.1f ms%n",
                withWisdomMs, coldMs);
        assertTrue(withWisdomMs < coldMs / 3, "planning with the saved wisdom (" + withWisdomMs
                + " ms) must be far cheaper than planning cold (" + coldMs + " ms)");
    }

    private static double planningMs(FftSettings settings) {
        long t0 = System.nanoTime();
        try (var engine = dev.isspectral.fft.FftEngines.create(settings, 48, 32, 24)) {
            assertEquals(FftSettings.FFTW, engine.backend());
            return (System.nanoTime() - t0) / 1e6;
        }
    }
}
