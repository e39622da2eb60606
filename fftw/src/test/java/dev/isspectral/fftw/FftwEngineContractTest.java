package dev.isspectral.fftw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The solver's FftEngineContract, as a minimal harness of this module's own: FFTW engines, found through
 * {@link FftEngines}, match a direct half-spectrum DFT and invert it, on the same shapes: real-to-complex,
 * complex-to-complex, float32 and new-plan-per-call.
 */
class FftwEngineContractTest {

    static final int[][] SHAPES = {{8, 8, 8}, {6, 5, 7}, {1, 1, 9}, {4, 3, 1}, {5, 1, 2}, {3, 4, 6}, {1, 1, 1}, {16, 8, 4}};

    static Stream<Arguments> cases() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW);
        List<Arguments> args = new ArrayList<>();
        for (FftSettings s : List.of(fftw.withThreads(1).withRigour(FftSettings.Rigour.ESTIMATE),
                fftw.withThreads(2).withRigour(FftSettings.Rigour.MEASURE),
                fftw.withThreads(2).withRigour(FftSettings.Rigour.PATIENT),   // a tuner candidate since 2026-12-06
                fftw.withThreads(3).withRigour(FftSettings.Rigour.ESTIMATE),
                fftw.withThreads(2).withRigour(FftSettings.Rigour.ESTIMATE).withTeamSplit(false),
                fftw.withThreads(1).withRigour(FftSettings.Rigour.ESTIMATE).withRealTransforms(false),
                fftw.withThreads(2).withRigour(FftSettings.Rigour.ESTIMATE).withPrecision(FftSettings.Precision.FLOAT),
                fftw.withThreads(1).withRigour(FftSettings.Rigour.ESTIMATE).withReusePlans(false))) {
            for (int[] shape : SHAPES) {
                args.add(Arguments.of(s, shape[0], shape[1], shape[2]));
            }
        }
        return args.stream();
    }

    @Test
    void backendLoadsHere() {
        FftwBackend backend = new FftwBackend();
        assertTrue(backend.available(), backend.unavailableReason());
    }

    @Test
    void backendIsFoundWhenTheContextLoaderIsTheSolversOwn() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(FftEngines.class.getClassLoader());
        try {
            assertTrue(FftEngines.backend(FftSettings.FFTW).isPresent());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * On a grid large enough for the copies to be split over two threads (131072 points), the forward
     * spectrum matches JTransforms' to round-off and the inverse undoes it: a misplaced chunk would show at O(1).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void splitCopiesKeepEveryValueInPlace(boolean teamSplit) {
        int nx = 64;
        int ny = 64;
        int nz = 32;
        assertTrue(dev.isspectral.parallel.Workers.create(2).splits(nx * ny * nz, dev.isspectral.parallel.Workers.STREAMING_GRAIN));
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(2)
                .withRigour(FftSettings.Rigour.ESTIMATE).withTeamSplit(teamSplit);
        Random r = new Random(3);
        double[] field = new double[nx * ny * nz];
        for (int p = 0; p < field.length; p++) {
            field[p] = r.nextDouble() - 0.5;
        }
        try (FftEngine engine = FftEngines.create(fftw, nx, ny, nz);
             FftEngine reference = FftEngines.create(FftSettings.optimized().withThreads(1), nx, ny, nz)) {
            assertEquals(FftSettings.FFTW, engine.backend());
            double[] spectrum = new double[engine.spectrumLength()];
            double[] expected = new double[reference.spectrumLength()];
            engine.forward(field, spectrum);
            reference.forward(field, expected);
            double worst = 0;
            for (int c = 0; c < spectrum.length; c++) {
                worst = Math.max(worst, Math.abs(spectrum[c] - expected[c]));
            }
            assertTrue(worst < 1e-10, "forward spectrum off by " + worst);
            double[] back = new double[field.length];
            engine.inverse(spectrum, back);
            for (int p = 0; p < field.length; p++) {
                assertEquals(field[p], back[p], 1e-14, "point " + p);
            }
        }
    }

    /**
     * A transform split over the team (one-thread plans of x-planes, then of groups of x-columns, the pieces taken by
     * any thread) gives the one-thread 3-D plan's spectrum to 1e-13 of its largest coefficient and inverts it, on 2, 3
     * and 5 threads, with more threads than planes and than columns; it is what a many-threaded engine does unless
     * FFTW's threads are asked for, and where N_Y·N_Z is odd (planes at two alignments, which one plan cannot serve)
     * FFTW's threads do it. The inverse leaves the caller's spectrum as it was.
     */
    @Test
    void theTeamSplitGivesTheOneThreadSpectrum() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRigour(FftSettings.Rigour.ESTIMATE);
        Random r = new Random(11);
        for (int[] shape : new int[][] {{16, 12, 10}, {3, 8, 6}, {2, 1, 2}, {9, 4, 16}, {5, 3, 7}}) {
            int nx = shape[0];
            int ny = shape[1];
            int nz = shape[2];
            double[] field = new double[nx * ny * nz];
            for (int p = 0; p < field.length; p++) {
                field[p] = r.nextDouble() - 0.5;
            }
            try (FftEngine one = FftEngines.create(fftw.withThreads(1), nx, ny, nz)) {
                double[] expected = new double[one.spectrumLength()];
                one.forward(field, expected);
                double largest = 0;
                for (double v : expected) {
                    largest = Math.max(largest, Math.abs(v));
                }
                for (int threads : new int[] {2, 3, 5}) {
                    // these grids are under the size from which a team splits: split them all the same
                    try (FftEngine engine = new FftwEngine(nx, ny, nz, threads, FftSettings.Rigour.ESTIMATE, true, 0);
                         FftEngine library = FftEngines.create(fftw.withThreads(threads).withTeamSplit(false), nx, ny, nz)) {
                        boolean oddPlanes = ny * nz % 2 == 1;
                        assertEquals(!oddPlanes, ((FftwEngine) engine).teamSplits(), engine.toString());
                        assertTrue(engine.toString().contains(oddPlanes ? "FFTW's threads" : "split by the team"), engine.toString());
                        assertTrue(!((FftwEngine) library).teamSplits() && library.toString().contains("FFTW's threads"));
                        double[] spectrum = new double[engine.spectrumLength()];
                        engine.forward(field, spectrum);
                        for (int c = 0; c < spectrum.length; c++) {
                            assertEquals(expected[c], spectrum[c], 1e-13 * largest, shape[0] + "x" + ny + "x" + nz
                                    + " on " + threads + " threads, coefficient " + c);
                        }
                        double[] kept = spectrum.clone();
                        double[] back = new double[field.length];
                        engine.inverse(spectrum, back);
                        assertTrue(java.util.Arrays.equals(kept, spectrum), "the caller's spectrum is not overwritten");
                        for (int p = 0; p < field.length; p++) {
                            assertEquals(field[p], back[p], 1e-14, "point " + p + " on " + threads + " threads");
                        }
                    }
                }
            }
        }
    }

    /**
     * Under {@value FftwEngine#TEAM_SPLIT_MIN_POINTS_PER_THREAD} points per thread a team-split engine runs each
     * transform on the calling thread (one-thread plans), and says so; from there on the team splits. FFTW's threads,
     * when asked for, are used at every size.
     */
    @Test
    void smallGridsAreTransformedOnOneThread() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRigour(FftSettings.Rigour.ESTIMATE)
                .withThreads(2);
        try (FftwEngine small = (FftwEngine) FftEngines.create(fftw, 64, 32, 16);
             FftwEngine large = (FftwEngine) FftEngines.create(fftw, 64, 32, 32);
             FftwEngine library = (FftwEngine) FftEngines.create(fftw.withTeamSplit(false), 64, 32, 16)) {
            assertTrue(!small.teamSplits() && small.toString().contains("one transform on one thread"), small.toString());
            assertEquals(2, small.threads(), "the engine's thread count is what was asked (its batches use it)");
            assertTrue(large.teamSplits(), large.toString());
            assertTrue(!library.teamSplits() && library.toString().contains("FFTW's threads"), library.toString());
            Random r = new Random(5);
            double[] field = new double[64 * 32 * 16];
            for (int p = 0; p < field.length; p++) {
                field[p] = r.nextDouble() - 0.5;
            }
            double[] a = new double[small.spectrumLength()];
            double[] b = new double[library.spectrumLength()];
            small.forward(field, a);
            library.forward(field, b);
            for (int c = 0; c < a.length; c++) {
                assertEquals(b[c], a[c], 1e-12, "coefficient " + c);
            }
        }
    }

    /** The float32 and complex FFTW engines follow the same rule: FFTW's threads only from 32768 points per thread. */
    @Test
    void floatAndComplexEnginesAlsoTransformSmallGridsOnOneThread() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRigour(FftSettings.Rigour.ESTIMATE)
                .withThreads(2);
        for (FftSettings s : List.of(fftw.withPrecision(FftSettings.Precision.FLOAT), fftw.withRealTransforms(false))) {
            try (FftEngine small = FftEngines.create(s, 64, 32, 16);
                 FftEngine large = FftEngines.create(s, 64, 32, 32)) {
                assertTrue(small.toString().contains("one transform on one thread"), small.toString());
                assertEquals(2, small.threads(), small.toString());
                assertTrue(large.toString().contains("FFTW's threads"), large.toString());
            }
        }
    }

    /**
     * Side-by-side transforms (one-thread plans, one native field and spectrum per thread) agree with the engine's
     * many-threaded plan to 1e-13 of the largest coefficient, for batch sizes that divide the thread count and that leave a remainder,
     * and hold one more native field and spectrum per thread of the team once used, whatever the engine's own threads.
     */
    /**
     * Inverse transforms whose input the lanes fill from a {@link dev.isspectral.fft.SpectrumSource} give the bits of
     * {@code inverseEach} of the same spectra, run side by side as many as the team's width allows (none on a
     * one-thread team), asking for whole rows that cover each spectrum once.
     */
    @Test
    void filledInversesGiveTheBitsOfInverseEach() {
        int nx = 16;
        int ny = 12;
        int nz = 10;
        int row = 2 * (nz / 2 + 1);
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRigour(FftSettings.Rigour.ESTIMATE);
        Random r = new Random(7);
        for (int[] teamAndEngine : new int[][] {{2, 2}, {3, 3}, {2, 1}, {1, 2}}) {
            int threads = teamAndEngine[0];
            dev.isspectral.parallel.Workers team = dev.isspectral.parallel.Workers.shared(threads);
            try (FftEngine engine = FftEngines.create(fftw.withThreads(teamAndEngine[1]), nx, ny, nz)) {
                int length = engine.spectrumLength();
                for (int count = 1; count <= 7; count++) {
                    double[][] spectra = new double[count][length];
                    double[][] reals = new double[count][nx * ny * nz];
                    for (int i = 0; i < count; i++) {
                        for (int p = 0; p < reals[i].length; p++) {
                            reals[i][p] = r.nextDouble() - 0.5;
                        }
                        engine.forward(reals[i], spectra[i]);
                    }
                    int[][] covered = new int[count][length];
                    dev.isspectral.fft.SpectrumSource source = (index, from, to, block) -> {
                        assertTrue(from % row == 0 && (to % row == 0 || to == length) && to > from && to - from <= block.length,
                                "whole rows: [" + from + ", " + to + ")");
                        for (int p = from; p < to; p++) {
                            block[p - from] = spectra[index][p];
                            covered[index][p]++;
                        }
                    };
                    double[][] filled = new double[count][nx * ny * nz];
                    int done = engine.inverseEachFrom(source, filled, count, team, new double[threads][0]);
                    assertEquals(threads < 2 ? 0 : count / threads * threads, done, threads + " threads, " + count);
                    double[][] copies = new double[count][];
                    for (int i = 0; i < count; i++) {
                        copies[i] = spectra[i].clone();
                    }
                    double[][] each = new double[count][nx * ny * nz];
                    engine.inverseEach(copies, each, count, team);
                    for (int i = 0; i < done; i++) {
                        for (int p = 0; p < length; p++) {
                            assertEquals(1, covered[i][p], "spectrum " + i + " element " + p + " filled once");
                        }
                        for (int p = 0; p < each[i].length; p++) {
                            assertEquals(Double.doubleToLongBits(each[i][p]), Double.doubleToLongBits(filled[i][p]),
                                    threads + " threads, transform " + i + " of " + count + ", point " + p);
                            assertEquals(reals[i][p], filled[i][p], 1e-14);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sideBySideTransformsMatchOneAtATime() {
        int nx = 16;
        int ny = 12;
        int nz = 10;
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRigour(FftSettings.Rigour.ESTIMATE);
        Random r = new Random(5);
        double worst = 0;
        // the lanes are the team's: a one-thread engine runs side by side on a two-thread team too
        for (int[] teamAndEngine : new int[][] {{2, 2}, {3, 3}, {2, 1}}) {
            int threads = teamAndEngine[0];
            try (FftEngine engine = FftEngines.create(fftw.withThreads(teamAndEngine[1]), nx, ny, nz)) {
                long before = engine.bytesHeld();
                for (int count = 1; count <= 7; count++) {
                    double[][] reals = new double[count][nx * ny * nz];
                    double[][] one = new double[count][engine.spectrumLength()];
                    double[][] each = new double[count][engine.spectrumLength()];
                    for (int i = 0; i < count; i++) {
                        for (int p = 0; p < reals[i].length; p++) {
                            reals[i][p] = r.nextDouble() - 0.5;
                        }
                        engine.forward(reals[i], one[i]);
                    }
                    engine.forwardEach(reals, each, count, dev.isspectral.parallel.Workers.shared(threads));
                    double[][] back = new double[count][nx * ny * nz];
                    engine.inverseEach(each, back, count, dev.isspectral.parallel.Workers.shared(threads));
                    for (int i = 0; i < count; i++) {
                        double scale = 0;
                        double diff = 0;
                        for (int c = 0; c < one[i].length; c++) {
                            scale = Math.max(scale, Math.abs(one[i][c]));
                            diff = Math.max(diff, Math.abs(one[i][c] - each[i][c]));
                        }
                        worst = Math.max(worst, diff / scale);
                        assertTrue(diff <= 1e-13 * scale, threads + " threads, forward " + i + " of " + count
                                + ": max |difference| " + diff + " > 1e-13 of max |coefficient| " + scale);
                        for (int p = 0; p < back[i].length; p++) {
                            assertEquals(reals[i][p], back[i][p], 1e-14, threads + " threads, round trip " + i + " of "
                                    + count + ", point " + p);
                        }
                    }
                }
                // one native field and spectrum per thread, and each lane's 32 kB input block (whole rows of 12 doubles)
                assertEquals(before * (1 + threads) + 8L * threads * (4096 / 12 * 12), engine.bytesHeld());
            }
        }
        System.out.printf("FFTW side-by-side (one-thread plans) vs one at a time: worst relative spectrum difference %.2e%n", worst);
    }

    @Test
    void nativeBuffersAreCounted() {
        FftSettings fftw = FftSettings.optimized().withBackend(FftSettings.FFTW).withRigour(FftSettings.Rigour.ESTIMATE);
        int n = 8 * 4 * 6;
        int spectrum = 2 * 8 * 4 * 4;
        try (FftEngine r2c = FftEngines.create(fftw, 8, 4, 6);
             FftEngine c2c = FftEngines.create(fftw.withRealTransforms(false), 8, 4, 6);
             FftEngine f32 = FftEngines.create(fftw.withPrecision(FftSettings.Precision.FLOAT), 8, 4, 6)) {
            assertEquals(8L * (n + spectrum), r2c.bytesHeld());
            assertEquals(2L * 8 * 2 * n, c2c.bytesHeld());
            assertEquals(4L * (n + spectrum), f32.bytesHeld());
        }
    }

    @Test
    void wisdomRoundTripsAsAString() {
        try (FftEngine e = FftEngines.create(FftSettings.optimized().withBackend(FftSettings.FFTW)
                .withRigour(FftSettings.Rigour.MEASURE).withThreads(1), 16, 8, 8)) {
            assertEquals(FftSettings.FFTW, e.backend());
        }
        String wisdom = new FftwBackend().exportWisdom();
        assertTrue(wisdom.startsWith("(fftw-3.3.10"), wisdom);
        assertTrue(new FftwBackend().importWisdom(wisdom));
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void forwardMatchesDirectDftAndInverseUndoesIt(FftSettings settings, int nx, int ny, int nz) {
        try (FftEngine engine = FftEngines.create(settings, nx, ny, nz)) {
            assertEquals(FftSettings.FFTW, engine.backend());
            assertEquals(settings.precision() == FftSettings.Precision.FLOAT, engine.singlePrecision());
            assertEquals(settings.realToComplex() || settings.precision() == FftSettings.Precision.FLOAT,
                    engine.realToComplex());
            double tolerance = engine.singlePrecision() ? 2e-6 : 1e-11;   // per point, relative to the field's size
            double[] f = new double[nx * ny * nz];
            Random r = new Random(nx * 31L + ny * 7L + nz);
            for (int p = 0; p < f.length; p++) {
                f[p] = 2 * r.nextDouble() - 1;
            }
            double[] copy = f.clone();
            double[] spectrum = new double[engine.spectrumLength()];
            engine.forward(f, spectrum);
            assertTrue(java.util.Arrays.equals(f, copy), "forward must leave its input unchanged");
            int nzh = nz / 2 + 1;
            for (int a = 0; a < nx; a++) {
                for (int b = 0; b < ny; b++) {
                    for (int m = 0; m < nzh; m++) {
                        double re = 0;
                        double im = 0;
                        for (int i = 0; i < nx; i++) {
                            for (int j = 0; j < ny; j++) {
                                for (int k = 0; k < nz; k++) {
                                    double phase = -2 * Math.PI * ((double) a * i / nx + (double) b * j / ny + (double) m * k / nz);
                                    re += f[(i * ny + j) * nz + k] * Math.cos(phase);
                                    im += f[(i * ny + j) * nz + k] * Math.sin(phase);
                                }
                            }
                        }
                        int p = 2 * ((a * ny + b) * nzh + m);
                        assertEquals(re, spectrum[p], tolerance * f.length, "re at " + a + "," + b + "," + m);
                        assertEquals(im, spectrum[p + 1], tolerance * f.length, "im at " + a + "," + b + "," + m);
                    }
                }
            }
            double[] back = new double[f.length];
            engine.inverse(spectrum, back);
            for (int p = 0; p < f.length; p++) {
                assertEquals(f[p], back[p], engine.singlePrecision() ? 2e-6 : 1e-12, "round trip at " + p);
            }
        }
    }
}
