package dev.isspectral.display;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as an HTML table or text, showing at most a fixed number of
 * rows: a long table shows its head and tail with one marker row between them.
 *
 * @param maxRows the most data rows shown; a table with more shows its first {@code maxRows - tail}
 *                and last {@code tail} rows, where {@code tail = maxRows / 4}
 */
public record TableRendering(int maxRows) {

    /** The row limit used when a table is the value of a notebook cell. */
    public static final int DEFAULT_MAX_ROWS = 20;

    /**
     * @param maxRows the most data rows shown; must be at least 2
     * @throws IllegalArgumentException if {@code maxRows < 2}
     */
    public TableRendering {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows = " + maxRows + "; must be >= 2");
        }
    }

    /** @return the rendering with {@link #DEFAULT_MAX_ROWS} */
    public static TableRendering standard() {
        return new TableRendering(DEFAULT_MAX_ROWS);
    }

    /**
     * The table as an HTML fragment: a caption with its name and shape, a header row of column
     * names, the shown rows, and a marker row for the rows left out.
     *
     * @param table the table
     * @return the HTML
     */
    public String html(Table table) {
        int rows = table.rowCount();
        StringBuilder html = new StringBuilder(256 + 64 * Math.min(rows, maxRows) * Math.max(1, table.columnCount()));
        html.append("<table class=\"is-spectral-table\">\n<caption>")
                .append(Html.escape(table.name() == null ? "" : table.name()))
                .append(" (").append(rows).append(" rows \u00d7 ").append(table.columnCount()).append(" columns)")
                .append("</caption>\n<thead><tr>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(Html.escape(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int row : shownRows(rows)) {
            if (row < 0) {
                html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">\u2026 ")
                        .append(rows - maxRows).append(" more rows \u2026</td></tr>\n");
                continue;
            }
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(Html.escape(column.getString(row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    /**
     * The table as aligned plain text with the same rows as {@link #html(Table)}.
     *
     * @param table the table
     * @return the text
     */
    public String text(Table table) {
        int rows = table.rowCount();
        int columns = table.columnCount();
        int[] shown = shownRows(rows);
        int[] width = new int[columns];
        for (int j = 0; j < columns; j++) {
            width[j] = table.column(j).name().length();
            for (int row : shown) {
                if (row >= 0) {
                    width[j] = Math.max(width[j], table.column(j).getString(row).length());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(table.name() == null ? "" : table.name())
                .append(" (").append(rows).append(" rows x ").append(columns).append(" columns)\n");
        for (int j = 0; j < columns; j++) {
            text.append(j == 0 ? "" : "  ").append(pad(table.column(j).name(), width[j]));
        }
        text.append('\n');
        for (int row : shown) {
            if (row < 0) {
                text.append("... ").append(rows - maxRows).append(" more rows ...\n");
                continue;
            }
            for (int j = 0; j < columns; j++) {
                text.append(j == 0 ? "" : "  ").append(pad(table.column(j).getString(row), width[j]));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** Row indices to show, in order; -1 marks where rows are left out. */
    int[] shownRows(int rows) {
        if (rows <= maxRows) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            return all;
        }
        int tail = maxRows / 4;
        int head = maxRows - tail;
        int[] shown = new int[maxRows + 1];
        for (int i = 0; i < head; i++) {
            shown[i] = i;
        }
        shown[head] = -1;
        for (int i = 0; i < tail; i++) {
            shown[head + 1 + i] = rows - tail + i;
        }
        return shown;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
