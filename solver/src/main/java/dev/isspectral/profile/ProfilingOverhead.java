package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark harness for the profiler's own cost: {@code ProfilingOverhead.of(sim).run()}.
 *
 * <p>Three solvers of the same simulation are measured with the project's method ({@link Measure}): warmed up until
 * steady, then stepped in interleaved rounds (the order rotates each round, so drift of a shared machine falls on all
 * alike): profiling off ({@link Tracer#OFF}), spans and FFT timing on (what {@code Profiler.redundancy(false)}
 * records), and spans, FFT timing and redundancy hashing on (the {@link Profiler} default). The table gives the
 * median ms per step with its 95% interval and the paired ratio to "off" (per round) with its interval; rounds grow
 * until the intervals are narrow or the budget (30 s by default) is spent.
 *
 * <p>The cost of profiling off cannot be timed against a solver without spans (there is none), so it is bounded
 * instead: the spans a step opens (counted by the recording solver) times the cost of one {@code Tracer.OFF} span
 * measured in a loop ({@link Result#offNanosPerSpan()}); the bound is {@link Result#offShareBound()}.
 */
public final class ProfilingOverhead {

    /** Column: the setting ("off", "spans+fft", "spans+fft+redundancy"). */
    public static final String SETTING = "setting";
    /** Column: median ms per step over the rounds. */
    public static final String MEDIAN_MS = "median_ms_per_step";
    /** Columns: 95% interval of the median ms per step. */
    public static final String CI_LOW_MS = "ci_low_ms";
    public static final String CI_HIGH_MS = "ci_high_ms";
    /**
     * Column: median over the rounds of (this setting's step time / the "off" step time of the same
     * round): paired, so drift between rounds cancels.
     */
    public static final String RATIO = "ratio_to_off";
    /** Columns: 95% interval of {@link #RATIO}. */
    public static final String RATIO_LOW = "ratio_ci_low";
    public static final String RATIO_HIGH = "ratio_ci_high";
    /** Column: interleaved rounds. */
    public static final String ROUNDS = "rounds";
    /** The names of {@link Result#table()}'s columns in {@link Measurement#table(Measurement.Columns)}. */
    private static final Measurement.Columns COLUMNS = Measurement.Columns.STANDARD.withTable("profiling_overhead")
            .withLabel(SETTING).withMedian(MEDIAN_MS).withRatio(RATIO).withAllocation(false);

    private final Simulation simulation;
    private final int warmup;
    private final int rounds;
    private final Duration budget;

    private ProfilingOverhead(Simulation simulation, int warmup, int rounds, Duration budget) {
        this.simulation = simulation;
        this.warmup = warmup;
        this.rounds = rounds;
        this.budget = budget;
    }

    /** The harness on {@code simulation}: no fixed warm-up (the method warms up until steady), at least 6 rounds, 30 s. */
    public static ProfilingOverhead of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new ProfilingOverhead(simulation, 0, 6, Duration.ofSeconds(30));
    }

    /** Steps per solver before the method's own warm-up (which continues until steady); {@code >= 0}. */
    public ProfilingOverhead warmup(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warmup = " + steps + "; must be >= 0");
        }
        return new ProfilingOverhead(simulation, steps, rounds, budget);
    }

    /** The fewest measured rounds (one step of each solver per round); {@code >= 1}; more run within the budget. */
    public ProfilingOverhead rounds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("rounds = " + n + "; must be >= 1");
        }
        return new ProfilingOverhead(simulation, warmup, n, budget);
    }

    /** Time budget of the interleaved steps (warm-up and rounds); default 30 s. */
    public ProfilingOverhead budget(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget = " + d + "; must be a positive duration");
        }
        return new ProfilingOverhead(simulation, warmup, rounds, d);
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
        List<Candidate> candidates = new ArrayList<>();
        long[] recordedSteps = {warmup};          // steps of the spans-and-FFT solver: its counts are per step
        for (int i = 0; i < solvers.size(); i++) {
            Solver s = solvers.get(i);
            s.advance(warmup);
            candidates.add(Candidate.of(names.get(i), i == 1 ? () -> {
                s.step();
                recordedSteps[0]++;
            } : s::step));
        }
        Measurement m = Measure.of(candidates).named("profiling_overhead").budget(budget).rounds(rounds, 100_000)
                .minSample(Duration.ZERO).run();
        long spans = 0;
        for (SpanRecorder.Node n : timingSpans.nodes()) {
            spans += n.calls();
        }
        long forwards = 0;
        for (FftRecorder.Kind k : timingFfts.kinds()) {
            if (k.direction().equals("forward")) {
                forwards += k.calls();
            }
        }
        long stepsRecorded = Math.max(1, recordedSteps[0]);
        Duration micro = Duration.ofMillis(Math.max(300, Math.min(2000, budget.toMillis() / 20)));
        return new Result(m, (double) spans / stepsRecorded, offNanosPerSpan(micro), onNanosPerSpan(micro),
                (double) forwards / stepsRecorded, hashNanos(simulation.grid().size(), micro), simulation.grid().notation());
    }

    private static volatile long sink;

    /** Nanoseconds per open-and-close of a recording span nested in another (two spans per iteration). */
    static Estimate onNanosPerSpan(Duration budget) {
        SpanRecorder r = new SpanRecorder();
        Measurement m = Measure.of(Candidate.of("recording span pair", () -> {
            try (Span outer = r.open("step"); Span inner = r.open("rhs")) {
                sink++;
            }
        })).budget(budget).run();
        return m.time(0).scaled(1e9 / 2, "ns");
    }

    /** Nanoseconds to hash one forward-transform input of {@code points} doubles. */
    static Estimate hashNanos(int points, Duration budget) {
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            values[i] = Math.sin(i);
        }
        int[] i = new int[1];
        Measurement m = Measure.of(Candidate.of("hash", () -> {
            values[i[0]++ % points] += 1e-9;
            sink += FftRecorder.contentHash(values);
        })).budget(budget).run();
        return m.time(0).scaled(1e9, "ns");
    }

    /** Nanoseconds per open-and-close of a {@link Tracer#OFF} span (the loop's own cost included). */
    static Estimate offNanosPerSpan(Duration budget) {
        Tracer off = Tracer.OFF;
        Measurement m = Measure.of(Candidate.of("off span", () -> {
            try (Span s = off.open("step")) {
                sink++;
            }
        })).budget(budget).run();
        return m.time(0).scaled(1e9, "ns");
    }

    /** The measured overhead. */
    public static final class Result implements Displayable {
        private final Measurement measurement;
        private final double spansPerStep;
        private final Estimate offNanosPerSpan;
        private final Estimate onNanosPerSpan;
        private final double forwardsPerStep;
        private final Estimate hashNanos;
        private final String grid;

        Result(Measurement measurement, double spansPerStep, Estimate offNanosPerSpan, Estimate onNanosPerSpan,
               double forwardsPerStep, Estimate hashNanos, String grid) {
            this.measurement = measurement;
            this.spansPerStep = spansPerStep;
            this.offNanosPerSpan = offNanosPerSpan;
            this.onNanosPerSpan = onNanosPerSpan;
            this.forwardsPerStep = forwardsPerStep;
            this.hashNanos = hashNanos;
            this.grid = grid;
        }

        /** The interleaved measurement of the three solvers. */
        public Measurement measurement() {
            return measurement;
        }

        /** Cost of one recording span (two nested, in a loop), ns: the median. */
        public double onNanosPerSpan() {
            return onNanosPerSpan.median();
        }

        /** Cost of hashing one forward-transform input, ns: the median. */
        public double hashNanos() {
            return hashNanos.median();
        }

        /**
         * The profiler's cost per step estimated from its parts, as a share of the median "off"
         * step: (spans per step × ns per recording span + forward transforms per step × ns per
         * hash) / step time. Independent of the step-to-step noise of a shared machine; it leaves
         * out cache effects, which the interleaved ratios include.
         */
        public double estimatedOnShare() {
            return (spansPerStep * onNanosPerSpan() + forwardsPerStep * hashNanos()) / (measurement.time(0).median() * 1e9);
        }

        /**
         * SETTING, MEDIAN_MS, CI_LOW_MS, CI_HIGH_MS, RATIO, RATIO_LOW, RATIO_HIGH, ROUNDS; rows off, spans+fft,
         * spans+fft+redundancy: the measurement's table.
         */
        public Table table() {
            return measurement.table(COLUMNS);
        }

        /** Spans a step opens (FFT spans included). */
        public double spansPerStep() {
            return spansPerStep;
        }

        /** Cost of one span with profiling off, ns (a loop of Tracer.OFF spans; includes the loop): the median. */
        public double offNanosPerSpan() {
            return offNanosPerSpan.median();
        }

        /** Upper bound of the share of a step that spans cost with profiling off (from the interval's upper ends). */
        public double offShareBound() {
            return spansPerStep * offNanosPerSpan.high() / (measurement.time(0).low() * 1e9);
        }

        /** Median paired ratio of a setting to "off" (0 off, 1 spans+fft, 2 spans+fft+redundancy). */
        public double ratio(int setting) {
            return ratioEstimate(setting).median();
        }

        /** Paired ratio of a setting to "off" per round: median and 95% interval. */
        public Estimate ratioEstimate(int setting) {
            return measurement.ratio(setting, 0);
        }

        private static String percent(Estimate r) {
            return String.format(Locale.ROOT, "%+.1f%% [%+.1f%%, %+.1f%%]", 100 * (r.median() - 1), 100 * (r.low() - 1),
                    100 * (r.high() - 1));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Profiling overhead on %s, %d interleaved rounds (paired ratio to off, median "
                            + "[95%% interval]): spans+fft %s, spans+fft+redundancy %s; from parts: %.0f spans/step x %.0f ns"
                            + " + %.0f hashes/step x %.0f ns = %.2f%% of a step; off: %.0f spans x %.2f ns = at most %.4f%%",
                    grid, measurement.rounds(), percent(ratioEstimate(1)), percent(ratioEstimate(2)), spansPerStep,
                    onNanosPerSpan(), forwardsPerStep, hashNanos(), 100 * estimatedOnShare(), spansPerStep,
                    offNanosPerSpan(), 100 * offShareBound());
        }

        @Override
        public String toText() {
            return toString() + "\n" + table().print() + "\n" + measurement.load();
        }

        @Override
        public String toHtml() {
            return "<div class=\"is-spectral-overhead\">\n<p><b>" + Html.escape(toString()) + "</b></p>\n"
                    + TableRendering.standard().html(table()) + "\n" + measurement.load().toHtml() + "</div>";
        }
    }
}
