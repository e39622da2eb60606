package dev.isspectral.validate;

import java.util.function.DoubleBinaryOperator;

/**
 * A one-parameter least-squares fit: the p in [lower, upper] that minimises Σ (y_i − f(p, x_i))²,
 * found by golden-section search (the sum must have one minimum in the interval), with the standard
 * error of a one-parameter fit, σ_p = √(RSS/(n − 1) / Σ J_i²), J_i = ∂f/∂p at the optimum (central
 * differences). Used to read a transport coefficient back from simulated rates, e.g. η/s from the
 * sound damping Γ(k) through the exact relation (physics.md eq. 7.3).
 *
 * @param value         the fitted parameter p
 * @param standardError σ_p
 * @param residualRms   √(RSS/n)
 * @param points        n
 */
public record ParameterFit(double value, double standardError, double residualRms, int points) {

    /** Fits {@code model}(p, x) to the points (x_i, y_i), n ≥ 2, over p in [lower, upper]. */
    public static ParameterFit leastSquares(double[] x, double[] y, DoubleBinaryOperator model, double lower, double upper) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("points = " + x.length + " x and " + y.length + " y; need the same number, at least 2");
        }
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("interval = [" + lower + ", " + upper + "]; must be finite with lower < upper");
        }
        double golden = (Math.sqrt(5) - 1) / 2;
        double a = lower;
        double b = upper;
        double c = b - golden * (b - a);
        double d = a + golden * (b - a);
        double fc = rss(x, y, model, c);
        double fd = rss(x, y, model, d);
        while (b - a > 1e-13 * Math.max(1, Math.abs(a) + Math.abs(b))) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - golden * (b - a);
                fc = rss(x, y, model, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + golden * (b - a);
                fd = rss(x, y, model, d);
            }
        }
        double p = (a + b) / 2;
        double h = 1e-6 * Math.max(Math.abs(p), 1e-3);
        double jj = 0;
        for (double xi : x) {
            double j = (model.applyAsDouble(p + h, xi) - model.applyAsDouble(p - h, xi)) / (2 * h);
            jj += j * j;
        }
        double r = rss(x, y, model, p);
        return new ParameterFit(p, Math.sqrt(r / (x.length - 1) / jj), Math.sqrt(r / x.length), x.length);
    }

    private static double rss(double[] x, double[] y, DoubleBinaryOperator model, double p) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - model.applyAsDouble(p, x[i]);
            sum += r * r;
        }
        return sum;
    }

    /** How many standard errors {@code value} is from {@code truth}. */
    public double standardErrorsFrom(double truth) {
        return Math.abs(value - truth) / standardError;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.6g ± %.2g (%d points, residual rms %.2g)", value, standardError, points, residualRms);
    }
}
