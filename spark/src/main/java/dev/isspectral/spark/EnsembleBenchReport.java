package dev.isspectral.spark;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import dev.isspectral.report.BenchmarkReport;
import dev.isspectral.report.BenchmarkReport.Context;
import dev.isspectral.report.BenchmarkReport.Json;
import java.util.Locale;

/**
 * What {@link EnsembleBenchmark} measured, with the verdicts against issue 16's targets and the per-member cost
 * derived from it, as Markdown (the section of BENCHMARKS.md between {@code <!-- ensemble:begin -->} and
 * {@code <!-- ensemble:end -->}) and JSON, in the wording and formats of {@link BenchmarkReport} (shared with the other published benchmarks).
 * Immutable; all numbers come from the measurement, none by hand.
 *
 * <p>Definitions (each a paired ratio: computed per interleaved round from that round's samples, then the median and
 * 95% interval over the rounds):
 * <ul>
 *   <li>{@link #localOverLoop()} = t_loop / t_local = (members/s of the local executor) ÷ (members/s of the loop);
 *       target ≥ {@value #LOCAL_OVER_LOOP_TARGET}.</li>
 *   <li>{@link #sparkOverLocal()} = t_local / t_spark = (members/s of Spark) ÷ (members/s of the local executor);
 *       "Spark within 25% of local" means this is ≥ {@value #SPARK_OVER_LOCAL_TARGET}.</li>
 * </ul>
 * A verdict is {@link Verdict#PASS} only when the whole interval meets the target, {@link Verdict#MISS} when none of
 * it does, {@link Verdict#INCONCLUSIVE} otherwise ({@link Verdict#of}).
 *
 * @param options        the command's options
 * @param ensemble       what one sample runs, in words
 * @param layout         how the local executor laid the members out, in words
 * @param cores          available processors
 * @param loop           members per second, one by one on all cores
 * @param local          members per second, local executor
 * @param spark          members per second, Spark at {@code options.master()}, started before the rounds
 * @param localOverLoop  paired t_loop / t_local
 * @param sparkOverLocal paired t_local / t_spark
 * @param sparkOverhead  paired cores × (t_spark − t_local) / members: core-seconds Spark adds per member
 * @param startup        Spark's start-up times
 * @param tablesEqual    whether Spark's table equalled the local executor's (timing columns aside)
 * @param method         rounds, how they stopped, how warm-up ended
 * @param context        commit, machine, date and load
 */
