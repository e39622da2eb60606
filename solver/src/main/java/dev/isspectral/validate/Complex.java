package dev.isspectral.validate;

import java.util.Locale;

/** A complex number, for the analytic mode roots. Immutable. */
public record Complex(double re, double im) {

    public static final Complex ZERO = new Complex(0, 0);
    public static final Complex ONE = new Complex(1, 0);

    public static Complex real(double x) {
        return new Complex(x, 0);
    }

    public Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    public Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    public Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    public Complex times(double x) {
        return new Complex(re * x, im * x);
    }

    public Complex divide(Complex o) {
        double d = o.re * o.re + o.im * o.im;
        return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
    }

    public double abs() {
        return Math.hypot(re, im);
    }

    public Complex exp() {
        double m = Math.exp(re);
        return new Complex(m * Math.cos(im), m * Math.sin(im));
    }

    public Complex log() {
        return new Complex(Math.log(abs()), Math.atan2(im, re));
    }

    public Complex sqrt() {
        double r = abs();
        double a = Math.sqrt(0.5 * (r + re));
        double b = Math.copySign(Math.sqrt(0.5 * (r - re)), im);
        return new Complex(a, b);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.10g %s %.10gi", re, im < 0 ? "-" : "+", Math.abs(im));
    }
}
