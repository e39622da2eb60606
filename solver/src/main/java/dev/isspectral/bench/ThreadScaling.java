package dev.isspectral.bench;

import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.Presentable;
import dev.isspectral.measure.RunContext;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A thread-scaling table (issue 13): for each grid, the {@link Workload} with the optimized tuning on 1, 2, … threads,
 * measured with the project's method ({@link Measure}): all thread counts of a grid stepped interleaved in one run
 * (order rotated), the speed-up over the first thread count paired per round, every figure a median with its 95%
 * interval. Efficiency = speed-up / (threads / first threads). Rows measured while other processes took more than
 * {@value dev.isspectral.measure.MachineLoad#BUSY_OTHER_SHARE} of the CPU are flagged: other load takes the very
 * cores the extra threads need. All solvers of a grid are alive together (their memory adds up). Immutable.
 */
public final class ThreadScaling {

    /** Columns of {@link Result#table()}. */
    public static final String GRID = "grid";
    public static final String THREADS = "threads";
    public static final String SECONDS = "s_per_step";
    public static final String SECONDS_LOW = "s_ci_low";
    public static final String SECONDS_HIGH = "s_ci_high";
    public static final String SPEEDUP = "speedup";
    public static final String SPEEDUP_LOW = "speedup_ci_low";
    public static final String SPEEDUP_HIGH = "speedup_ci_high";
    public static final String EFFICIENCY = "efficiency";
    public static final String EFFICIENCY_LOW = "efficiency_ci_low";
    public static final String EFFICIENCY_HIGH = "efficiency_ci_high";
    public static final String NS_PER_POINT = "ns_per_point_step";
    public static final String ROUNDS = "rounds";
    public static final String BUSY = "busy";

    private final List<Grid> grids;
    private final List<Integer> threads;
    private final String backend;
    private final Duration budgetPerGrid;

    private ThreadScaling(List<Grid> grids, List<Integer> threads, String backend, Duration budgetPerGrid) {
        this.grids = List.copyOf(grids);
        this.threads = List.copyOf(threads);
        this.backend = backend;
        this.budgetPerGrid = budgetPerGrid;
    }

    /**
     * Grids (NX×NY×NZ, or NT×NX×NY×NZ with NT ignored), thread counts (each >= 1, distinct, increasing) and the
     * backend name ("best", "fftw", "jtransforms"); 60 s per grid.
     */
    public static ThreadScaling of(List<String> grids, List<Integer> threads, String backend) {
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("grids = []; must name at least one grid, e.g. 128x64x64");
        }
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("threads = []; must name at least one thread count, e.g. 1,2");
        }
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i) < 1 || (i > 0 && threads.get(i) <= threads.get(i - 1))) {
                throw new IllegalArgumentException("threads = " + threads + "; must be increasing counts >= 1");
            }
        }
        List<Grid> parsed = new ArrayList<>();
        for (String g : grids) {
            parsed.add(Grid.parse(g.split("x").length == 3 ? "1x" + g : g));
        }
        return new ThreadScaling(parsed, threads, Workload.resolveBackend(backend), Duration.ofSeconds(60));
    }

    /** The time budget of each grid's measurement (warm-up and rounds). */
    public ThreadScaling budgetPerGrid(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget = " + d + "; must be a positive duration");
        }
        return new ThreadScaling(grids, threads, backend, d);
    }

    /** Measures every grid in turn. */
    public Result run() {
        RunContext context = RunContext.start();
        List<Measurement> measurements = new ArrayList<>();
        String settings = "";
        for (Grid g : grids) {
            List<Candidate> candidates = new ArrayList<>();
            for (int t : threads) {
                Simulation sim = Workload.simulation(g, Workload.optimized(backend).withThreads(t));
                settings = sim.fftSettings().label().replaceAll(" t\\d+$", "");
                Solver s = sim.start(Instrumentation.NONE);
                candidates.add(Candidate.of(t + (t == 1 ? " thread" : " threads"), s::step));
            }
            measurements.add(Measure.of(candidates).named(g.boxNotation()).budget(budgetPerGrid)
                    .minSample(Duration.ZERO).run());
            candidates.clear();
            System.gc();
        }
        return new Result(grids, threads, backend + " (" + settings + ")", measurements, context.finish());
    }

    /** The table and its context. */
    public static final class Result implements Presentable {
        private final List<Grid> grids;
        private final List<Integer> threads;
        private final String backend;
        private final List<Measurement> measurements;
        private final RunContext context;

        Result(List<Grid> grids, List<Integer> threads, String backend, List<Measurement> measurements, RunContext context) {
            this.grids = grids;
            this.threads = threads;
            this.backend = backend;
            this.measurements = List.copyOf(measurements);
            this.context = context;
        }

        /** Each grid's measurement. */
        public List<Measurement> measurements() {
            return measurements;
        }

        /** Speed-up of thread count {@code k} (index into the thread list) over the first, on grid {@code g}. */
        public Estimate speedup(int g, int k) {
            return measurements.get(g).speedup(k, 0);
        }

        /** Speed-up divided by the ratio of thread counts. */
        public Estimate efficiency(int g, int k) {
            return speedup(g, k).scaled((double) threads.get(0) / threads.get(k), "");
        }

        /** One row per grid and thread count. */
        public Table table() {
            StringColumn grid = StringColumn.create(GRID);
            IntColumn t = IntColumn.create(THREADS);
            DoubleColumn s = DoubleColumn.create(SECONDS);
            DoubleColumn sl = DoubleColumn.create(SECONDS_LOW);
            DoubleColumn sh = DoubleColumn.create(SECONDS_HIGH);
            DoubleColumn sp = DoubleColumn.create(SPEEDUP);
            DoubleColumn spl = DoubleColumn.create(SPEEDUP_LOW);
            DoubleColumn sph = DoubleColumn.create(SPEEDUP_HIGH);
            DoubleColumn ef = DoubleColumn.create(EFFICIENCY);
            DoubleColumn efl = DoubleColumn.create(EFFICIENCY_LOW);
            DoubleColumn efh = DoubleColumn.create(EFFICIENCY_HIGH);
            DoubleColumn ns = DoubleColumn.create(NS_PER_POINT);
            IntColumn rounds = IntColumn.create(ROUNDS);
            BooleanColumn busy = BooleanColumn.create(BUSY);
            for (int g = 0; g < grids.size(); g++) {
                Measurement m = measurements.get(g);
                for (int k = 0; k < threads.size(); k++) {
                    Estimate time = m.time(k);
                    Estimate up = speedup(g, k);
                    Estimate eff = efficiency(g, k);
                    grid.append(grids.get(g).boxNotation());
                    t.append(threads.get(k));
                    s.append(time.median());
                    sl.append(time.low());
                    sh.append(time.high());
                    sp.append(up.median());
                    spl.append(up.low());
                    sph.append(up.high());
                    ef.append(eff.median());
                    efl.append(eff.low());
                    efh.append(eff.high());
                    ns.append(1e9 * time.median() / grids.get(g).size());
                    rounds.append(m.rounds());
                    busy.append(m.load().busy());
                }
            }
            return Table.create("thread scaling, " + backend, grid, t, s, sl, sh, sp, spl, sph, ef, efl, efh, ns, rounds, busy);
        }

        /** A markdown table with the run's context above it. */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder("Thread scaling, " + backend + " (optimized tuning, the workload of "
                    + "`bench targets`); " + context + "\n\n| grid | threads | s/step (median [95% CI]) | speed-up "
                    + "(paired) | efficiency | ns/point/step | rounds | other CPU |\n|---|---|---|---|---|---|---|---|\n");
            for (int g = 0; g < grids.size(); g++) {
                Measurement m = measurements.get(g);
                for (int k = 0; k < threads.size(); k++) {
                    Estimate time = m.time(k);
                    sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f | %d | %s |%n",
                            grids.get(g).boxNotation(), threads.get(k), time.formatShort(), speedup(g, k).formatShort(),
                            efficiency(g, k).formatShort(), 1e9 * time.median() / grids.get(g).size(), m.rounds(),
                            m.load().sharesKnown() ? String.format(Locale.ROOT, "%.0f%%%s", 100 * m.load().otherShare(),
                                    m.load().busy() ? " **busy: flagged**" : "") : "n/a"));
                }
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return toMarkdown();
        }

        @Override
        public String toHtml() {
            StringBuilder html = new StringBuilder("<div class=\"is-spectral-thread-scaling\"><table class=\"is-spectral-table\">"
                    + "<caption>Thread scaling, " + Presentable.escape(backend) + "</caption><thead><tr><th>grid</th>"
                    + "<th>threads</th><th>s/step [95% CI]</th><th>speed-up [95% CI]</th><th>efficiency</th><th>rounds</th>"
                    + "<th>load</th></tr></thead><tbody>");
            for (int g = 0; g < grids.size(); g++) {
                Measurement m = measurements.get(g);
                for (int k = 0; k < threads.size(); k++) {
                    html.append("<tr><td>").append(grids.get(g).boxNotation()).append("</td><td>").append(threads.get(k))
                            .append("</td><td>").append(m.time(k).formatShort()).append("</td><td>")
                            .append(speedup(g, k).formatShort()).append("</td><td>").append(efficiency(g, k).formatShort())
                            .append("</td><td>").append(m.rounds()).append("</td><td>")
                            .append(Presentable.escape(m.load().busyText())).append("</td></tr>");
                }
            }
            return html.append("</tbody></table>").append(context.toHtml()).append("</div>").toString();
        }
    }
}
