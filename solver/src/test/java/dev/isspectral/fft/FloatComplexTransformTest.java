package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The float32 complex path's own 1-D passes give the same bits as JTransforms' {@code FloatFFT_3D} (and 2-D, 1-D
 * for shapes with length-1 axes), forward and scaled inverse, on one thread and on two, and allocate nothing.
 */
class FloatComplexTransformTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0}x{1}x{2} t{3}")
    @CsvSource({"32,16,16,1", "6,10,12,1", "1,8,16,1", "8,1,1,1", "5,3,1,1", "4,1,6,1", "1,1,1,1",
            "64,32,32,2", "3,5,7,2"})
    void linePassesAreBitIdenticalToJTransforms3D(int nx, int ny, int nz, int threads) {
        float[] a = new float[2 * nx * ny * nz];
        Random random = new Random(7 + nx + 31L * ny + 977L * nz);
        for (int p = 0; p < a.length; p++) {
            a[p] = (float) random.nextGaussian();
        }
        float[] ours = a.clone();
        float[] theirs = a.clone();
        var mine = JTransformsComplexEngine.linePassesFloat(nx, ny, nz, threads);
        var reference = JTransformsComplexEngine.jtransformsFloat(nx, ny, nz);
        mine.forward(ours);
        reference.forward(theirs);
        assertBitsEqual(theirs, ours, "forward");
        if (a.length > 2) {
            assertTrue(Math.abs(ours[2] - a[2]) > 1e-3, "the forward transform changed nothing");
        }
        mine.inverse(ours);
        reference.inverse(theirs);
        assertBitsEqual(theirs, ours, "inverse");
        for (int p = 0; p < a.length; p++) {   // and it is a transform: the scaled inverse gives a back
            assertEquals(a[p], ours[p], 1e-5 * (1 + Math.abs(a[p])), "round trip at " + p);
        }
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int p = 0; p < expected.length; p++) {
            if (Float.floatToRawIntBits(expected[p]) != Float.floatToRawIntBits(actual[p])) {
                throw new AssertionError(what + " differs at " + p + ": " + expected[p] + " vs " + actual[p]);
            }
        }
    }

    private static long bytesPerPair(FftEngine engine) {
        double[] field = new double[engine.realLength()];
        double[] spectrum = new double[engine.spectrumLength()];
        for (int p = 0; p < field.length; p++) {
            field[p] = 1 + Math.sin(0.3 * p);
        }
        for (int w = 0; w < 5; w++) {
            engine.forward(field, spectrum);
            engine.inverse(spectrum, field);
        }
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int r = 0; r < 10; r++) {
            engine.forward(field, spectrum);
            engine.inverse(spectrum, field);
        }
        return (THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 10;
    }

    @Test
    void float32EngineAllocatesNothingPerTransform() {
        // JTransforms' FloatFFT_3D allocated 4160 bytes per forward+inverse pair at 32x16x16
        try (FftEngine engine = new JTransformsComplexEngine(32, 16, 16, FftSettings.Precision.FLOAT, 2)) {
            long bytes = bytesPerPair(engine);
            assertTrue(bytes <= 64, "float32 pair allocated " + bytes + " bytes");
        }
    }
}
