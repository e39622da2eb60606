package dev.isspectral.jmh;

import dev.isspectral.bench.Workload;
import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH and the project's method on the same quantities, in one run: the FFT forward+inverse pair at three sizes and
 * one optimized step at 64×32×32, on each backend that loads. JMH runs first (in its own forked JVMs), then the
 * project's method ({@link Measure}) measures each quantity in this JVM. Writes a markdown table with both
 * intervals: JMH's mean with its 99.9% confidence interval (Student t over iterations, JMH's default) and the
 * project's median with its 95% order-statistics interval.
 *
 * <p>Arguments: {@code [--forks N] [--warmup N] [--iterations N] [--time SECONDS] [--budget SECONDS]
 * [--backends jtransforms,fftw] [--out FILE.md]}; defaults 2 forks, each 3 warm-up and 5 measured iterations of
 * 1 s, 10 s budget per quantity for the project's method, every backend that loads: about 2.5 min of JMH and 1.5 min of
 * the project's method for the 8 quantities on 2 cores, about 5 min with the build ({@code bash bench.sh --jmh}).
 * The table's header gives the run's wall time of each part.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /** One quantity: its label and both measurements. */
    record Row(String quantity, double jmhMean, double jmhLow, double jmhHigh, long jmhSamples, Estimate project) {
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
            Estimate project;
            String quantity;
            if (size != null) {
                quantity = "FFT forward+inverse pair " + size + ", " + backend + " (" + Shapes.settings(backend).label() + ")";
                project = fftPair(size, backend, each);
            } else {
                quantity = "optimized step " + StepBenchmark.GRID + ", " + backend;
                project = step(backend, each);
            }
            rows.add(new Row(quantity, primary.getScore(), ci[0], ci[1], primary.getStatistics().getN(), project));
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

    /** The project's method on one forward+inverse pair, ms. */
    static Estimate fftPair(String size, String backend, Duration budget) {
        int[] n = Shapes.parse(size);
        try (FftEngine engine = FftEngines.create(Shapes.settings(backend), n[0], n[1], n[2])) {
            double[] field = Shapes.field(n[0] * n[1] * n[2]);
            double[] spectrum = new double[engine.spectrumLength()];
            double[] back = new double[engine.realLength()];
            Measurement m = Measure.of(Candidate.of(size, () -> {
                engine.forward(field, spectrum);
                engine.inverse(spectrum, back);
            })).budget(budget).run();
            return m.time(0).scaled(1e3, "ms");
        }
    }

    /** The project's method on one optimized step at 64×32×32, ms. */
    static Estimate step(String backend, Duration budget) {
        Solver solver = Workload.simulation(Grid.parse("1x" + StepBenchmark.GRID), backend).start(Instrumentation.NONE);
        Measurement m = Measure.of(Candidate.of("step", solver::step)).budget(budget).minSample(Duration.ZERO).run();
        return m.time(0).scaled(1e3, "ms");
    }

    static String markdown(List<Row> rows, RunContext context, int forks, int warmup, int iterations, double seconds,
                           double budget) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "JMH and the project's method on the same "
                + "quantities, one run (%s).%n%nJMH: %d fork(s), %d warm-up + %d measured iterations of %s s, average time, "
                + "mean with its 99.9%% confidence interval. Project: `dev.isspectral.measure`, warm-up until steady, rounds "
                + "until the 95%% interval is 4%% wide or %s s, median with its 95%% interval.%n%n"
                + "| quantity | JMH, ms (mean [99.9%% CI]) | project, ms (median [95%% CI], rounds) | project / JMH | intervals overlap |%n"
                + "|---|---|---|---|---|%n", context, forks, warmup, iterations, Estimate.number(seconds),
                Estimate.number(budget)));
        for (Row r : rows) {
            Estimate p = r.project();
            String overlap = !Double.isFinite(r.jmhLow()) || !p.isMeasured() ? "n/a (too few iterations for an interval)"
                    : p.low() <= r.jmhHigh() && r.jmhLow() <= p.high() ? "yes" : "no";
            sb.append(String.format(Locale.ROOT, "| %s | %s [%s, %s] (n = %d) | %s (%d) | %.3f | %s |%n", r.quantity(),
                    Estimate.number(r.jmhMean()), Estimate.number(r.jmhLow()), Estimate.number(r.jmhHigh()), r.jmhSamples(),
                    p.formatShort(), p.rounds(), p.median() / r.jmhMean(), overlap));
        }
        return sb.toString();
    }
}
