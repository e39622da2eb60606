package dev.isspectral.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Stats#slope} and {@link Stats#logLogSlope}: exact lines and power laws, degenerate input. */
class StatsSlopeTest {

    @Test
    void slopeOfALineAndOfNoisyPointsIsTheLeastSquaresOne() {
        assertEquals(-2.5, Stats.slope(new double[] {0, 1, 2, 3}, new double[] {4, 1.5, -1, -3.5}), 1e-14);
        // y = x + {0, 1, 0}: least squares through (0,0), (1,2), (2,2): slope 1
        assertEquals(1.0, Stats.slope(new double[] {0, 1, 2}, new double[] {0, 2, 2}), 1e-14);
    }

    @Test
    void logLogSlopeIsThePowerOfAPowerLaw() {
        double[] dt = {0.04, 0.02, 0.01};
        double[] err = new double[3];
        for (int i = 0; i < 3; i++) {
            err[i] = 7.0 * Math.pow(dt[i], 2);
        }
        assertEquals(2.0, Stats.logLogSlope(dt, err), 1e-12);
    }

    @Test
    void degenerateInputIsNaNOrAClearError() {
        assertTrue(Double.isNaN(Stats.slope(new double[] {1}, new double[] {2})));
        assertTrue(Double.isNaN(Stats.slope(new double[] {1, 1}, new double[] {2, 3})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stats.slope(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("x has 2 values, y 1"), e.getMessage());
    }
}
