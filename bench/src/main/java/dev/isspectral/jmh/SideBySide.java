package dev.isspectral.jmh;

import dev.isspectral.bench.Workload;
import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkSetup;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.Forks;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Stats;
import dev.isspectral.report.ProfileReport;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Solver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH and the project's method on the same quantities, in one run: the FFT forward+inverse pair at three sizes and
 * one optimized step at 64×32×32, on each backend that loads. JMH runs first (in its own forked JVMs), then the
 * project's method measures each quantity over as many forks ({@link Forks}: fresh JVMs, one after another). Writes a
 * markdown table whose two main columns are the same statistic: the median over all iterations (JMH) or rounds (the
 * project) of all forks, with the 95% interval of the hierarchical bootstrap over forks, then iterations or rounds
 * ({@link Stats#hierarchicalMedian}, one code for both); JMH's own figure, the mean with its 99.9% interval (Student t
 * over iterations), is shown beside them.
 *
 * <p>Arguments: {@code [--forks N] [--warmup N] [--iterations N] [--time SECONDS] [--budget SECONDS]
 * [--backends jtransforms,fftw] [--out FILE.md]}; defaults 2 forks, each 3 warm-up and 5 measured iterations of
 * 1 s, 10 s budget per quantity for the project's method (over its forks, as many as JMH's), every backend that loads:
 * about 2.5 min of JMH and 2 min of the project's method for the 8 quantities on 2 cores, about 5 min with the build
 * ({@code bash bench.sh --jmh}).
 * The table's header gives the run's wall time of each part.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * One quantity: its label and both measurements.
     *
     * @param jmhMean    JMH's score (mean over iterations), with its 99.9% interval {@code jmhLow}, {@code jmhHigh}
     * @param jmhSamples JMH's iterations, all forks
     * @param jmhMedian  the median over JMH's iterations of all forks, 95% hierarchical-bootstrap interval
     * @param jmhRounds  "forks×iterations" of JMH
     * @param project    the project's median over its rounds of all forks, 95% hierarchical-bootstrap interval
     * @param projectRounds "forks×rounds" of the project's method
     */
    record Row(String quantity, double jmhMean, double jmhLow, double jmhHigh, long jmhSamples, Estimate jmhMedian,
               String jmhRounds, Estimate project, String projectRounds) {
    }

    /** The median and 95% hierarchical interval of JMH's iteration scores, per fork ({@code [fork][iteration]}). */
    static Estimate jmhMedian(double[][] iterationScores) {
        return Stats.hierarchicalMedian(iterationScores).withUnit("ms");
    }

    /** "2×5" (forks × iterations), "2×4–5" where they differ. */
    static String forksTimes(double[][] perFork) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (double[] f : perFork) {
            min = Math.min(min, f.length);
            max = Math.max(max, f.length);
        }
        return perFork.length + "×" + (min == max ? Integer.toString(min) : min + "–" + max);
    }

    public static void main(String[] args) throws RunnerException, IOException {
        int forks = 2;
        int warmup = 3;
        int iterations = 5;
        double seconds = 1;
        double budget = 10;
        List<String> backends = new ArrayList<>();
        for (String b : List.of("jtransforms", "fftw")) {
            if (FftEngines.unavailableReason(b).isEmpty()) {
                backends.add(b);
            }
        }
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--forks" -> forks = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--iterations" -> iterations = Integer.parseInt(v);
                case "--time" -> seconds = Double.parseDouble(v);
                case "--budget" -> budget = Double.parseDouble(v);
                case "--backends" -> backends = List.of(v.split(","));
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown argument \"" + a + "\"; allowed: --forks, --warmup, "
                        + "--iterations, --time, --budget, --backends, --out");
            }
        }
        if (forks < 1 || iterations < 3 || warmup < 0 || !(seconds > 0) || !(budget >= 1)) {
            throw new IllegalArgumentException("need --forks >= 1, --iterations >= 3, --warmup >= 0, --time > 0, --budget >= 1");
        }
        RunContext context = RunContext.start();
        Options options = new OptionsBuilder()
                .include(FftPairBenchmark.class.getName() + ".pair")
                .include(StepBenchmark.class.getName() + ".step")
                .param("backend", backends.toArray(String[]::new))
                .forks(forks).warmupIterations(warmup).warmupTime(TimeValue.milliseconds((long) (seconds * 1000)))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds((long) (seconds * 1000)))
                .build();
        long start = System.nanoTime();
        Collection<RunResult> jmh = new Runner(options).run();
        double jmhSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        Duration each = Duration.ofMillis((long) (budget * 1000));
        for (RunResult r : jmh) {
            String backend = r.getParams().getParam("backend");
            String size = r.getParams().getParam("size");
            var primary = r.getPrimaryResult();
            double[] ci = primary.getScoreConfidence();
            List<double[]> perFork = new ArrayList<>();
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                perFork.add(br.getIterationResults().stream().mapToDouble(ir -> ir.getPrimaryResult().getScore()).toArray());
            }
            double[][] scores = perFork.toArray(double[][]::new);
            ForkedMeasurement project;
            String quantity;
            if (size != null) {
                quantity = "FFT forward+inverse pair " + size + ", " + backend + " (" + Shapes.settings(backend).label() + ")";
                project = Forks.of(FftPairSetup.class, size, backend).forks(forks).budget(each).run();
            } else {
                quantity = "optimized step " + StepBenchmark.GRID + ", " + backend;
                project = Forks.of(StepSetup.class, backend).forks(forks).budget(each).run();
            }
            ForkedFigure p = project.time(0).scaled(1e3, "ms");
            rows.add(new Row(quantity, primary.getScore(), ci[0], ci[1], primary.getStatistics().getN(), jmhMedian(scores),
                    forksTimes(scores), p.estimate(), p.roundsText()));
        }
        double projectSeconds = (System.nanoTime() - start) / 1e9;
        String table = markdown(rows, context.finish(), forks, warmup, iterations, seconds, budget)
                + String.format(Locale.ROOT, "%nWall time of this run: JMH %.0f s (forks included), the project's method "
                        + "%.0f s (engine and solver set-up included).%n", jmhSeconds, projectSeconds);
        System.out.println(table);
        if (out != null) {
            ProfileReport.writeAtomically(out, table);
            System.out.println("wrote " + out);
        }
    }

    /** The project's method on one forward+inverse pair (args: SIZE BACKEND), in each fork. */
    public static final class FftPairSetup implements ForkSetup {
        private FftEngine engine;

        @Override
        public Measure measure(List<String> args) {
            int[] n = Shapes.parse(args.get(0));
            engine = FftEngines.create(Shapes.settings(args.get(1)), n[0], n[1], n[2]);
            FftEngine e = engine;
            double[] field = Shapes.field(n[0] * n[1] * n[2]);
            double[] spectrum = new double[e.spectrumLength()];
            double[] back = new double[e.realLength()];
            return Measure.of(Candidate.of(args.get(0), () -> {
                e.forward(field, spectrum);
                e.inverse(spectrum, back);
            }));
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** The project's method on one optimized step at 64×32×32 (args: BACKEND), in each fork. */
    public static final class StepSetup implements ForkSetup {
        @Override
        public Measure measure(List<String> args) {
            Solver solver = Workload.simulation(Grid.parse("1x" + StepBenchmark.GRID), args.get(0)).start(Instrumentation.NONE);
            return Measure.of(Candidate.of("step", solver::step)).minSample(Duration.ZERO);
        }
    }

    static String markdown(List<Row> rows, RunContext context, int forks, int warmup, int iterations, double seconds,
                           double budget) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "JMH and the project's method on the same "
                + "quantities, one run (%s).%n%nJMH: %d fork(s), %d warm-up + %d measured iterations of %s s, average time. "
                + "Project: `dev.isspectral.measure` in %d fork(s) (fresh JVMs, one after another), warm-up until steady, "
                + "interleaved rounds until the 95%% interval is 4%% wide or the fork's share of %s s. **Both median columns "
                + "are the same statistic**: the median over all iterations (JMH; an iteration's score is the mean time of "
                + "the invocations in it) or all rounds (project) of all forks, with the 95%% interval of the hierarchical "
                + "bootstrap over forks, then iterations or rounds (`Stats.hierarchicalMedian`, one code for both). JMH's "
                + "own figure, the mean with its 99.9%% interval (Student t over iterations), is in the last column.%n%n"
                + "| quantity | JMH, ms: median [95%% CI] (forks×iterations) | project, ms: median [95%% CI] (forks×rounds) "
                + "| project / JMH (medians) | medians' intervals overlap | JMH's own: mean [99.9%% CI], ms |%n"
                + "|---|---|---|---|---|---|%n", context, forks, warmup, iterations, Estimate.number(seconds), forks,
                Estimate.number(budget)));
        for (Row r : rows) {
            Estimate p = r.project();
            Estimate j = r.jmhMedian();
            String overlap = !j.isMeasured() || !p.isMeasured() ? "n/a" : j.overlaps(p) ? "yes" : "no";
            String mean = !Double.isFinite(r.jmhLow()) ? Estimate.number(r.jmhMean()) + " (too few iterations for an interval)"
                    : Estimate.number(r.jmhMean()) + " [" + Estimate.number(r.jmhLow()) + ", " + Estimate.number(r.jmhHigh())
                    + "] (n = " + r.jmhSamples() + ")";
            sb.append(String.format(Locale.ROOT, "| %s | %s (%s) | %s (%s) | %.3f | %s | %s |%n", r.quantity(),
                    j.formatShort(), r.jmhRounds(), p.formatShort(), r.projectRounds(), p.median() / j.median(), overlap,
                    mean));
        }
        return sb.toString();
    }
}
