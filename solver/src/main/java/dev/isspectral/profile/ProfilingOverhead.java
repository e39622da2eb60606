package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark harness for the profiler's own cost: {@code ProfilingOverhead.of(sim).rounds(60).run()}.
 *
 * <p>Three solvers of the same simulation are stepped in interleaved rounds (the order rotates each
 * round, so drift of a shared machine falls on all alike): profiling off ({@link Tracer#OFF}),
 * spans and FFT timing on (what {@code Profiler.redundancy(false)} records), and spans, FFT timing
 * and redundancy hashing on (the {@link Profiler} default). The table gives the median and mean
 * milliseconds per step and the ratio of medians to "off".
 *
 * <p>The cost of profiling off cannot be timed against a solver without spans (there is none), so
 * it is bounded instead: the spans a step opens (counted by the recording solver) times the cost of
 * one {@code Tracer.OFF} span measured in a loop ({@link Result#offNanosPerSpan()}); the bound is
 * {@link Result#offShareBound()}.
 */
public final class ProfilingOverhead {

    /** Column: the setting ("off", "spans+fft", "spans+fft+redundancy"). */
    public static final String SETTING = "setting";
    /** Column: median ms per step over the rounds. */
    public static final String MEDIAN_MS = "median_ms_per_step";
    /** Column: mean ms per step over the rounds. */
    public static final String MEAN_MS = "mean_ms_per_step";
    /**
     * Column: median over the rounds of (this setting's step time / the "off" step time of the same
     * round): paired, so drift between rounds cancels.
     */
    public static final String RATIO = "ratio_to_off";

    private final Simulation simulation;
    private final int warmup;
    private final int rounds;

    private ProfilingOverhead(Simulation simulation, int warmup, int rounds) {
        this.simulation = simulation;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    /** The harness on {@code simulation}: 5 warm-up steps per solver, 40 rounds. */
    public static ProfilingOverhead of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new ProfilingOverhead(simulation, 5, 40);
    }

    /** Warm-up steps per solver; {@code >= 0}. */
    public ProfilingOverhead warmup(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warmup = " + steps + "; must be >= 0");
        }
        return new ProfilingOverhead(simulation, steps, rounds);
    }

    /** Measured rounds (one step of each solver per round); {@code >= 1}. */
    public ProfilingOverhead rounds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("rounds = " + n + "; must be >= 1");
        }
        return new ProfilingOverhead(simulation, warmup, n);
    }

    /** Runs the rounds. */
    public Result run() {
        SpanRecorder timingSpans = new SpanRecorder();
        FftRecorder timingFfts = new FftRecorder(timingSpans, System::nanoTime, false);
        SpanRecorder fullSpans = new SpanRecorder();
        FftRecorder fullFfts = new FftRecorder(fullSpans, System::nanoTime, true);
        List<String> names = List.of("off", "spans+fft", "spans+fft+redundancy");
        List<Solver> solvers = List.of(simulation.start(Instrumentation.NONE),
                simulation.start(new Instrumentation(timingSpans, timingFfts.decorator())),
                simulation.start(new Instrumentation(fullSpans, fullFfts.decorator())));
        for (Solver s : solvers) {
            s.advance(warmup);
        }
        timingSpans.reset();
        double[][] ms = new double[solvers.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < solvers.size(); j++) {
                int i = (round + j) % solvers.size();
                long t0 = System.nanoTime();
                solvers.get(i).step();
                ms[i][round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        long spans = 0;
        for (SpanRecorder.Node n : timingSpans.nodes()) {
            spans += n.calls();
        }
        StringColumn setting = StringColumn.create(SETTING);
        DoubleColumn median = DoubleColumn.create(MEDIAN_MS);
        DoubleColumn mean = DoubleColumn.create(MEAN_MS);
        DoubleColumn ratio = DoubleColumn.create(RATIO);
        for (int i = 0; i < solvers.size(); i++) {
            setting.append(names.get(i));
            median.append(median(ms[i]));
            mean.append(Arrays.stream(ms[i]).average().orElse(Double.NaN));
        }
        for (int i = 0; i < solvers.size(); i++) {
            double[] paired = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                paired[round] = ms[i][round] / ms[0][round];
            }
            ratio.append(median(paired));
        }
        long forwards = 0;
        for (FftRecorder.Kind k : timingFfts.kinds()) {
            if (k.direction().equals("forward")) {
                forwards += k.calls();
            }
        }
        return new Result(Table.create("profiling_overhead", setting, median, mean, ratio), (double) spans / rounds,
                offNanosPerSpan(), onNanosPerSpan(), (double) forwards / rounds, hashNanos(simulation.grid().size()),
                simulation.grid().notation(), rounds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** Nanoseconds per open-and-close of a recording span nested in another, best of five loops. */
    static double onNanosPerSpan() {
        SpanRecorder r = new SpanRecorder();
        double best = Double.POSITIVE_INFINITY;
        long sink = 0;
        for (int trial = 0; trial < 5; trial++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                try (Span outer = r.open("step"); Span inner = r.open("rhs")) {
                    sink += i;
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 2e5);
        }
        return sink == 42 ? best + 1e-12 : best;
    }

    /** Nanoseconds to hash one forward-transform input of {@code points} doubles, best of five. */
    static double hashNanos(int points) {
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            values[i] = Math.sin(i);
        }
        double best = Double.POSITIVE_INFINITY;
        long sink = 0;
        for (int trial = 0; trial < 5; trial++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                values[i % points] += 1e-9;
                sink += FftRecorder.contentHash(values);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 200.0);
        }
        return sink == 42 ? best + 1e-12 : best;
    }

    /** Nanoseconds per open-and-close of a {@link Tracer#OFF} span, best of five loops of 10^6. */
    static double offNanosPerSpan() {
        Tracer off = Tracer.OFF;
        double best = Double.POSITIVE_INFINITY;
        long sink = 0;
        for (int trial = 0; trial < 5; trial++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                try (Span s = off.open("step")) {
                    sink += i;
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return sink == 42 ? best + 1e-12 : best;
    }

    /** The measured overhead. */
    public static final class Result implements Displayable {
        private final Table table;
        private final double spansPerStep;
        private final double offNanosPerSpan;
        private final double onNanosPerSpan;
        private final double forwardsPerStep;
        private final double hashNanos;
        private final String grid;
        private final int rounds;

        Result(Table table, double spansPerStep, double offNanosPerSpan, double onNanosPerSpan, double forwardsPerStep,
               double hashNanos, String grid, int rounds) {
            this.table = table;
            this.spansPerStep = spansPerStep;
            this.offNanosPerSpan = offNanosPerSpan;
            this.onNanosPerSpan = onNanosPerSpan;
            this.forwardsPerStep = forwardsPerStep;
            this.hashNanos = hashNanos;
            this.grid = grid;
            this.rounds = rounds;
        }

        /** Cost of one recording span (two nested, in a loop), ns. */
        public double onNanosPerSpan() {
            return onNanosPerSpan;
        }

        /** Cost of hashing one forward-transform input, ns. */
        public double hashNanos() {
            return hashNanos;
        }

        /**
         * The profiler's cost per step estimated from its parts, as a share of the median "off"
         * step: (spans per step × ns per recording span + forward transforms per step × ns per
         * hash) / step time. Independent of the step-to-step noise of a shared machine; it leaves
         * out cache effects, which the interleaved ratios include.
         */
        public double estimatedOnShare() {
            return (spansPerStep * onNanosPerSpan + forwardsPerStep * hashNanos)
                    / (table.doubleColumn(MEDIAN_MS).get(0) * 1e6);
        }

        /** SETTING, MEDIAN_MS, MEAN_MS, RATIO; rows off, spans+fft, spans+fft+redundancy. */
        public Table table() {
            return table.copy();
        }

        /** Spans a step opens (FFT spans included). */
        public double spansPerStep() {
            return spansPerStep;
        }

        /** Cost of one span with profiling off, ns (a loop of Tracer.OFF spans; includes the loop). */
        public double offNanosPerSpan() {
            return offNanosPerSpan;
        }

        /** Upper bound of the share of a step that spans cost with profiling off. */
        public double offShareBound() {
            return spansPerStep * offNanosPerSpan / (table.doubleColumn(MEDIAN_MS).get(0) * 1e6);
        }

        /** Median ratio of a setting to "off" (0 off, 1 spans+fft, 2 spans+fft+redundancy). */
        public double ratio(int setting) {
            return table.doubleColumn(RATIO).get(setting);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Profiling overhead on %s, %d interleaved rounds (median paired ratio):"
                            + " spans+fft %+.1f%%, spans+fft+redundancy %+.1f%%; from parts: %.0f spans/step x %.0f ns"
                            + " + %.0f hashes/step x %.0f ns = %.2f%% of a step; off: %.0f spans x %.2f ns = at most %.4f%%",
                    grid, rounds, 100 * (ratio(1) - 1), 100 * (ratio(2) - 1), spansPerStep, onNanosPerSpan,
                    forwardsPerStep, hashNanos, 100 * estimatedOnShare(), spansPerStep, offNanosPerSpan,
                    100 * offShareBound());
        }

        @Override
        public String toText() {
            return toString() + "\n" + table.print();
        }

        @Override
        public String toHtml() {
            return "<div class=\"is-spectral-overhead\">\n<p><b>" + Html.escape(toString()) + "</b></p>\n"
                    + TableRendering.standard().html(table) + "</div>";
        }
    }
}
