package dev.isspectral.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.JTransformsEngine;
import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;
import dev.isspectral.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spectral operators (physics.md §0, §6.5): exact to 1e-12 on every trigonometric polynomial the
 * grid resolves, for even and odd N and non-cubic boxes; the 2/3 rule and the exponential filter.
 */
class SpectralOperatorsTest {

    /** Even, odd, 1-D and non-cubic grids. */
    static Stream<Grid> grids() {
        return Stream.of(
                Grid.of(8, 6, 4).withBox(5.0, 7.0, 9.0),
                Grid.of(7, 5, 9).withBox(6.0, 4.5, 8.0),
                Grid.of(16, 1, 1).withBox(3.0),
                Grid.of(1, 1, 9).withBox(11.0),
                Grid.of(6, 9, 8));
    }

    /** A sum of cos/sin modes with random coefficients, and its exact derivatives. */
    record Mode(int[] n, double a, double b) {
    }

    record TrigPolynomial(Grid grid, List<Mode> modes, double mean) {

        double[] k(Mode m) {
            return new double[] {2 * Math.PI * m.n[0] / grid.lx(), 2 * Math.PI * m.n[1] / grid.ly(),
                    2 * Math.PI * m.n[2] / grid.lz()};
        }

        /** d = -1: values; d = 0..2: ∂_d; d = 3: Laplacian. */
        double[] sample(int d) {
            double[] f = new double[grid.size()];
            for (int i = 0; i < grid.nx(); i++) {
                for (int j = 0; j < grid.ny(); j++) {
                    for (int l = 0; l < grid.nz(); l++) {
                        double x = grid.coordinate(0, i);
                        double y = grid.coordinate(1, j);
                        double z = grid.coordinate(2, l);
                        double sum = d == -1 ? mean : 0.0;
                        for (Mode m : modes) {
                            double[] k = k(m);
                            double phase = k[0] * x + k[1] * y + k[2] * z;
                            double c = Math.cos(phase);
                            double s = Math.sin(phase);
                            if (d == -1) {
                                sum += m.a * c + m.b * s;
                            } else if (d < 3) {
                                sum += k[d] * (-m.a * s + m.b * c);
                            } else {
                                double kk = k[0] * k[0] + k[1] * k[1] + k[2] * k[2];
                                sum += -kk * (m.a * c + m.b * s);
                            }
                        }
                        f[grid.index(i, j, l)] = sum;
                    }
                }
            }
            return f;
        }
    }

