package dev.isspectral.bench;

import java.util.Locale;

/**
 * One measured target: what was measured on which case, the bound, and the verdict, with the case's
 * size-normalised speed.
 *
 * @param target      what the issue asks, e.g. "64×64×32×32 run, best backend"
 * @param scenario    the case measured: grid, backend, threads
 * @param measured    the measured value, in {@code unit}
 * @param unit        unit of {@code measured} and {@code bound}: "s", "s/step", "MiB", "x", "B/step", "B/point", "transforms/step", ""
 * @param relation    how measured compares with bound: "<", "<=", ">=", "=", or "" for a reported figure without a bound
 * @param bound       the bound (NaN without one)
 * @param nsPerPoint  nanoseconds per grid point per step of the case (NaN where no step was timed)
 * @param threads     threads (cores) the case used: core·ns per point per step = nsPerPoint × threads
 * @param note        how it was measured, or what else the run showed
 */
public record TargetRow(String target, String scenario, double measured, String unit, String relation, double bound,
                        double nsPerPoint, int threads, String note) {

    /** The verdict. */
    public enum Result { PASS, MISS, INFO }

    public TargetRow {
        if (!relation.isEmpty() && !relation.equals("<") && !relation.equals("<=") && !relation.equals(">=")
                && !relation.equals("=")) {
            throw new IllegalArgumentException("relation = \"" + relation + "\"; must be <, <=, >=, = or empty");
        }
    }

    /** PASS or MISS against the bound; INFO for a figure without one. */
    public Result result() {
        if (relation.isEmpty() || Double.isNaN(bound)) {
            return Result.INFO;
        }
        boolean ok = switch (relation) {
            case "<" -> measured < bound;
            case "<=" -> measured <= bound;
            case ">=" -> measured >= bound;
            default -> measured == bound;
        };
        return ok ? Result.PASS : Result.MISS;
    }

    /** Core-nanoseconds per grid point per step: {@link #nsPerPoint()} × {@link #threads()}. */
    public double coreNsPerPoint() {
        return nsPerPoint * threads;
    }

    /** The measured value with its unit, for the table. */
    public String measuredText() {
        return format(measured) + suffix();
    }

    /** The bound with its relation, for the table; "—" without one. */
    public String boundText() {
        return relation.isEmpty() ? "—" : relation + " " + format(bound) + suffix();
    }

    private String suffix() {
        return switch (unit) {
            case "" -> "";
            case "x" -> "×";
            default -> " " + unit;
        };
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
