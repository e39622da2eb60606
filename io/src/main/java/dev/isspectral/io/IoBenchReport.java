package dev.isspectral.io;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link IoBenchmark} measured, with a verdict per target row from the whole interval ({@link Verdict#of}:
 * PASS only when the whole interval is on the good side of the bound, MISS when all of it is on the bad side,
 * INCONCLUSIVE when it straddles the bound), as Markdown (the section of BENCHMARKS.md between
 * {@code <!-- io:begin -->} and {@code <!-- io:end -->}) and JSON. Immutable; every number comes from a
 * {@link Measurement} or from a file's size, none by hand.
 *
 * <p>Definitions (each ratio paired: computed per interleaved round from that round's samples, then the median and
 * 95% interval over the rounds):
 * <ul>
 *   <li>{@code checkpoint_write} = t(Checkpoint.save) / t(raw FileChannel write + force) of the same arrays;
 *       target ≤ {@value #WITHIN}.</li>
 *   <li>{@code checkpoint_read} = t(Checkpoint.read, checksums verified) / t(raw FileChannel read into the same
 *       arrays); target ≤ {@value #WITHIN}.</li>
 *   <li>{@code file_size} = the checkpoint file's bytes / grid points: exact, no target.</li>
 *   <li>{@code snapshot_share} = 100 × (t(steps with the snapshot observer) / t(the same steps without) − 1) %;
 *       target &lt; {@value #SHARE_PERCENT} %.</li>
 * </ul>
 *
 * @param options  the command's options
 * @param rows     the target rows, in order
 * @param times    the absolute times of every candidate (information: the ratios are the targets)
 * @param method   one line per measurement: rounds, how they stopped, warm-up
 * @param context  commit, dirty flag, machine, date, load over the whole command
 */
public record IoBenchReport(IoBenchOptions options, List<Row> rows, List<Time> times, List<String> method,
                            Context context) {

    /** Issue 15: checkpoint write and read within this factor of raw FileChannel I/O. */
    public static final double WITHIN = 2.0;
    /** Issue 15: snapshots every 10 steps cost less than this share of the run, percent. */
    public static final double SHARE_PERCENT = 5.0;

    /** Candidate names of the checkpoint measurement, in order. */
    public static final String RAW_WRITE = "raw FileChannel write + force";
    public static final String CHECKPOINT_WRITE = "Checkpoint.save (jHDF, CRC-32, temporary file, force, rename)";
    public static final String RAW_READ = "raw FileChannel read";
    public static final String CHECKPOINT_READ = "Checkpoint.read (every checksum verified)";
    /** Candidate names of the snapshot measurement, in order. */
    public static final String PLAIN_STEPS = "steps";
    public static final String OBSERVED_STEPS = "steps with the snapshot observer";

    public IoBenchReport {
        rows = List.copyOf(rows);
        times = List.copyOf(times);
        method = List.copyOf(method);
    }

    /**
     * One target row.
     *
     * @param key        JSON key
     * @param what       what it is, in words
     * @param definition how the number is formed
     * @param value      median [95% interval], or exact
     * @param relation   "<", "<=", … or "" for a row without a bound
     * @param bound      the bound (NaN without)
     * @param otherShare other processes' share of the CPU during the rounds that gave it (NaN: not known or exact)
     * @param busy       whether those rounds count as busy ({@link MachineLoad#busy()})
     */
    public record Row(String key, String what, String definition, Estimate value, String relation, double bound,
                      double otherShare, boolean busy) {

        /** The verdict from the whole interval. */
        public Verdict verdict() {
            return Verdict.of(value, relation, bound);
        }
    }

    /** An absolute time per sample of one candidate. */
    public record Time(String measurement, String candidate, Estimate seconds) {
    }

    /**
     * Where and when.
     *
     * @param commit     git commit
     * @param dirty      whether tracked files had uncommitted changes
     * @param date       start, UTC
     * @param machine    OS, cores, heap
     * @param jvm        the JVM
     * @param loadBefore 1-minute load average when the command started
     * @param loadAfter  1-minute load average when it ended
     * @param otherShare other processes' share of all CPU time over the whole command
     * @param steal      stolen share over the whole command
     * @param busy       whether the whole command's window counts as busy
     */
    public record Context(String commit, boolean dirty, String date, String machine, String jvm, double loadBefore,
                          double loadAfter, double otherShare, double steal, boolean busy) {

        /** From a finished run context. */
        public static Context of(RunContext finished) {
            MachineLoad l = finished.load();
            return new Context(finished.commit(), finished.dirty(), finished.date(), finished.machine(), finished.jvm(),
                    l == null ? Double.NaN : l.loadBefore(), l == null ? Double.NaN : l.loadAfter(),
                    l == null ? Double.NaN : l.otherShare(), l == null ? Double.NaN : l.stealShare(), l != null && l.busy());
        }
    }

    /**
     * The report of the two measurements: {@code checkpoints} with the candidates {@link #RAW_WRITE},
     * {@link #CHECKPOINT_WRITE}, {@link #RAW_READ}, {@link #CHECKPOINT_READ} (any order), {@code snapshots} with
     * {@link #PLAIN_STEPS} and {@link #OBSERVED_STEPS}.
     *
     * @param checkpointCase the checkpoint in words (grid, arrays, MiB)
     * @param fileBytes      the checkpoint file's size
     * @param points         grid points of the checkpoint
     * @param rawBytes       bytes of the arrays it holds
     * @param runCase        the run in words (grid, steps per sample, snapshot interval)
     */
    public static IoBenchReport of(IoBenchOptions options, String checkpointCase, Measurement checkpoints,
                                   long fileBytes, long points, long rawBytes, String runCase, Measurement snapshots,
                                   RunContext finished) {
        int rawWrite = index(checkpoints, RAW_WRITE);
        int write = index(checkpoints, CHECKPOINT_WRITE);
        int rawRead = index(checkpoints, RAW_READ);
        int read = index(checkpoints, CHECKPOINT_READ);
        int plain = index(snapshots, PLAIN_STEPS);
        int observed = index(snapshots, OBSERVED_STEPS);
        MachineLoad cl = checkpoints.load();
        MachineLoad sl = snapshots.load();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("checkpoint_write", "checkpoint write, " + checkpointCase,
                "t(Checkpoint.save) / t(raw FileChannel write + force), same arrays, same folder",
                checkpoints.ratio(write, rawWrite).withUnit("x"), "<=", WITHIN, cl.otherShare(), cl.busy()));
        rows.add(new Row("checkpoint_read", "checkpoint read, " + checkpointCase,
                "t(Checkpoint.read, every checksum verified) / t(raw FileChannel read into the same arrays)",
                checkpoints.ratio(read, rawRead).withUnit("x"), "<=", WITHIN, cl.otherShare(), cl.busy()));
        rows.add(new Row("file_size", "checkpoint file size per grid point, " + checkpointCase,
                String.format(Locale.ROOT, "file bytes / points = %d / %d; the raw arrays are %s bytes per point (%s × raw)",
                        fileBytes, points, Estimate.number((double) rawBytes / points), ratioText((double) fileBytes / rawBytes)),
                Estimate.exact((double) fileBytes / points, "bytes/point"), "", Double.NaN, Double.NaN, false));
        rows.add(new Row("snapshot_share", "snapshots: share of the run, " + runCase,
                "100 × (t(steps, snapshot observer called after each) / t(the same steps without it) − 1)",
                share(snapshots.ratio(observed, plain)), "<", SHARE_PERCENT, sl.otherShare(), sl.busy()));
        List<Time> times = new ArrayList<>();
        for (Measurement m : List.of(checkpoints, snapshots)) {
            for (int i = 0; i < m.names().size(); i++) {
                times.add(new Time(m.name(), m.names().get(i), m.time(i)));
            }
        }
        List<String> method = List.of(method(checkpoints), method(snapshots));
        return new IoBenchReport(options, rows, times, method, Context.of(finished));
    }

    /** A paired ratio t_with / t_without as the share of the run the addition costs: 100 × (ratio − 1), percent. */
    public static Estimate share(Estimate ratio) {
        if (!ratio.isMeasured()) {
            return Estimate.missing("%");
        }
        return new Estimate(100 * (ratio.median() - 1), 100 * (ratio.low() - 1), 100 * (ratio.high() - 1), ratio.rounds(),
                ratio.confidence(), "%");
    }

    private static int index(Measurement m, String candidate) {
        int i = m.names().indexOf(candidate);
        if (i < 0) {
            throw new IllegalArgumentException("measurement \"" + m.name() + "\" has no candidate \"" + candidate
                    + "\"; it has " + m.names());
        }
        return i;
    }

    private static String method(Measurement m) {
        return String.format(Locale.ROOT, "%s: %d interleaved rounds (order rotated each round), %s; warm-up %s after %d "
                        + "rounds (%.0f s); %s", m.name(), m.rounds(), m.stopText(), m.warmup().reason(), m.warmup().rounds(),
                m.warmup().seconds(), m.load().busyText());
    }

    private static String ratioText(double r) {
        return String.format(Locale.ROOT, "%.4f", r);
    }

    /** Whether every row with a bound passed. */
    public boolean allPass() {
        return rows.stream().filter(r -> r.verdict() != Verdict.INFO).allMatch(r -> r.verdict() == Verdict.PASS);
    }

    /** The Markdown section (without its markers). */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("_Generated by `").append(options.command()).append("`; do not edit by hand (rerun the command with ")
                .append("`--publish BENCHMARKS.md`, or publish a saved report with `--from FILE.md --publish BENCHMARKS.md`)._\n\n");
        sb.append(contextLine()).append("\n\n");
        if (options.quick()) {
            sb.append("**Quick mode: tiny grids; the targets are stated for 128×128×64 and 128×64×64 and do not apply.**\n\n");
        }
        sb.append("| target | definition (paired per round) | measured: median [95% interval] | bound | verdict | other CPU |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.what()).append(" | ").append(r.definition()).append(" | ").append(value(r.value()))
                    .append(" | ").append(r.relation().isEmpty() ? "—" : symbol(r.relation()) + " " + Estimate.number(r.bound())
                            + unit(r.value().unit())).append(" | ").append(verdictText(r)).append(" | ")
                    .append(r.value().isExact() ? "—" : share(r.otherShare())).append(" |\n");
        }
        sb.append("\nPASS: the whole interval meets the bound; MISS: none of it does; INCONCLUSIVE: it straddles the bound. ")
                .append("\"(busy)\": other processes took more than ")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * MachineLoad.BUSY_OTHER_SHARE))
                .append(" of the CPU during those rounds.\n\n");
        sb.append("| measurement | candidate | time per sample: median [95% interval] |\n|---|---|---|\n");
        for (Time t : times) {
            sb.append("| ").append(t.measurement()).append(" | ").append(t.candidate()).append(" | ")
                    .append(value(t.seconds().scaled(1000, "ms"))).append(" |\n");
        }
        sb.append("\nMethod: `dev.isspectral.measure`, medians with 95% intervals.\n\n");
        for (String m : method) {
            sb.append("- ").append(m).append('\n');
        }
        return sb.toString();
    }

    private static String symbol(String relation) {
        return relation.replace("<=", "≤").replace(">=", "≥");
    }

    private static String value(Estimate e) {
        return e.formatShort() + unit(e.unit());
    }

    private static String unit(String u) {
        return u.isEmpty() ? "" : u.equals("x") ? "×" : " " + u;
    }

    private static String verdictText(Row r) {
        Verdict v = r.verdict();
        String text = v == Verdict.MISS ? "**MISS**" : v == Verdict.INFO ? "—" : v.name();
        return r.busy() && v != Verdict.INFO ? text + " (busy)" : text;
    }

    private String contextLine() {
        Context c = context;
        return String.format(Locale.ROOT, "%s, commit %s%s, %s, %s; load average %s at the start, %s at the end; other "
                        + "processes %s of the CPU over the whole command, steal %s%s", c.date(), c.commit(),
                c.dirty() ? "+dirty" : "", c.machine(), c.jvm(), load(c.loadBefore()), load(c.loadAfter()),
                share(c.otherShare()), share(c.steal()),
                c.busy() ? " (**busy machine: absolute times are suspect; paired ratios less so**)" : "");
    }

    private static String load(double l) {
        return Double.isFinite(l) ? String.format(Locale.ROOT, "%.2f", l) : "n/a";
    }

    private static String share(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.0f%%", 100 * s) : "n/a";
    }

    /** The report as one JSON object. */
    public String toJson() {
        StringBuilder j = new StringBuilder("{\n");
        Context c = context;
        field(j, 1, "command", options.command()).append(",\n");
        field(j, 1, "date", c.date()).append(",\n");
        field(j, 1, "commit", c.commit()).append(",\n");
        field(j, 1, "dirty", c.dirty()).append(",\n");
        field(j, 1, "machine", c.machine()).append(",\n");
        field(j, 1, "jvm", c.jvm()).append(",\n");
        field(j, 1, "load_before", c.loadBefore()).append(",\n");
        field(j, 1, "load_after", c.loadAfter()).append(",\n");
        field(j, 1, "other_cpu_share", c.otherShare()).append(",\n");
        field(j, 1, "cpu_steal", c.steal()).append(",\n");
        field(j, 1, "busy", c.busy()).append(",\n");
        field(j, 1, "quick", options.quick()).append(",\n");
        field(j, 1, "checkpoint_grid", options.checkpointGrid()).append(",\n");
        field(j, 1, "run_grid", options.runGrid()).append(",\n");
        field(j, 1, "every", options.every()).append(",\n");
        j.append("  \"rows\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            j.append(i == 0 ? "\n" : ",\n").append("    {\n");
            field(j, 3, "key", r.key()).append(",\n");
            field(j, 3, "target", r.what()).append(",\n");
            field(j, 3, "definition", r.definition()).append(",\n");
            estimate(j, 3, r.value()).append(",\n");
            field(j, 3, "relation", r.relation()).append(",\n");
            field(j, 3, "bound", r.bound()).append(",\n");
            field(j, 3, "verdict", r.verdict().name()).append(",\n");
            field(j, 3, "other_cpu_share", r.otherShare()).append(",\n");
            field(j, 3, "flagged", r.busy()).append("\n    }");
        }
        j.append("\n  ],\n  \"times\": [");
        for (int i = 0; i < times.size(); i++) {
            Time t = times.get(i);
            j.append(i == 0 ? "\n" : ",\n").append("    {\n");
            field(j, 3, "measurement", t.measurement()).append(",\n");
            field(j, 3, "candidate", t.candidate()).append(",\n");
            estimate(j, 3, t.seconds()).append("\n    }");
        }
        j.append("\n  ],\n  \"method\": [");
        for (int i = 0; i < method.size(); i++) {
            j.append(i == 0 ? "\n    " : ",\n    ").append(quote(method.get(i)));
        }
        return j.append("\n  ]\n}\n").toString();
    }

    private static StringBuilder estimate(StringBuilder j, int depth, Estimate e) {
        field(j, depth, "median", e.median()).append(",\n");
        field(j, depth, "ci_low", e.low()).append(",\n");
        field(j, depth, "ci_high", e.high()).append(",\n");
        field(j, depth, "rounds", e.rounds()).append(",\n");
        field(j, depth, "confidence", e.confidence()).append(",\n");
        field(j, depth, "exact", e.isExact()).append(",\n");
        return field(j, depth, "unit", e.unit());
    }

    private static StringBuilder field(StringBuilder j, int depth, String key, Object value) {
        j.append("  ".repeat(depth)).append(quote(key)).append(": ");
        if (value == null) {
            j.append("null");
        } else if (value instanceof String s) {
            j.append(quote(s));
        } else if (value instanceof Double d) {
            j.append(Double.isFinite(d) ? String.valueOf(d) : "null");
        } else {
            j.append(value);
        }
        return j;
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