    /** Random modes with |n_d| < N_d/2 on every axis (all resolved, none at Nyquist). */
    static TrigPolynomial randomResolved(Grid g, long seed) {
        Random r = new Random(seed);
        List<Mode> modes = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            int[] n = new int[3];
            for (int d = 0; d < 3; d++) {
                int max = (g.points(d) - 1) / 2;
                n[d] = max == 0 ? 0 : r.nextInt(2 * max + 1) - max;
            }
            modes.add(new Mode(n, r.nextDouble() * 2 - 1, r.nextDouble() * 2 - 1));
        }
        // the highest resolved mode on each axis is always present
        modes.add(new Mode(new int[] {(g.nx() - 1) / 2, (g.ny() - 1) / 2, (g.nz() - 1) / 2}, 0.7, -0.4));
        return new TrigPolynomial(g, modes, 1.3);
    }

    private static SpectralOperators operators(Grid g) {
        return new SpectralOperators(g, new JTransformsEngine(g.nx(), g.ny(), g.nz()), Tracer.OFF);
    }

    private static void assertExact(double[] expected, double[] actual, String what) {
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double err = 0;
        for (int p = 0; p < expected.length; p++) {
            err = Math.max(err, Math.abs(expected[p] - actual[p]));
        }
        assertTrue(err <= 1e-12 * scale, what + ": max error " + err + " (scale " + scale + ")");
    }

    @ParameterizedTest
    @MethodSource("grids")
    void derivativeAlongEachAxisIsExactOnResolvedTrigPolynomials(Grid g) {
        TrigPolynomial f = randomResolved(g, 42);
        SpectralOperators ops = operators(g);
        double[] out = new double[g.size()];
        for (int axis = 0; axis < 3; axis++) {
            ops.derivative(f.sample(-1), axis, out);
            assertExact(f.sample(axis), out, "d/dx_" + axis + " on " + g.boxNotation());
        }
    }

    @ParameterizedTest
    @MethodSource("grids")
    void gradientEqualsTheThreeDerivativesFromOneForwardTransform(Grid g) {
        TrigPolynomial f = randomResolved(g, 7);
        SpectralOperators ops = operators(g);
        double[] dx = new double[g.size()];
        double[] dy = new double[g.size()];
        double[] dz = new double[g.size()];
        ops.gradient(f.sample(-1), dx, dy, dz);
        assertExact(f.sample(0), dx, "gradient x");
        assertExact(f.sample(1), dy, "gradient y");
        assertExact(f.sample(2), dz, "gradient z");
        assertEquals(1, ops.forwardTransforms());
        assertEquals(3, ops.inverseTransforms());
    }

    @ParameterizedTest
    @MethodSource("grids")
    void divergenceIsTheSumOfTheThreeDerivatives(Grid g) {
        TrigPolynomial fx = randomResolved(g, 1);
        TrigPolynomial fy = randomResolved(g, 2);
        TrigPolynomial fz = randomResolved(g, 3);
        double[] expected = new double[g.size()];
        double[] ax = fx.sample(0);
        double[] ay = fy.sample(1);
        double[] az = fz.sample(2);
        for (int p = 0; p < expected.length; p++) {
            expected[p] = ax[p] + ay[p] + az[p];
        }
        double[] out = new double[g.size()];
        SpectralOperators ops = operators(g);
        ops.divergence(fx.sample(-1), fy.sample(-1), fz.sample(-1), out);
        assertExact(expected, out, "divergence on " + g.boxNotation());
        assertEquals(3, ops.forwardTransforms());
        assertEquals(1, ops.inverseTransforms());
    }

    @ParameterizedTest
    @MethodSource("grids")
    void laplacianIsExactIncludingTheNyquistCosineOfEvenAxes(Grid g) {
        TrigPolynomial resolved = randomResolved(g, 11);
        List<Mode> modes = new ArrayList<>(resolved.modes());
        for (int d = 0; d < 3; d++) {
            if (g.points(d) % 2 == 0) {
                int[] n = new int[3];
                n[d] = g.points(d) / 2;
                modes.add(new Mode(n, 0.9, 0.0));
            }
        }
        TrigPolynomial f = new TrigPolynomial(g, modes, -0.4);
        double[] out = new double[g.size()];
        operators(g).laplacian(f.sample(-1), out);
        assertExact(f.sample(3), out, "Laplacian on " + g.boxNotation());
    }

    @Test
    void derivativeOfTheNyquistCosineIsZero() {
        Grid g = Grid.of(8, 6, 4).withBox(5.0, 7.0, 9.0);
        SpectralOperators ops = operators(g);
        double[] out = new double[g.size()];
        for (int axis = 0; axis < 3; axis++) {
            int[] n = new int[3];
            n[axis] = g.points(axis) / 2;
            double[] f = new TrigPolynomial(g, List.of(new Mode(n, 1.0, 0.0)), 0.0).sample(-1);
            ops.derivative(f, axis, out);
            for (double v : out) {
                assertEquals(0.0, v, 1e-13, "d/dx_" + axis + " of the Nyquist cosine");
            }
        }
    }

    @Test
    void derivativeOfSineIsCosineTimesWaveNumberOnANonCubicBox() {
        Grid g = Grid.of(16, 4, 4).withBox(3.0, 1.0, 1.0);
        double k = 2 * Math.PI * 3 / 3.0;
        double[] f = new double[g.size()];
        double[] expected = new double[g.size()];
        for (int i = 0; i < g.nx(); i++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int l = 0; l < g.nz(); l++) {
                    double x = g.coordinate(0, i);
                    f[g.index(i, j, l)] = Math.sin(k * x);
                    expected[g.index(i, j, l)] = k * Math.cos(k * x);
                }
            }
        }
        double[] out = new double[g.size()];
        operators(g).derivative(f, 0, out);
        assertExact(expected, out, "d sin(kx)/dx");
    }

    @Test
    void engineOfAnotherShapeIsRejected() {
        Grid g = Grid.of(8, 6, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SpectralOperators(g, new JTransformsEngine(8, 6, 5), Tracer.OFF));
        assertTrue(e.getMessage().contains("8x6x5") && e.getMessage().contains("8x6x4"), e.getMessage());
    }

    // ---------------------------------------------------------------- filters

    private static double[] single(Grid g, int[] n, double mean) {
        return new TrigPolynomial(g, List.of(new Mode(n, 1.0, 0.5)), mean).sample(-1);
    }

    /** Amplitude of mode n in f relative to the unit-cos, half-sin mode of {@link #single}. */
    private static double amplitudeRatio(Grid g, double[] f, int[] n, double mean) {
        double[] unit = single(g, n, 0.0);
        double dot = 0;
        double norm = 0;
        for (int p = 0; p < f.length; p++) {
            dot += (f[p] - mean) * unit[p];
            norm += unit[p] * unit[p];
        }
        return dot / norm;
    }

    private static double mean(double[] f) {
        double s = 0;
        for (double v : f) {
            s += v;
        }
        return s / f.length;
    }

    @Test
    void twoThirdsRuleZeroesModesAboveNOverThreeOnAnyAxisAndKeepsTheRestExactly() {
        Grid g = Grid.of(12, 9, 8).withBox(4.0, 5.0, 6.0);
        // kept: |n_x| <= 4, |n_y| <= 3, |n_z| <= 2; zeroed: anything beyond on any one axis
        List<Mode> kept = List.of(new Mode(new int[] {4, 3, 2}, 0.8, -0.3), new Mode(new int[] {-4, 1, 0}, 0.2, 0.6),
                new Mode(new int[] {0, -3, -2}, -0.5, 0.1), new Mode(new int[] {1, 0, 0}, 1.0, 0.0));
        List<Mode> removed = List.of(new Mode(new int[] {5, 0, 0}, 0.7, 0.2), new Mode(new int[] {6, 0, 0}, 0.4, 0.0),
                new Mode(new int[] {0, 4, 0}, -0.6, 0.3), new Mode(new int[] {1, 1, 3}, 0.5, 0.5),
                new Mode(new int[] {2, -3, 4}, 0.3, -0.2));
        List<Mode> all = new ArrayList<>(kept);
        all.addAll(removed);
        double[] f = new TrigPolynomial(g, all, 2.5).sample(-1);
        double[] expected = new TrigPolynomial(g, kept, 2.5).sample(-1);
        SpectralOperators ops = operators(g);
        ops.configureFilter(true, false, 36, 36);
        assertTrue(ops.filterEnabled());
        ops.filter(f);
        assertExact(expected, f, "2/3 rule");
        assertEquals(2.5, mean(f), 1e-14);
    }

    @Test
    void exponentialFilterMultipliesEachModeBySigmaOfItsModeNumbers() {
        Grid g = Grid.of(16, 16, 12).withBox(5.0, 6.0, 7.0);
        SpectralOperators ops = operators(g);
        ops.configureFilter(false, true, 36, 36);
        int[][] modes = {{4, 0, 0}, {7, 0, 0}, {0, -6, 0}, {0, 0, 5}, {7, 6, 0}, {-5, 3, 4}};
        for (int[] n : modes) {
            double[] f = single(g, n, 0.0);
            ops.filter(f);
            double sigma = 1;
            for (int d = 0; d < 3; d++) {
                sigma *= Math.exp(-36 * Math.pow(Math.abs(n[d]) / (g.points(d) / 2.0), 36));
            }
            assertEquals(sigma, amplitudeRatio(g, f, n, 0.0), 1e-13,
                    "sigma of mode (" + n[0] + ", " + n[1] + ", " + n[2] + ")");
        }
    }

    @Test
    void defaultExponentialFilterIsOneMinusFiveTimesTenToMinusTenAtHalfNyquist() {
        Grid g = Grid.of(16, 1, 1);
        SpectralOperators ops = operators(g);
        ops.configureFilter(false, true, 36, 36);
        double[] f = single(g, new int[] {4, 0, 0}, 0.0);
        ops.filter(f);
        double sigma = amplitudeRatio(g, f, new int[] {4, 0, 0}, 0.0);
        assertEquals(1 - 36 * Math.pow(2, -36), sigma, 1e-13);
        assertEquals(5.24e-10, 1 - sigma, 0.01e-10);
    }

    @Test
    void defaultExponentialFilterLeavesAboutTwoTimesTenToMinusSixteenAtNyquist() {
        Grid g = Grid.of(16, 1, 1);
        SpectralOperators ops = operators(g);
        ops.configureFilter(false, true, 36, 36);
        double[] f = new TrigPolynomial(g, List.of(new Mode(new int[] {8, 0, 0}, 1.0, 0.0)), 0.0).sample(-1);
        ops.filter(f);
        for (double v : f) {
            assertEquals(0.0, v, 1e-15, "Nyquist after the filter (sigma = e^-36 = 2.3e-16)");
        }
        assertEquals(2.3e-16, Math.exp(-36), 0.1e-16);
    }

    @Test
    void exponentialFilterStrengthAndOrderAreConfigurable() {
        Grid g = Grid.of(16, 8, 1);
        SpectralOperators ops = operators(g);
        ops.configureFilter(false, true, 2.0, 4.0);
        int[] n = {4, 2, 0};
        double[] f = single(g, n, 0.0);
        ops.filter(f);
        double expected = Math.exp(-2 * Math.pow(0.5, 4)) * Math.exp(-2 * Math.pow(0.5, 4));
        assertEquals(expected, amplitudeRatio(g, f, n, 0.0), 1e-13);
    }

    @Test
    void bothFiltersKeepTheMeanToRoundOff() {
        Grid g = Grid.of(12, 9, 8);
        TrigPolynomial p = randomResolved(g, 5);
        for (boolean[] on : new boolean[][] {{true, false}, {false, true}, {true, true}}) {
            SpectralOperators ops = operators(g);
            ops.configureFilter(on[0], on[1], 36, 36);
            double[] f = p.sample(-1);
            ops.filter(f);
            assertEquals(1.3, mean(f), 1e-14);
        }
    }

    @Test
    void noFilterConfiguredLeavesTheFieldUntouched() {
        Grid g = Grid.of(8, 6, 4);
        SpectralOperators ops = operators(g);
        ops.configureFilter(false, false, 36, 36);
        assertFalse(ops.filterEnabled());
        double[] f = randomResolved(g, 3).sample(-1);
        double[] copy = f.clone();
        ops.filter(f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(copy, f);
        assertEquals(0, ops.forwardTransforms());
    }

    private static double[] randomField(Grid g, long seed) {
        Random r = new Random(seed);
        double[] f = new double[g.size()];
        for (int p = 0; p < f.length; p++) {
            f[p] = r.nextDouble() - 0.5;
        }
        return f;
    }

    /**
     * The k-space passes split over two threads give the bits of one thread. 64×32×32 is the smallest grid of the
     * 64-step target: its 34 816 complex values (69 632 doubles) are split, the grain counting doubles as a pointwise
     * pass's counts points (in complex values they ran on the caller alone, the other thread parked). The transforms
     * are a one-thread engine's, so the team's split passes are the k-space ones.
     */
    @Test
    void kspacePassesSplitOverThreadsGiveTheSameBits() {
        Grid g = Grid.of(64, 32, 32);
        try (Workers two = Workers.create(2)) {
            SpectralOperators serial = operators(g);
            SpectralOperators split = new SpectralOperators(g, new JTransformsEngine(g.nx(), g.ny(), g.nz()), Tracer.OFF,
                    true, true, two);
            serial.configureFilter(true, true, 36.0, 16.0);
            split.configureFilter(true, true, 36.0, 16.0);
            double[] f = randomField(g, 7);
            double[][] a = new double[3][g.size()];
            double[][] b = new double[3][g.size()];
            serial.gradient(f, a[0], a[1], a[2]);
            long before = two.splitPasses();
            split.gradient(f, b[0], b[1], b[2]);
            assertEquals(3, two.splitPasses() - before, "the gradient's three k-space passes, each split over the team");
            for (int axis = 0; axis < 3; axis++) {
                assertArrayEquals(a[axis], b[axis], 0.0, "gradient component " + axis);
            }
            serial.laplacian(f, a[0]);
            split.laplacian(f, b[0]);
            assertArrayEquals(a[0], b[0], 0.0, "laplacian");
            double[] fa = f.clone();
            double[] fb = f.clone();
            serial.filter(fa);
            split.filter(fb);
            assertArrayEquals(fa, fb, 0.0, "filter");
        }
    }

    /** −∂_i T^{iν} taken in k-space is the negated divergence to the bit, shared transforms or not. */
    @Test
    void negatedSymmetricDivergenceIsMinusTheDivergenceToTheBit() {
        Grid g = Grid.of(8, 6, 10).withBox(5.0, 7.0, 9.0);
        double[][] t0 = {randomField(g, 1), randomField(g, 2), randomField(g, 3)};
        double[][] ij = {randomField(g, 4), randomField(g, 5), randomField(g, 6), randomField(g, 7), randomField(g, 8),
                randomField(g, 9)};
        for (boolean shared : new boolean[] {true, false}) {
            SpectralOperators ops = new SpectralOperators(g, new JTransformsEngine(g.nx(), g.ny(), g.nz()), Tracer.OFF,
                    true, shared);
            double[][] plain = new double[4][g.size()];
            double[][] negated = new double[4][g.size()];
            ops.symmetricDivergence(t0, ij[0], ij[1], ij[2], ij[3], ij[4], ij[5], plain);
            ops.symmetricDivergence(t0, ij[0], ij[1], ij[2], ij[3], ij[4], ij[5], negated, true);
            for (int nu = 0; nu < 4; nu++) {
                double worst = 0;
                for (int p = 0; p < g.size(); p++) {
                    assertEquals(Double.doubleToLongBits(-plain[nu][p] + 0.0), Double.doubleToLongBits(negated[nu][p] + 0.0),
                            "nu = " + nu + ", point " + p + ", shared " + shared);
                    worst = Math.max(worst, Math.abs(plain[nu][p]));
                }
                assertTrue(worst > 0.1, "divergence " + nu + " is not trivially zero");
            }
        }
    }

    /** An engine that counts the batches it is handed and passes everything to {@code inner}. */
    static final class BatchCounting implements dev.isspectral.fft.FftEngine {
        final dev.isspectral.fft.FftEngine inner;
        int forwardBatches;
        int inverseBatches;
        int largestBatch;

        BatchCounting(dev.isspectral.fft.FftEngine inner) {
            this.inner = inner;
        }

        @Override public String backend() { return inner.backend(); }
        @Override public int nx() { return inner.nx(); }
        @Override public int ny() { return inner.ny(); }
        @Override public int nz() { return inner.nz(); }
        @Override public int threads() { return inner.threads(); }
        @Override public void forward(double[] real, double[] spectrum) { inner.forward(real, spectrum); }
        @Override public void inverse(double[] spectrum, double[] real) { inner.inverse(spectrum, real); }

        @Override public dev.isspectral.fft.Lanes lanes() { return inner.lanes(); }

        @Override
        public void forwardEach(double[][] reals, double[][] spectra, int count, Workers team) {
            forwardBatches++;
            largestBatch = Math.max(largestBatch, count);
            inner.forwardEach(reals, spectra, count, team);
        }

        @Override
        public void inverseEach(double[][] spectra, double[][] reals, int count, Workers team) {
            inverseBatches++;
            largestBatch = Math.max(largestBatch, count);
            inner.inverseEach(spectra, reals, count, team);
        }
    }

    /**
     * Batched transforms (whole one-thread JTransforms transforms side by side on 2 and 3 threads) give the bits of
     * the unbatched operators: gradient, the four gradients at once, the symmetric divergence (plain and negated),
     * with the same transform counts; and the batches really reach the engine.
     */
    @Test
    void batchedTransformsGiveTheBitsOfTheUnbatchedOperators() {
        Grid g = Grid.of(12, 10, 8).withBox(5.0, 7.0, 9.0);
        double[][] t0 = {randomField(g, 1), randomField(g, 2), randomField(g, 3)};
        double[][] ij = {randomField(g, 4), randomField(g, 5), randomField(g, 6), randomField(g, 7), randomField(g, 8),
                randomField(g, 9)};
        double[][] fields = {randomField(g, 10), randomField(g, 11), randomField(g, 12), randomField(g, 13)};
        for (int[] teamAndEngine : new int[][] {{2, 2}, {3, 3}, {2, 1}, {3, 1}}) {
            int threads = teamAndEngine[0];
            if (teamAndEngine[1] == 1) {
                // one-thread engines batch from MIN_BATCH_POINTS points
                g = Grid.of(32, 32, 32).withBox(5.0, 7.0, 9.0);
                t0 = new double[][] {randomField(g, 1), randomField(g, 2), randomField(g, 3)};
                ij = new double[][] {randomField(g, 4), randomField(g, 5), randomField(g, 6), randomField(g, 7),
                        randomField(g, 8), randomField(g, 9)};
                fields = new double[][] {randomField(g, 10), randomField(g, 11), randomField(g, 12), randomField(g, 13)};
                Grid small = Grid.of(12, 10, 8);
                assertFalse(new SpectralOperators(small, new JTransformsEngine(12, 10, 8, 1, 1), Tracer.OFF, true, true,
                        Workers.shared(threads), true).batchedTransforms(), "below MIN_BATCH_POINTS, one-thread engine");
            }
            // the batch width is the team's: a one-thread engine (a saved tuning's pick) batches on a wider team too
            int engineThreads = teamAndEngine[1];
            try (Workers team = Workers.create(threads)) {
                BatchCounting counting = new BatchCounting(new JTransformsEngine(g.nx(), g.ny(), g.nz(), engineThreads, 1));
                SpectralOperators batched = new SpectralOperators(g, counting, Tracer.OFF, true, true, team, true);
                SpectralOperators plain = new SpectralOperators(g, new JTransformsEngine(g.nx(), g.ny(), g.nz(),
                        engineThreads, 1), Tracer.OFF, true, true, team, false);
                assertEquals(threads, counting.lanes().width(), "lanes opened at setup, one per thread of the team");
                assertTrue(batched.batchedTransforms());
                assertFalse(plain.batchedTransforms());
                for (boolean negated : new boolean[] {false, true}) {
                    double[][] a = new double[4][g.size()];
                    double[][] b = new double[4][g.size()];
                    plain.symmetricDivergence(t0, ij[0], ij[1], ij[2], ij[3], ij[4], ij[5], a, negated);
                    batched.symmetricDivergence(t0, ij[0], ij[1], ij[2], ij[3], ij[4], ij[5], b, negated);
                    for (int nu = 0; nu < 4; nu++) {
                        assertArrayEquals(a[nu], b[nu], 0.0, threads + " threads, divergence " + nu + ", negated " + negated);
                    }
                }
                double[][][] a = new double[4][3][g.size()];
                double[][][] b = new double[4][3][g.size()];
                for (int count = 1; count <= 4; count++) {
                    plain.gradients(count, fields, a);
                    batched.gradients(count, fields, b);
                    for (int f = 0; f < count; f++) {
                        for (int axis = 0; axis < 3; axis++) {
                            assertArrayEquals(a[f][axis], b[f][axis], 0.0, threads + " threads, gradients(" + count
                                    + "), field " + f + ", axis " + axis);
                        }
                    }
                }
                plain.gradient(fields[0], a[0][0], a[0][1], a[0][2]);
                batched.gradient(fields[0], b[0][0], b[0][1], b[0][2]);
                for (int axis = 0; axis < 3; axis++) {
                    assertArrayEquals(a[0][axis], b[0][axis], 0.0, threads + " threads, gradient axis " + axis);
                }
                assertEquals(plain.forwardTransforms(), batched.forwardTransforms(), "forward transforms counted");
                assertEquals(plain.inverseTransforms(), batched.inverseTransforms(), "inverse transforms counted");
                assertTrue(counting.forwardBatches > 0 && counting.inverseBatches > 0, "batches reached the engine");
                assertTrue(counting.largestBatch >= threads, "largest batch " + counting.largestBatch);
                assertEquals(threads, counting.lanes().width(), "no lanes opened in the step");
                // the first derivative really is one: a gradient component of a non-constant field is not zero
                double worst = 0;
                for (double v : b[0][0]) {
                    worst = Math.max(worst, Math.abs(v));
                }
                assertTrue(worst > 0.01, "gradient not trivially zero");
            }
        }
    }

    /** Side-by-side JTransforms transforms give the bits of one transform at a time, counts that divide the threads or not. */
    @Test
    void jtransformsSideBySideTransformsAreBitIdentical() {
        Grid g = Grid.of(12, 10, 8);
        for (int[] teamAndEngine : new int[][] {{2, 2}, {3, 3}, {2, 1}, {3, 2}}) {
            int threads = teamAndEngine[0];
            JTransformsEngine engine = new JTransformsEngine(g.nx(), g.ny(), g.nz(), teamAndEngine[1], 1);
            Workers team = Workers.shared(threads);
            for (int count = 1; count <= 7; count++) {
                double[][] reals = new double[count][];
                double[][] one = new double[count][engine.spectrumLength()];
                double[][] each = new double[count][engine.spectrumLength()];
                for (int i = 0; i < count; i++) {
                    reals[i] = randomField(g, 100 + i);
                    engine.forward(reals[i], one[i]);
                }
                engine.forwardEach(reals, each, count, team);
                double[][] backOne = new double[count][g.size()];
                double[][] backEach = new double[count][g.size()];
                for (int i = 0; i < count; i++) {
                    assertArrayEquals(one[i], each[i], 0.0, threads + " threads, forward " + i + " of " + count);
                    engine.inverse(one[i].clone(), backOne[i]);
                }
                engine.inverseEach(each, backEach, count, team);
                for (int i = 0; i < count; i++) {
                    assertArrayEquals(backOne[i], backEach[i], 0.0, threads + " threads, inverse " + i + " of " + count);
                    assertArrayEquals(reals[i], backEach[i], 1e-12, "round trip");
                }
            }
        }
    }
}
