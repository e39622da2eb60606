package dev.isspectral.bench;

import dev.isspectral.report.ProfileReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one source of published numbers: regenerates README.md's headline table and BENCHMARKS.md's "current" section
 * from {@code bench targets --json} output, never from hand-copied numbers.
 *
 * <pre>
 * java -cp … dev.isspectral.bench.Publish QUIET.json [--loaded HOG.json] [--jmh SIDE_BY_SIDE.md]
 *                                         [--readme README.md] [--benchmarks BENCHMARKS.md]
 * </pre>
 *
 * <ul>
 *   <li>README.md: the text between {@value #HEADLINE_START} and {@value #HEADLINE_END} becomes the quiet run's
 *       table (median [95% interval], bound, verdict) with its commit, date, machine and load.</li>
 *   <li>BENCHMARKS.md: the text between {@value #CURRENT_START} and {@value #CURRENT_END} becomes the quiet run's full
 *       report and, with {@code --loaded}, the same targets measured under load beside it with issue 11's
 *       done-when check ({@link LoadedComparison}: do the intervals of every ratio row at a fixed thread count overlap;
 *       is every absolute-time row of the loaded run flagged busy; does a verdict flip between PASS and MISS without
 *       one side INCONCLUSIVE or flagged); the section it replaces moves, dated, to the top of the history (after
 *       {@value #HISTORY_START}); with {@code --jmh}, the text between {@value #JMH_START} and {@value #JMH_END}
 *       becomes the side-by-side table of {@code bash bench.sh --jmh}.</li>
 * </ul>
 * Files are written to a temporary name and moved into place. A missing marker is an error naming the file and it.
 */
public final class Publish {

    public static final String HEADLINE_START = "<!-- headline:start -->";
    public static final String HEADLINE_END = "<!-- headline:end -->";
    public static final String CURRENT_START = "<!-- current:start -->";
    public static final String CURRENT_END = "<!-- current:end -->";
    public static final String HISTORY_START = "<!-- history:start -->";
    public static final String JMH_START = "<!-- jmh:start -->";
    public static final String JMH_END = "<!-- jmh:end -->";

    private Publish() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    /** Runs the command; returns 0, or 2 for bad arguments or files (with one line on stderr). */
    public static int run(String[] args) throws IOException {
        try {
            Path quiet = null;
            Path loaded = null;
            Path jmh = null;
            Path readme = Path.of("README.md");
            Path benchmarks = Path.of("BENCHMARKS.md");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    if (quiet != null) {
                        throw new IllegalArgumentException("a second targets file \"" + a + "\"; give the loaded run as --loaded FILE");
                    }
                    quiet = Path.of(a);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                Path v = Path.of(args[++i]);
                switch (a) {
                    case "--loaded" -> loaded = v;
                    case "--jmh" -> jmh = v;
                    case "--readme" -> readme = v;
                    case "--benchmarks" -> benchmarks = v;
                    default -> throw new IllegalArgumentException("unknown option \"" + a
                            + "\"; allowed: --loaded FILE.json, --jmh FILE.md, --readme FILE, --benchmarks FILE");
                }
            }
            if (quiet == null) {
                throw new IllegalArgumentException("usage: Publish QUIET.json [--loaded HOG.json] [--jmh SIDE.md] "
                        + "[--readme README.md] [--benchmarks BENCHMARKS.md]");
            }
            Map<String, Object> q = read(quiet);
            Map<String, Object> l = loaded == null ? null : read(loaded);
            String now = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
            String readmeText = Files.readString(readme, StandardCharsets.UTF_8);
            ProfileReport.writeAtomically(readme, replace(readmeText, readme, HEADLINE_START, HEADLINE_END, headline(q, quiet)));
            String b = Files.readString(benchmarks, StandardCharsets.UTF_8);
            String old = between(b, benchmarks, CURRENT_START, CURRENT_END).strip();
            b = replace(b, benchmarks, CURRENT_START, CURRENT_END, current(q, quiet, l, loaded));
            if (!old.isEmpty() && !old.startsWith("_Not yet generated")) {
                int h = b.indexOf(HISTORY_START);
                if (h < 0) {
                    throw new IllegalArgumentException(benchmarks + " has no " + HISTORY_START + " marker");
                }
                int at = h + HISTORY_START.length();
                b = b.substring(0, at) + "\n\n### Replaced as current on " + now + "\n\n" + demote(old) + "\n" + b.substring(at);
            }
            if (jmh != null) {
                b = replace(b, benchmarks, JMH_START, JMH_END, Files.readString(jmh, StandardCharsets.UTF_8).strip()
                        + "\n\nCommand: `bash bench.sh --jmh --out " + jmh + "`");
            }
            ProfileReport.writeAtomically(benchmarks, b);
            System.out.println("updated " + readme + " and " + benchmarks + " from " + quiet + (loaded == null ? "" : " and " + loaded));
            if (l != null) {
                LoadedComparison c = new LoadedComparison(rows(q), rows(l));
                System.out.println("issue 11 done-when check (quiet vs loaded): " + (c.met() ? "met" : "NOT met")
                        + "; ratio rows apart: " + c.ratiosApart().size() + ", absolute rows not flagged busy: "
                        + c.absoluteUnflagged().size() + ", unexplained PASS/MISS flips: " + c.unexplainedFlips().size());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** The README headline table of a run. */
    static String headline(Map<String, Object> run, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append(runLine(run)).append("\n\n| what | measured: median [95% interval] | target | verdict |\n|---|---|---|---|\n");
        for (Map<String, Object> r : rows(run)) {
            sb.append("| ").append(r.get("target")).append(" | ").append(measured(r)).append(" | ").append(bound(r))
                    .append(" | ").append(verdict(r)).append(" |\n");
        }
        sb.append('\n').append(forksLine(run)).append('\n');
        sb.append("\nGenerated by `bash bench.sh --publish ").append(file).append("` from `").append(run.get("command"))
                .append("`; BENCHMARKS.md has every row's case, method and the run under load.");
        return sb.toString();
    }

    /** BENCHMARKS.md's current section: the quiet run's table and notes, and the loaded run beside it. */
    static String current(Map<String, Object> quiet, Path quietFile, Map<String, Object> loaded, Path loadedFile) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Quiet run\n\n").append(runLine(quiet)).append("\n\nCommand: `").append(quiet.get("command"))
                .append("`, published with `bash bench.sh --publish ").append(quietFile)
                .append(loadedFile == null ? "" : " --loaded " + loadedFile).append("`. ").append(forksLine(quiet))
                .append("\n\n");
        sb.append("| # | target | case | measured: median [95% interval] | forks×rounds | bound | verdict | other CPU |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> q = rows(quiet);
        for (int i = 0; i < q.size(); i++) {
            Map<String, Object> r = q.get(i);
            sb.append("| ").append(i + 1).append(" | ").append(r.get("target")).append(" | ").append(r.get("case"))
                    .append(" | ").append(measured(r)).append(" | ").append(rounds(r)).append(" | ").append(bound(r))
                    .append(" | ").append(verdict(r)).append(" | ").append(share(r.get("other_cpu_share"))).append(" |\n");
        }
        sb.append("\nHow each row was measured:\n\n");
        for (int i = 0; i < q.size(); i++) {
            sb.append(i + 1).append(". ").append(q.get(i).get("note")).append('\n');
        }
        if (loaded != null) {
            sb.append("\n### The same targets under load\n\n").append(runLine(loaded)).append("\n\nCommand: `")
                    .append(loaded.get("command")).append("`. Ratios at a fixed thread count (candidates interleaved on "
                            + "the same threads) should keep overlapping intervals; absolute times must be flagged \"busy "
                            + "machine\" with the other processes' share of the CPU; thread scaling is load-sensitive by "
                            + "nature and is flagged, not compared.\n\n")
                    .append(new LoadedComparison(q, rows(loaded)).markdown());
        }
        List<?> details = (List<?>) quiet.getOrDefault("details", List.of());
        for (Object d : details) {
            sb.append('\n').append(d).append('\n');
        }
        return sb.toString();
    }

    private static String runLine(Map<String, Object> run) {
        return String.format(Locale.ROOT, "%s, commit %s%s, %s, %s; load average %s at the start, %s at the end; other "
                        + "processes %s of the CPU, steal %s%s", run.get("date"), run.get("commit"),
                Boolean.TRUE.equals(run.get("dirty")) ? "+dirty" : "", run.get("machine"), run.get("jvm"),
                number(num(run.get("load_before"))), number(num(run.get("load_after"))), share(run.get("other_cpu_share")),
                share(run.get("cpu_steal")), Boolean.TRUE.equals(run.get("busy")) ? " (**busy machine**)" : "")
                + (Boolean.TRUE.equals(run.get("quick")) ? "; **quick mode: tiny grids, the bounds do not apply**" : "");
    }

    static String measured(Map<String, Object> r) {
        double m = num(r.get("median"));
        if (!Double.isFinite(m)) {
            return "—";
        }
        String unit = unit(r);
        if (Boolean.TRUE.equals(r.get("exact"))) {
            return TargetRow.format(m) + unit;
        }
        return TargetRow.format(m) + " [" + TargetRow.format(num(r.get("ci_low"))) + ", "
                + TargetRow.format(num(r.get("ci_high"))) + "]" + unit;
    }

    private static String unit(Map<String, Object> r) {
        String u = (String) r.getOrDefault("unit", "");
        return u.isEmpty() ? "" : u.equals("x") ? "×" : " " + u;
    }

    private static String bound(Map<String, Object> r) {
        String rel = (String) r.getOrDefault("relation", "");
        return rel.isEmpty() ? "—" : rel + " " + TargetRow.format(num(r.get("bound"))) + unit(r);
    }

    /** "12" (one JVM), "3×8" or "3×7–9" (forks × rounds per fork), "*" where the between-fork spread dominates. */
    static String rounds(Map<String, Object> r) {
        if (Boolean.TRUE.equals(r.get("exact"))) {
            return "—";
        }
        Object perFork = r.get("rounds_per_fork");
        if (!(perFork instanceof List<?> l) || l.size() < 2) {
            return String.valueOf((long) num(r.get("rounds")));
        }
        long min = l.stream().mapToLong(x -> (long) num(x)).min().orElse(0);
        long max = l.stream().mapToLong(x -> (long) num(x)).max().orElse(0);
        return l.size() + "×" + (min == max ? Long.toString(min) : min + "–" + max)
                + (Boolean.TRUE.equals(r.get("between_forks_dominate")) ? "*" : "");
    }

    /**
     * What the intervals of a run cover: "each timed figure over 3 fresh JVMs (forks) …" or, for a run without forks
     * (older JSON, or --forks 1), that they are within one JVM.
     */
    static String forksLine(Map<String, Object> run) {
        return dev.isspectral.measure.ForkedFigure.legend(run.get("forks") == null ? 1 : (int) num(run.get("forks")));
    }

    static String verdict(Map<String, Object> r) {
        String v = (String) r.get("verdict");
        String text = "MISS".equals(v) ? "**MISS**" : v;
        return Boolean.TRUE.equals(r.get("flagged")) ? text + " (busy)" : text;
    }

    static String share(Object v) {
        double s = num(v);
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.0f%%", 100 * s) : "n/a";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> run) {
        Object rows = run.get("rows");
        if (!(rows instanceof List<?> list)) {
            throw new IllegalArgumentException("the targets file has no \"rows\" array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    /** Headings one level down (### → ####), so a replaced section nests under its history heading. */
    static String demote(String section) {
        return section.replaceAll("(?m)^(#{2,5}) ", "#$1 ");
    }

    static String between(String text, Path file, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end);
        if (a < 0 || b < a) {
            throw new IllegalArgumentException(file + " needs the markers " + start + " … " + end);
        }
        return text.substring(a + start.length(), b);
    }

    static String replace(String text, Path file, String start, String end, String content) {
        between(text, file, start, end);
        int a = text.indexOf(start) + start.length();
        int b = text.indexOf(end);
        return text.substring(0, a) + "\n" + content.strip() + "\n" + text.substring(b);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("targets file = \"" + file + "\"; no such file (write it with bash bench.sh --json FILE)");
        }
        Object v = new Json(Files.readString(file, StandardCharsets.UTF_8)).value();
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(file + ": not a JSON object");
        }
        return (Map<String, Object>) v;
    }

    /** A small JSON reader for the report format: objects, arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default: return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skip();
            if (s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                skip();
                String k = string();
                skip();
                expect(':');
                m.put(k, value());
                skip();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            skip();
            if (s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                skip();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            i++;
            return sb.toString();
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return v;
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON at character " + i + ": " + what);
        }
    }
}
