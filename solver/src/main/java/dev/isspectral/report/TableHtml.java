package dev.isspectral.report;

import dev.isspectral.display.Html;
import dev.isspectral.display.Quantities;
import dev.isspectral.profile.Columns;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * A profile table as HTML for a report, each column formatted by what it holds, through
 * {@link Quantities} (the one home of number text): times in ms to 3 significant digits, shares as
 * percentages, sizes in one binary unit per column (named in the header), counts with digit groups;
 * text left, numbers right. Mixed columns (the {@code value} of
 * {@code summary} and {@code priorities}) are formatted row by row from the row's metric. The CSV
 * and JSON keep every digit; this is for reading.
 */
public final class TableHtml {

    private static final Set<String> SHARES = Set.of(Columns.SHARE_OF_STEP, Columns.SHARE, Columns.HIT_RATE);
    private static final Set<String> BYTES = Set.of(Columns.BYTES, Columns.BYTES_PER_STEP, Columns.BYTES_ALL_THREADS,
            Columns.HEAP_USED_BYTES, Columns.PEAK_HEAP_BYTES, Columns.MAX_BYTES, Columns.BYTES_HELD);

    /** Text columns with a value longer than this many characters wrap; shorter ones stay on one line. */
    static final int WRAP_ABOVE = 70;

    private TableHtml() {
    }

    /** The table as {@code <table>} inside a horizontally scrolling box, never wider than the page. */
    public static String html(Table t) {
        return html(t, Set.of());
    }

    /**
     * As {@link #html(Table)}, with the text columns named in {@code numericText} right-aligned as numbers
     * (for columns that hold numbers already written as text, e.g. with a sign or an interval).
     */
    public static String html(Table t, Set<String> numericText) {
        int columns = t.columnCount();
        DoubleFunction<String>[] format = formats(t);
        String[] headers = new String[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            Column<?> col = t.column(c);
            numeric[c] = col instanceof NumericColumn<?>;
            headers[c] = col.name();
            if (BYTES.contains(col.name()) && numeric[c]) {
                String unit = Quantities.binaryUnit(maxAbs((NumericColumn<?>) col));
                headers[c] = col.name() + " (" + unit + ")";
            }
        }
        // text stays on one line (a span path broken at a slash reads badly); only long text (call sites) wraps
        boolean[] wrap = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            Column<?> col = t.column(c);
            for (int r = 0; r < t.rowCount() && !wrap[c]; r++) {
                wrap[c] = !numeric[c] && col.getString(r).length() > WRAP_ABOVE;
            }
        }
        StringBuilder h = new StringBuilder("<div class=\"scroll\"><table class=\"data\"><thead><tr>");
        for (int c = 0; c < columns; c++) {
            h.append("<th").append(numeric[c] || numericText.contains(t.column(c).name()) ? " class=\"num\"" : "").append(">").append(Html.escape(headers[c])).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            h.append("<tr>");
            for (int c = 0; c < columns; c++) {
                Column<?> col = t.column(c);
                String text;
                if (numeric[c]) {
                    NumericColumn<?> n = (NumericColumn<?>) col;
                    double v = n.isMissing(r) ? Double.NaN : n.getDouble(r);
                    text = rowFormat(t, r, col.name(), v, format[c]);
                    h.append("<td class=\"num\">");
                } else {
                    text = col.getString(r);
                    h.append(col.type() == ColumnType.BOOLEAN || numericText.contains(col.name()) ? "<td class=\"num\">"
                            : wrap[c] ? "<td class=\"wrap\">" : "<td class=\"text\">");
                }
                h.append(Html.escape(text)).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody></table></div>\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static DoubleFunction<String>[] formats(Table t) {
        DoubleFunction<String>[] f = new DoubleFunction[t.columnCount()];
        for (int c = 0; c < f.length; c++) {
            Column<?> col = t.column(c);
            String name = col.name();
            if (!(col instanceof NumericColumn<?> n)) {
                continue;
            }
            if (SHARES.contains(name)) {
                f[c] = Quantities::percent;
            } else if (name.endsWith("_ms")) {
                f[c] = Quantities::ms;
            } else if (BYTES.contains(name)) {
                String unit = Quantities.binaryUnit(maxAbs(n));
                f[c] = v -> Quantities.inBinaryUnit(v, unit);
            } else if (col.type() == ColumnType.LONG || col.type() == ColumnType.INTEGER || wholeNumbers(n)) {
                f[c] = Quantities::count;
            } else {
                f[c] = v -> Quantities.significant(v, 3);
            }
        }
        return f;
    }

    /** The {@code value} column of summary (by metric) and priorities (by "by") holds several kinds of number. */
    private static String rowFormat(Table t, int row, String column, double v, DoubleFunction<String> columnFormat) {
        if (column.equals(Columns.VALUE) && t.columnNames().contains(Columns.METRIC)) {
            String metric = t.getString(row, Columns.METRIC);
            if (metric.endsWith("_ms") || metric.contains("ms_per")) {
                return Quantities.ms(v) + " ms";
            }
            if (metric.contains("bytes")) {
                return metric.endsWith("per_point") ? Quantities.significant(v, 3) + " B" : Quantities.bytes(v);
            }
            return Quantities.count(v);
        }
        if (column.equals(Columns.VALUE) && t.columnNames().contains(Columns.BY)) {
            return t.getString(row, Columns.BY).equals("bytes") ? Quantities.bytes(v) : Quantities.ms(v) + " ms";
        }
        return columnFormat.apply(v);
    }

    private static boolean wholeNumbers(NumericColumn<?> n) {
        for (int r = 0; r < n.size(); r++) {
            double v = n.getDouble(r);
            if (!Double.isNaN(v) && v != Math.rint(v)) {
                return false;
            }
        }
        return n.size() > 0;
    }

    private static double maxAbs(NumericColumn<?> n) {
        double max = 0;
        for (int r = 0; r < n.size(); r++) {
            double v = n.getDouble(r);
            if (!Double.isNaN(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
