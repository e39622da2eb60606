package dev.isspectral.jmh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.RunContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side table: both intervals per quantity, whether they overlap, the settings and the run. */
class SideBySideTest {

    @Test
    void eachQuantityShowsBothIntervalsAndWhetherTheyOverlap() {
        List<SideBySide.Row> rows = List.of(
                new SideBySide.Row("FFT pair 32x16x16, fftw", 0.060, 0.055, 0.065, 10, new Estimate(0.062, 0.061, 0.063, 40, 0.95, "ms")),
                new SideBySide.Row("optimized step 64x32x32, fftw", 80.0, 78.0, 82.0, 10, new Estimate(70.0, 69.0, 71.0, 12, 0.95, "ms")),
                new SideBySide.Row("FFT pair 128x64x64, jtransforms", 9.0, Double.NaN, Double.NaN, 1, new Estimate(8.9, 8.8, 9.1, 9, 0.95, "ms")));
        String md = SideBySide.markdown(rows, RunContext.start().finish(), 2, 3, 5, 1, 10);
        assertTrue(md.contains("JMH: 2 fork(s), 3 warm-up + 5 measured iterations of 1.000 s"), md);
        assertTrue(md.contains("| FFT pair 32x16x16, fftw | 0.06000 [0.05500, 0.06500] (n = 10) | 0.06200 [0.06100, 0.06300] (40) | 1.033 | yes |"), md);
        assertTrue(md.contains("| optimized step 64x32x32, fftw | 80.00 [78.00, 82.00] (n = 10) | 70.00 [69.00, 71.00] (12) | 0.875 | no |"), md);
        assertTrue(md.contains("| n/a (too few iterations for an interval) |"), md);
        assertTrue(md.contains("commit "), "the run's commit and load: " + md);
    }
}
