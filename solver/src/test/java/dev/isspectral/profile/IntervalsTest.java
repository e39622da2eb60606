package dev.isspectral.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalsTest {

    private static double[] oneTo(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n - i; // descending, so the method must sort
        }
        return x;
    }

    /**
     * For n = 32, P(B ≤ 9) = 0.0100 ≤ 2.5 % < P(B ≤ 10) = 0.0251 for B ~ Binomial(32, 1/2): the interval runs
     * from the 10th to the 23rd smallest value, with coverage 1 − 2·0.0100 = 0.9799.
     */
    @Test
    void medianIntervalIsBetweenTheBinomialOrderStatistics() {
        Interval i = Intervals.median(oneTo(32));
        assertEquals(16.5, i.estimate(), 0.0);
        assertEquals(10, i.low(), 0.0);
        assertEquals(23, i.high(), 0.0);
        assertEquals(0.97994, i.confidence(), 1e-5);
        assertEquals(32, i.samples());
        // n = 10: P(B <= 1) = 11/1024 <= 2.5 % < P(B <= 2) = 56/1024: 2nd to 9th, coverage 1 - 22/1024
        Interval ten = Intervals.median(oneTo(10));
        assertEquals(5.5, ten.estimate(), 0.0);
        assertEquals(2, ten.low(), 0.0);
        assertEquals(9, ten.high(), 0.0);
        assertEquals(1 - 22.0 / 1024, ten.confidence(), 1e-12);
    }

    @Test
    void tooFewSamplesGiveTheRangeWithItsLowerCoverage() {
        Interval i = Intervals.median(new double[] {3, 1, 2, 5, 4});
        assertEquals(3, i.estimate(), 0.0);
        assertEquals(1, i.low(), 0.0);
        assertEquals(5, i.high(), 0.0);
        assertEquals(1 - 2 * Math.pow(0.5, 5), i.confidence(), 1e-12);
        assertEquals(Interval.NONE, Intervals.median(new double[0]));
        assertEquals(2, Intervals.median(new double[] {Double.NaN, 1, 3}).estimate(), 0.0);
    }

    @Test
    void shiftOfAShiftedSampleIsTheShiftAndResolved() {
        double[] a = oneTo(20);
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            b[i] = a[i] + 30;
        }
        Interval s = Intervals.shift(a, b);
        assertEquals(30, s.estimate(), 0.0);
        assertTrue(s.low() < 30 && s.high() > 30, s.toString());
        assertTrue(s.excludes(0), s.toString());
        // against itself: shift 0, the interval holds 0 and is symmetric
        Interval same = Intervals.shift(a, a);
        assertEquals(0, same.estimate(), 0.0);
        assertFalse(same.excludes(0));
        assertEquals(-same.low(), same.high(), 0.0);
        // Mann-Whitney: C = floor(200 - 1.96 sqrt(400 * 41 / 12)) = 127; the 128th smallest of the differences j - i
        // of 1..20 is -4, so the interval is [-4, 4]
        assertEquals(-4, same.low(), 0.0);
        assertEquals(4, same.high(), 0.0);
    }

    @Test
    void scalingAnIntervalScalesEveryNumberAndKeepsTheOrder() {
        Interval i = new Interval(2, 1, 4, 9, 0.95).times(-0.5);
        assertEquals(-1, i.estimate(), 0.0);
        assertEquals(-2, i.low(), 0.0);
        assertEquals(-0.5, i.high(), 0.0);
    }
}
