package dev.isspectral.bench;

import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkSetup;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.Forks;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Presentable;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import dev.isspectral.parallel.Workers;
import dev.isspectral.profile.FftRecorder;
import dev.isspectral.trace.Tracer;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A thread-scaling table (issue 13): for each grid, the {@link Workload} with the optimized tuning on 1, 2, … threads,
 * measured with the project's method ({@link Measure}): all thread counts of a grid stepped interleaved (order rotated)
 * in each of {@link #DEFAULT_FORKS} fresh JVMs one after another ({@link Forks}; one JVM's JIT decides a step's speed
 * by tens of per cent), the speed-up over the first thread count paired per round, every figure a median with its 95%
 * interval by hierarchical bootstrap over forks, then rounds. Efficiency = speed-up / (threads / first threads). Rows measured while other processes took more than
 * {@value dev.isspectral.measure.MachineLoad#BUSY_OTHER_SHARE} of the CPU are flagged: other load takes the very
 * cores the extra threads need. All solvers of a grid are alive together (their memory adds up).
 *
 * <p>Where efficiency is lost: each solver's engine is wrapped in an {@link FftRecorder} (two clock reads per
 * transform or batch, nothing hashed), so the same interleaved run also gives the mean milliseconds per step inside the
 * transforms (FFTW's copies included) and, subtracted from the mean step, outside them (the pointwise kernels, the
 * primitive recovery, the k-space passes, stage arithmetic), and each part's speed-up over the first thread count
 * (ratio of means over the timed rounds' steps: an indication, without an interval). Immutable.
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
    public static final String FFT_MS = "fft_ms_per_step";
    public static final String REST_MS = "rest_ms_per_step";
    public static final String FFT_SPEEDUP = "fft_speedup";
    public static final String REST_SPEEDUP = "rest_speedup";
    public static final String WAIT_MS = "team_wait_ms_per_step";

    /** Steps read for {@link Result#coreUse} after the timed rounds. */
    static final int CORE_USE_STEPS = 4;

    /** Fresh JVMs per grid by default. */
    public static final int DEFAULT_FORKS = 3;

    /** Each fork's warm-up limit (until steady or this long), on top of the budget. */
    static final Duration WARMUP_LIMIT = Duration.ofSeconds(30);

    private final List<Grid> grids;
    private final List<Integer> threads;
    private final String backend;
    private final Duration budgetPerGrid;
    private final int forks;

    private ThreadScaling(List<Grid> grids, List<Integer> threads, String backend, Duration budgetPerGrid, int forks) {
        this.grids = List.copyOf(grids);
        this.threads = List.copyOf(threads);
        this.backend = backend;
        this.budgetPerGrid = budgetPerGrid;
        this.forks = forks;
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
        return new ThreadScaling(parsed, threads, Workload.resolveBackend(backend), Duration.ofSeconds(60), DEFAULT_FORKS);
    }

    /** The time budget of each grid's measurement (warm-up and rounds). */
    public ThreadScaling budgetPerGrid(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget = " + d + "; must be a positive duration");
        }
        return new ThreadScaling(grids, threads, backend, d, forks);
    }

    /** Fresh JVMs per grid (1 = in this JVM). */
    public ThreadScaling forks(int n) {
        if (n < 1 || n > 20) {
            throw new IllegalArgumentException("forks = " + n + "; must be in 1..20 (1 = in this JVM)");
        }
        return new ThreadScaling(grids, threads, backend, budgetPerGrid, n);
    }

    /** Measures every grid in turn. */
    public Result run() {
        RunContext context = RunContext.start();
        List<ForkedMeasurement> measurements = new ArrayList<>();
        List<double[]> phases = new ArrayList<>();
        List<CoreUse> cores = new ArrayList<>();
        String settings = "";
        for (Grid g : grids) {
            List<String> args = new ArrayList<>(List.of(g.notation(), backend));
            for (int t : threads) {
                args.add(Integer.toString(t));
            }
            settings = Workload.simulation(g, Workload.optimized(backend).withThreads(threads.get(0))).fftSettings().label()
                    .replaceAll(" t\\d+$", "");
            ForkedMeasurement m = Forks.of(Fork.class, args).forks(forks).budget(budgetPerGrid).warmupLimit(WARMUP_LIMIT)
                    .run();
            measurements.add(m);
            for (int k = 0; k < threads.size(); k++) {
                double fft = 0;
                double rest = 0;
                double wait = 0;
                List<CoreUse> uses = new ArrayList<>();
                for (int f = 0; f < m.forkCount(); f++) {
                    Map<String, String> x = m.extras(f);
                    fft += Double.parseDouble(x.get("fft." + k)) / m.forkCount();
                    rest += Double.parseDouble(x.get("rest." + k)) / m.forkCount();
                    wait += Double.parseDouble(x.get("wait." + k)) / m.forkCount();
                    uses.add(CoreUse.parse(x.get("cores." + k)));
                }
                phases.add(new double[] {fft, rest, wait});
                cores.add(CoreUse.sum(uses));
            }
            System.gc();
        }
        MachineCeiling ceiling = MachineCeiling.measure(threads, ceilingBudget());
        return new Result(grids, threads, backend + " (" + settings + ")", measurements, phases, cores, ceiling,
                context.finish());
    }

    /**
     * One JVM's measurement of a grid. Args: GRID BACKEND T1 T2 …; one solver per thread count, each engine wrapped in an
     * {@link FftRecorder}; extras: per thread count k, ms per step inside the transforms ({@code fft.k}) and outside
     * ({@code rest.k}) over the timed rounds' steps (the counters start again when warm-up ends,
     * {@link Measure#whenTimed}), the stepping thread's wait for its team at the end of split passes
     * ({@code wait.k}, {@link Workers#waitNanos}), and the core use of {@value #CORE_USE_STEPS} more steps read after the
     * timed rounds ({@code cores.k}).
     */
    public static final class Fork implements ForkSetup {
        private final List<Solver> solvers = new ArrayList<>();
        private final List<FftRecorder> recorders = new ArrayList<>();
        private long[] stepsRun;
        private long[] stepNanos;
        private long[] waitNanos;
        /** Each recorder's transform time when the timed rounds began. */
        private long[] fftNanosAtStart;

        @Override
        public Measure measure(List<String> args) {
            Grid g = Grid.parse(args.get(0));
            String backend = args.get(1);
            List<String> counts = args.subList(2, args.size());
            stepsRun = new long[counts.size()];
            stepNanos = new long[counts.size()];
            waitNanos = new long[counts.size()];
            List<Candidate> candidates = new ArrayList<>();
            for (int k = 0; k < counts.size(); k++) {
                int t = Integer.parseInt(counts.get(k));
                Simulation sim = Workload.simulation(g, Workload.optimized(backend).withThreads(t));
                FftRecorder recorder = new FftRecorder(Tracer.OFF, System::nanoTime, false);
                recorders.add(recorder);
                Solver s = sim.start(new Instrumentation(Tracer.OFF, recorder.decorator()));
                solvers.add(s);
                int index = k;
                Workers team = Workers.shared(t);   // the solver's team: one per size, and one solver per size here
                candidates.add(Candidate.of(t + (t == 1 ? " thread" : " threads"), () -> {
                    long w0 = team.waitNanos();
                    long t0 = System.nanoTime();
                    s.step();
                    stepNanos[index] += System.nanoTime() - t0;
                    waitNanos[index] += team.waitNanos() - w0;
                    stepsRun[index]++;
                }));
            }
            fftNanosAtStart = new long[counts.size()];
            return Measure.of(candidates).named(g.boxNotation()).minSample(Duration.ZERO).whenTimed(() -> {
                // the figures cover the timed rounds' steps only, not the JIT-cold warm-up
                Arrays.fill(stepNanos, 0);
                Arrays.fill(waitNanos, 0);
                Arrays.fill(stepsRun, 0);
                for (int k = 0; k < recorders.size(); k++) {
                    fftNanosAtStart[k] = recorders.get(k).totalNanos();
                }
            });
        }

        @Override
        public Map<String, String> extras() {
            Map<String, String> x = new LinkedHashMap<>();
            for (int k = 0; k < solvers.size(); k++) {
                long fftNanos = recorders.get(k).totalNanos() - fftNanosAtStart[k];
                double steps = Math.max(1, stepsRun[k]);
                double fft = fftNanos / 1e6 / steps;
                x.put("fft." + k, Double.toString(fft));
                x.put("rest." + k, Double.toString(stepNanos[k] / 1e6 / steps - fft));
                x.put("wait." + k, Double.toString(waitNanos[k] / 1e6 / steps));
            }
            // after the timed rounds, so the readings (a few hundred µs per step) are not inside any timed sample
            for (int k = 0; k < solvers.size(); k++) {
                x.put("cores." + k, coreUse(solvers.get(k)).format());
            }
            return x;
        }
    }

    /** The machine-ceiling loops' budget: a quarter of a grid's, at least 1 s. */
    private Duration ceilingBudget() {
        Duration quarter = budgetPerGrid.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quarter;
    }

    /** Where the cores went over {@value #CORE_USE_STEPS} more steps of {@code s}, each read on its own. */
    private static CoreUse coreUse(Solver s) {
        CoreUse use = new CoreUse();
        for (int i = 0; i < CORE_USE_STEPS; i++) {
            use.begin();
            s.step();
            use.end();
        }
        return use;
    }

    /**
     * One of issue 13's many-core targets as measured: what, the estimate, the bound and its relation, and the verdict
     * ({@link Verdict#of}) where the machine has the cores the target is set for; else {@code why} it was not judged.
     */
    public record ManyCoreRow(String target, Estimate measured, String relation, double bound, Verdict verdict,
                              String why) {
        /** Whether a verdict was given (the machine has the target's cores). */
        public boolean judged() {
            return why.isEmpty();
        }
    }

    /**
     * The many-core target rows of one grid ({@link TargetBounds#MANY_CORE_THREADS} threads against 1): at
     * {@link TargetBounds#MANY_CORE_LARGE_BOX} the speed-up (at least {@link TargetBounds#MANY_CORE_SPEEDUP_LARGE})
     * and the nanoseconds per point-step (at most {@link TargetBounds#MANY_CORE_NS_PER_POINT_STEP}), at
     * {@link TargetBounds#FFT_BOUND_BOX} the speed-up (at least {@link TargetBounds#MANY_CORE_SPEEDUP_SMALL}). None
     * unless the first thread count is 1 and the list has 16; judged only on a machine of at least 16 cores (on fewer,
     * 16 threads share cores and the bound says nothing about the code).
     */
    static List<ManyCoreRow> manyCoreRows(String box, long points, List<Integer> threads, int cores,
                                          java.util.function.IntFunction<Estimate> speedup,
                                          java.util.function.IntFunction<Estimate> time) {
        int k = threads.indexOf(TargetBounds.MANY_CORE_THREADS);
        if (threads.get(0) != 1 || k < 0) {
            return List.of();
        }
        String why = cores >= TargetBounds.MANY_CORE_THREADS ? ""
                : cores + " cores, fewer than the " + TargetBounds.MANY_CORE_THREADS + " the target is set for";
        List<ManyCoreRow> rows = new ArrayList<>();
        if (box.equals(TargetBounds.MANY_CORE_LARGE_BOX)) {
            rows.add(row(box + ": 16 threads vs 1", speedup.apply(k).withUnit("×"), ">=",
                    TargetBounds.MANY_CORE_SPEEDUP_LARGE, why));
            rows.add(row(box + ": ns per point-step on 16 threads", time.apply(k).scaled(1e9 / points, "ns"), "<=",
                    TargetBounds.MANY_CORE_NS_PER_POINT_STEP, why));
        } else if (box.equals(TargetBounds.FFT_BOUND_BOX)) {
            rows.add(row(box + ": 16 threads vs 1", speedup.apply(k).withUnit("×"), ">=",
                    TargetBounds.MANY_CORE_SPEEDUP_SMALL, why));
        }
        return rows;
    }

    private static ManyCoreRow row(String target, Estimate measured, String relation, double bound, String why) {
        return new ManyCoreRow(target, measured, relation, bound,
                why.isEmpty() ? Verdict.of(measured, relation, bound) : Verdict.INFO, why);
    }

    /** The processor's model name ({@link dev.isspectral.profile.ProfileContext#cpuModel}), or the OS architecture. */
    static String processorName() {
        String model = dev.isspectral.profile.ProfileContext.cpuModel();
        return model.isEmpty() ? System.getProperty("os.arch") : model;
    }

    /** The table and its context. */
    public static final class Result implements Presentable {
        private final List<Grid> grids;
        private final List<Integer> threads;
        private final String backend;
        private final List<ForkedMeasurement> measurements;
        private final List<double[]> phases;
        private final List<CoreUse> cores;
        private final MachineCeiling ceiling;
        private final RunContext context;

        Result(List<Grid> grids, List<Integer> threads, String backend, List<ForkedMeasurement> measurements,
               List<double[]> phases, List<CoreUse> cores, MachineCeiling ceiling, RunContext context) {
            this.ceiling = ceiling;
            this.cores = List.copyOf(cores);
            this.grids = grids;
            this.threads = threads;
            this.backend = backend;
            this.measurements = List.copyOf(measurements);
            this.phases = List.copyOf(phases);
            this.context = context;
        }

        /** Mean ms per step of grid {@code g}, thread count {@code k}: {inside the transforms, the rest}. */
        public double[] phases(int g, int k) {
            return phases.get(g * threads.size() + k).clone();
        }

        /** Speed-up of part {@code part} (0 transforms, 1 the rest) of thread count {@code k} over the first. */
        public double phaseSpeedup(int g, int k, int part) {
            return phases(g, 0)[part] / phases(g, k)[part];
        }

        /** Where the cores went on grid {@code g} with thread count {@code k} ({@link CoreUse}). */
        CoreUse coreUse(int g, int k) {
            return cores.get(g * threads.size() + k);
        }

        /** What the machine gives from more threads: the arithmetic and streaming loops' speed-ups. */
        MachineCeiling ceiling() {
            return ceiling;
        }

        /** Each grid's measurement over its forks. */
        public List<ForkedMeasurement> measurements() {
            return measurements;
        }

        /** Speed-up of thread count {@code k} (index into the thread list) over the first, on grid {@code g}. */
        public Estimate speedup(int g, int k) {
            return measurements.get(g).speedup(k, 0).estimate();
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
            DoubleColumn fftMs = DoubleColumn.create(FFT_MS);
            DoubleColumn restMs = DoubleColumn.create(REST_MS);
            DoubleColumn fftUp = DoubleColumn.create(FFT_SPEEDUP);
            DoubleColumn restUp = DoubleColumn.create(REST_SPEEDUP);
            DoubleColumn waitMs = DoubleColumn.create(WAIT_MS);
            for (int g = 0; g < grids.size(); g++) {
                ForkedMeasurement m = measurements.get(g);
                for (int k = 0; k < threads.size(); k++) {
                    Estimate time = m.time(k).estimate();
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
                    fftMs.append(phases(g, k)[0]);
                    restMs.append(phases(g, k)[1]);
                    fftUp.append(phaseSpeedup(g, k, 0));
                    restUp.append(phaseSpeedup(g, k, 1));
                    waitMs.append(phases(g, k)[2]);
                }
            }
            return Table.create("thread scaling, " + backend, grid, t, s, sl, sh, sp, spl, sph, ef, efl, efh, ns, rounds, busy,
                    fftMs, restMs, fftUp, restUp, waitMs);
        }

        /** A markdown table with the run's context above it. */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder("Thread scaling, " + backend + " (optimized tuning, the workload of "
                    + "`bench targets`); " + context + "\n\n| grid | threads | s/step (median [95% CI]) | speed-up "
                    + "(paired) | efficiency | ns/point/step | rounds | other CPU | transforms: ms/step, speed-up | rest: "
                    + "ms/step, speed-up | waiting for the team: ms/step |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int g = 0; g < grids.size(); g++) {
                ForkedMeasurement m = measurements.get(g);
                for (int k = 0; k < threads.size(); k++) {
                    Estimate time = m.time(k).estimate();
                    sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f | %d | %s | %.1f, x%.2f | %.1f, x%.2f | %.2f |%n",
                            grids.get(g).boxNotation(), threads.get(k), time.formatShort(), speedup(g, k).formatShort(),
                            efficiency(g, k).formatShort(), 1e9 * time.median() / grids.get(g).size(), m.rounds(),
                            m.load().otherCpuText(),
                            phases(g, k)[0], phaseSpeedup(g, k, 0), phases(g, k)[1], phaseSpeedup(g, k, 1),
                            phases(g, k)[2]));
                }
            }
            int forkCount = measurements.get(0).forkCount();
            sb.append("\n").append(forkCount == 1 ? "Every thread count stepped interleaved in this JVM (--forks 1: one JVM's "
                    + "JIT decides these figures). " : ForkedFigure.legend(forkCount) + " ").append("Rounds: all forks "
                    + "together.\n");
            sb.append("\nTransforms: mean ms per step inside the transforms (FFTW's copies included), timed in the same "
                    + "steps; rest: the mean step minus that (pointwise kernels, primitive recovery, k-space passes, stage "
                    + "arithmetic); both over the timed rounds' steps (warm-up left out), averaged over the forks; their speed-ups are "
                    + "ratios of those means, without intervals. Waiting for the team: of that step, the time the stepping "
                    + "thread spent, after its own part of a split pass, waiting for the other threads to finish theirs "
                    + "(uneven parts, a thread the host slowed, waking parked workers), measured the same way.\n");
            sb.append(manyCoreMarkdown());
            sb.append(coreUseMarkdown()).append(ceiling.toMarkdown());
            return sb.toString();
        }

        /** Issue 13's many-core targets among this table's rows ({@link #manyCoreRows}), judged on this machine. */
        public List<ManyCoreRow> manyCoreTargets() {
            List<ManyCoreRow> rows = new ArrayList<>();
            for (int g = 0; g < grids.size(); g++) {
                int grid = g;
                rows.addAll(manyCoreRows(grids.get(g).boxNotation(), grids.get(g).size(), threads, context.cores(),
                        k -> speedup(grid, k), k -> measurements.get(grid).time(k).estimate()));
            }
            return rows;
        }

        /** The many-core targets' table with the machine's processor, or "" when no row of this table is one of them. */
        String manyCoreMarkdown() {
            List<ManyCoreRow> rows = manyCoreTargets();
            if (rows.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nIssue 13's many-core targets (%d threads "
                    + "against 1, the whole 95%% interval on the good side for PASS), on %s, %d cores:%n%n"
                    + "| target | measured: median [95%% interval] | bound | verdict |%n|---|---|---|---|%n",
                    TargetBounds.MANY_CORE_THREADS, processorName(), context.cores()));
            for (ManyCoreRow r : rows) {
                String unit = r.measured().unit().equals("×") ? "×" : " " + r.measured().unit();
                sb.append("| ").append(r.target()).append(" | ").append(r.measured().formatShort()).append(unit)
                        .append(" | ").append(r.relation()).append(' ').append(Estimate.number(r.bound())).append(unit)
                        .append(" | ")
                        .append(r.judged() ? dev.isspectral.report.BenchmarkReport.verdict(r.verdict(), false)
                                : "not judged: " + r.why()).append(" |\n");
            }
            return sb.toString();
        }

        /**
         * Where the cores went: for each grid and thread count, the cores each group of threads kept busy over
         * {@value #CORE_USE_STEPS} steps read after the timed rounds ({@link CoreUse}), and the NUMA nodes of the machine.
         */
        String coreUseMarkdown() {
            StringBuilder sb = new StringBuilder("\nWhere the cores went (thread placement: one team for pointwise work and "
                    + "transforms, no second pool computing beside it): cores kept busy on average, CPU time of each group of "
                    + "threads over the wall time of " + CORE_USE_STEPS + " more steps of each configuration in each fork, read "
                    + "step by step after the timed rounds.\n\n| grid | threads | cores busy |");
            for (String g : CoreUse.GROUPS) {
                sb.append(' ').append(g).append(" |");
            }
            sb.append("\n|---|---|---|").append("---|".repeat(CoreUse.GROUPS.length)).append('\n');
            for (int g = 0; g < grids.size(); g++) {
                for (int k = 0; k < threads.size(); k++) {
                    CoreUse use = coreUse(g, k);
                    sb.append("| ").append(grids.get(g).boxNotation()).append(" | ").append(threads.get(k)).append(" | ");
                    if (!use.available()) {
                        sb.append("n/a |").append(" n/a |".repeat(CoreUse.GROUPS.length)).append('\n');
                        continue;
                    }
                    sb.append(String.format(Locale.ROOT, "%.2f |", use.totalBusyCores()));
                    for (double b : use.busyCores()) {
                        sb.append(String.format(Locale.ROOT, " %.2f |", b));
                    }
                    sb.append('\n');
                }
            }
            int nodes = CoreUse.numaNodes();
            sb.append('\n').append(nodes == 0 ? "NUMA nodes: not listed by this OS." : nodes == 1
                    ? "NUMA nodes: 1, so every core reaches all memory alike and where a page was first touched cannot "
                    + "matter here; the solver's arrays are Java arrays, zeroed by the thread that allocates them, so "
                    + "first-touch placement by the thread that will use a block would need -XX:+UseNUMA and a machine "
                    + "with several nodes to be measured."
                    : "NUMA nodes: " + nodes + "; the solver's arrays are Java arrays, zeroed by the thread that allocates "
                    + "them (first-touch placement per block is not under the solver's control; -XX:+UseNUMA is the JVM's).")
                    .append('\n');
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
                ForkedMeasurement m = measurements.get(g);
                for (int k = 0; k < threads.size(); k++) {
                    html.append("<tr><td>").append(grids.get(g).boxNotation()).append("</td><td>").append(threads.get(k))
                            .append("</td><td>").append(m.time(k).estimate().formatShort()).append("</td><td>")
                            .append(speedup(g, k).formatShort()).append("</td><td>").append(efficiency(g, k).formatShort())
                            .append("</td><td>").append(m.rounds()).append("</td><td>")
                            .append(Presentable.escape(m.load().busyText())).append("</td></tr>");
                }
            }
            return html.append("</tbody></table>").append(context.toHtml()).append("</div>").toString();
        }
    }
}
