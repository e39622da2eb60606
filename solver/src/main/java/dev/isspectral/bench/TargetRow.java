package dev.isspectral.bench;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Verdict;
import java.util.Locale;

/**
 * One measured target: what was measured on which case, the estimate with its 95% interval, the bound, the verdict
 * read from the interval ({@link Verdict}), the machine's load over the row's window, and the case's size-normalised
 * speed.
 *
 * @param target      what the issue asks, e.g. "64×64×32×32 run, best backend"
 * @param scenario    the case measured: grid, backend, threads
 * @param measured    the estimate (median and interval; {@link Estimate#exact} for counts), in {@code unit}
 * @param unit        unit of {@code measured} and {@code bound}: "s", "s/step", "MB", "x", "B/step", "B/point", "transforms/step", ""
 * @param relation    how measured compares with bound: "<", "<=", ">=", "=", or "" for a reported figure without a bound
 * @param bound       the bound (NaN without one)
 * @param nsPerPoint  nanoseconds per grid point per step of the case (NaN where no step was timed)
 * @param threads     threads (cores) the case used: core·ns per point per step = nsPerPoint × threads
 * @param kind        what sort of figure it is, which decides whether load flags it
 * @param load        the machine's load over the row's measured window (null where nothing was timed)
 * @param note        how it was measured, or what else the run showed
 * @param forked      the figure over forks (forks, rounds per fork, fork medians, spread) where it was measured over
 *                    forks; null for counts and rows measured in this JVM alone
 */
public record TargetRow(String target, String scenario, Estimate measured, String unit, String relation, double bound,
                        double nsPerPoint, int threads, Kind kind, MachineLoad load, String note, ForkedFigure forked) {

    /** A row not measured over forks. */
    public TargetRow(String target, String scenario, Estimate measured, String unit, String relation, double bound,
                     double nsPerPoint, int threads, Kind kind, MachineLoad load, String note) {
        this(target, scenario, measured, unit, relation, bound, nsPerPoint, threads, kind, load, note, null);
    }

    /** A row of a figure measured over forks: its estimate is the figure's, its note ends with the forks' account. */
    static TargetRow forked(String target, String scenario, ForkedFigure figure, String unit, String relation, double bound,
                            double nsPerPoint, int threads, Kind kind, MachineLoad load, String note) {
        String spread = figure.text();
        return new TargetRow(target, scenario, figure.estimate(), unit, relation, bound, nsPerPoint, threads, kind, load,
                spread.isEmpty() ? note : note + "; " + spread, figure);
    }

    /** Forks the figure was measured in (1 for a row of this JVM alone or a count). */
    public int forks() {
        return forked == null ? 1 : forked.forks();
    }

    /** Whether the figure's fork medians differ by more than a fork's own interval ({@link ForkedFigure#betweenForksDominate}). */
    public boolean betweenForksDominate() {
        return forked != null && forked.betweenForksDominate();
    }

    /** What sort of figure a row is. */
    public enum Kind {
        /** An absolute time: other processes on the machine slow it; flagged when the machine was busy. */
        ABSOLUTE,
        /**
         * A ratio of candidates interleaved at one fixed thread count (the row says which): load falls on both sides,
         * so its interval should survive load; not flagged. A quiet and a loaded run must give overlapping intervals.
         */
        RATIO,
        /**
         * A ratio of thread counts: load-sensitive by nature (other processes take the cores the extra threads need);
         * flagged when busy, and not expected to agree between a quiet and a loaded run.
         */
        THREAD_SCALING,
        /**
         * A ratio of candidates that each run on every core of the machine (e.g. the FFT-bound ratio at 2 threads on 2
         * cores): load-sensitive like thread scaling, because a process on any core stalls each parallel region until
         * its thread gets the core back, and the two sides do not meet such barriers equally often (a step meets one
         * per pass and per transform, a lone transform one); flagged when busy, not expected to agree between a quiet
         * and a loaded run. Measured 2026-12-04: the FFTW FFT-bound ratio at 2 threads was 1.69 [1.62, 1.86] quiet and
         * 2.60 [2.43, 2.71] with a hog on one core.
         */
        ALL_CORES,
        /** A count or a byte figure, not a time: load does not change it. */
        COUNT
    }

    public TargetRow {
        if (!relation.isEmpty() && !relation.equals("<") && !relation.equals("<=") && !relation.equals(">=")
                && !relation.equals("=")) {
            throw new IllegalArgumentException("relation = \"" + relation + "\"; must be <, <=, >=, = or empty");
        }
    }

    /** PASS, MISS or INCONCLUSIVE from the whole interval against the bound; INFO for a figure without one. */
    public Verdict verdict() {
        return Verdict.of(measured, relation, bound);
    }

    /** Whether the row was measured on a busy machine and is of a kind that load distorts. */
    public boolean flagged() {
        return load != null && load.busy() && (kind == Kind.ABSOLUTE || kind == Kind.THREAD_SCALING
                || kind == Kind.ALL_CORES);
    }

    /** "" or "busy: other processes 48% of CPU" (with steal where there was any). */
    public String flagText() {
        if (!flagged()) {
            return "";
        }
        return String.format(Locale.ROOT, "busy: other processes %.0f%% of CPU%s", 100 * load.otherShare(),
                load.stealShare() > 0.005 ? String.format(Locale.ROOT, ", steal %.0f%%", 100 * load.stealShare()) : "");
    }

    /** The verdict as printed: MISS in bold, and "(busy)" where the row is flagged. */
    public String verdictText() {
        Verdict v = verdict();
        String text = v == Verdict.MISS ? "**MISS**" : v.name();
        return flagged() ? text + " (busy)" : text;
    }

    /** Core-nanoseconds per grid point per step: {@link #nsPerPoint()} × {@link #threads()}. */
    public double coreNsPerPoint() {
        return nsPerPoint * threads;
    }

    /** The measured median and interval with the unit, for the table. */
    public String measuredText() {
        if (!measured.isMeasured()) {
            return "—";
        }
        if (measured.isExact()) {
            return format(measured.median()) + suffix();
        }
        return format(measured.median()) + " [" + format(measured.low()) + ", " + format(measured.high()) + "]" + suffix();
    }

    /**
     * Rounds behind the estimate: "12" in one JVM, "3×8" over forks (forks × rounds per fork), with "*" where the spread
     * between forks dominates; "—" for an exact figure.
     */
    public String roundsText() {
        if (measured.isExact() || !measured.isMeasured()) {
            return "—";
        }
        return forked == null ? Integer.toString(measured.rounds())
                : forked.roundsText() + (forked.betweenForksDominate() ? "*" : "");
    }

    /** The bound with its relation, for the table; "—" without one. */
    public String boundText() {
        return relation.isEmpty() ? "—" : relation + " " + format(bound) + suffix();
    }

    /** The load column: other processes' CPU share over the row's window, "—" where nothing was timed. */
    public String loadText() {
        if (load == null) {
            return "—";
        }
        if (!load.sharesKnown()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f%%%s", 100 * load.otherShare(), flagged() ? " busy" : "");
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
