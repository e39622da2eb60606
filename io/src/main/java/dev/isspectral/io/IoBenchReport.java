package dev.isspectral.io;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import dev.isspectral.report.BenchmarkReport;
import dev.isspectral.report.BenchmarkReport.Context;
import dev.isspectral.report.BenchmarkReport.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link IoBenchmark} measured, with a verdict per target row from the whole interval ({@link Verdict#of}:
 * PASS only when the whole interval is on the good side of the bound, MISS when all of it is on the bad side,
 * INCONCLUSIVE when it straddles the bound), as Markdown (the section of BENCHMARKS.md between
 * {@code <!-- io:begin -->} and {@code <!-- io:end -->}) and JSON, in the wording and formats of
 * {@link BenchmarkReport} (shared with the other published benchmarks). Immutable; every number comes from a
 * {@link Measurement} or from a file's size, none by hand.
 *
 * <p>Definitions (each ratio paired: computed per interleaved round from that round's samples, then the median and
 * 95% interval over the rounds):
 * <ul>
 *   <li>{@code checkpoint_write} = t(Checkpoint.save) / t(raw FileChannel write + force) of the same arrays;
 *       target ≤ {@value #WITHIN}.</li>
 *   <li>{@code checkpoint_read} = t(Checkpoint.readInto: the restart's read into existing arrays, checksums
 *       verified) / t(raw FileChannel read into the same arrays); target ≤ {@value #WITHIN}.</li>
 *   <li>{@code file_size} = the checkpoint file's bytes / grid points: exact, no target.</li>
 *   <li>{@code snapshot_share} = 100 × t(snapshot) / (t(steps) + t(snapshot)) %, where a round's t(steps) is the
 *       steps of one snapshot interval and t(snapshot) the one write the observer does at its end; target
 *       &lt; {@value #SHARE_PERCENT} %.</li>
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
    public static final String CHECKPOINT_READ = "Checkpoint.readInto (the restart's read, every checksum verified)";
    /** Candidate names of the snapshot measurement: the steps of one snapshot interval, and the snapshot at its end. */
    public static final String STEPS = "steps of one snapshot interval";
    public static final String SNAPSHOT = "snapshot (SnapshotWriter.afterStep when due: write, rename, sidecar)";

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
     * The report of the two measurements: {@code checkpoints} with the candidates {@link #RAW_WRITE},
     * {@link #CHECKPOINT_WRITE}, {@link #RAW_READ}, {@link #CHECKPOINT_READ} (any order), {@code snapshots} with
     * {@link #STEPS} and {@link #SNAPSHOT}.
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
        int steps = index(snapshots, STEPS);
        int snapshot = index(snapshots, SNAPSHOT);
        MachineLoad cl = checkpoints.load();
        MachineLoad sl = snapshots.load();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("checkpoint_write", "checkpoint write, " + checkpointCase,
                "t(Checkpoint.save) / t(raw FileChannel write + force), same arrays, same folder",
                checkpoints.ratio(write, rawWrite).withUnit("x"), "<=", WITHIN, cl.otherShare(), cl.busy()));
        rows.add(new Row("checkpoint_read", "checkpoint read, " + checkpointCase,
                "t(Checkpoint.readInto: the restart's read, into existing arrays, every checksum verified) / t(raw "
                        + "FileChannel read into the same arrays)",
                checkpoints.ratio(read, rawRead).withUnit("x"), "<=", WITHIN, cl.otherShare(), cl.busy()));
        rows.add(new Row("file_size", "checkpoint file size per grid point, " + checkpointCase,
                String.format(Locale.ROOT, "file bytes / points = %d / %d; the raw arrays are %s bytes per point (%s × raw)",
                        fileBytes, points, Estimate.number((double) rawBytes / points), ratioText((double) fileBytes / rawBytes)),
                Estimate.exact((double) fileBytes / points, "bytes/point"), "", Double.NaN, Double.NaN, false));
        rows.add(new Row("snapshot_share", "snapshots: share of the run, " + runCase,
                "100 × t(snapshot) / (t(steps of one interval) + t(snapshot)): the observer's write as a run calls it, "
                        + "to a temporary file, renamed, not forced to disk (the snapshot policy)",
                share(snapshots.samples(steps), snapshots.samples(snapshot)), "<", SHARE_PERCENT, sl.otherShare(), sl.busy()));
        List<Time> times = new ArrayList<>();
        for (Measurement m : List.of(checkpoints, snapshots)) {
            for (int i = 0; i < m.names().size(); i++) {
                times.add(new Time(m.name(), m.names().get(i), m.time(i)));
            }
        }
        List<String> method = List.of(method(checkpoints), method(snapshots));
        return new IoBenchReport(options, rows, times, method, Context.of(finished));
    }

    /**
     * The share of the run that snapshots take, per round from that round's samples: 100 × write / (steps + write),
     * percent; median and 95% interval over the rounds.
     *
     * @param steps  per round, the time of the steps of one snapshot interval
     * @param writes per round, the time of the snapshot written at its end
     */
    public static Estimate share(double[] steps, double[] writes) {
        if (steps.length != writes.length) {
            throw new IllegalArgumentException("steps: " + steps.length + " rounds, writes: " + writes.length
                    + "; must be the same rounds");
        }
        double[] share = new double[steps.length];
        for (int r = 0; r < share.length; r++) {
            share[r] = 100 * writes[r] / (steps[r] + writes[r]);
        }
        return share.length == 0 ? Estimate.missing("%") : Estimate.of(share, "%");
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
        sb.append(BenchmarkReport.generatedBy(options.command(), "rerun the command with `--publish BENCHMARKS.md`, or "
                + "publish a saved report with `--from FILE.md --publish BENCHMARKS.md`"));
        sb.append(context.line("absolute times")).append("\n\n");
        if (options.quick()) {
            sb.append("**Quick mode: tiny grids; the targets are stated for 128×128×64 and 128×64×64 and do not apply.**\n\n");
        }
        sb.append(BenchmarkReport.targetHeader("other CPU"));
        for (Row r : rows) {
            sb.append(BenchmarkReport.targetRow(r.what(), r.definition(), r.value(), r.relation(), r.bound(), r.busy(),
                    r.value().isExact() ? "—" : BenchmarkReport.percent(r.otherShare())));
        }
        sb.append('\n').append(BenchmarkReport.VERDICT_LEGEND).append(" \"(busy)\": other processes took more than ")
                .append(BenchmarkReport.percent(MachineLoad.BUSY_OTHER_SHARE)).append(" of the CPU during those rounds.\n\n");
        sb.append("| measurement | candidate | time per sample: median [95% interval] |\n|---|---|---|\n");
        for (Time t : times) {
            sb.append("| ").append(t.measurement()).append(" | ").append(t.candidate()).append(" | ")
                    .append(BenchmarkReport.value(t.seconds().scaled(1000, "ms"))).append(" |\n");
        }
        sb.append("\nMethod: `dev.isspectral.measure`, medians with 95% intervals.\n\n");
        for (String m : method) {
            sb.append("- ").append(m).append('\n');
        }
        return sb.toString();
    }

    /** The report as one JSON object. */
    public String toJson() {
        Context c = context;
        Json j = new Json();
        j.field("command", options.command()).field("date", c.date()).field("commit", c.commit()).field("dirty", c.dirty())
                .field("machine", c.machine()).field("jvm", c.jvm()).field("load_before", c.loadBefore())
                .field("load_after", c.loadAfter()).field("other_cpu_share", c.otherRun()).field("cpu_steal", c.steal())
                .field("busy", c.busy()).field("quick", options.quick()).field("checkpoint_grid", options.checkpointGrid())
                .field("run_grid", options.runGrid()).field("every", options.every());
        j.openArray("rows");
        for (Row r : rows) {
            j.element().field("key", r.key()).field("target", r.what()).field("definition", r.definition())
                    .field("median", r.value().median()).field("ci_low", r.value().low()).field("ci_high", r.value().high())
                    .field("rounds", r.value().rounds()).field("confidence", r.value().confidence())
                    .field("exact", r.value().isExact()).field("unit", r.value().unit()).field("relation", r.relation())
                    .field("bound", r.bound()).field("verdict", r.verdict().name()).field("other_cpu_share", r.otherShare())
                    .field("flagged", r.busy()).close();
        }
        j.closeArray().openArray("times");
        for (Time t : times) {
            j.element().field("measurement", t.measurement()).field("candidate", t.candidate())
                    .field("median", t.seconds().median()).field("ci_low", t.seconds().low())
                    .field("ci_high", t.seconds().high()).field("rounds", t.seconds().rounds())
                    .field("confidence", t.seconds().confidence()).field("exact", t.seconds().isExact())
                    .field("unit", t.seconds().unit()).close();
        }
        return j.closeArray().strings("method", method).finish();
    }
}
