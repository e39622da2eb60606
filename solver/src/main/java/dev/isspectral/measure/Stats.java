package dev.isspectral.measure;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The statistics of the method: the median with a distribution-free confidence interval from order
 * statistics, and a percentile bootstrap with a fixed seed for derived quantities (a ratio of medians of
 * two independent samples, for instance). Pure functions; no state.
 */
public final class Stats {

    /** The bootstrap's default seed: results are reproducible run to run. */
    public static final long DEFAULT_SEED = 0x15_5EC7_2A1L;
    /** The bootstrap's default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;

    private Stats() {
    }

    /** The median of {@code values} (mean of the two middle values for an even count); NaN if empty. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /**
     * The median and an interval [x₍k₎, x₍n+1−k₎] (order statistics, 1-based) that contains the true median
     * with probability 1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½), for any continuous distribution of independent
     * values; k is the largest for which that probability is at least {@code confidence}. With too few values for
     * {@code confidence} (n ≤ 5 for 95%), the interval is [min, max] and the estimate's confidence says what it
     * covers.
     */
    public static Estimate medianInterval(double[] values, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence = " + confidence + "; must be in (0, 1)");
        }
        int n = values.length;
        if (n == 0) {
            return Estimate.missing("");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        int k = 1;
        double coverage = coverage(n, 1);
        for (int j = 2; j <= (n + 1) / 2; j++) {
            double c = coverage(n, j);
            if (c < confidence) {
                break;
            }
            k = j;
            coverage = c;
        }
        return new Estimate(median, s[k - 1], s[n - k], n, coverage, "");
    }

