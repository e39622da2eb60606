package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.TableRendering;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two or more settings measured interleaved in one run: {@code Compare.of(simA, simB).steps(16).run()}.
 * Each round steps every solver once, in turn, so drift of the machine (other load, clock speed)
 * falls on all of them alike. Profiling is off while comparing (only step wall time is measured).
 */
public final class Compare {

    /**
     * Column: the setting, "#i " and its tuning's {@link dev.isspectral.sim.Tuning#name() name} (give tunings short
     * names with {@link dev.isspectral.sim.Tuning#named} for tables and plots; {@code describe()} lists every knob).
     */
    public static final String SETTING = "setting";
    /** Column: median milliseconds per step. */
    public static final String MEDIAN_MS = "median_ms_per_step";
    /** Column: median time divided by that of the first setting. */
    public static final String RATIO = "ratio_to_first";

    private final List<Simulation> simulations;
    private final int warmup;
    private final int steps;

    private Compare(List<Simulation> simulations, int warmup, int steps) {
        this.simulations = simulations;
        this.warmup = warmup;
        this.steps = steps;
    }

    public static Compare of(Simulation... simulations) {
        if (simulations.length < 2) {
            throw new IllegalArgumentException("simulations = " + simulations.length + "; must be >= 2 to compare");
        }
        return new Compare(List.of(simulations), 2, 8);
    }

    public Compare warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warmup = " + n + "; must be >= 0");
        }
        return new Compare(simulations, n, steps);
    }

    public Compare steps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("steps = " + n + "; must be >= 1");
        }
        return new Compare(simulations, warmup, n);
    }

    /** Table SETTING, MEDIAN_MS, RATIO; one row per simulation, in the order given. */
    public Table run() {
        return measure().table();
    }

    /** Runs the comparison; the result shows itself in a notebook and plots with {@code ProfilePlots.comparison}. */
    public Result measure() {
        List<Solver> solvers = new ArrayList<>();
        for (Simulation s : simulations) {
            solvers.add(s.start(Instrumentation.NONE));
        }
        for (Solver s : solvers) {
            s.advance(warmup);
        }
        double[][] ms = new double[solvers.size()][steps];
        for (int round = 0; round < steps; round++) {
            for (int i = 0; i < solvers.size(); i++) {
                long t0 = System.nanoTime();
                solvers.get(i).step();
                ms[i][round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        StringColumn setting = StringColumn.create(SETTING);
        DoubleColumn median = DoubleColumn.create(MEDIAN_MS);
        DoubleColumn ratio = DoubleColumn.create(RATIO);
        for (int i = 0; i < solvers.size(); i++) {
            double[] sorted = ms[i].clone();
            Arrays.sort(sorted);
            double m = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
            setting.append("#" + i + " " + simulations.get(i).tuning().name());
            median.append(m);
        }
        for (int i = 0; i < solvers.size(); i++) {
            ratio.append(median.get(i) / median.get(0));
        }
        return new Result(Table.create("compare", setting, median, ratio), steps);
    }

    /** A comparison's table (SETTING, MEDIAN_MS, RATIO) and how many interleaved rounds measured it. */
    public static final class Result implements Displayable {
        private final Table table;
        private final int rounds;

        Result(Table table, int rounds) {
            this.table = table;
            this.rounds = rounds;
        }

        /** SETTING, MEDIAN_MS, RATIO; a copy. */
        public Table table() {
            return table.copy();
        }

        /** Median ms per step of setting {@code i} over that of setting 0. */
        public double ratio(int i) {
            return table.doubleColumn(RATIO).get(i);
        }

        @Override
        public String toHtml() {
            return "<div class=\"is-spectral-compare\">\n<p><b>" + Html.escape(toString()) + "</b></p>\n"
                    + TableRendering.standard().html(table) + "</div>";
        }

        @Override
        public String toText() {
            return toString() + "\n" + table.print();
        }

        @Override
        public String toString() {
            return "Compare: " + table.rowCount() + " settings, " + rounds + " interleaved rounds, ratios to the first";
        }
    }
}
