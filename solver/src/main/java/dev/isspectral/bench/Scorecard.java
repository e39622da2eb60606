package dev.isspectral.bench;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Verdict;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A targets scorecard filled in as a notebook measures: one row per target with the verdict (PASS
 * or MISS computed by the caller for an exact figure; PASS, MISS or INCONCLUSIVE from the 95% interval of a timed
 * {@link Estimate}), the metric, the measured value as text and the target. It renders in a notebook as a table with the verdict first, and counts what passed.
 *
 * <p>Rows are appended ({@link #add}); {@link #table()} returns a copy. A scorecard made for a run at
 * a size other than the targets' ({@link #of(String, String)} with a caveat) marks every verdict
 * with that caveat, so a PASS on a small grid is never read as the target met.
 */
public final class Scorecard implements Displayable {

    /** Column names of {@link #table()}. */
    public static final String VERDICT = "verdict";
    public static final String METRIC = "metric";
    public static final String MEASURED = "measured";
    public static final String TARGET = "target";

    private final String title;
    private final String caveat;
    private final List<String[]> rows = new ArrayList<>();

    private Scorecard(String title, String caveat) {
        this.title = title;
        this.caveat = caveat;
    }

    /**
     * An empty scorecard.
     *
     * @param title  its caption, e.g. "scorecard (full size)"
     * @param caveat appended to every verdict in brackets, e.g. "small size: not the target's case";
     *               empty for none
     * @return the scorecard
     */
    public static Scorecard of(String title, String caveat) {
        return new Scorecard(Objects.requireNonNull(title, "title = null"), Objects.requireNonNull(caveat, "caveat = null"));
    }

    /**
     * Appends a row.
     *
     * @param metric   what was measured, e.g. "64x64x32x32 run, best backend"
     * @param measured the value with its unit, e.g. "2.31 s"
     * @param target   the target with its case, e.g. "&lt; 2.5 s (64x64x32x32)"
     * @param pass     whether the measurement meets the target
     * @throws IllegalArgumentException if a text is null or blank
     */
    public void add(String metric, String measured, String target, boolean pass) {
        add(metric, measured, target, pass ? Verdict.PASS : Verdict.MISS);
    }

    /**
     * Appends a timed row: the verdict read from the whole 95% interval of {@code measured} against the bound
     * ({@link Verdict#of}: PASS, MISS or INCONCLUSIVE), the measured text its median, interval and rounds.
     *
     * @param metric   what was measured
     * @param measured the estimate (median and interval)
     * @param relation "<", "<=", ">" or ">="
     * @param bound    the bound, in the estimate's unit
     * @param target   the target with its case, e.g. "&lt; 2.5 s (64x64x32x32)"
     */
    public void add(String metric, Estimate measured, String relation, double bound, String target) {
        Objects.requireNonNull(measured, "measured = null");
        add(metric, measured.format(), target, Verdict.of(measured, relation, bound));
    }

    private void add(String metric, String measured, String target, Verdict verdict) {
        for (String[] named : new String[][] {{"metric", metric}, {"measured", measured}, {"target", target}}) {
            if (named[1] == null || named[1].isBlank()) {
                throw new IllegalArgumentException(named[0] + " = \"" + named[1] + "\"; must be non-blank text");
            }
        }
        rows.add(new String[] {verdict.name() + (caveat.isEmpty() ? "" : " (" + caveat + ")"), metric, measured, target});
    }

    /** @return rows whose verdict is PASS */
    public int passed() {
        return (int) rows.stream().filter(r -> r[0].startsWith("PASS")).count();
    }

    /** @return all rows */
    public int size() {
        return rows.size();
    }

    /** @return the rows as a new table: verdict, metric, measured, target */
    public Table table() {
        StringColumn verdict = StringColumn.create(VERDICT);
        StringColumn metric = StringColumn.create(METRIC);
        StringColumn measured = StringColumn.create(MEASURED);
        StringColumn target = StringColumn.create(TARGET);
        for (String[] r : rows) {
            verdict.append(r[0]);
            metric.append(r[1]);
            measured.append(r[2]);
            target.append(r[3]);
        }
        return Table.create(title, verdict, metric, measured, target);
    }

    /** One line: "4 of 7 targets met" and the caveat, if any. */
    public String summary() {
        return passed() + " of " + size() + " targets met" + (caveat.isEmpty() ? "" : " (" + caveat + ")");
    }

    @Override
    public String toHtml() {
        return "<div class=\"is-spectral-scorecard\"><p><b>" + Html.escape(summary()) + "</b></p>"
                + new TableRendering(Math.max(2, rows.size())).html(table()) + "</div>";
    }

    @Override
    public String toText() {
        return summary() + "\n" + new TableRendering(Math.max(2, rows.size())).text(table());
    }

    @Override
    public String toString() {
        return "Scorecard \"" + title + "\": " + summary();
    }
}
