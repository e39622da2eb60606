package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Allocation;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.Stats;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One configuration across grids: {@code Scaling.of(sim).grids("16x16x8x8", "32x32x16x16").run()}.
 *
 * <p>Step times are measured with the project's method ({@link Measure}): one solver per grid, all warmed up until
 * steady, then stepped interleaved (one step of every grid per round, order rotated), so a change of the machine's
 * load falls on every grid alike; each grid's seconds per step is a median with its 95% interval, and the bytes
 * allocated per step are counted over all threads (pool threads included; a bound where a thread ended). Rounds grow
 * until the intervals are narrow or the budget (30 s by default) is spent. With {@link #breakdown(boolean)} on (the
 * default) each grid is then also profiled for its per-operation breakdown ({@link Result#profiles()}): the
 * profiler's times are a second, separate run and are not the scaling's.
 */
public final class Scaling {

    private final Simulation simulation;
    private final List<Grid> grids;
    private final int warmup;
    private final Duration budget;
    private final boolean breakdown;

    private Scaling(Simulation simulation, List<Grid> grids, int warmup, Duration budget, boolean breakdown) {
        this.simulation = simulation;
        this.grids = grids;
        this.warmup = warmup;
        this.budget = budget;
        this.breakdown = breakdown;
    }

    public static Scaling of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new Scaling(simulation, List.of(simulation.grid()), 0, Duration.ofSeconds(30), true);
    }

    /**
     * Grids in NT×NX×NY×NZ notation; at least one, each once, each with NT ≥ 1: the step count of its breakdown
     * profile. Every grid keeps the base simulation's box lengths (as {@code Axis.grids} of an ensemble does), so
     * only the points change. Checked here, before anything is measured.
     */
    public Scaling grids(String... notations) {
        if (notations == null || notations.length == 0) {
            throw new IllegalArgumentException("grids = []; must name at least one grid, e.g. 16x16x8x8");
        }
        Grid base = simulation.grid();
        List<Grid> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < notations.length; i++) {
            String name = "grids[" + i + "]";
            Grid g = Grid.parse(name, notations[i]);
            if (g.steps() < 1) {
                throw new IllegalArgumentException(name + " = \"" + notations[i] + "\" has no NT; must be NTxNXxNYxNZ"
                        + " (NT >= 1, the steps of the grid's breakdown profile), e.g. 16x16x8x8");
            }
            if (!seen.add(g.notation())) {
                throw new IllegalArgumentException("grids = " + Arrays.toString(notations) + " names " + g.notation()
                        + " twice; each grid must appear once");
            }
            parsed.add(g.withBox(base.lx(), base.ly(), base.lz()));
        }
        return new Scaling(simulation, List.copyOf(parsed), warmup, budget, breakdown);
    }

    /** Steps each solver takes before the method's own warm-up (which runs until steady); {@code >= 0}, default 0. */
    public Scaling warmup(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warmup = " + steps + "; must be >= 0");
        }
        return new Scaling(simulation, grids, steps, budget, breakdown);
    }

    /** Time budget of the interleaved measurement (warm-up and rounds); default 30 s. */
    public Scaling budget(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget = " + d + "; must be a positive duration");
        }
        return new Scaling(simulation, grids, warmup, d, breakdown);
    }

    /** Whether to profile each grid afterwards for the per-operation breakdown (on by default). */
    public Scaling breakdown(boolean profile) {
        return new Scaling(simulation, grids, warmup, budget, profile);
    }

    /**
     * Measures every grid, then profiles each for the breakdown (if on).
     *
     * @throws IllegalArgumentException before anything is measured, when the breakdown is on and the grid is the
     *         base simulation's and has no NT (grids given to {@link #grids} are checked there)
     */
    public Result run() {
        for (Grid g : grids) {
            if (breakdown && g.steps() < 1) {
                throw new IllegalArgumentException("steps = " + g.steps() + " (grid " + g.boxNotation()
                        + " has no NT); must be >= 1 for the breakdown profile: give the simulation NTxNXxNYxNZ, call"
                        + " grids(...), or breakdown(false)");
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Grid g : grids) {
            Solver s = simulation.withGrid(g).start(Instrumentation.NONE);
            s.advance(warmup);
            candidates.add(Candidate.of(g.notation(), s::step));
        }
        Measurement m = Measure.of(candidates).named("scaling").budget(budget).minSample(Duration.ZERO).run();
        candidates.clear();
        List<Profile> profiles = new ArrayList<>();
        if (breakdown) {
            for (Grid g : grids) {
                // no Flight Recorder stream (it would add its flush wait to every grid)
                profiles.add(Profiler.of(simulation.withGrid(g)).warmup(Math.max(1, warmup)).steps(g.steps())
                        .largeAllocations(0).run());
            }
        }
        return new Result(grids, m, profiles);
    }

    /** Scaling results; in a notebook they show the fitted exponents and the table. */
    public static final class Result implements Displayable {
        /** Column: grid in NT×NX×NY×NZ notation. */
        public static final String GRID = "grid";
        /** Column: N = NX·NY·NZ. */
        public static final String POINTS = "points";
        /** Columns: seconds per step, median and its 95% interval. */
        public static final String SECONDS_MEDIAN = "seconds_per_step_median";
        public static final String SECONDS_CI_LOW = "seconds_per_step_ci_low";
        public static final String SECONDS_CI_HIGH = "seconds_per_step_ci_high";
        /** Column: interleaved rounds measured. */
        public static final String ROUNDS = "rounds";
        /** Column: mean bytes allocated per step by all threads (pool threads included); never negative, NaN if n/a. */
        public static final String BYTES_PER_STEP = "bytes_per_step";
        /** Column: whether {@link #BYTES_PER_STEP} is exact (false: a lower bound, a thread ended in the window). */
        public static final String BYTES_EXACT = "bytes_exact";
        /** Column: largest peak heap of a profiled step, bytes (see {@link HeapPeak}; an upper bound); −1 without breakdown. */
        public static final String PEAK_HEAP = "peak_heap_bytes";

        private final List<Grid> grids;
        private final Measurement measurement;
        private final List<Profile> profiles;

        Result(List<Grid> grids, Measurement measurement, List<Profile> profiles) {
            this.grids = List.copyOf(grids);
            this.measurement = measurement;
            this.profiles = List.copyOf(profiles);
        }

        /** The breakdown profile of each grid (empty when the breakdown was off). */
        public List<Profile> profiles() {
            return profiles;
        }

        /** The interleaved measurement behind the table. */
        public Measurement measurement() {
            return measurement;
        }

        /** Seconds per step of grid {@code i}: median and 95% interval. */
        public Estimate seconds(int i) {
            return measurement.time(i);
        }

        /** GRID, POINTS, SECONDS_MEDIAN, SECONDS_CI_LOW, SECONDS_CI_HIGH, ROUNDS, BYTES_PER_STEP, BYTES_EXACT, PEAK_HEAP. */
        public Table table() {
            Table t = Table.create("scaling", StringColumn.create(GRID), LongColumn.create(POINTS),
                    DoubleColumn.create(SECONDS_MEDIAN), DoubleColumn.create(SECONDS_CI_LOW), DoubleColumn.create(SECONDS_CI_HIGH),
                    IntColumn.create(ROUNDS), DoubleColumn.create(BYTES_PER_STEP), BooleanColumn.create(BYTES_EXACT),
                    LongColumn.create(PEAK_HEAP));
            for (int i = 0; i < grids.size(); i++) {
                Estimate e = seconds(i);
                Allocation a = measurement.allocation(i);
                t.stringColumn(0).append(grids.get(i).notation());
                t.longColumn(1).append(points(grids.get(i)));
                t.doubleColumn(2).append(e.median());
                t.doubleColumn(3).append(e.low());
                t.doubleColumn(4).append(e.high());
                t.intColumn(5).append(e.rounds());
                t.doubleColumn(6).append(a.perOperation());
                t.booleanColumn(7).append(a.exact());
                if (profiles.isEmpty()) {
                    t.longColumn(8).appendMissing();   // not profiled (breakdown(false)): shown as a dash, not -1
                } else {
                    t.longColumn(8).append(profiles.get(i).peakHeapBytes());
                }
            }
            return t;
        }

        /**
         * Per-operation scaling from the breakdown profiles: GRID, POINTS, {@link Columns#SPAN}, {@link Columns#SELF_MS}
         * per step, one row per grid and breakdown span (empty without breakdown).
         */
        public Table operations() {
            Table t = Table.create("scaling_operations", StringColumn.create(GRID), LongColumn.create(POINTS),
                    StringColumn.create(Columns.SPAN), DoubleColumn.create(Columns.SELF_MS));
            for (int i = 0; i < profiles.size(); i++) {
                Table b = profiles.get(i).breakdown();
                int steps = Math.max(1, profiles.get(i).stepCount());
                for (int r = 0; r < b.rowCount(); r++) {
                    t.stringColumn(0).append(grids.get(i).notation());
                    t.longColumn(1).append(points(grids.get(i)));
                    t.stringColumn(2).append(b.stringColumn(Columns.SPAN).get(r));
                    t.doubleColumn(3).append(b.doubleColumn(Columns.SELF_MS).get(r) / steps);
                }
            }
            return t;
        }

        /**
         * The slope of log(seconds per step) against log N (or N·log2 N) with a 95% interval: a bootstrap (fixed seed)
         * that resamples each grid's rounds and refits the line through the medians.
         */
        public Estimate exponentEstimate(boolean nLogN) {
            int n = grids.size();
            if (n < 2) {
                return Estimate.missing("");
            }
            double[] x = new double[n];
            double[][] samples = new double[n][];
            for (int i = 0; i < n; i++) {
                double points = points(grids.get(i));
                x[i] = Math.log(nLogN ? points * Math.log(points) / Math.log(2) : points);
                samples[i] = measurement.samples(i);
            }
            return Stats.bootstrap(samples, s -> {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = Math.log(Stats.median(s[i]));
                }
                return Stats.slope(x, y);
            });
        }

        /** Least-squares slope of log(median seconds per step) against log N; NaN with fewer than two grids. */
        public double exponentVsN() {
            return fit(false);
        }

        /** Slope of log(median seconds per step) against log(N·log2 N); 1 means N·log N scaling. */
        public double exponentVsNLogN() {
            return fit(true);
        }

        private double fit(boolean nLogN) {
            return fitLine(nLogN)[0];
        }

        /**
         * The least-squares line log(seconds) = slope·log(x) + intercept, x = N or N·log2 N.
         *
         * @return {slope, intercept}; NaN with fewer than two grids
         */
        public double[] fitLine(boolean nLogN) {
            Table t = table();
            int n = t.rowCount();
            if (n < 2) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++) {
                double points = t.longColumn(POINTS).get(i);
                double x = Math.log(nLogN ? points * Math.log(points) / Math.log(2) : points);
                double y = Math.log(t.doubleColumn(SECONDS_MEDIAN).get(i));
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            return new double[] {slope, (sy - slope * sx) / n};
        }

        private static long points(Grid g) {
            return (long) g.nx() * g.ny() * g.nz();
        }

        @Override
        public String toHtml() {
            return "<div class=\"is-spectral-scaling\">\n<p><b>" + Html.escape(toString()) + "</b></p>\n"
                    + TableRendering.standard().html(table()) + "\n" + measurement.load().toHtml() + "</div>";
        }

        @Override
        public String toText() {
            return toString() + "\n" + table().print() + "\n" + measurement.load();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Scaling over %d grids: time ~ N^%s, ~ (N log N)^%s (fits to the "
                    + "medians, 95%% bootstrap intervals); %d interleaved rounds, %s", grids.size(),
                    exponentEstimate(false).formatShort(), exponentEstimate(true).formatShort(), measurement.rounds(),
                    measurement.stopText());
        }
    }
}
