package dev.isspectral.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How numbers read in reports: significant digits, not sixteen; shares as percentages; sizes in
 * binary units. Every method gives "n/a" for NaN and writes with {@link Locale#ROOT}.
 */
public final class Quantities {

    private Quantities() {
    }

    /**
     * {@code x} to {@code digits} significant digits in plain notation where that stays short
     * ({@code 0.0123}, {@code 12.3}, {@code 12300}), else scientific ({@code 1.23e-05}).
     */
    public static String significant(double x, int digits) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e7) {
            BigDecimal b = new BigDecimal(x).round(new MathContext(digits));
            // keep trailing zeros that are significant: 5.50, not 5.5
            int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(Math.abs(b.doubleValue()))));
            String s = b.setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
            // whole numbers of five digits or more in thin-space groups: 18 000, not 18000
            return decimals == 0 && a >= 1e4 ? count(b.doubleValue()) : s;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
    }

    /** Milliseconds to 3 significant digits, e.g. {@code 36.4}; no unit. */
    public static String ms(double milliseconds) {
        return significant(milliseconds, 3);
    }

    /** A share 0..1 as a percentage with one decimal below 10 % and none above, e.g. {@code 8.8 %}, {@code 47 %}. */
    public static String percent(double share) {
        if (Double.isNaN(share)) {
            return "n/a";
        }
        double p = 100 * share;
        if (p != 0 && Math.abs(p) < 0.1) {
            return (p < 0 ? "−" : "") + "<0.1 %";
        }
        return String.format(Locale.ROOT, Math.abs(p) < 10 ? "%.1f %%" : "%.0f %%", p).replace("-", "−");
    }

    /** A byte count in B, KiB, MiB or GiB with 3 significant digits, e.g. {@code 2.01 KiB}, {@code 0 B}. */
    public static String bytes(double b) {
        if (Double.isNaN(b) || b < 0) {
            return "n/a";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = b;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 ? String.format(Locale.ROOT, "%.0f", v) : significant(v, 3)) + " " + units[u];
    }

    /** A whole count with thin-space thousands groups, e.g. {@code 8 192}; a fractional value to 3 significant digits. */
    public static String count(double n) {
        if (Double.isNaN(n)) {
            return "n/a";
        }
        if (n == Math.rint(n) && Math.abs(n) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) n).replace(',', '\u2009');
        }
        return significant(n, 3);
    }
}
