package dev.isspectral.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How numbers read, in one place for every table and report: significant digits, not sixteen; shares as
 * percentages; sizes in binary units; and the compact cell text of notebook tables ({@link #compact}).
 * Every method writes with {@link Locale#ROOT} and gives "n/a" for NaN, except {@link #compact}, which
 * gives a dash (a missing cell in a table).
 */
public final class Quantities {

    private Quantities() {
    }

    /**
     * {@code x} to {@code digits} significant digits in plain notation where that stays short
     * ({@code 0.0123}, {@code 12.3}, {@code 12300}), else scientific ({@code 1.23e-05}).
     *
     * @throws IllegalArgumentException if {@code digits} is below 1
     */
    public static String significant(double x, int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits = " + digits + "; must be an integer >= 1");
        }
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
        String unit = binaryUnit(b);
        return unit.equals("B") ? String.format(Locale.ROOT, "%.0f B", b) : inBinaryUnit(b, unit) + " " + unit;
    }

    /**
     * The binary unit a byte count of this size reads best in: B below 1 KiB, then KiB, MiB, GiB, and TiB
     * from 1 TiB. A table column uses the unit of its largest value for every row (one unit, in the header).
     */
    public static String binaryUnit(double bytes) {
        double a = Math.abs(bytes);
        int u = 0;
        while (u < BINARY_UNITS.length - 1 && a >= Math.scalb(1.0, 10 * (u + 1))) {
            u++;
        }
        return BINARY_UNITS[u];
    }

    /**
     * {@code bytes} in {@code unit} (one of {@link #binaryUnit}'s) to 3 significant digits, without the unit,
     * e.g. {@code inBinaryUnit(3072, "KiB")} is {@code 3.00}; "n/a" for NaN or a negative count. A count
     * below a thousandth of the unit is written in its own unit, with the unit: {@code inBinaryUnit(80, "MiB")}
     * is {@code 80 B}, not {@code 7.63e-05}.
     *
     * @throws IllegalArgumentException if {@code unit} is not B, KiB, MiB, GiB or TiB
     */
    public static String inBinaryUnit(double bytes, String unit) {
        int u = java.util.Arrays.asList(BINARY_UNITS).indexOf(unit);
        if (u < 0) {
            throw new IllegalArgumentException("unit = " + unit + "; must be one of " + String.join(", ", BINARY_UNITS));
        }
        if (Double.isNaN(bytes) || bytes < 0) {
            return "n/a";
        }
        double inUnit = Math.scalb(bytes, -10 * u);
        // a row far below its column's unit would read 7.63e-05 (80 B in a MiB column): it names its own unit
        return bytes > 0 && inUnit < 1e-3 ? bytes(bytes) : significant(inUnit, 3);
    }

    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    /**
     * A number as a table cell shows it, in at most about ten characters: a whole number below 10⁷ exactly
     * ({@code 8192}); a magnitude from 10⁻³ to below 10⁶ with four significant digits ({@code 0.1000},
     * {@code 248.1}); any other in scientific notation with four ({@code -1.224E-17}); NaN as a dash (a
     * missing value), ±∞ as {@code ∞}, {@code -∞}.
     */
    public static String compact(double v) {
        if (Double.isNaN(v)) {
            return "\u2014";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e7) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a < 1e-3 || a >= 1e6) {
            String s = String.format(Locale.ROOT, "%.3E", v);
            int e = s.indexOf('E');
            return s.substring(0, e) + "E" + Integer.parseInt(s.substring(e + 1));
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a) + 1e-12));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 9) + "f", v);
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

    /**
     * A value read as a result: six significant digits without trailing zeros after the point
     * ({@code 280.366}, {@code 0.02}, {@code 1.5e-07}); whole numbers below 10¹⁵ as integers; NaN and ±∞ as
     * {@link Double#toString} writes them.
     */
    public static String precise(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }
}
