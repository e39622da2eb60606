package dev.isspectral.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tally of a validation run: each check compares a measured number with its tolerance from physics.md §7,
 * gives a one-line verdict ({@code PASS}/{@code FAIL}, what, the value, the relation, the tolerance) and keeps
 * it for the {@link #summary()} at the end. A NaN measurement fails every check. Collects in order; not for
 * use by several threads at once.
 */
public final class Verdicts {

    /** The column {@link #modes} adds to a {@link Validation} table. */
    public static final String VERDICT = "verdict";

    private final List<String> lines = new ArrayList<>();

    /** Checks {@code measured ≤ tolerance}; returns the verdict line (also kept). */
    public String atMost(String what, double measured, double tolerance) {
        return record(what, measured, "<=", tolerance, measured <= tolerance);
    }

    /** Checks {@code measured ≥ tolerance}; returns the verdict line (also kept). */
    public String atLeast(String what, double measured, double tolerance) {
        return record(what, measured, ">=", tolerance, measured >= tolerance);
    }

    /**
     * A copy of a {@link Validation} table with a {@value #VERDICT} column: PASS where the worst of the ω, Γ and
     * trajectory errors of the row is at most {@code tolerance}; one kept verdict line per row.
     *
     * @throws IllegalArgumentException if {@code table} lacks a column of {@link Validation#run()}
     */
    public Table modes(Table table, double tolerance) {
        requireTolerance(tolerance);
        if (table == null) {
            throw new IllegalArgumentException("table = null; must be a table from Validation.run()");
        }
        for (String c : List.of(Validation.OMEGA_ERROR, Validation.GAMMA_ERROR, Validation.TRAJECTORY_ERROR,
                Validation.CHANNEL, Validation.MODE)) {
            if (!table.containsColumn(c)) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column " + c
                        + "; must be a table from Validation.run()");
            }
        }
        StringColumn verdict = StringColumn.create(VERDICT);
        for (int r = 0; r < table.rowCount(); r++) {
            double worst = Math.max(table.doubleColumn(Validation.OMEGA_ERROR).get(r),
                    Math.max(table.doubleColumn(Validation.GAMMA_ERROR).get(r),
                            table.doubleColumn(Validation.TRAJECTORY_ERROR).get(r)));
            boolean pass = worst <= tolerance;
            verdict.append(pass ? "PASS" : "FAIL");
            record(table.stringColumn(Validation.CHANNEL).get(r) + " mode n = " + table.intColumn(Validation.MODE).get(r)
                    + ": worst of ω, Γ, trajectory error", worst, "<=", tolerance, pass);
        }
        Table out = table.copy();
        out.addColumns(verdict);
        return out;
    }

    /** Every verdict line so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many checks failed. */
    public long failed() {
        return lines.stream().filter(l -> l.startsWith("FAIL")).count();
    }

    /** A headline ("n checks against physics.md tolerances: p passed, f failed") and every verdict line. */
    public String summary() {
        long failed = failed();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d checks against physics.md tolerances: %d passed, %d failed",
                lines.size(), lines.size() - failed, failed));
        for (String line : lines) {
            s.append('\n').append(line);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    private String record(String what, double measured, String relation, double tolerance, boolean pass) {
        requireTolerance(tolerance);
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("what = '" + what + "'; must say what is checked");
        }
        String line = String.format(Locale.ROOT, "%-4s  %-62s %11.3e %s %.3g", pass ? "PASS" : "FAIL", what, measured,
                relation, tolerance);
        lines.add(line);
        return line;
    }

    private static void requireTolerance(double tolerance) {
        if (!Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + "; must be a finite number");
        }
    }
}