    /** 1 − 2·P(Binomial(n, ½) ≤ k − 1): the coverage of [x₍k₎, x₍n+1−k₎] for the median. */
    static double coverage(int n, int k) {
        double tail = 0;
        double logHalfN = n * Math.log(0.5);
        for (int i = 0; i < k; i++) {
            tail += Math.exp(logChoose(n, i) + logHalfN);
        }
        return Math.max(0, 1 - 2 * tail);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log((double) (n - k + i) / i);
        }
        return s;
    }

    /**
     * Percentile bootstrap of {@code statistic} over independent samples: each resample draws every sample
     * with replacement (separately, same length), the statistic is computed on the resampled set, and the
     * interval is the (1−c)/2 and (1+c)/2 quantiles of the resampled statistics. The point value is the statistic
     * of the original samples. Deterministic for a given {@code seed}.
     *
     * @param samples   one or more samples (each non-empty)
     * @param statistic the quantity, from the samples (e.g. {@code s -> median(s[0]) / median(s[1])})
     */
    public static Estimate bootstrap(double[][] samples, ToDoubleFunction<double[][]> statistic, double confidence,
                                     int resamples, long seed) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples = []; must hold at least one sample");
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples = " + resamples + "; must be >= 100");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence = " + confidence + "; must be in (0, 1)");
        }
        int rounds = Integer.MAX_VALUE;
        for (double[] s : samples) {
            if (s.length == 0) {
                return Estimate.missing("");
            }
            rounds = Math.min(rounds, s.length);
        }
        double point = statistic.applyAsDouble(samples);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] drawn = new double[samples.length][];
        for (int j = 0; j < samples.length; j++) {
            drawn[j] = new double[samples[j].length];
        }
        double[] stats = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            for (int j = 0; j < samples.length; j++) {
                double[] src = samples[j];
                for (int i = 0; i < src.length; i++) {
                    drawn[j][i] = src[random.nextInt(src.length)];
                }
            }
            stats[b] = statistic.applyAsDouble(drawn);
        }
        Arrays.sort(stats);
        double lo = quantile(stats, (1 - confidence) / 2);
        double hi = quantile(stats, (1 + confidence) / 2);
        return new Estimate(point, Math.min(lo, point), Math.max(hi, point), rounds, confidence, "");
    }

    /** {@link #bootstrap(double[][], ToDoubleFunction, double, int, long)} at 95%, 2000 resamples, the default seed. */
    public static Estimate bootstrap(double[][] samples, ToDoubleFunction<double[][]> statistic) {
        return bootstrap(samples, statistic, 0.95, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * Hierarchical (two-level) percentile bootstrap for measurements taken in several forks (fresh JVMs), each of
     * paired rounds: {@code data[fork][series][round]}, every series of a fork the same length. Each resample draws as
     * many forks as there are, with replacement, then within each drawn fork as many rounds as it has, with
     * replacement (one round index for all series of the fork, so paired values stay paired), pools the drawn rounds
     * per series over the drawn forks and computes {@code statistic} on the pooled {@code [series][values]}. So the
     * variation between forks (a JVM's code layout, its JIT's profile, an FFT plan) is inside the interval, and not
     * only the variation between rounds. The point value is the statistic of all rounds of all forks pooled; the
     * interval is the (1−c)/2 and (1+c)/2 quantiles of the resampled statistics. Deterministic for a given
     * {@code seed}. With one fork it is the ordinary bootstrap over rounds (paired).
     *
     * <p>Limit, stated where the results are shown: when the forks differ by more than the rounds within a fork, the
     * interval cannot reach beyond the range of the forks' own values, so it covers the population of JVMs with
     * probability at most 1 − 2·(1/2)^F for F forks (75% for 3, 94% for 5), whatever its nominal confidence.
     *
     * @return the estimate; its {@code rounds} is the total number of rounds over all forks
     */
    public static Estimate hierarchicalBootstrap(double[][][] data, ToDoubleFunction<double[][]> statistic,
                                                 double confidence, int resamples, long seed) {
        if (data.length == 0) {
            throw new IllegalArgumentException("data = []; must hold at least one fork");
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples = " + resamples + "; must be >= 100");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence = " + confidence + "; must be in (0, 1)");
        }
        int series = data[0].length;
        int[] rounds = new int[data.length];
        int total = 0;
        for (int f = 0; f < data.length; f++) {
            if (data[f].length != series || series == 0) {
                throw new IllegalArgumentException("fork " + f + " has " + data[f].length + " series, fork 0 " + series
                        + "; every fork must have the same number (>= 1)");
            }
            rounds[f] = data[f][0].length;
            for (double[] s : data[f]) {
                if (s.length != rounds[f]) {
                    throw new IllegalArgumentException("fork " + f + " has series of " + rounds[f] + " and " + s.length
                            + " rounds; the series of a fork must be paired (equal length)");
                }
            }
            if (rounds[f] == 0) {
                return Estimate.missing("");
            }
            total += rounds[f];
        }
        double[][] pooled = new double[series][total];
        int at = 0;
        for (double[][] fork : data) {
            for (int s = 0; s < series; s++) {
                System.arraycopy(fork[s], 0, pooled[s], at, fork[s].length);
            }
            at += fork[0].length;
        }
        double point = statistic.applyAsDouble(pooled);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int[] picks = new int[data.length];
        for (int b = 0; b < resamples; b++) {
            int n = 0;
            for (int k = 0; k < data.length; k++) {
                picks[k] = random.nextInt(data.length);
                n += rounds[picks[k]];
            }
            double[][] view = new double[series][n];
            int pos = 0;
            for (int k = 0; k < data.length; k++) {
                double[][] fork = data[picks[k]];
                int m = fork[0].length;
                for (int i = 0; i < m; i++) {
                    int r = random.nextInt(m);
                    for (int s = 0; s < series; s++) {
                        view[s][pos] = fork[s][r];
                    }
                    pos++;
                }
            }
            stats[b] = statistic.applyAsDouble(view);
        }
        Arrays.sort(stats);
        double lo = quantile(stats, (1 - confidence) / 2);
        double hi = quantile(stats, (1 + confidence) / 2);
        return new Estimate(point, Math.min(lo, point), Math.max(hi, point), total, confidence, "");
    }

    /**
     * The median of one series measured in several forks ({@code perFork[fork][round]}), with the 95%
     * {@linkplain #hierarchicalBootstrap hierarchical bootstrap} interval (2000 resamples, the default seed).
     */
    public static Estimate hierarchicalMedian(double[][] perFork) {
        double[][][] data = new double[perFork.length][][];
        for (int f = 0; f < perFork.length; f++) {
            data[f] = new double[][] {perFork[f]};
        }
        return hierarchicalBootstrap(data, s -> median(s[0]), 0.95, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * The coverage that an interval spanning the forks' own values can have for the population of forks (JVMs) when
     * the forks differ by more than their rounds: 1 − 2·(1/2)^F, as for the [min, max] of F values and their median.
     */
    public static double forkCoverage(int forks) {
        return forks < 1 ? 0 : 1 - 2 * Math.pow(0.5, forks);
    }

    /** Linear-interpolated quantile {@code q} of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /**
     * The least-squares slope of y on x (the one home of this fit: scaling exponents, convergence orders); NaN with
     * fewer than two distinct x.
     *
     * @throws IllegalArgumentException when x and y differ in length
     */
    public static double slope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length + "; must be equal");
        }
        int n = x.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    /** The least-squares slope of log y on log x: the exponent p of y ∝ x^p (e.g. a convergence order). */
    public static double logLogSlope(double[] x, double[] y) {
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < lx.length; i++) {
            lx[i] = Math.log(x[i]);
        }
        for (int i = 0; i < ly.length; i++) {
            ly[i] = Math.log(y[i]);
        }
        return slope(lx, ly);
    }
}