public record EnsembleBenchReport(EnsembleBenchOptions options, String ensemble, String layout, int cores,
                                  Estimate loop, Estimate local, Estimate spark, Estimate localOverLoop,
                                  Estimate sparkOverLocal, Estimate sparkOverhead, Startup startup, boolean tablesEqual,
                                  String method, Context context) {

    /** Issue 16: the local executor at least this many times the members/s of a one-by-one loop. */
    public static final double LOCAL_OVER_LOOP_TARGET = 1.8;
    /** Issue 16, "Spark within 25% of local once started": Spark's members/s at least this share of local's. */
    public static final double SPARK_OVER_LOCAL_TARGET = 0.75;
    /** Names of the three ways in the measurement, in this order. */
    public static final String LOOP = "loop";
    public static final String LOCAL = "local";
    public static final String SPARK = "spark";

    /**
     * Spark's start-up.
     *
     * @param session     creating the session, in {@code jvms} fresh JVMs one after another (missing when 0)
     * @param firstJob    creating the session and running a first one-member job, in the same fresh JVMs
     * @param jvms        fresh JVMs started
     * @param ownSession  the measuring JVM's own session start-up, s: a single observation (once per JVM)
     * @param ownFirstJob the measuring JVM's session plus first one-member job, s: a single observation
     */
    public record Startup(Estimate session, Estimate firstJob, int jvms, double ownSession, double ownFirstJob) {
    }

    /**
     * The report of measurement {@code m} (candidates named {@link #LOOP}, {@link #LOCAL}, {@link #SPARK}, each sample
     * one run of the whole ensemble of {@code options.members()} members).
     */
    public static EnsembleBenchReport of(EnsembleBenchOptions options, String ensemble, String layout, int cores,
                                         Measurement m, Startup startup, boolean tablesEqual, RunContext finished) {
        int members = options.members();
        int loop = m.indexOf(LOOP);
        int local = m.indexOf(LOCAL);
        int spark = m.indexOf(SPARK);
        double[] tLocal = m.samples(local);
        double[] tSpark = m.samples(spark);
        double[] overhead = new double[m.rounds()];
        for (int r = 0; r < overhead.length; r++) {
            overhead[r] = cores * (tSpark[r] - tLocal[r]) / members;
        }
        String method = String.format(Locale.ROOT, "%d interleaved rounds (order rotated each round), %s; warm-up %s after "
                        + "%d rounds (%.0f s); each sample one run of the whole ensemble", m.rounds(), m.stopText(),
                m.warmup().reason(), m.warmup().rounds(), m.warmup().seconds());
        return new EnsembleBenchReport(options, ensemble, layout, cores, perSecond(m, loop, members),
                perSecond(m, local, members), perSecond(m, spark, members), m.speedup(local, loop), m.speedup(spark, local),
                Estimate.of(overhead, "core-s"), startup, tablesEqual, method, Context.of(finished, m.load()));
    }

    private static Estimate perSecond(Measurement m, int i, int members) {
        return m.time(i).reciprocal("members/s").scaled(members, "members/s");
    }

    /** The local executor against the loop, from the interval. */
    public Verdict localVerdict() {
        return Verdict.of(localOverLoop, ">=", LOCAL_OVER_LOOP_TARGET);
    }

    /** Spark against the local executor, from the interval. */
    public Verdict sparkVerdict() {
        return Verdict.of(sparkOverLocal, ">=", SPARK_OVER_LOCAL_TARGET);
    }

    /** Core-seconds a member costs on a way measured at {@code membersPerSecond}: cores ÷ (members/s). */
    public Estimate coreSecondsPerMember(Estimate membersPerSecond) {
        return membersPerSecond.reciprocal("core-s").scaled(cores, "core-s");
    }

    /** Core-hours per 1000 members on Spark: the cluster estimate. */
    public Estimate coreHoursPerThousand() {
        return coreSecondsPerMember(spark).scaled(1000.0 / 3600, "core-h");
    }

    /** The Markdown section (without its markers). */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(BenchmarkReport.generatedBy(options.command(),
                "rerun the command, or place a saved report with `bash spark/ensemble-bench.sh --publish FILE.md`"));
        sb.append(context.line("absolute rates")).append("\n\n");
        sb.append("Ensemble of one sample: ").append(ensemble).append(". ").append(layout).append(". Spark master `")
                .append(options.master()).append("`.").append(cores == 2 ? "" : " **Measured on " + cores
                        + " cores; the targets are stated for 2.**").append("\n\nMethod: `dev.isspectral.measure`, ")
                .append(method).append("; medians with 95% intervals. Spark's table equals the local executor's (timing ")
                .append("columns aside): ").append(tablesEqual ? "yes" : "**no**").append(".\n\n");
        sb.append("| way | members/s: median [95% interval] | core-seconds per member |\n|---|---|---|\n");
        row(sb, "one-by-one loop (`LocalExecutor.sequential()`, each member on all cores)", loop);
        row(sb, "local executor (`LocalExecutor.auto()`)", local);
        row(sb, "Spark `" + options.master() + "`, started before the rounds", spark);
        sb.append('\n').append(BenchmarkReport.targetHeader())
                .append(BenchmarkReport.targetRow("local executor vs loop", "t_loop / t_local = members/s local ÷ loop",
                        localOverLoop.withUnit(""), ">=", LOCAL_OVER_LOOP_TARGET, false))
                .append(BenchmarkReport.targetRow("Spark vs local executor (\"within 25%\")",
                        "t_local / t_spark = members/s Spark ÷ local", sparkOverLocal.withUnit(""), ">=",
                        SPARK_OVER_LOCAL_TARGET, false))
                .append('\n').append(BenchmarkReport.VERDICT_LEGEND).append("\n\n");
        sb.append("Spark start-up (master `").append(options.master()).append("`):\n\n| what | seconds | how |\n|---|---|---|\n");
        if (startup.jvms() > 0) {
            sb.append("| session created | ").append(startup.session().formatShort()).append(" | median [")
                    .append(BenchmarkReport.confidence(startup.session())).append(" interval] over ").append(startup.jvms())
                    .append(" fresh JVMs, one after another before the rounds").append(" |\n")
                    .append("| session + a first one-member job | ").append(startup.firstJob().formatShort())
                    .append(" | the same JVMs |\n");
        }
        sb.append("| session + a first one-member job, in the measuring JVM | ").append(Estimate.number(startup.ownFirstJob()))
                .append(" (session alone ").append(Estimate.number(startup.ownSession()))
                .append(") | a single observation: Spark starts once per JVM |\n\n");
        Estimate perMember = coreSecondsPerMember(spark);
        sb.append("Per-member cost, **estimated** by this command from the measured members/s (not measured on a cluster): ")
                .append("a member on Spark costs cores ÷ (members/s) = ").append(perMember.formatShort())
                .append(" core-seconds here, ").append(coreHoursPerThousand().formatShort())
                .append(" core-hours per 1000 members; of that, Spark's scheduling and (de)serialisation add ")
                .append(sparkOverhead.formatShort()).append(" core-seconds per member (paired: cores × (t_spark − t_local) ÷ members)");
        if (Double.isFinite(options.coreHourPrice())) {
            sb.append("; at ").append(Estimate.number(options.coreHourPrice())).append(" per core-hour (`--core-hour-price`) ")
                    .append("a member costs ").append(perMember.scaled(options.coreHourPrice() / 3600, "").formatShort());
        }
        sb.append(".\n");
        return sb.toString();
    }

    private void row(StringBuilder sb, String way, Estimate rate) {
        sb.append("| ").append(way).append(" | ").append(rate.formatShort()).append(" | ")
                .append(coreSecondsPerMember(rate).formatShort()).append(" |\n");
    }

    /** The report as one JSON object. */
    public String toJson() {
        Json j = new Json();
        j.field("command", options.command()).field("date", context.date()).field("commit", context.commit())
                .field("dirty", context.dirty()).field("machine", context.machine()).field("jvm", context.jvm())
                .field("cores", cores).field("load_before", context.loadBefore()).field("load_after", context.loadAfter())
                .field("other_cpu_share_rounds", context.otherRounds()).field("other_cpu_share_run", context.otherRun())
                .field("cpu_steal", context.steal()).field("busy", context.busy())
                .field("members", options.members()).field("steps", options.steps()).field("grid", options.grid())
                .field("master", options.master()).field("ensemble", ensemble).field("layout", layout)
                .field("method", method).field("tables_equal", tablesEqual);
        j.open("members_per_second").estimate(LOOP, loop).estimate(LOCAL, local).estimate(SPARK, spark).close();
        j.open("core_seconds_per_member").estimate(LOOP, coreSecondsPerMember(loop))
                .estimate(LOCAL, coreSecondsPerMember(local)).estimate(SPARK, coreSecondsPerMember(spark)).close();
        j.open("targets");
        j.open("local_over_loop").field("definition", "t_loop / t_local per round").estimateFields(localOverLoop)
                .field("relation", ">=").field("bound", LOCAL_OVER_LOOP_TARGET).field("verdict", localVerdict().name()).close();
        j.open("spark_over_local").field("definition", "t_local / t_spark per round (Spark within 25% of local)")
                .estimateFields(sparkOverLocal).field("relation", ">=").field("bound", SPARK_OVER_LOCAL_TARGET)
                .field("verdict", sparkVerdict().name()).close();
        j.close();
        j.open("startup_seconds").field("fresh_jvms", startup.jvms());
        if (startup.jvms() > 0) {
            j.estimate("session", startup.session()).estimate("session_and_first_job", startup.firstJob());
        }
        j.field("own_jvm_session_single", startup.ownSession()).field("own_jvm_session_and_first_job_single",
                startup.ownFirstJob()).close();
        j.open("cost_estimate").field("note", "derived from the measured members/s, not measured on a cluster")
                .estimate("spark_core_seconds_per_member", coreSecondsPerMember(spark))
                .estimate("spark_core_hours_per_1000_members", coreHoursPerThousand())
                .estimate("spark_overhead_core_seconds_per_member", sparkOverhead)
                .field("core_hour_price", options.coreHourPrice());
        if (Double.isFinite(options.coreHourPrice())) {
            j.estimate("price_per_member", coreSecondsPerMember(spark).scaled(options.coreHourPrice() / 3600, ""));
        }
        j.close();
        return j.finish();
    }
}
