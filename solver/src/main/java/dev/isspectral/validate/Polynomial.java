package dev.isspectral.validate;

/** A real polynomial Σ c_i x^i (coefficients low to high), with its complex roots. */
public final class Polynomial {

    private final double[] coefficients;

    /** Coefficients from low to high order; the highest must be non-zero. */
    public Polynomial(double... coefficients) {
        int degree = coefficients.length - 1;
        while (degree > 0 && coefficients[degree] == 0) {
            degree--;
        }
        this.coefficients = java.util.Arrays.copyOf(coefficients, degree + 1);
    }

    public int degree() {
        return coefficients.length - 1;
    }

    /** Coefficients low to high (a copy). */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public Complex evaluate(Complex x) {
        Complex sum = Complex.ZERO;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            sum = sum.times(x).plus(Complex.real(coefficients[i]));
        }
        return sum;
    }

    public Polynomial derivative() {
        if (degree() == 0) {
            return new Polynomial(0);
        }
        double[] d = new double[degree()];
        for (int i = 1; i < coefficients.length; i++) {
            d[i - 1] = i * coefficients[i];
        }
        return new Polynomial(d);
    }

    public Polynomial times(Polynomial o) {
        double[] out = new double[coefficients.length + o.coefficients.length - 1];
        for (int i = 0; i < coefficients.length; i++) {
            for (int j = 0; j < o.coefficients.length; j++) {
                out[i + j] += coefficients[i] * o.coefficients[j];
            }
        }
        return new Polynomial(out);
    }

    public Polynomial plus(Polynomial o) {
        double[] out = new double[Math.max(coefficients.length, o.coefficients.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i < coefficients.length ? coefficients[i] : 0) + (i < o.coefficients.length ? o.coefficients[i] : 0);
        }
        return new Polynomial(out);
    }

    public Polynomial scale(double x) {
        double[] out = coefficients.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= x;
        }
        return new Polynomial(out);
    }

    /**
     * All complex roots, by the Aberth–Ehrlich simultaneous iteration, then polished by Newton's
     * method; accurate to round-off for the well-separated roots of the dispersion relations.
     */
    public Complex[] roots() {
        int n = degree();
        Complex[] z = new Complex[n];
        double lead = coefficients[n];
        double radius = 0;
        for (int i = 0; i < n; i++) {
            radius = Math.max(radius, Math.pow(Math.abs(coefficients[i] / lead), 1.0 / (n - i)));
        }
        radius = Math.max(radius, 1e-3);
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n + 0.4;
            z[i] = new Complex(radius * Math.cos(angle), radius * Math.sin(angle));
        }
        Polynomial d = derivative();
        for (int iteration = 0; iteration < 500; iteration++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                Complex ratio = evaluate(z[i]).divide(d.evaluate(z[i]));
                Complex sum = Complex.ZERO;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        sum = sum.plus(Complex.ONE.divide(z[i].minus(z[j])));
                    }
                }
                Complex step = ratio.divide(Complex.ONE.minus(ratio.times(sum)));
                z[i] = z[i].minus(step);
                change = Math.max(change, step.abs() / Math.max(1, z[i].abs()));
            }
            if (change < 1e-16) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int polish = 0; polish < 3; polish++) {
                Complex dv = d.evaluate(z[i]);
                if (dv.abs() == 0) {
                    break;
                }
                z[i] = z[i].minus(evaluate(z[i]).divide(dv));
            }
        }
        return z;
    }
}
