package dev.isspectral.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.RunContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side table: both intervals per quantity, whether they overlap, the settings and the run. */
class SideBySideTest {

    @Test
    void eachQuantityShowsTheSameStatisticForBothAndWhetherTheIntervalsOverlap() {
        Estimate jmhA = SideBySide.jmhMedian(new double[][] {{0.060, 0.061, 0.059}, {0.062, 0.060, 0.061}});
        assertEquals(0.0605, jmhA.median(), 1e-12, "the median of all six iterations");
        assertEquals("2×3", SideBySide.forksTimes(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        List<SideBySide.Row> rows = List.of(
                new SideBySide.Row("FFT pair 32x16x16, fftw", 0.060, 0.055, 0.065, 6, jmhA, "2×3",
                        new Estimate(0.0605, 0.0600, 0.0610, 40, 0.95, "ms"), "2×20"),
                new SideBySide.Row("optimized step 64x32x32, fftw", 80.0, 78.0, 82.0, 10,
                        new Estimate(80.0, 79.0, 81.0, 10, 0.95, "ms"), "2×5", new Estimate(70.0, 69.0, 71.0, 12, 0.95, "ms"),
                        "2×6"),
                new SideBySide.Row("FFT pair 128x64x64, jtransforms", 9.0, Double.NaN, Double.NaN, 1,
                        new Estimate(9.0, 9.0, 9.0, 1, 0.5, "ms"), "1×1", new Estimate(8.9, 8.8, 9.1, 9, 0.95, "ms"), "9"));
        String md = SideBySide.markdown(rows, RunContext.start().finish(), 2, 3, 5, 1, 10);
        assertTrue(md.contains("JMH: 2 fork(s), 3 warm-up + 5 measured iterations of 1.000 s"), md);
        assertTrue(md.contains("Both median columns are the same statistic"), md);
        assertTrue(md.contains("| FFT pair 32x16x16, fftw | " + jmhA.formatShort() + " (2×3) | 0.06050 [0.06000, 0.06100] (2×20) "
                + "| 1.000 | yes | 0.06000 [0.05500, 0.06500] (n = 6) |"), md);
        assertTrue(md.contains("| optimized step 64x32x32, fftw | 80.00 [79.00, 81.00] (2×5) | 70.00 [69.00, 71.00] (2×6) | 0.875 "
                + "| no | 80.00 [78.00, 82.00] (n = 10) |"), md);
        assertTrue(md.contains("(too few iterations for an interval)"), md);
        assertTrue(md.contains("commit "), "the run's commit and load: " + md);
    }
}
