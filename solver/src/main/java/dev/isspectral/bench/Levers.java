package dev.isspectral.bench;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkSetup;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.Forks;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Presentable;
import dev.isspectral.measure.RunContext;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Each optimization on its own (issue 13: "measure each; keep what pays, say what did not"). For every {@link Lever}
 * that applies to the backend, the {@link Workload} on one grid is stepped with the lever off and on, interleaved in
 * rotated rounds ({@link Measure}), everything else held at the optimized tuning with the chosen backend and thread
 * count. Each lever is measured in {@link #forks(int)} fresh JVMs of its own ({@link Forks}, {@link LeverFork}), one
 * after another: a fork builds only that lever's two simulations, warms up and runs its rounds, so no lever's figure
 * depends on the levers measured before it in the same JVM (in one JVM the same optimized tuning measured 0.33-0.51
 * s/step depending on them). Which side a fork builds first and lets lead the rotation alternates between forks. The
 * speed-up is paired per round within a fork (time off / time on), its median is over all rounds of all forks and its
 * 95% interval from the hierarchical bootstrap over forks, then rounds ({@link ForkedMeasurement#speedup}); the verdict
 * follows from the interval: {@code pays} when all of it is above 1, {@code costs} when all of it is below 1,
 * otherwise {@code no clear effect}. {@code forks(1)} measures every lever in this JVM, one after another (the method
 * before forks). Immutable; {@code run()} measures.
 *
 * <pre>{@code
 * Levers.on("128x64x64", "fftw").threads(2).forks(3).budgetPerLever(Duration.ofSeconds(20)).run()
 * }</pre>
 */
public final class Levers {

    /** Column names of {@link Result#table()}. */
    public static final String LEVER = "lever";
    public static final String OFF_S = "off_s_per_step";
    public static final String ON_S = "on_s_per_step";
    public static final String SPEEDUP = "speedup";
    public static final String SPEEDUP_LOW = "speedup_ci_low";
    public static final String SPEEDUP_HIGH = "speedup_ci_high";
    public static final String ROUNDS = "rounds";
    public static final String FORKS = "forks";
    public static final String BETWEEN_FORKS_DOMINATE = "between_forks_dominate";
    public static final String VERDICT = "verdict";

    /** Forks per lever unless {@link #forks(int)} says otherwise. */
    public static final int DEFAULT_FORKS = 3;
    /**
     * Each lever's time budget over all its forks unless {@link #budgetPerLever} says otherwise: 20 s, 6.7 s per fork
     * with 3 forks. A fork's JVM start and set-up come on top (at 128×64×64 on 2 shared cores about 5 s, plus the
     * minimum rounds past the budget: 41 s of wall time per lever with a 24 s budget, 2026-12-05), so that nine or
     * ten levers take about 5.5-6 minutes per backend.
     */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);
    /**
     * Each fork's warm-up runs until steady or this long, on top of the fork's share of the budget, which goes to
     * measured rounds alone ({@link Forks#warmupLimit}). Before the limit, warm-up had 40% of 6.7 s, about three
     * rounds of a 128×64×64 step off and on: the first lever of a JVM was measured while C2 still compiled.
     */
    public static final Duration DEFAULT_WARMUP_LIMIT = Duration.ofSeconds(30);

    /** What the interval of a lever's speed-up says. */
    public enum Effect {
        PAYS("pays"), COSTS("costs"), NO_CLEAR_EFFECT("no clear effect");

        private final String text;

        Effect(String text) {
            this.text = text;
        }

        /** From the interval of speed-up = time off / time on. */
        public static Effect of(Estimate speedup) {
            if (speedup.low() > 1) {
                return PAYS;
            }
            if (speedup.high() < 1) {
                return COSTS;
            }
            return NO_CLEAR_EFFECT;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The levers of the optimized tuning, each against the optimized tuning itself. A new optimization adds its
     * lever here, so that {@code bench levers} measures it beside the others.
     */
    public static List<Lever> all() {
        return List.of(
                Lever.of("fused pointwise kernel",
                        "fluxes and sources of eqs. 4.2-4.13 in one tiled pass instead of separate passes over arrays",
                        t -> t.withFusedKernels(false), t -> t),
                Lever.of("tiled stages",
                        "each implicit stage's combination and predictor solve tile by tile inside the primitive recovery "
                                + "(512-point tiles) instead of two whole-array passes before it",
                        t -> t.withTiledStages(false), t -> t),
                Lever.of("lean stiff-data pass",
                        "the kernel pass of stiff data alone (K, X_NS) skips the full pi, pi:sigma, pi:pi and w^i, which only "
                                + "the explicit sources read",
                        t -> t.withLeanStiffPass(false), t -> t),
                Lever.of("shared forward transforms",
                        "one forward transform of a field feeds all its derivatives instead of one per derivative",
                        t -> t.withSharedForwardTransforms(false), t -> t),
                Lever.of("real-to-complex transforms",
                        "r2c/c2r transforms of half the spectrum instead of complex-to-complex",
                        t -> t.withRealTransforms(false), t -> t),
                Lever.of("preallocated workspaces",
                        "spectra, derivative, flux and stage arrays allocated once instead of on every call",
                        t -> t.withPreallocatedWorkspaces(false), t -> t),
                Lever.of("batched transforms",
                        "each group of independent transforms (gradients of eps and v, the 9 + 4 of the flux divergence, the "
                                + "advected fields' gradients four at a time) as whole one-thread transforms side by side, one per "
                                + "thread, instead of each transform split over the threads",
                        t -> t.withBatchedTransforms(false), t -> t.withBatchedTransforms(true)),
                Lever.of("batched one-thread transforms",
                        "with one FFT thread (what the FFT tuner often picks for small grids): the groups side by side on the "
                                + "step's team instead of one transform at a time on one thread",
                        t -> t.withFftSettings(t.fftSettings().withThreads(1)).withBatchedTransforms(false),
                        t -> t.withFftSettings(t.fftSettings().withThreads(1)).withBatchedTransforms(true)),
                Lever.of("FFTW transforms split by the team",
                        "a transform that runs on several threads (a group's odd one out; every transform on a team wider "
                                + "than the largest group) split over the step's own team, one-thread plans of x-planes and "
                                + "of groups of x-columns taken by whichever thread is free, instead of FFTW's own threads",
                        t -> t.withFftSettings(t.fftSettings().withTeamSplit(false)), t -> t)
                        .onlyFor(FftSettings.FFTW),
                Lever.of("FFTW transforms split by the team, every transform split",
                        "the same with batches off on both sides, so every one of the step's transforms runs split over the "
                                + "threads, as on a team wider than the largest group (more than 12 threads), where nothing "
                                + "is batched",
                        t -> t.withBatchedTransforms(false).withFftSettings(t.fftSettings().withTeamSplit(false)),
                        t -> t.withBatchedTransforms(false))
                        .onlyFor(FftSettings.FFTW),
                Lever.of("FFTW plans from PATIENT (an option, off by default)",
                        "FFTW's planner at FFTW_PATIENT instead of FFTW_MEASURE for every plan of the step (the lanes' "
                                + "one-thread 3-D plans, the team split's plane and column plans): slower planning, once per "
                                + "engine, kept as wisdom by the FFT tuner",
                        t -> t, t -> t.withFftSettings(t.fftSettings().withRigour(FftSettings.Rigour.PATIENT)))
                        .onlyFor(FftSettings.FFTW),
                Lever.of("own column FFT (backend java)",
                        "IS-Spectral's pure-Java transforms (blocks of up to 128 lines through one vectorised radix-2 kernel) "
                                + "instead of JTransforms' 1-D transforms line by line",
                        t -> t.withFftBackend(FftSettings.JTRANSFORMS), t -> t.withFftBackend(FftSettings.JAVA))
                        .onlyFor(FftSettings.JTRANSFORMS, FftSettings.JAVA),
                Lever.of("float32 transforms (an option, off by default)",
                        "FFTs in single precision, fields kept in double (accuracy cost: SinglePrecisionTest)",
                        t -> t, t -> t.withSinglePrecision(true)));
    }

    private final Grid grid;
    private final String backend;
    private final int threads;
    private final Duration budgetPerLever;
    private final int forks;
    private final Duration warmupLimit;
    private final List<Lever> levers;

    private Levers(Grid grid, String backend, int threads, Duration budgetPerLever, int forks, Duration warmupLimit,
                   List<Lever> levers) {
        this.warmupLimit = warmupLimit;
        this.grid = grid;
        this.backend = backend;
        this.threads = threads;
        this.budgetPerLever = budgetPerLever;
        this.forks = forks;
        this.levers = List.copyOf(levers);
    }

    /**
     * The levers of {@link #all()} on {@code grid} with FFT backend {@code backend} ("best", "fftw" or "jtransforms"),
     * on all cores, {@value #DEFAULT_FORKS} forks per lever, {@link #DEFAULT_BUDGET} per lever.
     */
    public static Levers on(String grid, String backend) {
        String b = Workload.resolveBackend(backend);
        return new Levers(Grid.parse(grid), b, Runtime.getRuntime().availableProcessors(), DEFAULT_BUDGET, DEFAULT_FORKS,
                DEFAULT_WARMUP_LIMIT, all());
    }

    /** The same, on {@code n} threads (1 … 256). */
    public Levers threads(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threads = " + n + "; must be 1 … 256");
        }
        return new Levers(grid, backend, n, budgetPerLever, forks, warmupLimit, levers);
    }

    /** The same, with {@code budget} for each lever's measurement over all its forks (at least 1 s). */
    public Levers budgetPerLever(Duration budget) {
        if (budget == null || budget.toMillis() < 1000) {
            throw new IllegalArgumentException("budgetPerLever = " + budget + "; must be at least 1 s");
        }
        return new Levers(grid, backend, threads, budget, forks, warmupLimit, levers);
    }

    /**
     * The same, measuring each lever in {@code n} fresh JVMs (1 … 20), each with 1/n of the lever's budget; 1 measures
     * every lever in this JVM, one after another (the method before forks: a lever's figure then depends on the
     * levers measured before it).
     */
    public Levers forks(int n) {
        if (n < 1 || n > 20) {
            throw new IllegalArgumentException("forks = " + n + "; must be 1 … 20 (1 = every lever in this JVM)");
        }
        return new Levers(grid, backend, threads, budgetPerLever, n, warmupLimit, levers);
    }

    /** The same, with each fork's warm-up running until steady or {@code limit} (at least 1 s), on top of the budget. */
    public Levers warmupLimit(Duration limit) {
        if (limit == null || limit.toMillis() < 1000) {
            throw new IllegalArgumentException("warmupLimit = " + limit + "; must be at least 1 s");
        }
        return new Levers(grid, backend, threads, budgetPerLever, forks, limit, levers);
    }

    /** Forks per lever. */
    public int forkCount() {
        return forks;
    }

    /** The same, measuring only the levers whose name contains one of {@code names} (case-insensitive). */
    public Levers only(List<String> names) {
        List<Lever> kept = new ArrayList<>();
        for (Lever l : levers) {
            for (String n : names) {
                if (l.name().toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT).trim())) {
                    kept.add(l);
                    break;
                }
            }
        }
        if (kept.isEmpty()) {
            List<String> known = new ArrayList<>();
            levers.forEach(l -> known.add(l.name()));
            throw new IllegalArgumentException("levers = " + names + "; matches none of " + known);
        }
        return new Levers(grid, backend, threads, budgetPerLever, forks, warmupLimit, kept);
    }

    /** The base tuning every lever is switched on: optimized, this backend, this thread count. */
    public Tuning base() {
        return base(backend, threads);
    }

    private static Tuning base(String backend, int threads) {
        return Workload.optimized(backend).withThreads(threads);
    }

    /** The levers that apply to the backend, in order: what {@link #run()} measures. */
    public List<Lever> measured() {
        return levers.stream().filter(l -> l.appliesTo(backend)).toList();
    }

    /** A duration in seconds as given on the command line: "24", "1.5". */
    static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** Measures every lever that applies to the backend. */
    public Result run() {
        return run(null);
    }

    /** {@link #run()}, with a line on {@code progress} (if not null) as each lever starts and ends. */
    public Result run(PrintStream progress) {
        RunContext context = RunContext.start();
        List<Lever> measured = measured();
        List<ForkedMeasurement> results = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Lever lever = measured.get(i);
            if (progress != null) {
                progress.printf(Locale.ROOT, "lever %d/%d: %s (%s, %s s)%n", i + 1, measured.size(), lever.name(),
                        forks == 1 ? "in this JVM" : forks + " fresh JVMs", seconds(budgetPerLever));
            }
            ForkedMeasurement m = Forks.of(LeverFork.class, grid.boxNotation(), backend, Integer.toString(threads), lever.name())
                    .forks(forks).budget(budgetPerLever).warmupLimit(warmupLimit).run();
            results.add(m);
            if (progress != null) {
                progress.println("  speed-up " + m.speedup(1, 0).estimate().formatShort() + ", " + Effect.of(m.speedup(1, 0)
                        .estimate()) + (forks == 1 ? "" : "; " + m.speedup(1, 0).text()));
            }
            if (forks == 1) {
                System.gc();     // the lever's simulations, before the next lever's are built in this JVM
            }
        }
        return new Result(grid, backend, threads, forks, budgetPerLever, warmupLimit, measured, results, context.finish(),
                "");
    }

    /**
     * One lever in one fork: args GRID BACKEND THREADS LEVER (the exact name of a lever of {@link #all()}); the
     * candidates "off" and "on" (one step each) on the optimized tuning of BACKEND on THREADS threads. Even forks build
     * "off" first and let it lead the rotation, odd forks "on" ({@link Forks} puts them back in the order off, on);
     * extras: which side was first ({@code first}) and the JVM's process id ({@code pid}).
     */
    public static final class LeverFork implements ForkSetup {
        private String first = "";

        /** For {@link Forks}. */
        public LeverFork() {
        }

        @Override
        public Measure measure(List<String> args) {
            return measure(args, 0);
        }

        @Override
        public Measure measure(List<String> args, int fork) {
            if (args.size() != 4) {
                throw new IllegalArgumentException("LeverFork args = " + args + "; must be GRID BACKEND THREADS LEVER");
            }
            Grid g = Grid.parse(args.get(0));
            Tuning base = base(args.get(1), Integer.parseInt(args.get(2)));
            Lever lever = named(args.get(3));
            boolean offFirst = fork % 2 == 0;
            Solver[] solvers = new Solver[2];      // [off, on]
            for (int k = 0; k < 2; k++) {
                int side = (k == 0) == offFirst ? 0 : 1;
                Tuning t = side == 0 ? lever.without().apply(base) : lever.with().apply(base);
                solvers[side] = Workload.simulation(g, t).start(Instrumentation.NONE);
            }
            Candidate off = Candidate.of("off", solvers[0]::step);
            Candidate on = Candidate.of("on", solvers[1]::step);
            first = offFirst ? "off" : "on";
            return (offFirst ? Measure.of(off, on) : Measure.of(on, off)).named(lever.name()).minSample(Duration.ZERO);
        }

        @Override
        public Map<String, String> extras() {
            return Map.of("first", first, "pid", Long.toString(ProcessHandle.current().pid()));
        }

        private static Lever named(String name) {
            List<String> known = new ArrayList<>();
            for (Lever l : all()) {
                if (l.name().equals(name)) {
                    return l;
                }
                known.add(l.name());
            }
            throw new IllegalArgumentException("lever = \"" + name + "\"; must be one of " + known);
        }
    }

    /** The levers' measurements: candidate 0 is the lever off, 1 on, each over the lever's forks. */
    public static final class Result implements Presentable {
        private final Grid grid;
        private final String backend;
        private final int threads;
        private final int forks;
        private final Duration budgetPerLever;
        private final Duration warmupLimit;
        private final List<Lever> levers;
        private final List<ForkedMeasurement> measurements;
        private final RunContext context;
        private final String command;

        Result(Grid grid, String backend, int threads, int forks, Duration budgetPerLever, Duration warmupLimit,
               List<Lever> levers, List<ForkedMeasurement> measurements, RunContext context, String command) {
            this.warmupLimit = warmupLimit;
            if (levers.size() != measurements.size()) {
                throw new IllegalArgumentException("levers = " + levers.size() + ", measurements = " + measurements.size()
                        + "; must be equal");
            }
            this.grid = grid;
            this.backend = backend;
            this.threads = threads;
            this.forks = forks;
            this.budgetPerLever = budgetPerLever;
            this.levers = List.copyOf(levers);
            this.measurements = List.copyOf(measurements);
            this.context = context;
            this.command = command;
        }

        /** The same result with the command line that produced it (shown under the table and in the JSON). */
        public Result withCommand(String commandLine) {
            return new Result(grid, backend, threads, forks, budgetPerLever, warmupLimit, levers, measurements, context,
                    commandLine == null ? "" : commandLine);
        }

        /** The levers measured, in order. */
        public List<Lever> levers() {
            return levers;
        }

        /** Forks per lever. */
        public int forks() {
            return forks;
        }

        /** The run's context (commit, machine, load over the whole run). */
        public RunContext context() {
            return context;
        }

        /** Lever {@code i}'s measurement over its forks (candidate 0 off, 1 on). */
        public ForkedMeasurement measurement(int i) {
            return measurements.get(i);
        }

        /** Paired speed-up of lever {@code i} (time off / time on per round) over its forks, with the fork medians. */
        public ForkedFigure speedupFigure(int i) {
            return measurements.get(i).speedup(1, 0);
        }

        /** Paired speed-up of lever {@code i}: median over all rounds of all forks, 95% interval. */
        public Estimate speedup(int i) {
            return speedupFigure(i).estimate();
        }

        /** What lever {@code i}'s interval says. */
        public Effect effect(int i) {
            return Effect.of(speedup(i));
        }

        /** One row per lever. */
        public Table table() {
            StringColumn name = StringColumn.create(LEVER);
            DoubleColumn off = DoubleColumn.create(OFF_S);
            DoubleColumn on = DoubleColumn.create(ON_S);
            DoubleColumn up = DoubleColumn.create(SPEEDUP);
            DoubleColumn low = DoubleColumn.create(SPEEDUP_LOW);
            DoubleColumn high = DoubleColumn.create(SPEEDUP_HIGH);
            IntColumn rounds = IntColumn.create(ROUNDS);
            IntColumn forkCount = IntColumn.create(FORKS);
            BooleanColumn dominate = BooleanColumn.create(BETWEEN_FORKS_DOMINATE);
            StringColumn verdict = StringColumn.create(VERDICT);
            for (int i = 0; i < levers.size(); i++) {
                ForkedMeasurement m = measurements.get(i);
                Estimate s = speedup(i);
                name.append(levers.get(i).name());
                off.append(m.time(0).estimate().median());
                on.append(m.time(1).estimate().median());
                up.append(s.median());
                low.append(s.low());
                high.append(s.high());
                rounds.append(m.rounds());
                forkCount.append(m.forkCount());
                dominate.append(speedupFigure(i).betweenForksDominate());
                verdict.append(effect(i).toString());
            }
            return Table.create("levers, " + grid.boxNotation() + ", " + backend + ", " + threads + " threads",
                    name, off, on, up, low, high, rounds, forkCount, dominate, verdict);
        }

        private String backendText() {
            return switch (backend) {
                case FftSettings.FFTW -> "FFTW";
                case FftSettings.JAVA -> "IS-Spectral's own transforms (pure Java)";
                default -> "JTransforms (pure Java)";
            };
        }

        private String howText() {
            return forks == 1
                    ? "each lever off and on in this JVM, one lever after another (--forks 1: a lever's figure can depend on "
                    + "the levers measured before it), interleaved rotated rounds"
                    : "each lever off and on in " + forks + " fresh JVMs (forks) of its own, one after another, interleaved "
                    + "rotated rounds in each; which side a fork builds first and lets lead the rotation alternates between forks";
        }

        /** The fork medians of lever {@code i}'s speed-up, "1.31, 1.29, 1.33". */
        private String forkMedians(int i) {
            StringBuilder sb = new StringBuilder();
            for (double v : speedupFigure(i).forkMedians()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(Estimate.number(v));
            }
            return sb.toString();
        }

        /** A markdown table with the run's context, the forks' legend and how each lever was measured. */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Levers at %s, %s, %d thread%s (optimized tuning, "
                            + "the workload of `bench targets`; %s; speed-up = time off / time on, paired per round, median over "
                            + "all rounds%s); %s%n%n| lever | what it changes | off: s/step | on: s/step | speed-up [95%% CI] "
                            + "| forks×rounds | speed-up per fork (medians) | other CPU | verdict |%n|---|---|---|---|---|---|---|---|---|%n",
                    grid.boxNotation(), backendText(), threads, threads == 1 ? "" : "s", howText(),
                    forks == 1 ? "" : " of all forks", context));
            for (int i = 0; i < levers.size(); i++) {
                ForkedMeasurement m = measurements.get(i);
                ForkedFigure s = speedupFigure(i);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", levers.get(i).name(),
                        levers.get(i).what(), m.time(0).estimate().formatShort(), m.time(1).estimate().formatShort(),
                        s.estimate().formatShort(), s.roundsFlagged(), forkMedians(i), m.load().otherCpuText(), effect(i)));
            }
            sb.append('\n').append(ForkedFigure.legend(forks)).append(" Verdict: pays when the whole 95% interval of the "
                    + "speed-up is above 1, costs when it is below 1, otherwise no clear effect; budget ")
                    .append(seconds(budgetPerLever)).append(" s per lever")
                    .append(forks == 1 ? "" : " over its forks").append(" for measured rounds, each ")
                    .append(forks == 1 ? "lever's" : "fork's").append(" warm-up on top, until steady or ")
                    .append(seconds(warmupLimit)).append(" s").append(".\n\nHow each lever was measured:\n\n");
            for (int i = 0; i < levers.size(); i++) {
                ForkedMeasurement m = measurements.get(i);
                String spread = speedupFigure(i).text();
                sb.append("- ").append(levers.get(i).name()).append(": ").append(m.how())
                        .append(spread.isEmpty() ? "" : "; speed-up: " + spread).append('\n');
            }
            if (!command.isEmpty()) {
                sb.append("\nCommand: `").append(command).append("`\n");
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return toMarkdown();
        }

        /**
         * The result as JSON: the run's context (commit, load, command), and per lever its times and speed-up (median,
         * interval), verdict and, in the fields of {@code bench targets}' rows, forks, rounds per fork, the fork medians
         * of the speed-up, their spread and whether it dominates.
         */
        public String toJson() {
            MachineLoad l = context.load();
            StringBuilder sb = new StringBuilder("{\n");
            sb.append("  \"measurement\": \"levers\",\n");
            sb.append("  \"date\": ").append(TargetsReport.str(context.date())).append(",\n");
            sb.append("  \"commit\": ").append(TargetsReport.str(context.commit())).append(",\n");
            sb.append("  \"dirty\": ").append(context.dirty()).append(",\n");
            sb.append("  \"jvm\": ").append(TargetsReport.str(context.jvm())).append(",\n");
            sb.append("  \"machine\": ").append(TargetsReport.str(context.machine())).append(",\n");
            sb.append("  \"cores\": ").append(context.cores()).append(",\n");
            sb.append("  \"load_before\": ").append(TargetsReport.num(l.loadBefore())).append(",\n");
            sb.append("  \"load_after\": ").append(TargetsReport.num(l.loadAfter())).append(",\n");
            sb.append("  \"cpu_steal\": ").append(TargetsReport.num(l.stealShare())).append(",\n");
            sb.append("  \"other_cpu_share\": ").append(TargetsReport.num(l.otherShare())).append(",\n");
            sb.append("  \"busy\": ").append(l.busy()).append(",\n");
            sb.append("  \"command\": ").append(TargetsReport.str(command)).append(",\n");
            sb.append("  \"grid\": ").append(TargetsReport.str(grid.boxNotation())).append(",\n");
            sb.append("  \"backend\": ").append(TargetsReport.str(backend)).append(",\n");
            sb.append("  \"threads\": ").append(threads).append(",\n");
            sb.append("  \"forks\": ").append(forks).append(",\n");
            sb.append("  \"budget_per_lever_s\": ").append(seconds(budgetPerLever)).append(",\n");
            sb.append("  \"warmup_limit_s\": ").append(seconds(warmupLimit)).append(",\n");
            sb.append("  \"levers\": [\n");
            for (int i = 0; i < levers.size(); i++) {
                ForkedMeasurement m = measurements.get(i);
                Estimate off = m.time(0).estimate();
                Estimate on = m.time(1).estimate();
                Estimate s = speedup(i);
                StringBuilder first = new StringBuilder("[");
                for (int k = 0; k < m.forkCount(); k++) {
                    first.append(k == 0 ? "" : ", ").append(TargetsReport.str(m.extras(k).getOrDefault("first", "")));
                }
                sb.append("    {\"lever\": ").append(TargetsReport.str(levers.get(i).name()))
                        .append(", \"what\": ").append(TargetsReport.str(levers.get(i).what()))
                        .append(", \"off_s_per_step\": ").append(TargetsReport.num(off.median()))
                        .append(", \"off_ci_low\": ").append(TargetsReport.num(off.low()))
                        .append(", \"off_ci_high\": ").append(TargetsReport.num(off.high()))
                        .append(", \"on_s_per_step\": ").append(TargetsReport.num(on.median()))
                        .append(", \"on_ci_low\": ").append(TargetsReport.num(on.low()))
                        .append(", \"on_ci_high\": ").append(TargetsReport.num(on.high()))
                        .append(", \"speedup\": ").append(TargetsReport.num(s.median()))
                        .append(", \"speedup_ci_low\": ").append(TargetsReport.num(s.low()))
                        .append(", \"speedup_ci_high\": ").append(TargetsReport.num(s.high()))
                        .append(", \"speedup_confidence\": ").append(TargetsReport.num(s.confidence()))
                        .append(", \"rounds\": ").append(m.rounds())
                        .append(TargetsReport.forkFields(speedupFigure(i)))
                        .append(", \"first_per_fork\": ").append(first).append(']')
                        .append(", \"verdict\": ").append(TargetsReport.str(effect(i).toString()))
                        .append(", \"other_cpu_share\": ").append(TargetsReport.num(m.load().otherShare()))
                        .append(", \"warmup\": ").append(TargetsReport.str(m.warmupText()))
                        .append(", \"stop\": ").append(TargetsReport.str(m.stopText()))
                        .append(", \"seconds\": ").append(TargetsReport.num(m.seconds()))
                        .append('}').append(i + 1 < levers.size() ? ",\n" : "\n");
            }
            return sb.append("  ]\n}\n").toString();
        }

        @Override
        public String toHtml() {
            StringBuilder html = new StringBuilder("<div class=\"is-spectral-levers\"><table class=\"is-spectral-table\"><caption>"
                    + Presentable.escape(String.format(Locale.ROOT, "Levers at %s, %s, %d threads, %s", grid.boxNotation(),
                    backend, threads, forks == 1 ? "in this JVM" : forks + " forks per lever")) + "</caption><thead><tr>"
                    + "<th>lever</th><th>off: s/step</th><th>on: s/step</th><th>speed-up [95% CI]</th><th>forks×rounds</th>"
                    + "<th>speed-up per fork</th><th>verdict</th></tr></thead><tbody>");
            for (int i = 0; i < levers.size(); i++) {
                ForkedMeasurement m = measurements.get(i);
                html.append("<tr><td>").append(Presentable.escape(levers.get(i).name())).append("</td><td>")
                        .append(m.time(0).estimate().formatShort()).append("</td><td>").append(m.time(1).estimate().formatShort())
                        .append("</td><td>").append(speedup(i).formatShort()).append("</td><td>")
                        .append(Presentable.escape(speedupFigure(i).roundsFlagged())).append("</td><td>")
                        .append(Presentable.escape(forkMedians(i))).append("</td><td>").append(effect(i)).append("</td></tr>");
            }
            return html.append("</tbody></table><p>").append(Presentable.escape(ForkedFigure.legend(forks))).append("</p>")
                    .append(context.toHtml()).append("</div>").toString();
        }
    }
}
