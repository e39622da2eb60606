package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Simulation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One configuration across grids: {@code Scaling.of(sim).grids("16x16x8x8", "32x32x16x16").run()}.
 * Each grid is profiled on a fresh solver after warm-up; the NT of each grid is its measured step count.
 */
public final class Scaling {

    private final Simulation simulation;
    private final List<Grid> grids;
    private final int warmup;

    private Scaling(Simulation simulation, List<Grid> grids, int warmup) {
        this.simulation = simulation;
        this.grids = grids;
        this.warmup = warmup;
    }

    public static Scaling of(Simulation simulation) {
        if (simulation == null) {
            throw new IllegalArgumentException("simulation = null; must be a built Simulation");
        }
        return new Scaling(simulation, List.of(simulation.grid()), 2);
    }

    /** Grids in NT×NX×NY×NZ notation; at least one. */
    public Scaling grids(String... notations) {
        if (notations == null || notations.length == 0) {
            throw new IllegalArgumentException("grids = []; must name at least one grid, e.g. 16x16x8x8");
        }
        return new Scaling(simulation, Arrays.stream(notations).map(Grid::parse).toList(), warmup);
    }

    /** Warm-up steps per grid; {@code >= 0}. */
    public Scaling warmup(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warmup = " + steps + "; must be >= 0");
        }
        return new Scaling(simulation, grids, steps);
    }

    public Result run() {
        List<Profile> profiles = new ArrayList<>();
        for (Grid g : grids) {
            // a timing study: no Flight Recorder stream (it would add its flush wait to every grid)
            profiles.add(Profiler.of(simulation.withGrid(g)).warmup(warmup).steps(g.steps()).largeAllocations(0).run());
        }
        return new Result(grids, profiles);
    }

    /** Scaling results; in a notebook they show the fitted exponents and the table. */
    public static final class Result implements Displayable {
        /** Column: grid in NT×NX×NY×NZ notation. */
        public static final String GRID = "grid";
        /** Column: N = NX·NY·NZ. */
        public static final String POINTS = "points";
        /** Columns: seconds per step, median, min and max over the measured steps. */
        public static final String SECONDS_MEDIAN = "seconds_per_step_median";
        public static final String SECONDS_MIN = "seconds_per_step_min";
        public static final String SECONDS_MAX = "seconds_per_step_max";
        /** Column: mean bytes allocated per step, all threads. */
        public static final String BYTES_PER_STEP = "bytes_per_step";
        /** Column: largest peak heap of any measured step, bytes (see {@link HeapPeak}; an upper bound). */
        public static final String PEAK_HEAP = "peak_heap_bytes";

        private final List<Grid> grids;
        private final List<Profile> profiles;

        Result(List<Grid> grids, List<Profile> profiles) {
            this.grids = List.copyOf(grids);
            this.profiles = List.copyOf(profiles);
        }

        public List<Profile> profiles() {
            return profiles;
        }

        /** GRID, POINTS, SECONDS_MEDIAN, SECONDS_MIN, SECONDS_MAX, BYTES_PER_STEP, PEAK_HEAP; one row per grid. */
        public Table table() {
            Table t = Table.create("scaling", StringColumn.create(GRID), LongColumn.create(POINTS),
                    DoubleColumn.create(SECONDS_MEDIAN), DoubleColumn.create(SECONDS_MIN), DoubleColumn.create(SECONDS_MAX),
                    DoubleColumn.create(BYTES_PER_STEP), LongColumn.create(PEAK_HEAP));
            for (int i = 0; i < grids.size(); i++) {
                Table steps = profiles.get(i).steps();
                DoubleColumn seconds = steps.doubleColumn(Columns.WALL_MS).divide(1000.0);
                t.stringColumn(0).append(grids.get(i).notation());
                t.longColumn(1).append(points(grids.get(i)));
                t.doubleColumn(2).append(seconds.median());
                t.doubleColumn(3).append(seconds.min());
                t.doubleColumn(4).append(seconds.max());
                t.doubleColumn(5).append(profiles.get(i).bytesPerStep());
                t.longColumn(6).append(profiles.get(i).peakHeapBytes());
            }
            return t;
        }

        /** Per-operation scaling: GRID, POINTS, {@link Columns#SPAN}, {@link Columns#SELF_MS} per step, one row per grid and breakdown span. */
        public Table operations() {
            Table t = Table.create("scaling_operations", StringColumn.create(GRID), LongColumn.create(POINTS),
                    StringColumn.create(Columns.SPAN), DoubleColumn.create(Columns.SELF_MS));
            for (int i = 0; i < grids.size(); i++) {
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
                    + TableRendering.standard().html(table()) + "</div>";
        }

        @Override
        public String toText() {
            return toString() + "\n" + table().print();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Scaling over %d grids: time ~ N^%.2f, ~ (N log N)^%.2f", grids.size(),
                    exponentVsN(), exponentVsNLogN());
        }
    }
}
