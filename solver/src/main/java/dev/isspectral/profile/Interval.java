package dev.isspectral.profile;

import java.util.Locale;

/**
 * An estimate with its confidence interval, e.g. the median of the per-step times of a profile and
 * the interval that holds the true median with probability {@link #confidence()}.
 *
 * @param estimate   the point estimate (a median, or a shift between two samples)
 * @param low        lower end of the interval
 * @param high       upper end of the interval
 * @param samples    the sample size it came from (for a shift, the smaller of the two)
 * @param confidence the interval's coverage, 0.95 where the sample allows it (less for very small
 *                   samples, where the interval is the whole range: {@link Intervals})
 */
public record Interval(double estimate, double low, double high, int samples, double confidence) {

    /** No data: every number NaN, no samples. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);

    /** An exact value (a count, known without sampling): low = high = estimate, confidence 1. */
    public static Interval exact(double value, int samples) {
        return new Interval(value, value, value, samples, 1.0);
    }

    /** This interval with every number multiplied by {@code factor} (e.g. ms to ns per point); a negative factor swaps the ends. */
    public Interval times(double factor) {
        double a = low * factor;
        double b = high * factor;
        return new Interval(estimate * factor, Math.min(a, b), Math.max(a, b), samples, confidence);
    }

    /** Whether the interval excludes {@code value} (e.g. 0 for a shift: a difference the data resolve). */
    public boolean excludes(double value) {
        return value < low || value > high;
    }

    /** Half the width relative to the estimate, e.g. 0.02 for ±2 %; NaN when the estimate is 0. */
    public double relativeHalfWidth() {
        return estimate == 0 ? Double.NaN : 0.5 * (high - low) / Math.abs(estimate);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g] (%.0f%%, n = %d)", estimate, low, high, 100 * confidence, samples);
    }
}
