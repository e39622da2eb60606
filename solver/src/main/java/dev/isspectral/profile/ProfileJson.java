package dev.isspectral.profile;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON export of a {@link Profile} and the comparison of two exports.
 *
 * <p>Format ({@value #FORMAT}):
 * <pre>{@code
 * {"format": "is-spectral-profile/1", "label": "32x32x16x16", "points": 8192,
 *  "context": {"date": "2026-12-04 17:00 UTC", "grid": "32x32x16x16", ..., "load_end": 1.2},
 *  "tables": [{"name": "hierarchy",
 *              "columns": [{"name": "span", "type": "STRING"}, {"name": "calls", "type": "LONG"}, ...],
 *              "rows": [["step", 32, ...], ...]}, ...]}
 * }</pre>
 * Every table of {@link Profile#tables()} in order; the context is {@link ProfileContext#toMap()} (exports
 * written before it existed have none and read back as {@link ProfileContext#UNKNOWN}); numbers that are not
 * finite are written as {@code null}. No external library: the writer and the reader here cover exactly this format
 * (objects, arrays, strings with escapes, numbers, true, false, null).
 */
public final class ProfileJson {

    /** The format tag written into every export. */
    public static final String FORMAT = "is-spectral-profile/1";

    /** Columns that identify a row rather than measure it, besides text and boolean columns. */
    private static final Set<String> KEY_COLUMNS = Set.of(Columns.DEPTH, Columns.THREADS, Columns.STEP, Columns.RANK);

    private ProfileJson() {
    }

    /** The profile as JSON. */
    public static String write(Profile profile) {
        StringBuilder json = new StringBuilder(1 << 14);
        json.append("{\"format\": ").append(quote(FORMAT)).append(",\n \"label\": ").append(quote(profile.label()))
                .append(",\n \"points\": ").append(profile.points()).append(",\n \"context\": {");
        int i = 0;
        for (Map.Entry<String, Object> e : profile.context().toMap().entrySet()) {
            json.append(i++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ");
            Object v = e.getValue();
            if (v instanceof Number n) {
                json.append(Double.isFinite(n.doubleValue()) ? (v instanceof Integer ? v.toString() : Double.toString(n.doubleValue()))
                        : "null");
            } else {
                json.append(quote(String.valueOf(v)));
            }
        }
        json.append("},\n \"tables\": [");
        List<Table> tables = profile.tables();
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            json.append(t == 0 ? "\n  " : ",\n  ").append("{\"name\": ").append(quote(table.name())).append(", \"columns\": [");
            for (int c = 0; c < table.columnCount(); c++) {
                Column<?> column = table.column(c);
                json.append(c == 0 ? "" : ", ").append("{\"name\": ").append(quote(column.name())).append(", \"type\": ")
                        .append(quote(column.type().name())).append('}');
            }
            json.append("],\n   \"rows\": [");
            for (int r = 0; r < table.rowCount(); r++) {
                json.append(r == 0 ? "\n    [" : ",\n    [");
                for (int c = 0; c < table.columnCount(); c++) {
                    if (c > 0) {
                        json.append(", ");
                    }
                    value(json, table.column(c), r);
                }
                json.append(']');
            }
            json.append("]}");
        }
        return json.append("\n ]\n}\n").toString();
    }

    private static void value(StringBuilder json, Column<?> column, int row) {
        Object v = column.get(row);
        if (v == null) {
            json.append("null");
        } else if (v instanceof Number number) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                json.append("null");
            } else if (v instanceof Double || v instanceof Float) {
                json.append(Double.toString(d));
            } else {
                json.append(number.longValue());
            }
        } else if (v instanceof Boolean b) {
            json.append(b);
        } else {
            json.append(quote(v.toString()));
        }
    }

    /** An export read back: the run's context and its tables by name. */
    public record Export(ProfileContext context, Map<String, Table> tables) {

        /** The headline of this export, as the report of the run showed it. */
        public Headline headline() {
            return Headline.of(tables, context);
        }
    }

    /**
     * Reads an export back as tables (numeric columns as doubles, text and booleans as text), by name.
     *
     * @throws IllegalArgumentException if the text is not JSON of this format
     */
    public static Map<String, Table> read(String json) {
        return load(json).tables();
    }

    /**
     * Reads an export back with its context.
     *
     * @throws IllegalArgumentException if the text is not JSON of this format
     */
    public static Export load(String json) {
        Object root = new Parser(json).document();
        if (!(root instanceof Map<?, ?> map) || !FORMAT.equals(map.get("format"))) {
            throw new IllegalArgumentException("json = " + abbreviate(json) + "; must be a profile export with \"format\": \""
                    + FORMAT + "\" (Profile.toJson())");
        }
        try {
            Object context = map.get("context");
            return new Export(ProfileContext.fromMap(context instanceof Map<?, ?> c ? c : null), tables(map));
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("json: a table of the export is malformed (" + e.getMessage()
                    + "); must be as written by Profile.toJson()", e);
        }
    }

    private static Map<String, Table> tables(Map<?, ?> map) {
        Map<String, Table> out = new LinkedHashMap<>();
        for (Object t : (List<?>) map.get("tables")) {
            Map<?, ?> tm = (Map<?, ?>) t;
            List<?> columns = (List<?>) tm.get("columns");
            Table table = Table.create((String) tm.get("name"));
            List<Boolean> numeric = new ArrayList<>();
            for (Object c : columns) {
                Map<?, ?> cm = (Map<?, ?>) c;
                String type = (String) cm.get("type");
                boolean isNumber = !(type.equals(ColumnType.STRING.name()) || type.equals(ColumnType.BOOLEAN.name())
                        || type.equals("TEXT"));
                numeric.add(isNumber);
                String name = (String) cm.get("name");
                table.addColumns(isNumber ? DoubleColumn.create(name) : StringColumn.create(name));
            }
            for (Object r : (List<?>) tm.get("rows")) {
                List<?> row = (List<?>) r;
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    if (numeric.get(c)) {
                        table.doubleColumn(c).append(v == null ? Double.NaN : ((Number) v).doubleValue());
                    } else {
                        table.stringColumn(c).append(v == null ? "" : v.toString());
                    }
                }
            }
            out.put(table.name(), table);
        }
        return out;
    }

    /**
     * The differences between two exports, table by table: rows are matched by their key (the text
     * and boolean columns, and depth, threads, step and rank), and each measured column whose values
     * differ gives one row: TABLE, KEY (key values joined by " | "), COLUMN, BEFORE, AFTER,
     * DIFFERENCE (after − before), RATIO (after / before). A row present on one side only shows NaN on
     * the other. Equal values are left out, so two identical exports give an empty table. The
     * per-step span samples ({@code span_steps}) are left out.
     */
    public static Table diff(String before, String after) {
        Map<String, Table> a = read(before);
        Map<String, Table> b = read(after);
        Table out = Table.create("diff", StringColumn.create(Columns.TABLE), StringColumn.create(Columns.KEY),
                StringColumn.create(Columns.COLUMN), DoubleColumn.create(Columns.BEFORE), DoubleColumn.create(Columns.AFTER),
                DoubleColumn.create(Columns.DIFFERENCE), DoubleColumn.create(Columns.RATIO));
        for (Map.Entry<String, Table> e : a.entrySet()) {
            Table right = b.get(e.getKey());
            // the per-step span times are samples, compared as distributions by a report's comparison, not row by row
            if (right != null && !e.getKey().equals("span_steps")) {
                diffTable(e.getKey(), e.getValue(), right, out);
            }
        }
        return out;
    }

    private static void diffTable(String name, Table left, Table right, Table out) {
        Map<String, Integer> leftRows = rowsByKey(left);
        Map<String, Integer> rightRows = rowsByKey(right);
        List<String> keys = new ArrayList<>(leftRows.keySet());
        for (String k : rightRows.keySet()) {
            if (!leftRows.containsKey(k)) {
                keys.add(k);
            }
        }
        for (String key : keys) {
            Integer l = leftRows.get(key);
            Integer r = rightRows.get(key);
            for (Column<?> column : left.columns()) {
                if (!(column instanceof DoubleColumn) || KEY_COLUMNS.contains(column.name())
                        || !right.columnNames().contains(column.name())) {
                    continue;
                }
                double x = l == null ? Double.NaN : left.doubleColumn(column.name()).get(l);
                double y = r == null ? Double.NaN : right.doubleColumn(column.name()).get(r);
                if (Double.compare(x, y) == 0) {
                    continue;
                }
                out.stringColumn(0).append(name);
                out.stringColumn(1).append(key);
                out.stringColumn(2).append(column.name());
                out.doubleColumn(3).append(x);
                out.doubleColumn(4).append(y);
                out.doubleColumn(5).append(y - x);
                out.doubleColumn(6).append(y / x);
            }
        }
    }

    private static Map<String, Integer> rowsByKey(Table t) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            StringBuilder key = new StringBuilder();
            for (Column<?> c : t.columns()) {
                if (c instanceof StringColumn || KEY_COLUMNS.contains(c.name())) {
                    if (key.length() > 0) {
                        key.append(" | ");
                    }
                    key.append(c.getString(r));
                }
            }
            String k = key.length() == 0 ? "#" + r : key.toString();
            // a repeated key (e.g. two sites of one method) gets its occurrence number
            String unique = k;
            for (int i = 2; rows.containsKey(unique); i++) {
                unique = k + " #" + i;
            }
            rows.put(unique, r);
        }
        return rows;
    }

    /** {@code s} as a JSON string literal (quotes, backslashes and control characters escaped). */
    public static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return "\"" + (oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine) + "\"";
    }

    /** A recursive-descent reader of the JSON subset above. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            if (text == null) {
                throw new IllegalArgumentException("json = null; must be a profile export (Profile.toJson())");
            }
            this.text = text;
        }

        Object document() {
            Object v = value();
            space();
            if (at != text.length()) {
                throw error("end of input");
            }
            return v;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek('}')) {
                at++;
                return map;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (peek(',')) {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek(']')) {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek(',')) {
                    at++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        break;
                    }
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 'r' -> s.append('\r');
                        case 't' -> s.append('\t');
                        case 'b' -> s.append('\b');
                        case 'f' -> s.append('\f');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw error("four hex digits");
                            }
                            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> s.append(e);
                    }
                } else {
                    s.append(c);
                }
            }
            throw error("a closing quote");
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error(word);
            }
            at += word.length();
            return value;
        }

        private Double number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return Double.valueOf(text.substring(start, at));
            } catch (NumberFormatException e) {
                at = start;
                throw error("a number");
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("json: expected " + expected + " at character " + at
                    + "; must be a profile export (Profile.toJson())");
        }
    }
}
