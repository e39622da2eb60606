package dev.isspectral.measure;

import java.util.Locale;

/**
 * A measured quantity: the median over {@code rounds} rounds and a confidence interval
 * [{@code low}, {@code high}] of the median with coverage {@code confidence} (0.95 when at least six rounds
 * were measured; with fewer, the interval is [min, max] and its coverage, 1 − 2^(1−n), is what it is).
 *
 * @param median     the median over the rounds (of the per-round values: a time per operation, or a paired ratio)
 * @param low        lower end of the interval
 * @param high       upper end of the interval
 * @param rounds     the number of values summarised
 * @param confidence the interval's coverage (0.95 nominal; lower when there were too few rounds for 0.95)
 * @param unit       the unit ("s", "x", …; "" for a plain number)
 */
public record Estimate(double median, double low, double high, int rounds, double confidence, String unit) {

    public Estimate {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds = " + rounds + "; must be >= 0");
        }
        if (!(low <= median && median <= high) && rounds > 0) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] must contain median " + median);
        }
        unit = unit == null ? "" : unit;
    }

    /** The median and 95% order-statistics interval of {@code values} (see {@link Stats#medianInterval}). */
    public static Estimate of(double[] values, String unit) {
        return Stats.medianInterval(values, 0.95).withUnit(unit);
    }

    /**
     * A value known exactly (a count, bytes read from counters, a derived constant): a zero-width interval,
     * confidence 1, one "round".
     */
    public static Estimate exact(double value, String unit) {
        return new Estimate(value, value, value, 1, 1.0, unit);
    }

    /** Whether this is an {@link #exact} value rather than a statistical estimate. */
    public boolean isExact() {
        return confidence == 1.0 && low == high;
    }

    /** A quantity that was not measured: NaN throughout, 0 rounds. */
    public static Estimate missing(String unit) {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, unit);
    }

    /** Whether this holds a measured value. */
    public boolean isMeasured() {
        return rounds > 0 && Double.isFinite(median);
    }

    /** The same numbers in another unit label. */
    public Estimate withUnit(String newUnit) {
        return new Estimate(median, low, high, rounds, confidence, newUnit);
    }

    /** Every number times {@code factor} ({@code factor > 0}), in unit {@code newUnit}. */
    public Estimate scaled(double factor, String newUnit) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor = " + factor + "; must be > 0");
        }
        return new Estimate(median * factor, low * factor, high * factor, rounds, confidence, newUnit);
    }

    /** 1/x: the median and the interval's ends inverted (the ends swap), in unit {@code newUnit}. */
    public Estimate reciprocal(String newUnit) {
        return new Estimate(1 / median, 1 / high, 1 / low, rounds, confidence, newUnit);
    }

    /** (high − low) / median: the interval's width relative to the median; infinite if unmeasured. */
    public double relativeWidth() {
        return isMeasured() && median != 0 ? (high - low) / Math.abs(median) : Double.POSITIVE_INFINITY;
    }

    /** Whether {@code value} lies in [low, high]. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** Whether this interval and {@code other}'s share a point. */
    public boolean overlaps(Estimate other) {
        return low <= other.high && other.low <= high;
    }

    /** "1.234 [1.201, 1.270] s (95%, 12 rounds)"; "n/a" when not measured. */
    public String format() {
        if (!isMeasured()) {
            return "n/a";
        }
        String u = unit.isEmpty() ? "" : unit.equals("x") ? "×" : " " + unit;
        if (isExact()) {
            return number(median) + u + " (exact)";
        }
        return String.format(Locale.ROOT, "%s [%s, %s]%s (%s, %d rounds)", number(median), number(low), number(high), u,
                confidence >= 0.95 - 1e-9 ? "95%" : String.format(Locale.ROOT, "%.0f%%", 100 * confidence), rounds);
    }

    /** "1.234 [1.201, 1.270]" without unit and rounds. */
    public String formatShort() {
        if (!isMeasured()) {
            return "n/a";
        }
        return isExact() ? number(median) : number(median) + " [" + number(low) + ", " + number(high) + "]";
    }

    /** Four significant digits, plain notation in 1e-3 … 1e6. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int decimals = a == 0 ? 0 : Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    @Override
    public String toString() {
        return format();
    }
}
