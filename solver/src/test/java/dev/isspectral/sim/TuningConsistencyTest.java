package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.testsupport.StdErr;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import dev.isspectral.validate.ReferenceRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Same physics, whatever the knobs (issue 4 §3, physics.md §7.9): from each preset, flip each knob
 * alone; after 20 steps of a nonlinear run with shear and bulk viscosity every field agrees with the
 * optimized default to 1e-12 relative (double precision) or to {@link #FLOAT32_BOUND} (float32 FFTs),
 * relative to the field's largest magnitude. The run is strongly nonlinear (velocities up to 0.3,
 * 30% density contrast), so a wrong sign, a lost factor or a mis-mapped transform shows at O(1e-3)
 * or more.
 */
class TuningConsistencyTest {

    /**
     * Float32 FFTs against the double reference after 20 nonlinear steps, max-norm relative per field.
     * Measured: 2.3e-6 (see {@link #float32RunStaysWithinItsBoundAndIsReallyFloat32}); the bound
     * leaves a factor of about 4.
     */
    static final double FLOAT32_BOUND = 1e-5;
    static final double DOUBLE_BOUND = 1e-12;

    private static double[][] reference;

    static double[][] fieldsAfter(Simulation sim, int steps) {
        Solver s = sim.start();
        s.advance(steps);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    static double[][] fieldsAfterRun(Tuning tuning) {
        Solver s = ReferenceRuns.nonlinear(tuning).start();
        s.advance(20);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    @BeforeAll
    static void runOptimizedDefault() {
        reference = fieldsAfterRun(Tuning.optimized());
    }

    /** Each knob flipped alone from {@code preset}. */
    static List<Tuning> flipsOf(Tuning preset) {
        List<Tuning> list = new ArrayList<>();
        list.add(preset);
        list.add(preset.withPreallocatedWorkspaces(!preset.preallocatedWorkspaces()));
        list.add(preset.withSharedForwardTransforms(!preset.sharedForwardTransforms()));
        list.add(preset.withFusedKernels(!preset.fusedKernels()));
        list.add(preset.withTiledStages(!preset.tiledStages()));
        list.add(preset.withLeanStiffPass(!preset.leanStiffPass()));
        list.add(preset.withRealTransforms(!preset.realTransforms()));
        list.add(preset.withReusePlans(!preset.reusePlans()));
        list.add(preset.withThreads(preset.threads() == 1 ? 2 : 1));
        list.add(preset.withSinglePrecision(!preset.singlePrecision()));
        list.add(preset.withBatchedTransforms(!preset.batchedTransforms()));
        list.add(preset.withFftSettings(preset.fftSettings().withJTransformsThreadsBeginN(512)));
        return list;
    }

    static Stream<Tuning> variants() {
        List<Tuning> list = new ArrayList<>();
        list.addAll(flipsOf(Tuning.optimized()));
        list.addAll(flipsOf(Tuning.baseline()));
        list.add(Tuning.optimized().withThreads(3));
        list.add(Tuning.optimized().withThreads(2).withFftSettings(FftSettings.optimized().withThreads(2).withJTransformsThreadsBeginN(1)));
        list.add(batchedOnThreads(2));
        list.add(batchedOnThreads(3));
        list.add(batchedOnThreads(5));
        // IS-Spectral's own pure-Java transforms: alone, threaded at every size, batched on the team
        list.add(Tuning.optimized().withFftBackend(FftSettings.JAVA));
        list.add(Tuning.optimized().withThreads(2).withFftSettings(
                FftSettings.optimized().withBackend(FftSettings.JAVA).withThreads(2).withJTransformsThreadsBeginN(1)));
        list.add(Tuning.baseline().withFftBackend(FftSettings.JAVA).withRealTransforms(true));
        return list.stream();
    }

    /** Batched transforms on an engine of {@code n} threads at every size (16x16x8 is below the default threshold). */
    static Tuning batchedOnThreads(int n) {
        return Tuning.optimized().withThreads(n)
                .withFftSettings(FftSettings.optimized().withThreads(n).withJTransformsThreadsBeginN(1))
                .withBatchedTransforms(true);
    }

    /**
     * Whole one-thread JTransforms transforms side by side give the bits of the same transforms split over the
     * threads: batched and unbatched runs agree exactly after 20 nonlinear steps (2, 3 and 5 threads: batches of
     * the gradients' 4 + 12 and the divergence's 9 + 4 transforms that divide evenly and that leave a remainder).
     */
    @org.junit.jupiter.api.Test
    void batchedTransformsAreBitIdenticalWithJTransforms() {
        for (int n : new int[] {2, 3, 5}) {
            Tuning batched = batchedOnThreads(n);
            Solver s = ReferenceRuns.nonlinear(batched).start();
            assertTrue(s.fftEngine().threads() == n, "engine threads " + s.fftEngine().threads());
            double[][] on = fieldsAfterRun(batched);
            double[][] off = fieldsAfterRun(batched.withBatchedTransforms(false));
            for (Field f : Field.values()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(off[f.ordinal()], on[f.ordinal()], 0.0,
                        n + " threads, " + f);
            }
        }
    }

    /**
     * A saved FFT tuning that picks one-thread transforms on a two- or three-thread team still batches: the batch
     * width is the team's, so the model's operators run one-thread transforms side by side on the team's lanes,
     * and the fields are the bits of the unbatched run after 20 nonlinear steps.
     */
    @org.junit.jupiter.api.Test
    void oneThreadTransformsBatchOnTheTeam() {
        for (int n : new int[] {2, 3}) {
            Tuning batched = Tuning.optimized().withThreads(n).withFftSettings(FftSettings.optimized().withThreads(1))
                    .withBatchedTransforms(true);
            // one-thread transforms batch from SpectralOperators.MIN_BATCH_POINTS points: the nonlinear data on 32³
            Simulation large = ReferenceRuns.nonlinear(batched).toBuilder().grid("20x32x32x32").build();
            Solver s = large.start();
            assertTrue(s.fftEngine().threads() == 1, "engine threads " + s.fftEngine().threads());
            assertTrue(s.model().spectral().batchedTransforms(), n + " threads: one-thread transforms batched on the team");
            assertTrue(s.fftEngine().lanes().width() == n, "lanes " + s.fftEngine().lanes().width());
            assertTrue(!ReferenceRuns.nonlinear(batched).start().model().spectral().batchedTransforms(),
                    "16x16x8 is below the batching size for one-thread transforms");
            Simulation unbatched = large.toBuilder().tuning(batched.withBatchedTransforms(false)).build();
            assertTrue(!unbatched.start().model().spectral().batchedTransforms());
            double[][] on = fieldsAfter(large, 20);
            double[][] off = fieldsAfter(unbatched, 20);
            for (Field f : Field.values()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(off[f.ordinal()], on[f.ordinal()], 0.0,
                        n + " threads, one-thread transforms, " + f);
            }
        }
    }

    /** max |a − b| / max |b| per field, the worst over all fields. */
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

    /**
     * Tiled stages change only the order in which points are visited, never a point's arithmetic, and a lean
     * stiff-data pass skips only what K and X_NS do not read: the same bits as the knob off, for every registered
     * scheme (IMEX and explicit), on one thread and on three, with second-order terms, φ_7 and vorticity on.
     */
    @Test
    void tiledStagesAndLeanStiffPassGiveTheSameBitsForEveryScheme() {
        Transport full = Transport.etaOverS(0.08).zetaOverS(0.04).phi7(true).vorticity(true);
        for (var integrator : dev.isspectral.time.Integrators.all()) {
            for (int threads : new int[] {1, 3}) {
                Tuning on = Tuning.optimized().withThreads(threads);
                Tuning[] offs = {on.withTiledStages(false), on.withLeanStiffPass(false)};
                double[][] reference = bitsAfter(on, integrator, full);
                for (Tuning off : offs) {
                    double[][] other = bitsAfter(off, integrator, full);
                    for (Field f : Field.values()) {
                        assertArrayEquals(reference[f.ordinal()], other[f.ordinal()], integrator.name() + ", " + off + ", " + f);
                    }
                }
            }
        }
    }

    private static double[][] bitsAfter(Tuning t, dev.isspectral.time.Tableau integrator, Transport transport) {
        Solver s = Simulation.builder().grid("1x16x16x8").eos(dev.isspectral.physics.Eos.constantSoundSpeed(0.25)).transport(transport)
                .integrator(integrator).initial(ReferenceRuns.nonlinear(t).initial()).tuning(t).build().start();
        s.advance(8);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyKnobComputesTheSamePhysics(Tuning tuning) {
        double worst = worstRelativeDifference(fieldsAfterRun(tuning), reference);
        double bound = tuning.singlePrecision() ? FLOAT32_BOUND : DOUBLE_BOUND;
        assertTrue(worst <= bound, tuning + ": worst relative difference " + worst + " > " + bound);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyFftKnobReachesTheEngine(Tuning tuning) {
        Solver s = ReferenceRuns.nonlinear(tuning).start();
        var engine = s.fftEngine();
        FftSettings fft = tuning.fftSettings();
        assertEquals(fft.threads(), s.simulation().fftSettings().threads(), "threads");
        assertEquals(fft.precision() == FftSettings.Precision.FLOAT, engine.singlePrecision(), "precision");
        // float32 runs on JTransforms' complex path (the engine reports the truth)
        assertEquals(fft.realToComplex() && fft.precision() == FftSettings.Precision.DOUBLE, engine.realToComplex(),
                "real-to-complex");
        assertEquals(fft.reusePlans(), !engine.getClass().getSimpleName().equals("NewPlanPerCallEngine"), "plan reuse");
        if (engine.realToComplex()) {   // 16x16x8 is below the r2c engine's default threads threshold
            assertEquals(fft.jtransformsThreadsBeginN() > 0 && fft.jtransformsThreadsBeginN() <= 2048 ? fft.threads() : 1,
                    engine.threads(), "threads inside the engine");
        } else {
            assertEquals(fft.threads(), engine.threads(), "threads given to JTransforms");
        }
        // a backend left to the default rule (java) becomes jtransforms where java cannot run (c2c, float32)
        boolean asAsked = tuning.fftBackendChosen() || dev.isspectral.fft.FftEngines.javaApplies(fft, 16, 16, 8);
        assertEquals(asAsked ? fft.backend() : FftSettings.JTRANSFORMS, engine.backend());
    }

    @Test
    void threadsKnobReachesTheEngineAboveItsThreshold() {
        Solver s = Simulation.builder().grid("1x64x32x32").tuning(Tuning.optimized().withThreads(3)).build().start();
        assertEquals(3, s.fftEngine().threads());
        Simulation smallGrid = Simulation.builder().grid("1x16x16x8").tuning(Tuning.optimized().withThreads(3)).build();
        assertEquals(1, smallGrid.start().fftEngine().threads(), "16x16x8 is below JTransformsEngine.DEFAULT_THREADS_BEGIN_N");
        assertEquals("java r2c double t3 (transforms on 1 thread: 2048 points < threads threshold 32768)",
                smallGrid.fftDescription());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        double[][] one = fieldsAfterRun(Tuning.optimized().withThreads(1));
        for (int threads : new int[] {2, 3, 4}) {   // threaded at this small size too (threshold 1 point)
            Tuning t = Tuning.optimized().withThreads(threads).withFftSettings(FftSettings.optimized().withThreads(threads)
                    .withJTransformsThreadsBeginN(1));
            double worst = worstRelativeDifference(fieldsAfterRun(t), one);
            assertTrue(worst <= DOUBLE_BOUND, threads + " threads vs 1: " + worst);
        }
    }

    @Test
    void float32RunStaysWithinItsBoundAndIsReallyFloat32() {
        double worst = worstRelativeDifference(fieldsAfterRun(Tuning.optimized().withSinglePrecision(true)), reference);
        System.out.printf("float32 FFTs, 20 nonlinear steps: worst relative difference %.3e%n", worst);
        assertTrue(worst <= FLOAT32_BOUND, "float32 vs double: " + worst);
        // the knob really changes the arithmetic: a double run would agree to 1e-12
        assertTrue(worst > 1e-10, "float32 run agrees with double to " + worst + ": is the float path used?");
    }

    @Test
    void fftwRequestedWithoutTheModuleFallsBackToJTransformsAndSaysSo() throws Exception {
        String err = StdErr.captureText(() -> {
            Simulation sim = ReferenceRuns.nonlinear(Tuning.optimized().withFftBackend("fftw"));
            assertEquals(FftSettings.JTRANSFORMS, sim.fftSettings().backend());
            assertTrue(sim.toString().contains("fftw unavailable: no FftBackend named 'fftw' on the class path; using jtransforms"),
                    sim.toString());
            double worst = worstRelativeDifference(fieldsAfterRun(Tuning.optimized().withFftBackend("fftw")), reference);
            assertTrue(worst <= DOUBLE_BOUND, "fallback run: " + worst);
        });
        // the fallback is announced once per JVM (FftEnginesFallbackTest checks the "once"): here, or by an earlier test
        String line = "WARNING: FFT backend 'fftw' unavailable (no FftBackend named 'fftw' on the class path); using jtransforms"
                + System.lineSeparator();
        assertTrue(err.isEmpty() || err.equals(line), err);
    }

    @Test
    void theComparisonCatchesAWrongAnswer() {
        // guard against a test that cannot fail: a different viscosity after 20 steps differs by far more than the bounds
        double[][] other = fieldsAfterRun(Tuning.optimized());
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized()).toBuilder().transport(Transport.etaOverS(0.0808).zetaOverS(0.04))
                .build().start();
        s.advance(20);
        for (Field f : Field.values()) {
            other[f.ordinal()] = s.field(f);
        }
        double worst = worstRelativeDifference(other, reference);
        assertTrue(worst > 100 * FLOAT32_BOUND, "a 1% change in eta/s moved the fields by only " + worst);
    }

    @Test
    void theRunIsNonlinearEnoughToExerciseEveryTerm() {
        double maxShear = 0;
        double maxBulk = 0;
        for (double v : reference[Field.PI_XY.ordinal()]) {
            maxShear = Math.max(maxShear, Math.abs(v));
        }
        for (double v : reference[Field.BULK.ordinal()]) {
            maxBulk = Math.max(maxBulk, Math.abs(v));
        }
        assertTrue(maxShear > 1e-4 && maxBulk > 1e-6, "shear " + maxShear + ", bulk " + maxBulk);
    }

    @Test
    void presetsDifferInEveryKnob() {
        Tuning b = Tuning.baseline();
        Tuning o = Tuning.optimized();
        assertNotEquals(b.preallocatedWorkspaces(), o.preallocatedWorkspaces());
        assertNotEquals(b.sharedForwardTransforms(), o.sharedForwardTransforms());
        assertNotEquals(b.fusedKernels(), o.fusedKernels());
        assertNotEquals(b.realTransforms(), o.realTransforms());
        assertNotEquals(b.reusePlans(), o.reusePlans());
        assertEquals(1, b.threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
        assertEquals(FftSettings.baseline(), b.fftSettings());
        // the optimized default's backend is java, left to the default rule (jtransforms where java cannot run)
        assertEquals(FftSettings.optimized().withBackend(FftSettings.JAVA), o.fftSettings());
        assertTrue(b.fftBackendChosen());
        assertFalse(o.fftBackendChosen());
    }
}
