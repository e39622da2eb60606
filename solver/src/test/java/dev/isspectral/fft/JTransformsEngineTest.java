package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JTransformsEngineTest {

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"8,8,8", "6,5,7", "1,1,9", "4,3,1", "5,1,2", "3,4,6", "1,1,1"})
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
