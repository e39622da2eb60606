package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.parallel.Workers;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java engines' filled inverse ({@link FftEngine#inverseEachFrom}: the first, x pass gathers each run from a
 * {@link SpectrumSource}; the java transforms on two lanes for power-of-two shapes, JTransforms' line engine with
 * blocks of 3 columns on three lanes and for other shapes) gives the bits of {@link FftEngine#inverseEach} of the
 * same spectra and reads each value of each spectrum once; shapes with one x point (no x pass) do not fill.
 */
class FilledInverseTest {

    @Test
    void theJavaTransformsFilledInverseGivesTheBitsOfInverseEach() {
        Random r = new Random(11);
        for (int[] shape : new int[][] {{16, 8, 32}, {4, 16, 8}, {32, 32, 32}, {8, 2, 4}, {6, 10, 12}}) {
            int nx = shape[0];
            int ny = shape[1];
            int nz = shape[2];
            for (int threads : new int[] {2, 3}) {
                Workers team = Workers.shared(threads);
                boolean powersOfTwo = Integer.bitCount(nx) == 1 && Integer.bitCount(ny) == 1 && Integer.bitCount(nz) == 1;
                try (FftEngine engine = powersOfTwo && threads == 2 ? new ColumnFftEngine(nx, ny, nz, 1, 0)
                        : new JTransformsEngine(nx, ny, nz, 1, 0, 3)) {
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
                        String what = engine.backend() + " " + nx + "x" + ny + "x" + nz + ", " + threads + " threads, ";
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
    void withoutAnXPassNothingIsFilled() {
        try (FftEngine flat = new ColumnFftEngine(1, 8, 16, 1, 0);
             FftEngine jt = new JTransformsEngine(1, 8, 10, 1, 0)) {
            assertFalse(flat.fillsInverseInput(), "one x point: the inverse starts with the y pass");
            assertFalse(jt.fillsInverseInput());
            double[][] reals = new double[2][flat.realLength()];
            assertEquals(0, flat.inverseEachFrom((index, from, to, block) -> { }, reals, 2, Workers.shared(2),
                    new double[2][flat.spectrumLength()]));
        }
    }
}
