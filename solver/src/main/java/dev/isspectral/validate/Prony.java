package dev.isspectral.validate;

/**
 * Linear-prediction (Prony) estimate of the rates s_r of a signal sampled at spacing Δ:
 * least-squares fit of e_{n+p} = Σ_{j=1..p} c_j e_{n+p−j}, roots z of z^p − Σ c_j z^{p−j}, s = ln z/Δ
 * (physics.md §7.2 (ii)).
 */
public final class Prony {

    private Prony() {
    }

    /** Rates of an order-1 or order-2 fit of {@code samples} spaced {@code spacing} apart. */
    public static Complex[] rates(double[] samples, double spacing, int order) {
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("order = " + order + "; must be 1 or 2");
        }
        int rows = samples.length - order;
        if (rows < order) {
            throw new IllegalArgumentException("samples = " + samples.length + "; need at least " + 2 * order);
        }
        if (order == 1) {
            double num = 0;
            double den = 0;
            for (int n = 0; n < rows; n++) {
                num += samples[n + 1] * samples[n];
                den += samples[n] * samples[n];
            }
            return new Complex[] {Complex.real(num / den).log().times(1 / spacing)};
        }
        // normal equations for [e_{n+1}, e_n] · (c1, c2) = e_{n+2}
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int n = 0; n < rows; n++) {
            double x1 = samples[n + 1];
            double x2 = samples[n];
            double y = samples[n + 2];
            a11 += x1 * x1;
            a12 += x1 * x2;
            a22 += x2 * x2;
            b1 += x1 * y;
            b2 += x2 * y;
        }
        double det = a11 * a22 - a12 * a12;
        double c1 = (b1 * a22 - b2 * a12) / det;
        double c2 = (a11 * b2 - a12 * b1) / det;
        // z² − c1 z − c2 = 0
        Complex disc = Complex.real(c1 * c1 + 4 * c2).sqrt();
        Complex z1 = Complex.real(c1).plus(disc).times(0.5);
        Complex z2 = Complex.real(c1).minus(disc).times(0.5);
        return new Complex[] {z1.log().times(1 / spacing), z2.log().times(1 / spacing)};
    }
}
