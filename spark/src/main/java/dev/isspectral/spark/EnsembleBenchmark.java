package dev.isspectral.spark;

import dev.isspectral.ensemble.Axis;
import dev.isspectral.ensemble.Ensemble;
import dev.isspectral.ensemble.LocalExecutor;
import dev.isspectral.ensemble.Measurements;
import dev.isspectral.ensemble.Progress;
import dev.isspectral.files.MarkedSection;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * Members per second of one ensemble run three ways, measured with {@code dev.isspectral.measure} (warm-up until
 * steady, interleaved rounds in rotated order, medians with 95% intervals, paired ratios), each sample one run of the
 * whole ensemble:
 * <ul>
 *   <li>{@code loop}: one member after another, each on all cores ({@link LocalExecutor#sequential()}), what a plain
 *       loop in a notebook does;</li>
 *   <li>{@code local}: the local executor ({@link LocalExecutor#auto()}): members concurrently;</li>
 *   <li>{@code spark}: {@link SparkExecutor} at {@code --master} (embedded {@code local[*]} by default), started
 *       before the rounds.</li>
 * </ul>
 * Spark's start-up (session; session plus a first one-member job) is timed in {@code --startups} fresh JVMs one after
 * another ({@link SparkStartupProbe}), and once in the measuring JVM (a single observation). The verdicts against
 * issue 16's targets and the per-member cost estimate are {@link EnsembleBenchReport}'s. The report is printed, and
 * written as Markdown ({@code --out}), JSON ({@code --json}) and into BENCHMARKS.md's section between
 * {@code <!-- ensemble:begin -->} and {@code <!-- ensemble:end -->} ({@code --benchmarks}); {@code --publish FILE.md}
 * places a saved Markdown report there without measuring. All files are written atomically.
 *
 * <pre>
 * bash spark/ensemble-bench.sh [--members 8] [--steps 40] [--grid 32x16x16] [--budget 120] [--master local[*]]
 *     [--startups 6] [--core-hour-price P] [--out FILE.md] [--json FILE.json] [--benchmarks BENCHMARKS.md]
 * bash spark/ensemble-bench.sh --publish FILE.md [--benchmarks BENCHMARKS.md]
 * </pre>
 */
public final class EnsembleBenchmark {

    /** Seconds a fresh JVM may take to start Spark and run one member. */
    static final long STARTUP_TIMEOUT_SECONDS = 600;

    private EnsembleBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        EnsembleBenchOptions options;
        try {
            options = EnsembleBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.publish() != null) {
            System.exit(publish(options, System.out, System.err));
        }
        int rc;
        try {
            rc = measure(options, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            rc = 2;
        }
        SparkExecutor.stop();
        System.exit(rc);
    }

    /** Places the saved report {@code options.publish()} into {@code options.benchmarks()}; 0, or 2 on an error. */
    static int publish(EnsembleBenchOptions options, PrintStream out, PrintStream err) throws IOException {
        try {
            if (!Files.isRegularFile(options.publish())) {
                throw new IllegalArgumentException("--publish = \"" + options.publish() + "\"; no such file "
                        + "(write one with --out FILE.md)");
            }
            MarkedSection.place(options.benchmarks(), EnsembleBenchOptions.SECTION,
                    Files.readString(options.publish(), StandardCharsets.UTF_8));
            out.println("placed " + options.publish() + " into " + options.benchmarks() + " between "
                    + MarkedSection.begin(EnsembleBenchOptions.SECTION) + " and " + MarkedSection.end(EnsembleBenchOptions.SECTION));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** The measured ensemble: {@code members} sound waves with η/s = 0.05, 0.06, …, {@code steps} steps each. */
    static Ensemble ensemble(EnsembleBenchOptions o) {
        double[] etas = new double[o.members()];
        for (int m = 0; m < etas.length; m++) {
            etas[m] = EnsembleBenchOptions.etaOverS(m);
        }
        Simulation base = SparkStartupProbe.oneMember(o.steps() + "x" + o.grid()).base();
        return Ensemble.of(base).vary(Axis.etaOverS(etas)).measure(Measurements.finalEnergy()).progress(Progress.silent());
    }

    private static int measure(EnsembleBenchOptions o, PrintStream out, PrintStream err) throws IOException {
        if (o.benchmarks() != null) {   // fail before measuring, not after
            MarkedSection.requirePlaceable(o.benchmarks(), "--benchmarks", EnsembleBenchOptions.SECTION);
        }
        RunContext context = RunContext.start();
        Ensemble ensemble = ensemble(o);
        int cores = Runtime.getRuntime().availableProcessors();
        int[] layout = LocalExecutor.auto().layout(ensemble.plan(), ensemble.members());
        String what = String.format(Locale.ROOT, "%d members (η/s = %s … %s) of a sound wave (mode (1,1,0), A = 1e-3) "
                        + "on a %s box, %d steps each", o.members(), String.format(Locale.ROOT, "%.2f", EnsembleBenchOptions.etaOverS(0)),
                String.format(Locale.ROOT, "%.2f", EnsembleBenchOptions.etaOverS(o.members() - 1)), o.grid().replace('x', '×'), o.steps());
        String layoutText = String.format(Locale.ROOT, "The local executor runs %d at once, %d thread%s each, on %d cores",
                layout[0], layout[1], layout[1] == 1 ? "" : "s", cores);
        out.println("ensemble: " + what + "; " + layoutText + "; " + context);

        String first = "1x" + o.grid();
        double[] session = new double[o.startups()];
        double[] firstJob = new double[o.startups()];
        for (int i = 0; i < o.startups(); i++) {
            double[] t = SparkStartupProbe.inFreshJvm(o.master(), first, STARTUP_TIMEOUT_SECONDS);
            session[i] = t[0];
            firstJob[i] = t[1];
            out.printf(Locale.ROOT, "Spark start-up in fresh JVM %d of %d: session %.2f s, session + first job %.2f s%n",
                    i + 1, o.startups(), t[0], t[1]);
        }
        double[] own = SparkStartupProbe.startup(o.master(), first);
        out.printf(Locale.ROOT, "Spark start-up in this JVM (a single observation): session %.2f s, session + first job %.2f s%n",
                own[0], own[1]);
        SparkExecutor spark = SparkExecutor.master(o.master());
        EnsembleBenchReport.Startup startup = new EnsembleBenchReport.Startup(
                o.startups() > 0 ? Estimate.of(session, "s") : Estimate.missing("s"),
                o.startups() > 0 ? Estimate.of(firstJob, "s") : Estimate.missing("s"), o.startups(), own[0], own[1]);

        Table reference = ensemble.executor(LocalExecutor.auto()).run();
        Table onSpark = ensemble.executor(spark).run();
        boolean same = ensemble.withoutTimings(reference).print().equals(ensemble.withoutTimings(onSpark).print());
        out.println("Spark's table equals the local executor's (timing columns aside): " + same);

        Ensemble loop = ensemble.executor(LocalExecutor.sequential());
        Ensemble local = ensemble.executor(LocalExecutor.auto());
        Ensemble onSparkRun = ensemble.executor(spark);
        Measurement m = Measure.of(Candidate.of(EnsembleBenchReport.LOOP, loop::run),
                        Candidate.of(EnsembleBenchReport.LOCAL, local::run), Candidate.of(EnsembleBenchReport.SPARK, onSparkRun::run))
                .named("ensemble of " + o.members() + " members at " + o.grid()).budget(o.budget()).batch(1).run();
        out.println(m);
        EnsembleBenchReport report = EnsembleBenchReport.of(o, what, layoutText, cores, m, startup, same, context.finish());
        String markdown = report.toMarkdown();
        out.println();
        out.println(markdown);
        try {
            if (o.out() != null) {
                dev.isspectral.files.AtomicFiles.write(o.out(), markdown);
                out.println("wrote " + o.out());
            }
            if (o.json() != null) {
                dev.isspectral.files.AtomicFiles.write(o.json(), report.toJson());
                out.println("wrote " + o.json());
            }
            if (o.benchmarks() != null) {
                MarkedSection.place(o.benchmarks(), EnsembleBenchOptions.SECTION, markdown);
                out.println("placed the report into " + o.benchmarks());
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: could not write the report: " + e.getMessage());
            return 1;
        }
        return same ? 0 : 1;
    }
}
