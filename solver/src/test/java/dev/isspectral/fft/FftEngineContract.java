package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every {@link FftEngine} configuration meets: forward equals a direct half-spectrum DFT,
 * inverse∘forward is the identity, on odd, even, 1-sized and non-cubic shapes (every configuration,
 * complex and float32 paths included, takes axes of length 1). Double engines to 1e-11
 * relative to the spectrum's scale, float engines to {@link #FLOAT_TOLERANCE}.
 * Other modules reuse it through {@link #check(Function)}.
 */
class FftEngineContract {

    /** Float32 engines agree with the exact DFT to this relative (max-norm) error. */
    static final double FLOAT_TOLERANCE = 2e-5;
    static final double DOUBLE_TOLERANCE = 1e-11;

    static final int[][] SHAPES = {{8, 8, 8}, {6, 5, 7}, {1, 1, 9}, {4, 3, 1}, {5, 1, 2}, {3, 4, 6}, {1, 1, 1}, {16, 8, 4}};

    static List<FftSettings> configurations() {
        List<FftSettings> list = new ArrayList<>();
        FftSettings opt = FftSettings.optimized();
        list.add(opt.withThreads(1));
        list.add(opt.withThreads(2));
        list.add(opt.withThreads(2).withJTransformsThreadsBeginN(1));   // threaded at every size
        list.add(opt.withThreads(3).withJTransformsThreadsBeginN(1));
        list.add(opt.withRealTransforms(false));
        list.add(opt.withReusePlans(false));
        list.add(opt.withPrecision(FftSettings.Precision.FLOAT));
        list.add(FftSettings.baseline());
        list.add(FftSettings.baseline().withPrecision(FftSettings.Precision.FLOAT));
        return list;
    }

    static Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (FftSettings s : configurations()) {
            for (int[] shape : SHAPES) {
                args.add(Arguments.of(s, shape[0], shape[1], shape[2]));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("cases")
    void forwardMatchesDirectDftAndInverseUndoesIt(FftSettings settings, int nx, int ny, int nz) {
        try (FftEngine engine = FftEngines.create(settings, nx, ny, nz)) {
            assertEngineMeetsContract(engine);
        }
    }

    @org.junit.jupiter.api.Test
    void everyEngineRejectsAnEmptyAxisNamingTheShape() {
        for (FftSettings s : configurations()) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> FftEngines.create(s, 4, 0, 4));
            assertTrue(e.getMessage().startsWith("shape = 4x0x4; every size must be >= 1"), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void engineBuffersAreCountedAsAllocated() {
        int n = 16 * 8 * 6;
        try (FftEngine r2c = FftEngines.create(FftSettings.optimized().withThreads(2).withJTransformsThreadsBeginN(1), 16, 8, 6);
             FftEngine c2c = FftEngines.create(FftSettings.optimized().withRealTransforms(false), 16, 8, 6);
             FftEngine f32 = FftEngines.create(FftSettings.optimized().withPrecision(FftSettings.Precision.FLOAT), 16, 8, 6);
             FftEngine perCall = FftEngines.create(FftSettings.baseline(), 16, 8, 6)) {
            assertEquals(2L * 8 * (6 + 2 * 4 * 16 + 2 * 4), r2c.bytesHeld(),
                    "two threads' line buffers (the 4 columns of a row at once) and runs of a filled x pass");
            assertEquals(8L * 2 * n, c2c.bytesHeld(), "full complex array of doubles");
            assertEquals(4L * 2 * n, f32.bytesHeld(), "full complex array of floats");
            assertEquals(0, perCall.bytesHeld(), "a new engine per call holds nothing between calls");
        }
    }

    /** Checks one engine against the contract; throws AssertionError if it fails. */
    static void assertEngineMeetsContract(FftEngine engine) {
        int nx = engine.nx();
        int ny = engine.ny();
        int nz = engine.nz();
        double tolerance = engine.singlePrecision() ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
        double[] f = randomField(nx * ny * nz, 11L * nx + 7L * ny + nz);
        double[] copy = f.clone();
        double[] spectrum = new double[engine.spectrumLength()];
        engine.forward(f, spectrum);
        assertTrue(java.util.Arrays.equals(f, copy), "forward must leave its input unchanged");
        double[] exact = directHalfSpectrum(f, nx, ny, nz);
        double scale = 0;
        for (double v : exact) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int p = 0; p < exact.length; p++) {
            assertEquals(exact[p], spectrum[p], tolerance * scale, engine + " coefficient index " + p);
        }
        double[] back = new double[f.length];
        engine.inverse(spectrum, back);
        for (int p = 0; p < f.length; p++) {
            assertEquals(f[p], back[p], tolerance * 10, engine + " round trip at " + p);
        }
        // a second call on the same engine gives the same answer (buffers are reused correctly)
        double[] again = new double[spectrum.length];
        engine.forward(f, again);
        for (int p = 0; p < exact.length; p++) {
            assertEquals(exact[p], again[p], tolerance * scale, engine + " second forward, index " + p);
        }
    }

    static double[] directHalfSpectrum(double[] f, int nx, int ny, int nz) {
        int nzh = nz / 2 + 1;
        double[] out = new double[2 * nx * ny * nzh];
        for (int a = 0; a < nx; a++) {
            for (int b = 0; b < ny; b++) {
                for (int m = 0; m < nzh; m++) {
                    double re = 0;
                    double im = 0;
                    for (int i = 0; i < nx; i++) {
                        for (int j = 0; j < ny; j++) {
                            for (int k = 0; k < nz; k++) {
                                double phase = -2 * Math.PI * ((double) a * i / nx + (double) b * j / ny + (double) m * k / nz);
                                double v = f[(i * ny + j) * nz + k];
                                re += v * Math.cos(phase);
                                im += v * Math.sin(phase);
                            }
                        }
                    }
                    int p = 2 * ((a * ny + b) * nzh + m);
                    out[p] = re;
                    out[p + 1] = im;
                }
            }
        }
        return out;
    }

    static double[] randomField(int n, long seed) {
        Random r = new Random(seed);
        double[] f = new double[n];
        for (int p = 0; p < n; p++) {
            f[p] = r.nextDouble() * 2 - 1;
        }
        return f;
    }
}
