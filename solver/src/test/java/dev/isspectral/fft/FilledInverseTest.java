package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.parallel.Workers;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The java transforms' filled inverse ({@link FftEngine#inverseEachFrom}: the first, x pass gathers each run from a
 * {@link SpectrumSource}) gives the bits of {@link FftEngine#inverseEach} of the same spectra, reads each value of
 * each spectrum once, and leaves the caller's scratch as its only workspace; shapes with one x point (no x pass)
 * and JTransforms' engine do not fill.
 */
class FilledInverseTest {

    @Test
    void theJavaTransformsFilledInverseGivesTheBitsOfInverseEach() {
        Random r = new Random(11);
        for (int[] shape : new int[][] {{16, 8, 32}, {4, 16, 8}, {32, 32, 32}, {8, 2, 4}}) {
            int nx = shape[0];
            int ny = shape[1];
            int nz = shape[2];
            for (int threads : new int[] {2, 3}) {
                Workers team = Workers.shared(threads);
                try (FftEngine engine = new ColumnFftEngine(nx, ny, nz, 1, 0)) {
                    assertTrue(engine.fillsInverseInput());
                    int length = engine.spectrumLength();
                    for (int count = 1; count <= 5; count++) {
                        double[][] spectra = new double[count][length];
                        for (int i = 0; i < count; i++) {
                            double[] real = new double[nx * ny * nz];
                            for (int p = 0; p < real.length; p++) {
                                real[p] = r.nextDouble() - 0.5;
                            }
                            engine.forward(real, spectra[i]);
                        }
                        int[][] reads = new int[count][length];
                        SpectrumSource source = (index, from, to, block) -> {
                            assertTrue(from % 2 == 0 && to % 2 == 0 && to > from, "[" + from + ", " + to + ")");
                            for (int p = from; p < to; p++) {
                                block[p - from] = spectra[index][p];
                                reads[index][p]++;
                            }
                        };
                        double[][] scratch = new double[threads][length];
                        double[][] filled = new double[count][nx * ny * nz];
                        int done = engine.inverseEachFrom(source, filled, count, team, scratch);
                        assertEquals(count / threads * threads, done, threads + " threads, " + count + " transforms");
                        double[][] copies = new double[count][];
                        for (int i = 0; i < count; i++) {
                            copies[i] = spectra[i].clone();
                        }
                        double[][] each = new double[count][nx * ny * nz];
                        engine.inverseEach(copies, each, count, team);
                        String what = nx + "x" + ny + "x" + nz + ", " + threads + " threads, ";
                        for (int i = 0; i < done; i++) {
                            for (int p = 0; p < length; p++) {
                                assertEquals(1, reads[i][p], what + "spectrum " + i + " value " + p + " read once");
                            }
                            for (int p = 0; p < each[i].length; p++) {
                                assertEquals(Double.doubleToLongBits(each[i][p]), Double.doubleToLongBits(filled[i][p]),
                                        what + "transform " + i + " of " + count + ", point " + p);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutAnXPassOrWithJTransformsNothingIsFilled() {
        try (FftEngine flat = new ColumnFftEngine(1, 8, 16, 1, 0);
             FftEngine jt = FftEngines.create(FftSettings.optimized().withBackend(FftSettings.JTRANSFORMS).withThreads(1),
                     16, 8, 16)) {
            assertFalse(flat.fillsInverseInput(), "one x point: the inverse starts with the y pass");
            assertFalse(jt.fillsInverseInput());
            double[][] reals = new double[2][flat.realLength()];
            assertEquals(0, flat.inverseEachFrom((index, from, to, block) -> { }, reals, 2, Workers.shared(2),
                    new double[2][flat.spectrumLength()]));
        }
    }
}
