package dev.isspectral.fftw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.JTransformsEngine;
import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.spectral.SpectralOperators;
import dev.isspectral.state.Field;
import dev.isspectral.trace.Tracer;
import dev.isspectral.validate.ReferenceRuns;
import java.nio.DoubleBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spectra in FFTW's native memory ({@code Tuning.withNativeSpectra}, issue 13): the engine's slot transforms give
 * the bits of its array transforms; every spectral operator gives the bits of the Java-array path, one transform at a
 * time and batched, on 1 … 4 threads; the solver's fields after 20 nonlinear steps are identical with the option on
 * and off; JTransforms ignores it; and the optimized FFTW step with it still allocates 0 B.
 */
class NativeSpectraTest {

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() - 0.5;
        }
        return a;
    }

    private static FftSettings fftw(int threads) {
        return FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(threads)
                .withRigour(FftSettings.Rigour.ESTIMATE);
    }

    @Test
    void slotTransformsGiveTheBitsOfArrayTransforms() {
        try (FftEngine e = FftEngines.create(fftw(2), 12, 10, 8)) {
            assertTrue(e.nativeSpectra());
            long before = e.bytesHeld();
            DoubleBuffer[] views = e.openSpectra(2);
            assertEquals(before + 2L * 8 * e.spectrumLength(), e.bytesHeld());
            double[] f = random(e.realLength(), 1);
            double[] spectrum = new double[e.spectrumLength()];
            e.forward(f, spectrum);
            e.forward(f, 1);
            double[] fromSlot = new double[e.spectrumLength()];
            views[1].get(0, fromSlot, 0, fromSlot.length);
            assertArrayEquals(spectrum, fromSlot);
            double[] back = new double[e.realLength()];
            double[] backFromSlot = new double[e.realLength()];
            e.inverse(spectrum, back);
            e.inverse(1, backFromSlot);
            assertArrayEquals(back, backFromSlot);
            for (int p = 0; p < f.length; p++) {
                assertEquals(f[p], backFromSlot[p], 1e-15, "inverse(forward(f)) = f at " + p);
            }
            var bad = assertThrows(IllegalArgumentException.class, () -> e.forward(f, 2));
            assertTrue(bad.getMessage().contains("spectrum slot = 2; must be in [0, 2)"), bad.getMessage());
        }
    }

    @Test
    void jtransformsHoldsNoSpectraAndSaysSo() {
        JTransformsEngine e = new JTransformsEngine(4, 4, 4);
        assertFalse(e.nativeSpectra());
        var err = assertThrows(UnsupportedOperationException.class, () -> e.openSpectra(1));
        assertTrue(err.getMessage().contains("jtransforms engine holds no spectra"), err.getMessage());
        SpectralOperators ops = new SpectralOperators(Grid.of(4, 4, 4), e, Tracer.OFF, true, true,
                Workers.create(1), false, true);
        assertFalse(ops.nativeSpectra(), "JTransforms keeps its spectra in Java arrays");
    }

    static Stream<int[]> threadsAndBatching() {
        // {FFT threads, team threads, batched}; 24x20x16 has 7680 points: one-thread engines batch only below
        return Stream.of(new int[] {1, 1, 0}, new int[] {2, 2, 0}, new int[] {2, 2, 1}, new int[] {3, 3, 1},
                new int[] {4, 4, 1}, new int[] {1, 2, 1});
    }

    @ParameterizedTest(name = "fft threads {0}")
    @MethodSource("threadsAndBatching")
    void everyOperatorGivesTheBitsOfTheJavaArrayPath(int[] c) {
        Grid g = Grid.of(24, 20, 16);
        int n = g.size();
        try (FftEngine a = FftEngines.create(fftw(c[0]), 24, 20, 16);
             FftEngine b = FftEngines.create(fftw(c[0]), 24, 20, 16);
             Workers team = Workers.create(c[1])) {
            SpectralOperators arrays = new SpectralOperators(g, a, Tracer.OFF, true, true, team, c[2] == 1, false);
            SpectralOperators natives = new SpectralOperators(g, b, Tracer.OFF, true, true, team, c[2] == 1, true);
            assertFalse(arrays.nativeSpectra());
            assertTrue(natives.nativeSpectra());
            assertEquals(arrays.batchedTransforms(), natives.batchedTransforms());
            double[][] f = new double[9][];
            for (int i = 0; i < 9; i++) {
                f[i] = random(n, 10 + i);
            }
            for (int axis = 0; axis < 3; axis++) {
                double[] x = new double[n];
                double[] y = new double[n];
                arrays.derivative(f[0], axis, x);
                natives.derivative(f[0], axis, y);
                assertArrayEquals(x, y, "derivative " + axis);
            }
            double[][] ga = {new double[n], new double[n], new double[n]};
            double[][] gb = {new double[n], new double[n], new double[n]};
            arrays.gradient(f[1], ga[0], ga[1], ga[2]);
            natives.gradient(f[1], gb[0], gb[1], gb[2]);
            for (int axis = 0; axis < 3; axis++) {
                assertArrayEquals(ga[axis], gb[axis], "gradient " + axis);
            }
            for (int count = 1; count <= 4; count++) {
                double[][][] oa = new double[count][3][n];
                double[][][] ob = new double[count][3][n];
                double[][] fields = java.util.Arrays.copyOf(f, count);
                arrays.gradients(count, fields, oa);
                natives.gradients(count, fields, ob);
                for (int i = 0; i < count; i++) {
                    for (int axis = 0; axis < 3; axis++) {
                        assertArrayEquals(oa[i][axis], ob[i][axis], "gradients(" + count + ") " + i + "," + axis);
                    }
                }
            }
            double[] da = new double[n];
            double[] db = new double[n];
            arrays.divergence(f[0], f[1], f[2], da);
            natives.divergence(f[0], f[1], f[2], db);
            assertArrayEquals(da, db, "divergence");
            for (boolean negated : new boolean[] {false, true}) {
                double[][] sa = new double[4][n];
                double[][] sb = new double[4][n];
                double[][] t0 = {f[0], f[1], f[2]};
                arrays.symmetricDivergence(t0, f[3], f[4], f[5], f[6], f[7], f[8], sa, negated);
                natives.symmetricDivergence(t0, f[3], f[4], f[5], f[6], f[7], f[8], sb, negated);
                for (int nu = 0; nu < 4; nu++) {
                    assertArrayEquals(sa[nu], sb[nu], "symmetric divergence " + nu + (negated ? " negated" : ""));
                }
            }
            arrays.laplacian(f[3], da);
            natives.laplacian(f[3], db);
            assertArrayEquals(da, db, "laplacian");
            arrays.configureFilter(true, true, 36, 8);
            natives.configureFilter(true, true, 36, 8);
            double[] fa = f[4].clone();
            double[] fb = f[4].clone();
            arrays.filter(fa);
            natives.filter(fb);
            assertArrayEquals(fa, fb, "filter");
            assertEquals(arrays.forwardTransforms(), natives.forwardTransforms());
            assertEquals(arrays.inverseTransforms(), natives.inverseTransforms());
            // an exact answer too, so that equal cannot mean equally wrong: d/dx sin(2x) = 2 cos(2x)
            double[] s = new double[n];
            double[] ds = new double[n];
            for (int i = 0; i < 24; i++) {
                for (int p = 0; p < 20 * 16; p++) {
                    s[i * 320 + p] = Math.sin(2 * g.coordinate(0, i));
                }
            }
            natives.derivative(s, 0, ds);
            for (int i = 0; i < 24; i++) {
                assertEquals(2 * Math.cos(2 * g.coordinate(0, i)), ds[i * 320 + 7], 1e-12, "d/dx sin 2x at i = " + i);
            }
        }
    }

    static Stream<Tuning> solverTunings() {
        Tuning fftw = Tuning.optimized().withFftBackend("fftw");
        return Stream.of(fftw.withThreads(1), fftw.withThreads(2).withBatchedTransforms(false),
                fftw.withThreads(2).withBatchedTransforms(true), fftw.withThreads(4).withBatchedTransforms(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solverTunings")
    void twentyNonlinearStepsAreIdenticalWithNativeSpectraOnAndOff(Tuning tuning) {
        double[][] off = FftwSolverTest.fieldsAfter20Steps(ReferenceRuns.nonlinear(tuning.withNativeSpectra(false)));
        double[][] on = FftwSolverTest.fieldsAfter20Steps(ReferenceRuns.nonlinear(tuning.withNativeSpectra(true)));
        for (Field f : Field.values()) {
            assertArrayEquals(off[f.ordinal()], on[f.ordinal()], f + " with native spectra");
        }
    }

    @Test
    void nativeSpectraOnJTransformsChangesNothing() {
        Tuning jt = Tuning.optimized().withThreads(2);
        double[][] off = FftwSolverTest.fieldsAfter20Steps(ReferenceRuns.nonlinear(jt));
        double[][] on = FftwSolverTest.fieldsAfter20Steps(ReferenceRuns.nonlinear(jt.withNativeSpectra(true)));
        assertEquals(0.0, FftwSolverTest.worstRelativeDifference(on, off));
    }

    @Test
    void leverTurnsNativeSpectraOnAndOffOnFftwOnly() {
        var lever = dev.isspectral.bench.Levers.all().stream().filter(l -> l.name().equals("native spectra (FFTW)"))
                .findFirst().orElseThrow();
        assertTrue(lever.appliesTo(FftSettings.FFTW));
        assertFalse(lever.appliesTo(FftSettings.JTRANSFORMS));
        Tuning base = Tuning.optimized().withFftBackend("fftw");
        assertTrue(lever.with().apply(base).nativeSpectra());
        assertFalse(lever.without().apply(base).nativeSpectra());
        assertFalse(Tuning.optimized().nativeSpectra(), "off by default: no clear effect measured");
        assertTrue(base.withNativeSpectra(true).describe().contains("(native spectra)"));
    }

    /** The optimized FFTW step with native spectra allocates 0 B on the stepping thread (least over five windows). */
    @Test
    void nativeSpectraStepAllocatesZeroBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized().withFftBackend("fftw").withThreads(2)
                .withNativeSpectra(true)).start();
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
        assertEquals(0, least, "FFTW step with native spectra allocated bytes per step");
    }
}
