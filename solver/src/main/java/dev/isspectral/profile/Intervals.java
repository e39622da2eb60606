package dev.isspectral.profile;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Stats;

import java.util.Arrays;

/**
 * The one source of the intervals a profile report prints: the median of a sample with its
 * distribution-free 95% confidence interval, and the shift between two samples with its interval.
 * Step times are skewed (a late GC or a busy neighbour makes a few steps slow) and far from normal,
 * so both are rank-based and assume only independent steps.
 *
 * <ul>
 *   <li>{@link #median} ({@link Stats#medianInterval}, the project's measurement method): the interval between two order statistics x_(j) and x_(n+1−j) (1-based),
 *       with j the largest rank for which P(B ≤ j−1) ≤ 2.5 % for B ~ Binomial(n, 1/2); its coverage
 *       1 − 2·P(B ≤ j−1) is at least 95 % and is what {@link Interval#confidence()} reports. With
 *       n ≤ 5 no such j exists: the interval is then [min, max] with coverage 1 − 2^(1−n).</li>
 *   <li>{@link #shift}: the Hodges–Lehmann estimate of how much larger {@code b} is than {@code a},
 *       the median of all n·m differences b_j − a_i, with the Mann–Whitney interval between the
 *       (C+1)-th and (nm−C)-th smallest difference, C = ⌊nm/2 − 1.96·√(nm(n+m+1)/12)⌋ (normal
 *       approximation of the rank-sum distribution).</li>
 * </ul>
 */
public final class Intervals {

    /** The nominal coverage of every interval here. */
    public static final double CONFIDENCE = 0.95;

    private Intervals() {
    }

    /** The median of {@code samples} and its 95% interval (NaN values are left out); {@link Interval#NONE} for none. */
    public static Interval median(double[] samples) {
        double[] x = finiteSorted(samples);
        int n = x.length;
        if (n == 0) {
            return Interval.NONE;
        }
        // the project's measurement method: the same order-statistics interval as every other number it publishes
        Estimate e = Stats.medianInterval(x, CONFIDENCE);
        return new Interval(e.median(), e.low(), e.high(), e.rounds(), e.confidence());
    }

    /**
     * How much larger {@code b} is than {@code a}: the Hodges–Lehmann shift and its 95% interval;
     * {@link Interval#NONE} if either is empty. {@link Interval#samples()} is the smaller sample size.
     */
    public static Interval shift(double[] a, double[] b) {
        double[] x = finiteSorted(a);
        double[] y = finiteSorted(b);
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            return Interval.NONE;
        }
        double[] d = new double[n * m];
        int k = 0;
        for (double yi : y) {
            for (double xi : x) {
                d[k++] = yi - xi;
            }
        }
        Arrays.sort(d);
        int nm = d.length;
        double estimate = nm % 2 == 1 ? d[nm / 2] : 0.5 * (d[nm / 2 - 1] + d[nm / 2]);
        long c = (long) Math.floor(nm / 2.0 - 1.959963984540054 * Math.sqrt(nm * (double) (n + m + 1) / 12.0));
        if (c < 0) {
            return new Interval(estimate, d[0], d[nm - 1], Math.min(n, m), Double.NaN);
        }
        return new Interval(estimate, d[(int) c], d[nm - 1 - (int) c], Math.min(n, m), CONFIDENCE);
    }

    private static double[] finiteSorted(double[] samples) {
        double[] x = Arrays.stream(samples).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(x);
        return x;
    }
}
