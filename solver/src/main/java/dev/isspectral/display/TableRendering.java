package dev.isspectral.display;

import tech.tablesaw.api.Table;

import java.util.List;

/**
 * Renders a Tablesaw {@link Table} as an HTML table or text, showing at most a fixed number of
 * rows: a long table shows its head and tail with one marker row between them.
 *
 * @param maxRows the most data rows shown; a table with more shows its first {@code maxRows - tail}
 *                and last {@code tail} rows, where {@code tail = maxRows / 4}
 */
public record TableRendering(int maxRows) {

    /** Numbers right-aligned in equal-width digits, verdicts in colour; scoped to our tables. */
    // selectors specific enough to win over JupyterLab's right-aligned ".jp-RenderedHTMLCommon tbody td"
    private static final String STYLE = "<style>.is-spectral-table-wrap table.is-spectral-table tbody td,"
            + ".is-spectral-table-wrap table.is-spectral-table th{text-align:left}"
            + ".is-spectral-table-wrap table.is-spectral-table tbody td.num,.is-spectral-table-wrap table.is-spectral-table th.num{text-align:right;"
            + "font-variant-numeric:tabular-nums;white-space:nowrap}.is-spectral-table-wrap table.is-spectral-table tbody td.pass{color:#1a7f37;font-weight:bold}"
            + ".is-spectral-table-wrap table.is-spectral-table tbody td.fail{color:#cf222e;font-weight:bold}"
            + ".is-spectral-table-wrap table.is-spectral-table tbody td.more{text-align:left;font-style:italic}</style>\n";

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
     * The table as an HTML fragment, inside a box that scrolls sideways when the table is wider than
     * the page: a caption with its name and shape, a header row of column names (with the unit a
     * time column was converted to), the shown rows, and a marker row for the rows left out. Cells
     * are formatted by {@link CellFormat}: numbers to four significant digits, right-aligned, text
     * left-aligned;
     * verdict columns first, PASS in green and FAIL or MISS in red; file paths shortened to the
     * file name.
     *
     * @param table the table
     * @return the HTML
     */
    public String html(Table table) {
        int rows = table.rowCount();
        int[] shown = shownRows(rows);
        List<CellFormat.View> views = CellFormat.views(table, shown);
        StringBuilder html = new StringBuilder(256 + 64 * Math.min(rows, maxRows) * Math.max(1, table.columnCount()));
        html.append("<div class=\"is-spectral-table-wrap\" style=\"overflow-x:auto;max-width:100%\">\n")
                .append(STYLE)
                .append("<table class=\"is-spectral-table\">\n<caption>")
                .append(Html.escape(table.name() == null ? "" : table.name()))
                .append(" (").append(rows).append(" rows \u00d7 ").append(table.columnCount()).append(" columns)")
                .append("</caption>\n<thead><tr>");
        for (CellFormat.View v : views) {
            html.append(v.numeric() ? "<th class=\"num\">" : "<th>").append(Html.escape(v.name()));
            if (!v.unit().isEmpty()) {
                html.append("<br><span style=\"font-weight:normal;font-size:85%\">(").append(Html.escape(v.unit())).append(")</span>");
            }
            html.append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int row : shown) {
            if (row < 0) {
                html.append("<tr><td class=\"more\" colspan=\"").append(table.columnCount()).append("\">\u2026 ")
                        .append(rows - maxRows).append(" more rows \u2026</td></tr>\n");
                continue;
            }
            html.append("<tr>");
            for (CellFormat.View v : views) {
                String text = v.cell(row);
                if (v.numeric()) {
                    html.append("<td class=\"num\">");
                } else if (v.verdict() && CellFormat.passes(text)) {
                    html.append("<td class=\"pass\">");
                } else if (v.verdict() && CellFormat.fails(text)) {
                    html.append("<td class=\"fail\">");
                } else {
                    html.append("<td>");
                }
                html.append(Html.escape(text)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n</div>").toString();
    }

    /**
     * The table as aligned plain text with the same rows, columns and cell formats as
     * {@link #html(Table)}.
     *
     * @param table the table
     * @return the text
     */
    public String text(Table table) {
        int rows = table.rowCount();
        int columns = table.columnCount();
        int[] shown = shownRows(rows);
        List<CellFormat.View> views = CellFormat.views(table, shown);
        String[] headers = new String[columns];
        int[] width = new int[columns];
        for (int j = 0; j < columns; j++) {
            CellFormat.View v = views.get(j);
            headers[j] = v.unit().isEmpty() ? v.name() : v.name() + " (" + v.unit() + ")";
            width[j] = headers[j].length();
            for (int row : shown) {
                if (row >= 0) {
                    width[j] = Math.max(width[j], v.cell(row).length());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(table.name() == null ? "" : table.name())
                .append(" (").append(rows).append(" rows x ").append(columns).append(" columns)\n");
        for (int j = 0; j < columns; j++) {
            text.append(j == 0 ? "" : "  ").append(pad(headers[j], width[j], views.get(j).numeric()));
        }
        text.append('\n');
        for (int row : shown) {
            if (row < 0) {
                text.append("... ").append(rows - maxRows).append(" more rows ...\n");
                continue;
            }
            for (int j = 0; j < columns; j++) {
                text.append(j == 0 ? "" : "  ").append(pad(views.get(j).cell(row), width[j], views.get(j).numeric()));
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

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        return right ? " ".repeat(width - s.length()) + s : s + " ".repeat(width - s.length());
    }
}
