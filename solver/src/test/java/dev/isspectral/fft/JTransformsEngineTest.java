package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JTransformsEngineTest {

    /**
     * Gathering the y and x columns several at a time changes only the memory access, not the arithmetic: every width
     * (one column at a time as before, a width that leaves a remainder, the default) gives the same bits, forward and
     * inverse, on one thread and split over two. Shapes with NZ/2 + 1 = 11 and 12 columns: full blocks and remainders.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}, {3} thread(s)")
    @CsvSource({"6,5,20,1", "16,8,22,1", "16,8,22,2", "3,7,21,2"})
    void columnBlockWidthDoesNotChangeTheBits(int nx, int ny, int nz, int threads) {
        double[] f = randomField(nx * ny * nz, 11);
        double[][] spectra = new double[3][];
        double[][] back = new double[3][];
        int[] widths = {1, 3, 8};
        for (int w = 0; w < widths.length; w++) {
            FftEngine engine = new JTransformsEngine(nx, ny, nz, threads, 1, widths[w]);
            spectra[w] = new double[engine.spectrumLength()];
            engine.forward(f, spectra[w]);
            back[w] = new double[f.length];
            engine.inverse(spectra[w].clone(), back[w]);
        }
        for (int w = 1; w < widths.length; w++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(spectra[0], spectra[w], 0.0, "forward, width " + widths[w]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(back[0], back[w], 0.0, "inverse, width " + widths[w]);
        }
        for (int p = 0; p < f.length; p++) {
            assertEquals(f[p], back[2][p], 1e-12, "round trip at " + p);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new JTransformsEngine(nx, ny, nz, 1, 1, 0));
    }

    @org.junit.jupiter.api.Test
    void blocksOfColumnsAreAsEvenAsTheyGo() {
        assertEquals(17, JTransformsEngine.blockWidth(33, 32), "64 points in z: 33 columns, two blocks of 17 and 16");
        assertEquals(4, JTransformsEngine.blockWidth(4, 32));
        assertEquals(22, JTransformsEngine.blockWidth(65, 32), "three blocks of 22, 22, 21");
        assertEquals(7, JTransformsEngine.blockWidth(33, 8), "five blocks of 7, 7, 7, 7, 5");
        assertEquals(1, JTransformsEngine.blockWidth(33, 1));
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"8,8,8", "6,5,7", "1,1,9", "4,3,1", "5,1,2", "3,4,6", "1,1,1", "4,3,20"})
    void forwardMatchesDirectHalfSpectrumDft(int nx, int ny, int nz) {
        double[] f = randomField(nx * ny * nz, 7);
        FftEngine engine = new JTransformsEngine(nx, ny, nz);
        double[] spectrum = new double[engine.spectrumLength()];
        engine.forward(f, spectrum);
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
                                double v = f[(i * ny + j) * nz + k];
                                re += v * Math.cos(phase);
                                im += v * Math.sin(phase);
                            }
                        }
                    }
                    int p = 2 * ((a * ny + b) * nzh + m);
                    assertEquals(re, spectrum[p], 1e-11, "re at " + a + "," + b + "," + m);
                    assertEquals(im, spectrum[p + 1], 1e-11, "im at " + a + "," + b + "," + m);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"8,8,8", "6,5,7", "1,1,9", "4,3,1", "16,8,4"})
    void inverseUndoesForward(int nx, int ny, int nz) {
        double[] f = randomField(nx * ny * nz, 11);
        FftEngine engine = new JTransformsEngine(nx, ny, nz);
        double[] spectrum = new double[engine.spectrumLength()];
        double[] back = new double[f.length];
        engine.forward(f, spectrum);
        engine.inverse(spectrum, back);
        for (int p = 0; p < f.length; p++) {
            assertEquals(f[p], back[p], 1e-13, "point " + p);
        }
    }

    private static double[] randomField(int n, long seed) {
        Random random = new Random(seed);
        double[] f = new double[n];
        for (int p = 0; p < n; p++) {
            f[p] = random.nextGaussian();
        }
        return f;
    }
}
