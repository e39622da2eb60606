package dev.isspectral.display;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link TableRendering} shows a column, chosen from the values it shows:
 * <ul>
 *   <li>numbers as {@link Quantities#compact} writes them (four significant digits, {@code 0.1000},
 *       {@code 12.35}; scientific below 10⁻³ and from 10⁶, {@code -1.224E-17}; whole numbers below 10⁷
 *       exactly; NaN as "—"); right-aligned;</li>
 *   <li>a time column named {@code …_ms} whose values reach a second (and none is below a millisecond) shown in
 *       seconds, and one named {@code …seconds…} or {@code …_s} whose values stay below a second shown in ms, the unit
 *       under the header ({@code …_over_s}, a ratio to the entropy density such as η/s, is not a time);</li>
 *   <li>a column of bytes ({@code …bytes…}, not per point) reaching 1 KiB in the one binary unit its largest value
 *       reads best in, a column of fractions ({@link #isShare}) in percent, the unit under the header; a
 *       {@code value} column beside a text {@code by} or {@code metric} column by what its row names
 *       ({@link #byRow});</li>
 *   <li>verdict columns ({@link #VERDICT_COLUMNS}) first;</li>
 *   <li>absolute file paths in text cells shortened to {@code …/file-name}: a temporary path says
 *       nothing to a reader and makes the table wide.</li>
 * </ul>
 */
final class CellFormat {

    /** Column names (any case) moved to the front and coloured by their PASS/FAIL/MISS values. */
    static final Set<String> VERDICT_COLUMNS = Set.of("verdict", "result", "status");

    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(?:/[^\\s/:()\\[\\],;]+){2,}|[A-Za-z]:\\\\[^\\s()]+");

    private CellFormat() {
    }

    /** How a numeric column's cells are written. */
    enum Style {
        /** {@link Quantities#compact} of the value times the view's scale. */
        PLAIN,
        /** A byte count in the view's one binary unit ({@link Quantities#inBinaryUnit}), the unit under the header. */
        BYTES,
        /** A fraction 0 … 1 as a percentage ({@link Quantities#compact} of 100 × the value). */
        SHARE,
        /** A {@code value} column whose row says what it holds (a {@code by} or {@code metric} column beside it). */
        BY_ROW
    }

    /** One column as shown: its name, the unit it was converted to (or ""), and its cell texts. */
    record View(String name, String unit, boolean numeric, boolean verdict, Column<?> column, double scale, Style style,
                Column<?> kind) {

        View(String name, String unit, boolean numeric, boolean verdict, Column<?> column, double scale) {
            this(name, unit, numeric, verdict, column, scale, Style.PLAIN, null);
        }

        String cell(int row) {
            if (column.isMissing(row)) {
                return "\u2014";
            }
            if (!numeric) {
                return shortenPaths(column.getString(row));
            }
            double v = ((NumericColumn<?>) column).getDouble(row);
            return switch (style) {
                case PLAIN -> Quantities.compact(v * scale);
                case BYTES -> Quantities.inBinaryUnit(v, unit.substring(unit.lastIndexOf(' ') + 1));
                case SHARE -> Quantities.compact(100 * v);
                case BY_ROW -> byRow(kind.getString(row), v);
            };
        }
    }

    /** A value whose row names its kind: bytes in their unit, times in ms, anything else as a plain number. */
    static String byRow(String kind, double v) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.contains("bytes")) {
            return k.endsWith("per_point") ? Quantities.compact(v) + " B" : Quantities.bytes(v);
        }
        if (k.equals("self time") || k.endsWith("_ms") || k.contains("ms_per")) {   // not "time": a simulation time
            return Quantities.significant(v, 4) + " ms";
        }
        return Quantities.compact(v);
    }

    /** The columns of {@code table} in display order, each formatted from the values of {@code shown} rows. */
    static List<View> views(Table table, int[] shown) {
        List<View> verdicts = new ArrayList<>();
        List<View> rest = new ArrayList<>();
        View converted = null;   // the last numeric column converted to another unit (seconds to ms, ms to s)
        for (Column<?> column : table.columns()) {
            View v = view(table, column, shown);
            if (v.numeric() && !v.unit().isEmpty()) {
                converted = v;
            } else if (v.numeric() && converted != null && isIntervalEnd(column.name())) {
                // ci_low / ci_high right after a converted column are its interval: same unit, or the table would
                // show "233.2 (shown in ms)" next to "[0.2209, 0.2834]"
                v = new View(v.name(), converted.unit(), true, v.verdict(), column, converted.scale(), converted.style(), null);
            } else if (v.numeric()) {
                converted = null;
            }
            (v.verdict() ? verdicts : rest).add(v);
        }
        verdicts.addAll(rest);
        return verdicts;
    }

    /** Whether {@code name} is an interval's end (ci_low, ci_high, low, high, or …_ci_low, …_low …), not a quantity. */
    static boolean isIntervalEnd(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("low") || lower.equals("high") || lower.equals("ci_low") || lower.equals("ci_high")
                || lower.endsWith("_ci_low") || lower.endsWith("_ci_high");
    }

    private static View view(Table table, Column<?> column, int[] shown) {
        String name = column.name();
        boolean verdict = VERDICT_COLUMNS.contains(name.toLowerCase(Locale.ROOT));
        if (!(column instanceof NumericColumn<?> numbers)) {
            return new View(name, "", false, verdict, column, 1);
        }
        double max = 0;
        double leastNonZero = Double.POSITIVE_INFINITY;
        for (int row : shown) {
            if (row >= 0 && !column.isMissing(row) && Double.isFinite(numbers.getDouble(row))) {
                double a = Math.abs(numbers.getDouble(row));
                max = Math.max(max, a);
                if (a > 0) {
                    leastNonZero = Math.min(leastNonZero, a);
                }
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        // bytes per point stay bytes: small numbers, and columns of them sit side by side for comparison
        if (lower.contains("bytes") && !lower.contains("per_point") && max >= 1024) {
            return new View(name, "shown in " + Quantities.binaryUnit(max), true, verdict, column, 1, Style.BYTES, null);
        }
        if (isShare(lower) && max <= 1 + 1e-12) {
            return new View(name, "shown in %", true, verdict, column, 1, Style.SHARE, null);
        }
        if (lower.equals("value")) {
            for (String k : new String[] {"by", "metric"}) {
                if (table.columnNames().contains(k) && !(table.column(k) instanceof NumericColumn<?>)) {
                    return new View(name, "", true, verdict, column, 1, Style.BY_ROW, table.column(k));
                }
            }
        }
        double scale = 1;
        String unit = "";
        // to seconds only where no row falls below a millisecond: 0.6 ms in a column of seconds reads 5.952E-4
        if (lower.endsWith("_ms") && max >= 1000 && leastNonZero >= 1) {
            scale = 1e-3;
            unit = "shown in s";
        } else if ((lower.contains("seconds") || lower.endsWith("_s") && !lower.endsWith("_over_s")) && max > 0 && max < 1) {
            scale = 1e3;
            unit = "shown in ms";
        }
        return new View(name, unit, true, verdict, column, scale);
    }

    /** A column of fractions of a whole by its name: share, share_…, …_share, hit_rate (not …pct, …percent). */
    static boolean isShare(String lower) {
        return (lower.equals("share") || lower.startsWith("share_") || lower.endsWith("_share") || lower.equals("hit_rate"))
                && !lower.contains("pct") && !lower.contains("percent");
    }

    /** Replaces every absolute file path in {@code text} by {@code …/} and its last component. */
    static String shortenPaths(String text) {
        if (text == null || text.indexOf('/') < 0 && text.indexOf('\\') < 0) {
            return text;
        }
        Matcher m = PATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group();
            int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
            m.appendReplacement(out, Matcher.quoteReplacement("\u2026/" + path.substring(cut + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean passes(String text) {
        return text.startsWith("PASS") || text.startsWith("ok");
    }

    static boolean fails(String text) {
        return text.startsWith("FAIL") || text.startsWith("MISS");
    }
}
