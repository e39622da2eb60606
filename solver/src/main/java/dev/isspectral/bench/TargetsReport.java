package dev.isspectral.bench;

import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What one run of {@link Targets} measured: the rows, the machine, the load, and the details
 * (derivations, per-grid tables). Renders as markdown ({@link #toMarkdown()}) and JSON ({@link #toJson()}).
 */
public final class TargetsReport {

    /** Column headers of the markdown table, in order. */
    public static final List<String> COLUMNS = List.of("#", "target", "case", "measured", "bound", "result",
            "ns/point/step", "core·ns/point/step");

    private final boolean quick;
    private final String bestBackend;
    private final List<TargetRow> rows;
    private final List<String> details;
    private final double loadBefore;
    private final double loadAfter;
    private final String date;
    private final String command;

    TargetsReport(boolean quick, String bestBackend, List<TargetRow> rows, List<String> details, double loadBefore,
                  double loadAfter) {
        this(quick, bestBackend, rows, details, loadBefore, loadAfter,
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), "");
    }

    private TargetsReport(boolean quick, String bestBackend, List<TargetRow> rows, List<String> details, double loadBefore,
                          double loadAfter, String date, String command) {
        this.quick = quick;
        this.bestBackend = bestBackend;
        this.rows = List.copyOf(rows);
        this.details = List.copyOf(details);
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.date = date;
        this.command = command;
    }

    /** The rows, in measuring order. */
    public List<TargetRow> rows() {
        return rows;
    }

    /** This report with the command line that produced it (printed in the markdown and the JSON). */
    public TargetsReport withCommand(String commandLine) {
        return new TargetsReport(quick, bestBackend, rows, details, loadBefore, loadAfter, date, commandLine);
    }

    /** The 1-minute system load average now, or NaN where the OS gives none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores, %s %s (%s), max heap %.0f MB, %s %s", rt.availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vm.vendor"),
                rt.maxMemory() / 1e6, System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static String tableHeader() {
        return "| " + String.join(" | ", COLUMNS) + " |\n|" + "---|".repeat(COLUMNS.size());
    }

    static String markdownRow(int number, TargetRow r) {
        return String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |", number, r.target(), r.scenario(),
                r.measuredText(), r.boundText(), r.result() == TargetRow.Result.MISS ? "**MISS**" : r.result().name(),
                TargetRow.format(r.nsPerPoint()), TargetRow.format(r.coreNsPerPoint()));
    }

    /** The whole report as markdown: header lines, the table, numbered notes, the details. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# IS-Spectral performance targets (issue 4 §5)\n\n");
        sb.append("- date: ").append(date).append('\n');
        sb.append("- machine: ").append(machine()).append('\n');
        sb.append(String.format(Locale.ROOT, "- load average (1 min): %.2f at the start, %.2f at the end%n", loadBefore, loadAfter));
        if (!command.isEmpty()) {
            sb.append("- command: `").append(command).append("`\n");
        }
        sb.append("- workload: ").append(Workload.initial().describe())
                .append("; conformal EOS, η/s = 0.08, IMEX ARS(2,2,2), CFL 0.25, optimized tuning\n");
        sb.append("- best backend: ").append(bestBackend).append('\n');
        if (quick) {
            sb.append("- **quick mode**: tiny grids that exercise the harness; the bounds are those of the full grids and do not apply\n");
        }
        sb.append("- ns/point/step: wall time per step / NX·NY·NZ; core·ns/point/step: that × the threads the case used\n\n");
        sb.append(tableHeader()).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            sb.append(markdownRow(i + 1, rows.get(i))).append('\n');
        }
        sb.append("\nHow each row was measured:\n\n");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i + 1).append(". ").append(rows.get(i).note()).append('\n');
        }
        for (String d : details) {
            sb.append('\n').append(d).append('\n');
        }
        return sb.toString();
    }

    /** The report as JSON: metadata, one object per row (numbers raw, NaN as null), and the details as strings. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"date\": ").append(str(date)).append(",\n");
        sb.append("  \"machine\": ").append(str(machine())).append(",\n");
        sb.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        sb.append("  \"load_average_start\": ").append(num(loadBefore)).append(",\n");
        sb.append("  \"load_average_end\": ").append(num(loadAfter)).append(",\n");
        sb.append("  \"command\": ").append(str(command)).append(",\n");
        sb.append("  \"quick\": ").append(quick).append(",\n");
        sb.append("  \"best_backend\": ").append(str(bestBackend)).append(",\n");
        sb.append("  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            TargetRow r = rows.get(i);
            sb.append("    {\"target\": ").append(str(r.target())).append(", \"case\": ").append(str(r.scenario()))
                    .append(", \"measured\": ").append(num(r.measured())).append(", \"unit\": ").append(str(r.unit()))
                    .append(", \"relation\": ").append(str(r.relation())).append(", \"bound\": ").append(num(r.bound()))
                    .append(", \"result\": ").append(str(r.result().name())).append(", \"ns_per_point_step\": ")
                    .append(num(r.nsPerPoint())).append(", \"threads\": ").append(r.threads())
                    .append(", \"core_ns_per_point_step\": ").append(num(r.coreNsPerPoint()))
                    .append(", \"note\": ").append(str(r.note())).append('}').append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"details\": [");
        for (int i = 0; i < details.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(str(details.get(i)));
        }
        sb.append(details.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : "null";
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
