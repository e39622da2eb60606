package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two or more settings measured interleaved in one run: {@code Compare.of(simA, simB).measure()}. Measured with
 * the project's method ({@link Measure}): every solver warms up until steady, then each round steps every solver
 * once, the order rotated round by round, so drift of the machine (other load, clock speed) falls on all alike; the
 * ratio to the first setting is computed per round (paired) and every time and ratio is given with its 95%
 * interval. Rounds grow until the intervals are narrow or the budget (30 s by default) is spent. Profiling is off
 * while comparing (only step wall time is measured). Immutable; each setter returns a new value.
 */
public final class Compare {

    /**
     * Column: the setting, "#i " and its tuning's {@link dev.isspectral.sim.Tuning#name() name} (give tunings short
     * names with {@link dev.isspectral.sim.Tuning#named} for tables and plots; {@code describe()} lists every knob).
     */
    public static final String SETTING = "setting";
    /** Column: median milliseconds per step. */
    public static final String MEDIAN_MS = "median_ms_per_step";
    /** Columns: 95% interval of the median ms per step. */
    public static final String CI_LOW_MS = "ci_low_ms";
    public static final String CI_HIGH_MS = "ci_high_ms";
    /** Column: median over rounds of (this setting's step time / the first setting's step time in the same round). */
    public static final String RATIO = "ratio_to_first";
    /** Columns: 95% interval of {@link #RATIO}. */
    public static final String RATIO_LOW = "ratio_ci_low";
    public static final String RATIO_HIGH = "ratio_ci_high";
    /** Column: interleaved rounds measured. */
    public static final String ROUNDS = "rounds";
    /** The names of {@link Result#table()}'s columns in {@link Measurement#table(Measurement.Columns)}. */
    private static final Measurement.Columns COLUMNS = Measurement.Columns.STANDARD.withTable("compare").withLabel(SETTING)
            .withMedian(MEDIAN_MS).withRatio(RATIO).withAllocation(false);

    private final List<Simulation> simulations;
    private final int warmup;
    private final int minRounds;
    private final Duration budget;

    private Compare(List<Simulation> simulations, int warmup, int minRounds, Duration budget) {
        this.simulations = simulations;
        this.warmup = warmup;
        this.minRounds = minRounds;
        this.budget = budget;
    }

    public static Compare of(Simulation... simulations) {
        if (simulations == null || simulations.length < 2) {
            throw new IllegalArgumentException("simulations = " + (simulations == null ? "null" : simulations.length)
                    + "; must be >= 2 to compare");
        }
        for (int i = 0; i < simulations.length; i++) {
            if (simulations[i] == null) {
                throw new IllegalArgumentException("simulations[" + i + "] = null; must be a built simulation");
            }
        }
        return new Compare(List.of(simulations), 0, 6, Duration.ofSeconds(30));
    }

    /**
     * Steps every solver takes before the method's own warm-up (which continues until the step times are steady);
     * {@code >= 0}, default 0.
     */
    public Compare warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warmup = " + n + "; must be >= 0");
        }
        return new Compare(simulations, n, minRounds, budget);
    }

    /**
     * The fewest interleaved rounds measured (more run while the budget allows and the intervals are wide);
     * {@code >= 1}, default 6 (fewer than 6 give no 95% interval: the interval is then [min, max] with its coverage).
     */
    public Compare steps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("steps = " + n + "; must be >= 1");
        }
        return new Compare(simulations, warmup, n, budget);
    }

    /** Time budget of warm-up and rounds together; default 30 s. */
    public Compare budget(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget = " + d + "; must be a positive duration");
        }
        return new Compare(simulations, warmup, minRounds, d);
    }

    /** Table SETTING, MEDIAN_MS, CI_LOW_MS, CI_HIGH_MS, RATIO, RATIO_LOW, RATIO_HIGH, ROUNDS; one row per simulation. */
    public Table run() {
        return measure().table();
    }

    /** Runs the comparison; the result shows itself in a notebook and plots with {@code ProfilePlots.comparison}. */
    public Result measure() {
        List<Candidate> candidates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < simulations.size(); i++) {
            Solver s = simulations.get(i).start(Instrumentation.NONE);
            s.advance(warmup);
            String name = "#" + i + " " + simulations.get(i).tuning().name();
            names.add(name);
            candidates.add(Candidate.of(name, s::step));
        }
        Measurement m = Measure.of(candidates).named("compare").budget(budget).rounds(minRounds, 100_000)
                .minSample(Duration.ZERO).run();
        return new Result(m, names);
    }

    /** A comparison: times and paired ratios with intervals, and how they were measured. */
    public static final class Result implements Displayable {
        private final Measurement measurement;
        private final List<String> names;

        Result(Measurement measurement, List<String> names) {
            this.measurement = measurement;
            this.names = List.copyOf(names);
        }

        /** The measurement behind the table (samples, warm-up, load, allocation). */
        public Measurement measurement() {
            return measurement;
        }

        /** SETTING, MEDIAN_MS, CI_LOW_MS, CI_HIGH_MS, RATIO, RATIO_LOW, RATIO_HIGH, ROUNDS: the measurement's table. */
        public Table table() {
            return measurement.table(COLUMNS);
        }

        /** Median paired ratio of setting {@code i}'s step time to setting 0's. */
        public double ratio(int i) {
            return ratioEstimate(i).median();
        }

        /** Paired ratio of setting {@code i}'s step time to setting 0's: median and 95% interval. */
        public Estimate ratioEstimate(int i) {
            return measurement.ratio(i, 0);
        }

        /** Paired speed-up of setting {@code i} over setting {@code reference} (reference time / i's time). */
        public Estimate speedup(int i, int reference) {
            return measurement.speedup(i, reference);
        }

        /** Seconds per step of setting {@code i}: median and 95% interval. */
        public Estimate time(int i) {
            return measurement.time(i);
        }

        /** Interleaved rounds measured. */
        public int rounds() {
            return measurement.rounds();
        }

        @Override
        public String toHtml() {
            return "<div class=\"is-spectral-compare\">\n<p><b>" + Html.escape(toString()) + "</b></p>\n"
                    + TableRendering.standard().html(table()) + "\n" + measurement.load().toHtml() + "</div>";
        }

        @Override
        public String toText() {
            return toString() + "\n" + table().print() + "\n" + measurement.load();
        }

        @Override
        public String toString() {
            return "Compare: " + names.size() + " settings, " + measurement.rounds() + " interleaved rounds (order rotated), "
                    + "paired ratios to the first with 95% intervals; " + measurement.stopText() + "; warm-up "
                    + measurement.warmup().reason();
        }
    }
}
