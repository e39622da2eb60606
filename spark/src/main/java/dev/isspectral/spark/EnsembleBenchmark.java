package dev.isspectral.spark;

import dev.isspectral.ensemble.Axis;
import dev.isspectral.ensemble.Ensemble;
import dev.isspectral.ensemble.LocalExecutor;
import dev.isspectral.ensemble.Measurements;
import dev.isspectral.ensemble.Progress;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import java.time.Duration;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * Members per second of one ensemble run three ways, measured with {@code dev.isspectral.measure}
 * (warm-up until steady, interleaved rotated rounds, medians with 95% intervals, paired ratios):
 * <ul>
 *   <li>{@code loop}: one member after another, each on all cores ({@link LocalExecutor#sequential()}),
 *       what a plain loop in a notebook does;</li>
 *   <li>{@code local}: the local executor ({@link LocalExecutor#auto()}): members concurrently;</li>
 *   <li>{@code spark}: {@link SparkExecutor} on an embedded {@code local[*]} session, started before the
 *       rounds (its start-up time, session plus a first one-member job, is measured once and reported).</li>
 * </ul>
 * Targets (issue 16): local ≥ 1.8 × loop; Spark within 25% of local once started. The verdicts use the
 * whole 95% interval: PASS if all of it meets the target, MISS if none does, INCONCLUSIVE otherwise.
 *
 * <pre>
 * spark/ensemble-bench.sh [--members 8] [--steps 40] [--grid 32x16x16] [--budget 120] [--master local[*]]
 * </pre>
 */
public final class EnsembleBenchmark {

    private EnsembleBenchmark() {
    }

    public static void main(String[] args) {
        int members = 8;
        int steps = 40;
        String box = "32x16x16";
        int budget = 120;
        String master = "local[*]";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--members" -> members = Integer.parseInt(require(args[i], value));
                case "--steps" -> steps = Integer.parseInt(require(args[i], value));
                case "--grid" -> box = require(args[i], value);
                case "--budget" -> budget = Integer.parseInt(require(args[i], value));
                case "--master" -> master = require(args[i], value);
                default -> throw new IllegalArgumentException("argument " + args[i]
                        + "; must be --members N, --steps N, --grid NXxNYxNZ, --budget SECONDS or --master URL");
            }
            i++;
        }
        if (members < 2 || steps < 1 || budget < 10) {
            throw new IllegalArgumentException("members = " + members + ", steps = " + steps + ", budget = " + budget
                    + "; need members >= 2, steps >= 1, budget >= 10");
        }
        double[] etas = new double[members];
        for (int m = 0; m < members; m++) {
            etas[m] = 0.05 + 0.01 * m;
        }
        Simulation base = Simulation.builder().grid(steps + "x" + box).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 1, 0).amplitude(1e-3)).build();
        Ensemble ensemble = Ensemble.of(base).vary(Axis.etaOverS(etas)).measure(Measurements.finalEnergy())
                .progress(Progress.silent());
        int cores = Runtime.getRuntime().availableProcessors();
        int[] layout = LocalExecutor.auto().layout(ensemble.plan(), ensemble.members());
        System.out.printf(Locale.ROOT, "ensemble: %d members, each %d steps of %s; %d cores; local executor: %d at once, %d thread(s) each%n",
                members, steps, box, cores, layout[0], layout[1]);

        long start = System.nanoTime();
        SparkExecutor spark = SparkExecutor.master(master);
        spark.sparkSession();
        double sessionSeconds = (System.nanoTime() - start) / 1e9;
        Ensemble.of(base).measure(Measurements.finalEnergy()).progress(Progress.silent()).executor(spark).run();
        double startupSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Spark start-up (%s): session %.2f s, session + first one-member job %.2f s%n",
                master, sessionSeconds, startupSeconds);

        Table reference = ensemble.executor(LocalExecutor.auto()).run();
        Table onSpark = ensemble.executor(spark).run();
        boolean same = ensemble.withoutTimings(reference).print().equals(ensemble.withoutTimings(onSpark).print());
        System.out.println("Spark's table equals the local executor's (timing columns aside): " + same);

        Ensemble loop = ensemble.executor(LocalExecutor.sequential());
        Ensemble local = ensemble.executor(LocalExecutor.auto());
        Ensemble sparkRun = ensemble.executor(spark);
        Measurement m = Measure.of(Candidate.of("loop", loop::run), Candidate.of("local", local::run),
                Candidate.of("spark", sparkRun::run)).named("ensemble of " + members + " members at " + box)
                .budget(Duration.ofSeconds(budget)).run();
        System.out.println(m);
        for (String c : m.names()) {
            Estimate perSecond = m.time(c).reciprocal("members/s").scaled(members, "members/s");
            System.out.printf(Locale.ROOT, "%-6s %s%n", c, perSecond.format());
        }
        Estimate localSpeedup = m.speedup(m.indexOf("local"), m.indexOf("loop"));
        Estimate sparkOverLocal = m.ratio(m.indexOf("spark"), m.indexOf("local"));
        System.out.printf(Locale.ROOT, "local vs loop: %s x (target >= 1.8): %s%n", localSpeedup.format(),
                verdict(localSpeedup, 1.8, true));
        System.out.printf(Locale.ROOT, "spark time / local time: %s (target <= 1.25): %s%n", sparkOverLocal.format(),
                verdict(sparkOverLocal, 1.25, false));
        System.out.printf(Locale.ROOT, "machine load during the rounds: %s%n", m.load().busyText());
        SparkExecutor.stop();
    }

    private static String verdict(Estimate e, double bound, boolean atLeast) {
        boolean all = atLeast ? e.low() >= bound : e.high() <= bound;
        boolean none = atLeast ? e.high() < bound : e.low() > bound;
        return all ? "PASS" : none ? "MISS" : "INCONCLUSIVE";
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
