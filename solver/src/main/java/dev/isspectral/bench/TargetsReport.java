package dev.isspectral.bench;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one run of {@link Targets} measured: the rows, the run's context (commit, JVM, cores, load before and after,
 * CPU steal, other processes' share), and the details (derivations, per-grid tables). Renders as markdown
 * ({@link #toMarkdown()}) and JSON ({@link #toJson()}); the JSON is the one source of published numbers
 * ({@code Publish}).
 */
public final class TargetsReport {

    /** Column headers of the markdown table, in order. */
    public static final List<String> COLUMNS = List.of("#", "target", "case", "measured (median [95% CI])", "forks×rounds",
            "bound", "verdict", "other CPU", "ns/point/step", "core·ns/point/step");

    private final boolean quick;
    private final String bestBackend;
    private final Duration budget;
    private final int forks;
    private final Duration warmupLimit;
    private final List<TargetRow> rows;
    private final List<String> details;
    private final RunContext context;
    private final String command;

    TargetsReport(boolean quick, String bestBackend, Duration budget, int forks, Duration warmupLimit, List<TargetRow> rows,
                  List<String> details, RunContext context) {
        this(quick, bestBackend, budget, forks, warmupLimit, rows, details, context, "");
    }

    private TargetsReport(boolean quick, String bestBackend, Duration budget, int forks, Duration warmupLimit,
                          List<TargetRow> rows, List<String> details, RunContext context, String command) {
        this.forks = forks;
        this.warmupLimit = warmupLimit;
        this.quick = quick;
        this.bestBackend = bestBackend;
        this.budget = budget;
        this.rows = List.copyOf(rows);
        this.details = List.copyOf(details);
        this.context = context;
        this.command = command;
    }

    /** The rows, in measuring order. */
    public List<TargetRow> rows() {
        return rows;
    }

    /** Where and when it ran, and the load over the whole run. */
    public RunContext context() {
        return context;
    }

    /** This report with the command line that produced it (printed in the markdown and the JSON). */
    public TargetsReport withCommand(String commandLine) {
        return new TargetsReport(quick, bestBackend, budget, forks, warmupLimit, rows, details, context, commandLine);
    }

    static String tableHeader() {
        return "| " + String.join(" | ", COLUMNS) + " |\n|" + "---|".repeat(COLUMNS.size());
    }

    static String markdownRow(int number, TargetRow r) {
        return String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |", number, r.target(),
                r.scenario(), r.measuredText(), r.roundsText(), r.boundText(), r.verdictText(), r.loadText(),
                TargetRow.format(r.nsPerPoint()), TargetRow.format(r.coreNsPerPoint()));
    }

    private static String load(double l) {
        return Double.isFinite(l) ? String.format(Locale.ROOT, "%.2f", l) : "n/a";
    }

    private static String share(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1f%%", 100 * s) : "n/a";
    }

    /** The whole report as markdown: header lines, the table, numbered notes, the details. */
    public String toMarkdown() {
        MachineLoad l = context.load();
        StringBuilder sb = new StringBuilder();
        sb.append("# IS-Spectral performance targets (issue 4 §5; bounds of issue 13 where it sets them)\n\n");
        sb.append("- date: ").append(context.date()).append('\n');
        sb.append("- commit: ").append(context.commitText()).append('\n');
        sb.append("- machine: ").append(context.machine()).append("; ").append(context.jvm()).append('\n');
        sb.append("- load average (1 min): ").append(load(l.loadBefore())).append(" at the start, ")
                .append(load(l.loadAfter())).append(" at the end; other processes ").append(share(l.otherShare()))
                .append(" of the CPU over the run, steal ").append(share(l.stealShare())).append(l.busy() ? " (**busy machine**)" : "")
                .append('\n');
        if (!command.isEmpty()) {
            sb.append("- command: `").append(command).append("`\n");
        }
        sb.append("- workload: ").append(Workload.initial().describe())
                .append("; conformal EOS, η/s = 0.08, IMEX ARS(2,2,2), CFL 0.25, optimized tuning\n");
        sb.append("- best backend: ").append(bestBackend).append("; time budget of the timed sections: ")
                .append(budget.toSeconds()).append(warmupLimit == null ? " s (warm-up included: at most 40% of each share)\n"
                        : " s of measured rounds; each fork's warm-up comes on top, until steady or "
                        + warmupLimit.toSeconds() + " s\n");
        if (quick) {
            sb.append("- **quick mode**: tiny grids that exercise the harness; the bounds are those of the full grids and do not apply\n");
        }
        sb.append("- method: every time is the median of interleaved rounds with its 95% interval (order statistics), "
                + "ratios paired per round (dev.isspectral.measure); verdict PASS only when the whole interval is on the "
                + "good side of the bound, MISS only when it is wholly on the bad side, else INCONCLUSIVE; INFO without a "
                + "bound; \"(busy)\": an absolute-time or thread-scaling row measured while other processes took more "
                + "than " + Math.round(100 * MachineLoad.BUSY_OTHER_SHARE) + "% of the CPU (\"other CPU\" column); every ratio "
                + "row compares candidates at one fixed thread count, named in the row, so load falls on both sides; "
                + "the thread-scaling rows (2 threads vs 1) are load-sensitive by nature\n");
        sb.append("- forks: ").append(forks == 1 ? "1 — every figure measured in this JVM alone (intervals within one JVM; "
                + "the variation between JVMs is not in them)" : forks + " — every timed figure measured in " + forks
                + " fresh JVMs one after another (same class path and JVM options), each running the interleaved rounds "
                + "for its share of the row's budget; median over all rounds of all forks, 95% interval by hierarchical "
                + "bootstrap (forks resampled, then rounds within each), so the variation between JVMs is inside it; "
                + "\"forks×rounds\" is forks × rounds per fork; \"*\": the forks' medians differ by more than a fork's own "
                + "interval is wide (between-JVM spread dominates; with " + forks + " forks the interval then covers it at "
                + "most " + Math.round(100 * dev.isspectral.measure.Stats.forkCoverage(forks)) + "% of the time); the fork "
                + "medians are in each row's note and the JSON").append('\n');
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

    /** The report as JSON: the run's context, one object per row (numbers raw, NaN as null), the details. */
    public String toJson() {
        MachineLoad l = context.load();
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"date\": ").append(str(context.date())).append(",\n");
        sb.append("  \"commit\": ").append(str(context.commit())).append(",\n");
        sb.append("  \"dirty\": ").append(context.dirty()).append(",\n");
        sb.append("  \"jvm\": ").append(str(context.jvm())).append(",\n");
        sb.append("  \"machine\": ").append(str(context.machine())).append(",\n");
        sb.append("  \"cores\": ").append(context.cores()).append(",\n");
        sb.append("  \"load_before\": ").append(num(l.loadBefore())).append(",\n");
        sb.append("  \"load_after\": ").append(num(l.loadAfter())).append(",\n");
        sb.append("  \"cpu_steal\": ").append(num(l.stealShare())).append(",\n");
        sb.append("  \"other_cpu_share\": ").append(num(l.otherShare())).append(",\n");
        sb.append("  \"busy\": ").append(l.busy()).append(",\n");
        sb.append("  \"command\": ").append(str(command)).append(",\n");
        sb.append("  \"budget_s\": ").append(budget.toSeconds()).append(",\n");
        sb.append("  \"warmup_limit_s\": ").append(warmupLimit == null ? "null" : Long.toString(warmupLimit.toSeconds()))
                .append(",\n");
        sb.append("  \"quick\": ").append(quick).append(",\n");
        sb.append("  \"forks\": ").append(forks).append(",\n");
        sb.append("  \"best_backend\": ").append(str(bestBackend)).append(",\n");
        sb.append("  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            TargetRow r = rows.get(i);
            Estimate e = r.measured();
            MachineLoad rl = r.load();
            sb.append("    {\"target\": ").append(str(r.target())).append(", \"case\": ").append(str(r.scenario()))
                    .append(", \"median\": ").append(num(e.median())).append(", \"ci_low\": ").append(num(e.low()))
                    .append(", \"ci_high\": ").append(num(e.high())).append(", \"rounds\": ").append(e.rounds())
                    .append(", \"exact\": ").append(e.isExact()).append(", \"unit\": ").append(str(r.unit()))
                    .append(", \"relation\": ").append(str(r.relation())).append(", \"bound\": ").append(num(r.bound()))
                    .append(", \"verdict\": ").append(str(r.verdict().name())).append(", \"kind\": ")
                    .append(str(r.kind().name())).append(", \"flagged\": ").append(r.flagged())
                    .append(", \"other_cpu_share\": ").append(num(rl == null ? Double.NaN : rl.otherShare()))
                    .append(", \"cpu_steal\": ").append(num(rl == null ? Double.NaN : rl.stealShare()))
                    .append(", \"load_before\": ").append(num(rl == null ? Double.NaN : rl.loadBefore()))
                    .append(", \"load_after\": ").append(num(rl == null ? Double.NaN : rl.loadAfter()))
                    .append(", \"ns_per_point_step\": ").append(num(r.nsPerPoint())).append(", \"threads\": ").append(r.threads())
                    .append(", \"core_ns_per_point_step\": ").append(num(r.coreNsPerPoint()))
                    .append(forkFields(r))
                    .append(", \"note\": ").append(str(r.note())).append('}').append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"details\": [");
        for (int i = 0; i < details.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(str(details.get(i)));
        }
        sb.append(details.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    /**
     * The row's fork fields: {@code forks}, {@code rounds_per_fork}, {@code fork_medians} (in the row's unit),
     * {@code between_fork_spread} ((max − min fork median)/median), {@code within_fork_width} (a fork's own interval,
     * relative, median over forks), {@code between_forks_dominate}; only {@code "forks": 1} for rows not timed over forks.
     */
    private static String forkFields(TargetRow r) {
        return forkFields(r.forked());
    }

    /** The fork fields of {@code f} (null: not timed over forks), as in every row of {@link #toJson()}; also {@code bench levers}'. */
    static String forkFields(ForkedFigure f) {
        if (f == null) {
            return ", \"forks\": 1";
        }
        StringBuilder sb = new StringBuilder(", \"forks\": ").append(f.forks()).append(", \"rounds_per_fork\": [");
        for (int k = 0; k < f.forks(); k++) {
            sb.append(k == 0 ? "" : ", ").append(f.roundsPerFork().get(k));
        }
        sb.append("], \"fork_medians\": [");
        for (int k = 0; k < f.forks(); k++) {
            sb.append(k == 0 ? "" : ", ").append(num(f.forkMedians().get(k)));
        }
        return sb.append("], \"between_fork_spread\": ").append(num(f.betweenSpread()))
                .append(", \"within_fork_width\": ").append(num(f.withinWidth()))
                .append(", \"between_forks_dominate\": ").append(f.betweenForksDominate()).toString();
    }

    /** Counts of each verdict, e.g. "PASS 9, MISS 2, INCONCLUSIVE 1, INFO 4; 3 rows flagged busy". */
    public String verdictSummary() {
        int[] counts = new int[Verdict.values().length];
        int flagged = 0;
        for (TargetRow r : rows) {
            counts[r.verdict().ordinal()]++;
            flagged += r.flagged() ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.name()).append(' ').append(counts[v.ordinal()]);
        }
        return sb.append("; ").append(flagged).append(flagged == 1 ? " row" : " rows").append(" flagged busy").toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : "null";
    }

    static String str(String s) {
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
