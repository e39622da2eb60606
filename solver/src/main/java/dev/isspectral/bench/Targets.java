package dev.isspectral.bench;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Allocation;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkSetup;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.Forks;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Stats;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance targets of issue 4 §5, each measured on the {@link Workload} and judged against its bound ({@link
 * TargetBounds}: issue 13's where it sets one):
 * {@code Targets.full("best").run(System.out)}. Every timing goes through the project's measurement method
 * ({@link Measure}): warm-up until steady, the settings that are compared stepped interleaved (order rotated) in one
 * run, ratios paired per round, every figure a median with its 95% interval, rounds growing until the interval is
 * narrow or the row's share of the budget is spent; every timed figure is measured over {@link #forks(int)} fresh JVMs
 * (default {@value #DEFAULT_FORKS}; {@link TargetForks} builds each section's candidates in the fork), its interval a
 * hierarchical bootstrap over forks and rounds ({@link ForkedMeasurement}). Verdicts come from the whole interval (PASS, MISS or
 * INCONCLUSIVE); absolute-time and thread-scaling rows measured while other processes took more than
 * {@value dev.isspectral.measure.MachineLoad#BUSY_OTHER_SHARE} of the CPU are flagged. {@link #quick(String)} runs the
 * same code on tiny grids (for tests; its bounds do not apply).
 */
public final class Targets {

    /** The grids of one harness run. */
    record Plan(boolean quick, Grid run, Grid large, Grid compare, Grid allocation, Grid threads, Grid fftBound,
                List<String> scaling, int heapWarmup, int heapSteps) {
    }

    /** Shares of the budget, by section (they add up to 1). */
    private static final double RUN = 0.12;
    private static final double LARGE = 0.12;
    private static final double COMPARE = 0.08;
    private static final double ALLOCATION = 0.04;
    private static final double THREADS = 0.20;
    private static final double FFT_BOUND = 0.16;
    private static final double SCALING = 0.24;
    private static final double TUNER = 0.04;
    /** Forks per timed figure unless {@link #forks(int)} says otherwise. */
    public static final int DEFAULT_FORKS = 3;
    /** Each fork's warm-up limit unless {@link #warmupLimit(Duration)} says otherwise (full harness). */
    public static final int DEFAULT_WARMUP_LIMIT_SECONDS = 40;
    private static final Duration DEFAULT_WARMUP_LIMIT = Duration.ofSeconds(DEFAULT_WARMUP_LIMIT_SECONDS);
    /** Steps in one timed block of the whole-run rows (the 64-step run is that block's time × 64/8). */
    static final int BLOCK = 8;

    private final Plan plan;
    private final String best;
    private final List<String> backends;   // best first, then pure Java if different
    /** The pure-Java backend of the absolute rows: IS-Spectral's own transforms (every plan grid is a power of two). */
    private final String pure = FftSettings.JAVA;
    /** The FFT-bound rows: best, JTransforms (the bound names it) and the pure-Java backend, each once. */
    private final List<String> fftBoundBackends;
    private final Duration budget;
    private final int forks;
    private final Duration warmupLimit;
    private final List<TargetRow> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private PrintStream progress;

    private Targets(Plan plan, String requestedBackend, Duration budget, int forks, Duration warmupLimit) {
        this.forks = forks;
        this.warmupLimit = warmupLimit;
        this.plan = plan;
        this.best = Workload.resolveBackend(requestedBackend);
        this.backends = List.copyOf(new LinkedHashSet<>(List.of(best, pure)));
        this.fftBoundBackends = List.copyOf(new LinkedHashSet<>(List.of(best, FftSettings.JTRANSFORMS, pure)));
        this.budget = budget;
    }

    /** The grids (64×64×32×32, 128×128×64×64, 32×32×16×16, 128×64×64, 32×32×16 … 128×128×128); budget 300 s. */
    public static Targets full(String backend) {
        return new Targets(new Plan(false, Grid.parse("64x64x32x32"), Grid.parse("128x128x64x64"),
                Grid.parse("32x32x16x16"), Grid.parse("20x32x32x16"), Grid.parse("4x128x64x64"), Grid.parse("5x" + TargetBounds.FFT_BOUND_BOX),
                List.of("4x32x32x16", "4x64x32x32", "4x64x64x32", "3x128x64x64", "3x128x128x64", "3x128x128x128"),
                2, 3), backend, Duration.ofSeconds(300), DEFAULT_FORKS, DEFAULT_WARMUP_LIMIT);
    }

    /** The same measurements on tiny grids, in seconds; for tests of the harness, not of the targets. */
    public static Targets quick(String backend) {
        return new Targets(new Plan(true, Grid.parse("16x16x8x8"), Grid.parse("2x16x16x8"), Grid.parse("16x16x8x8"),
                Grid.parse("4x16x8x8"), Grid.parse("2x16x16x8"), Grid.parse("2x16x16x8"),
                List.of("2x16x8x8", "2x16x16x8", "2x32x16x16"), 1, 1), backend, Duration.ofSeconds(8), DEFAULT_FORKS, null);
    }

    /**
     * The same harness with another time budget for its timed sections (heap probes and engine builds come on top);
     * each section gets a fixed share. At least 1 s.
     */
    public Targets budget(Duration total) {
        if (total == null || total.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("budget = " + total + "; must be at least 1 s");
        }
        return new Targets(plan, best, total, forks, warmupLimit);
    }

    /**
     * The same harness measuring every timed figure (absolute times, ratios, thread scaling) in {@code n} fresh JVMs
     * one after another, each with its share of the row's budget, combined by the hierarchical bootstrap
     * ({@link Forks}); 1 measures in this JVM alone (the method before forks). Counts and the allocation rows are read
     * in this JVM; the heap probes have their own child JVMs.
     */
    public Targets forks(int n) {
        if (n < 1 || n > 20) {
            throw new IllegalArgumentException("forks = " + n + "; must be 1 … 20 (1 = in this JVM)");
        }
        return new Targets(plan, best, budget, n, warmupLimit);
    }

    /**
     * The same harness with each fork's warm-up (each figure's, with one fork) running until steady or {@code limit},
     * on top of the row's share of the budget, which then goes to measured rounds alone ({@link Forks#warmupLimit}).
     * The full harness's default is {@value #DEFAULT_WARMUP_LIMIT_SECONDS} s; quick mode's warm-up takes a share of
     * the budget unless a limit is given. At least 1 s.
     */
    public Targets warmupLimit(Duration limit) {
        if (limit == null || limit.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("warmupLimit = " + limit + "; must be at least 1 s");
        }
        return new Targets(plan, best, budget, forks, limit);
    }

    /** Forks per timed figure. */
    public int forkCount() {
        return forks;
    }

    /** The backend "best" stood for (or the one asked for). */
    public String bestBackend() {
        return best;
    }

    /** The time budget of the timed sections. */
    public Duration budget() {
        return budget;
    }

    /** Runs every measurement, printing each row as it is measured; returns the report. */
    public TargetsReport run(PrintStream out) {
        progress = out;
        RunContext context = RunContext.start();
        out.println(TargetsReport.tableHeader());
        runWholeRun();
        largeGrid();
        heap();
        compare();
        allocation();
        threads();
        fftBound();
        scaling();
        return new TargetsReport(plan.quick(), best, budget, forks, warmupLimit, rows, details, context.finish());
    }

    private Duration share(double fraction) {
        return Duration.ofMillis(Math.max(200, (long) (fraction * budget.toMillis())));
    }

    private Duration share(double fraction, int parts) {
        return Duration.ofMillis(Math.max(200, (long) (fraction * budget.toMillis() / parts)));
    }

    private void add(TargetRow row) {
        rows.add(row);
        if (progress != null) {
            progress.println(TargetsReport.markdownRow(rows.size(), row));
            progress.flush();
        }
    }

    private static String scenario(Grid g, Simulation sim) {
        return g.notation() + ", " + sim.fftSettings().label();
    }

    private String backendLabel(String backend) {
        return backend.equals(FftSettings.JTRANSFORMS) || backend.equals(FftSettings.JAVA) ? "pure Java (" + backend + ")"
                : backend;
    }

    private static void releaseMemory() {
        System.gc();
    }

    private static String how(ForkedMeasurement m) {
        return m.how();
    }

    /** The forks (or this JVM, with one fork) measuring {@code setup}'s candidates from {@code args}. */
    private ForkedMeasurement measure(Class<? extends ForkSetup> setup, Duration share, List<String> args) {
        Forks f = Forks.of(setup, args).forks(forks).budget(share);
        return (warmupLimit == null ? f : f.warmupLimit(warmupLimit)).run();
    }

    /**
     * The argument naming backend {@code b} on {@code g} for a fork. For FFTW (the best backend) its FFT threads and
     * planner are what {@link FftTuner} finds fastest for this grid among FFTW r2c double at MEASURE on 1 … cores
     * threads and at PATIENT on all cores (the FFTW r2c double candidates of the tuner's default list), as
     * {@code Tuning.optimized().withSavedFftTuning()} would after a tuner run ("fftw:T" or "fftw:T:patient"); the
     * step's team keeps all cores. The tuner runs here, once, and its FFTW wisdom (the winner's plans, the step's lanes
     * included) travels to the forks in a temporary tuning file ({@link TargetForks#withWisdom}): every fork runs the
     * plans the tuner timed, and none spends its set-up on a PATIENT search of its own.
     */
    private String backendArg(Grid g, String b) {
        if (!FftSettings.FFTW.equals(b)) {
            return b;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<FftSettings> candidates = new ArrayList<>();
        for (int t = 1; t <= cores; t++) {
            candidates.add(TargetForks.tunedFftw(t));
        }
        boolean patient = FftTuner.triesPatient(g.size());   // as FftTuner.forGrid
        if (patient) {
            candidates.add(TargetForks.tunedFftwPatient(cores));
        }
        FftTuner.Result tuned = FftTuner.forGrid(g.nx(), g.ny(), g.nz()).withCandidates(candidates)
                .withBudget(share(TUNER, 3)).run();
        FftSettings winner = tuned.winner();
        String arg = TargetForks.argument(b, winner);
        boolean wisdom = !tuned.wisdom().isEmpty();
        if (wisdom) {
            try {
                Path file = Files.createTempFile("is-spectral-targets-wisdom-", ".properties");
                file.toFile().deleteOnExit();
                TuningFile.empty().with(g.nx(), g.ny(), g.nz(), winner).withWisdom(tuned.wisdom()).save(file);
                arg = TargetForks.withWisdom(arg, file);
            } catch (IOException e) {
                throw new UncheckedIOException("saving the tuner's FFTW wisdom for the forks", e);
            }
        }
        details.add(String.format(Locale.ROOT, "%s: FFT threads and planner chosen by FftTuner among FFTW MEASURE on 1..%d "
                + "threads%s: %s (the step's team: %d threads)%s", g.boxNotation(), cores,
                patient ? " and PATIENT on " + cores : "", winner.label(), cores,
                wisdom ? "; every fork loads the tuner's FFTW wisdom, so it runs the plans the tuner timed" : ""));
        return arg;
    }

    // --- 64×64×32×32: the whole run --------------------------------------------------------------

    private void runWholeRun() {
        Grid g = plan.run();
        List<Simulation> sims = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(g.notation()));
        for (String b : backends) {
            String arg = backendArg(g, b);
            sims.add(TargetForks.simulation(g, arg));
            args.add(arg);
        }
        ForkedMeasurement m = measure(TargetForks.WholeRun.class, share(RUN), args);
        double blocks = (double) g.steps() / BLOCK;
        for (boolean pure : new boolean[] {false, true}) {
            int i = backends.indexOf(pure ? this.pure : best);
            ForkedFigure run = m.time(i).scaled(blocks, "s");
            add(TargetRow.forked("64×64×32×32: whole 64-step run, " + (pure ? backendLabel(this.pure) : "best backend (" + best + ")"),
                    scenario(g, sims.get(i)), run, "s", "<=",
                    pure ? TargetBounds.RUN_64_PURE_JAVA_S : TargetBounds.RUN_64_BEST_S,
                    1e9 * run.estimate().median() / g.steps() / g.size(), sims.get(i).tuning().threads(),
                    TargetRow.Kind.ABSOLUTE, m.load(),
                    String.format(Locale.ROOT, "%d × the time of a block of %d consecutive steps (the run's steady state; "
                            + "the backends' blocks interleaved): ", g.steps() / BLOCK, BLOCK) + how(m)));
        }
    }

    // --- 128×128×64×64: seconds per step and the solver's memory ----------------------------------

    private void largeGrid() {
        Grid g = plan.large();
        List<Simulation> sims = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(g.notation()));
        for (String b : backends) {
            String arg = backendArg(g, b);
            sims.add(TargetForks.simulation(g, arg));
            args.add(arg);
        }
        ForkedMeasurement m = measure(TargetForks.LargeGrid.class, share(LARGE), args);
        for (boolean pure : new boolean[] {false, true}) {
            int i = backends.indexOf(pure ? this.pure : best);
            ForkedFigure step = m.time(i).scaled(1, "s/step");
            add(TargetRow.forked("128×128×64×64: seconds per step, " + (pure ? backendLabel(this.pure) : "best backend (" + best + ")"),
                    scenario(g, sims.get(i)), step, "s/step", "<=",
                    pure ? TargetBounds.STEP_128_PURE_JAVA_S : TargetBounds.STEP_128_BEST_S,
                    1e9 * step.estimate().median() / g.size(), sims.get(i).tuning().threads(), TargetRow.Kind.ABSOLUTE,
                    m.load(), "the backends' steps interleaved: " + how(m)));
        }
        Map<String, String> mem = m.extras(0);
        long engine = Long.parseLong(mem.get("engineBytes"));
        String parts = mem.get("memory") + String.format(Locale.ROOT, "FFT engine buffers (%s, not in Solver.memory()) %.0f "
                + "B/point", mem.get("engineBackend"), (double) engine / g.size());
        add(new TargetRow("128×128×64×64: bytes per grid point held by the solver (Solver.memory())", scenario(g, sims.get(0)),
                Estimate.exact((double) Long.parseLong(mem.get("bytesHeld")) / g.size(), "B/point"), "B/point", "",
                Double.NaN, 1e9 * m.time(0).estimate().median() / g.size(), sims.get(0).tuning().threads(),
                TargetRow.Kind.COUNT, null, "by component, B/point: " + parts + (m.forkCount() > 1 ? " (read in the first fork)" : "")));
        releaseMemory();
    }

    // --- 128×128×64×64: peak live heap, in a child JVM ---------------------------------------------

    private void heap() {
        Grid g = plan.large();
        for (String b : backends) {
            HeapProbe.Result r = HeapProbe.inChildJvm(g, b, plan.heapWarmup(), plan.heapSteps(), HeapProbe.EXACT);
            Simulation sim = Workload.simulation(g.withSteps(1), b);
            String note = String.format(Locale.ROOT, "fresh child JVM with the serial collector, whose System.gc() compacts "
                    + "the whole heap, so heap used right after it is the live bytes exactly; read before setup, after setup "
                    + "(build + start) and after each of %d steps (after %d warm-up). Peak bound = max over setup and steps of "
                    + "(live at the start + bytes allocated meanwhile by all threads), an upper bound of the peak. Live: before "
                    + "setup %.1f MB, after setup %.1f MB, after steps ≤ %.1f MB; bound over setup %.1f MB (the initial-data "
                    + "garbage counted as live), over a step %.1f MB (a step allocates ≤ %.3f MB); the solver holds %.1f MB, "
                    + "the first solver owns the initial state the Simulation built (no second copy), FFT engine buffers %.1f MB (%s); the ns/point/step is the "
                    + "child's own, a single reading",
                    plan.heapSteps(), plan.heapWarmup(), r.liveBefore() / 1e6, r.liveAfterSetup() / 1e6, r.maxLiveAtStep() / 1e6,
                    r.setupBound() / 1e6, r.stepBound() / 1e6, r.maxStepBytes() / 1e6, r.solverBytes() / 1e6,
                    r.engineBytes() / 1e6, b.equals(FftSettings.FFTW) ? "native, off the heap" : "on the heap");
            add(new TargetRow("128×128×64×64: peak live heap, " + backendLabel(b), scenario(g, sim),
                    Estimate.exact(r.peakBound() / 1e6, "MB"), "MB", "<=", TargetBounds.PEAK_HEAP_MB, r.nsPerPoint(), r.threads(),
                    TargetRow.Kind.COUNT, null, note));
        }
        HeapProbe.Result g1 = HeapProbe.inChildJvm(g, best, plan.heapWarmup(), plan.heapSteps(), HeapProbe.G1);
        Simulation sim = Workload.simulation(g.withSteps(1), best);
        add(new TargetRow("128×128×64×64: heap in use after a full GC under G1 (the JVM's default collector), " + best,
                scenario(g, sim), Estimate.exact(Math.max(g1.liveAfterSetup(), g1.maxLiveAtStep()) / 1e6, "MB"), "MB", "",
                Double.NaN, g1.nsPerPoint(), g1.threads(), TargetRow.Kind.COUNT, null, String.format(Locale.ROOT,
                        "the same probe with -XX:+UseG1GC (default region size for max heap %.0f MB): G1 keeps every humongous "
                        + "object (an array of half a region or more) in whole regions, so a field array of NX·NY·NZ doubles "
                        + "plus its 16-byte header can take up to twice its size", Runtime.getRuntime().maxMemory() / 1e6)));
    }

    // --- optimized against baseline at 32×32×16×16 -------------------------------------------------

    private void compare() {
        Grid g = plan.compare();
        Simulation baseline = Workload.simulation(g, Tuning.baseline());
        int threads = baseline.tuning().threads();
        // the baseline first, then the optimized tuning on each backend at the baseline's thread count (one thread), so
        // the ratio is what the optimizations other than threads buy, and load on the other cores falls on both sides
        List<Simulation> sims = new ArrayList<>(List.of(baseline));
        for (String b : backends) {
            sims.add(Workload.simulation(g, Workload.optimized(b).withThreads(threads)));
        }
        List<String> args = new ArrayList<>(List.of(g.notation()));
        args.addAll(backends);
        // one step per sample. Tried on 2026-12-04: samples of >= 0.2 s (batches of steps) to take out a 3-5% shift of this
        // ratio under a CPU hog; on a quiet machine that gave 7.4 [4.0, 21.1] instead of 3.7 [3.7, 3.8] (the baseline's
        // garbage collections land in some batches and not others), so single steps stay and the shift is reported
        ForkedMeasurement m = measure(TargetForks.Compare.class, share(COMPARE), args);
        Estimate base = m.time(0).scaled(1e3, "ms").estimate();
        String on = threads == 1 ? "1 thread" : threads + " threads";
        for (int i = 1; i < sims.size(); i++) {
            Simulation opt = sims.get(i);
            Estimate optMs = m.time(i).scaled(1e3, "ms").estimate();
            add(TargetRow.forked("optimized vs baseline at 32×32×16×16, both on " + on + ": speed-up per step, "
                    + backendLabel(backends.get(i - 1)), g.notation() + ", optimized (" + opt.fftSettings().label()
                    + ", step team " + opt.tuning().threads() + ") vs baseline (" + baseline.fftSettings().label() + ")",
                    m.speedup(i, 0), "x", ">=", TargetBounds.OPTIMIZED_SPEEDUP, 1e6 * optMs.median() / g.size(),
                    opt.tuning().threads(), TargetRow.Kind.RATIO, m.load(), String.format(Locale.ROOT, "paired speed-up "
                            + "(baseline step / optimized step, per round), both on %s (the baseline's thread count; what "
                            + "threads add is the thread-scaling row); the baseline and the optimized tuning on each "
                            + "backend stepped in turn: %s ms (optimized) vs %s ms (baseline) per step; ", on,
                            optMs.formatShort(), base.formatShort()) + how(m)));
        }
        int opt = backends.indexOf(pure) + 1;
        Allocation optBytes = m.allocation(opt);
        Allocation baseBytes = m.allocation(0);
        double optPerStep = optBytes.perOperation();
        double basePerStep = baseBytes.perOperation();
        boolean exact = optBytes.exact() && baseBytes.exact();
        Estimate fewer = optBytes.available() && baseBytes.available()
                ? Estimate.exact(basePerStep / Math.max(optPerStep, 1.0), "x") : Estimate.missing("x");
        add(new TargetRow("optimized vs baseline at 32×32×16×16, both on " + on + ": fewer bytes allocated per step", g.notation()
                + ", all threads", fewer, "x", ">=", TargetBounds.FEWER_BYTES,
                1e6 * m.time(opt).estimate().median() * 1e3 / g.size(), sims.get(opt).tuning().threads(),
                TargetRow.Kind.COUNT, m.load(), String.format(Locale.ROOT,
                        "ThreadMXBean allocation counters of every thread that ran (pool threads included), over the %d "
                                + "interleaved rounds above%s: baseline %s B/step, optimized (pure Java) %s B/step%s%s",
                        m.rounds(), m.forkCount() > 1 ? " (all forks)" : "", Estimate.number(basePerStep),
                        Estimate.number(optPerStep), optPerStep < 1 ? " (ratio taken against 1 byte)" : "",
                        exact ? "" : "; a thread ended inside the window, so the figures are lower bounds")));
        sims.clear();
    }

    // --- steady-state allocation of an optimized step ----------------------------------------------

    private void allocation() {
        Grid g = plan.allocation();
        for (String b : backends) {
            Simulation sim = Workload.simulation(g, b);
            Solver s = sim.start(Instrumentation.NONE);
            Measurement m = Measure.of(Candidate.of(b, s::step)).named("allocation").budget(share(ALLOCATION, backends.size()))
                    .minSample(Duration.ZERO).run();
            Allocation a = m.allocation(0);
            double ns = 1e9 * m.time(0).median() / g.size();
            StepCensus census = StepCensus.take(s::step, CENSUS_WINDOWS, plan.quick() ? 5 : CENSUS_WINDOW);
            String window = String.format(Locale.ROOT, "ThreadMXBean allocation counters over the %d measured steps after "
                    + "warm-up until steady (%s; escape analysis needs compiled code)", m.rounds(), m.warmup().reason());
            String own = a.available() ? Estimate.number(a.ownPerOperation()) + " B/step on the stepping thread" : "not counted";
            add(new TargetRow("steady-state allocation of an optimized step, solver code (stepping thread), " + backendLabel(b),
                    scenario(g, sim), census != null ? Estimate.exact(census.recurringPerStep(), "B/step")
                    : Estimate.missing("B/step"), "B/step", "=", TargetBounds.STEADY_ALLOCATION_B, ns, sim.tuning().threads(),
                    TargetRow.Kind.COUNT, m.load(), (census == null ? "the JVM cannot count a thread's allocation"
                    : "after the timed window, " + census.describe()) + "; the timed window before it: " + window + ", "
                    + own + "; everything the stepping thread allocates, FFT library calls made on it included (BENCHMARKS.md, "
                    + "\"Steady-state allocation\")"));
            add(new TargetRow("steady-state allocation of an optimized step, all threads (thread pools included), "
                    + backendLabel(b), scenario(g, sim), a.available() ? Estimate.exact(a.perOperation(), "B/step")
                    : Estimate.missing("B/step"), "B/step", "", Double.NaN, ns, sim.tuning().threads(), TargetRow.Kind.COUNT,
                    m.load(), window + ", one-offs included; every thread that ran in the window, counted per thread (never "
                    + "negative)"
                    + (a.exact() ? "" : "; a thread ended inside the window: a lower bound")));
        }
    }

    /** Windows of the step census after an allocation measurement. */
    static final int CENSUS_WINDOWS = 4;
    /** Steps per census window (full harness). */
    static final int CENSUS_WINDOW = 100;

    // --- 2 threads against 1 at 128×64×64 ----------------------------------------------------------

    private void threads() {
        Grid g = plan.threads();
        for (String b : backends) {
            Simulation two = Workload.simulation(g, Workload.optimized(b).withThreads(2));
            ForkedMeasurement m = measure(TargetForks.Threads.class, share(THREADS, backends.size()),
                    List.of(g.notation(), b));
            ForkedFigure speedup = m.speedup(1, 0);
            add(TargetRow.forked("2 threads vs 1 at 128×64×64 (thread scaling: load-sensitive), " + backendLabel(b), g.nx()
                    + "x" + g.ny() + "x" + g.nz() + ", " + two.fftSettings().label() + " vs t1", speedup, "x", ">=",
                    TargetBounds.TWO_THREADS_SPEEDUP, 1e9 * m.time(1).estimate().median() / g.size(), 2,
                    TargetRow.Kind.THREAD_SCALING, m.load(), String.format(Locale.ROOT, "load-sensitive by nature: a "
                            + "process on either core takes time the second thread needs, so this row is flagged on a busy "
                            + "machine and is not expected to agree between a quiet and a loaded run; paired speed-up "
                            + "(1-thread step / 2-thread step, per round): %s ms (1 thread) vs %s ms (2 threads) per step; ",
                            m.time(0).scaled(1e3, "ms").estimate().formatShort(),
                            m.time(1).scaled(1e3, "ms").estimate().formatShort()) + how(m)));
            releaseMemory();
        }
    }

    // --- FFT-bound: step time against transforms × time per transform ------------------------------

    /**
     * The share of the timed steps' time spent inside their transforms: the fork's transform time over the timed rounds
     * ("timedFftNanos") against those rounds' step times {@code stepSeconds}. Warm-up steps stay out of both: summing
     * the transforms of every step, warm-up included, against the timed steps' mean read 99% for a step whose
     * transforms take 78%.
     */
    static double inStepShare(Map<String, String> extras, double[] stepSeconds) {
        double step = 0;
        for (double s : stepSeconds) {
            step += s;
        }
        return Long.parseLong(extras.get("timedFftNanos")) / 1e9 / step;
    }

    private void fftBound() {
        Grid g = plan.fftBound();
        for (String b : fftBoundBackends) {
            Simulation sim = Workload.simulation(g, b);
            FftSettings settings = sim.fftSettings();
            ForkedMeasurement m = measure(TargetForks.FftBound.class, share(FFT_BOUND, fftBoundBackends.size()),
                    List.of(g.notation(), b));
            int forks = m.forkCount();
            double[] nForward = new double[forks];
            double[] nInverse = new double[forks];
            double inStepShare = 0;
            for (int k = 0; k < forks; k++) {
                Map<String, String> x = m.extras(k);
                double steps = Double.parseDouble(x.get("steps"));
                nForward[k] = Double.parseDouble(x.get("forwardCalls")) / steps;
                nInverse[k] = Double.parseDouble(x.get("inverseCalls")) / steps;
                inStepShare += inStepShare(x, m.fork(k).samples(0)) / forks;
            }
            ForkedFigure bound = m.figure(k -> {
                double[] stepS = m.fork(k).samples(0);
                double[] fwdS = m.fork(k).samples(1);
                double[] invS = m.fork(k).samples(2);
                double[] ratio = new double[stepS.length];
                for (int r = 0; r < ratio.length; r++) {
                    ratio[r] = stepS[r] / (nForward[k] * fwdS[r] + nInverse[k] * invS[r]);
                }
                return ratio;
            }, "");
            Estimate step = m.time(0).scaled(1e3, "ms").estimate();
            String on = settings.threads() == 1 ? "1 thread" : settings.threads() + " threads";
            add(TargetRow.forked("FFT-bound: step time / (transforms per step × time per transform), step and transforms "
                    + "on " + on + ", " + backendLabel(b), scenario(g, sim), bound, "", b.equals(FftSettings.JAVA) ? "" : "<=",
                    b.equals(FftSettings.FFTW) ? TargetBounds.FFT_BOUND_FFTW
                            : b.equals(FftSettings.JTRANSFORMS) ? TargetBounds.FFT_BOUND_JTRANSFORMS : Double.NaN, 1e6 * step.median() / g.size(),
                    settings.threads(), settings.threads() >= Runtime.getRuntime().availableProcessors()
                            ? TargetRow.Kind.ALL_CORES : TargetRow.Kind.RATIO,
                    m.load(), String.format(Locale.ROOT, "per round: one step, one forward and one "
                            + "inverse on a separate engine of the same settings (the same thread count), interleaved, the ratio taken per round; "
                            + "step %s ms; %.0f forward × %s ms + %.0f inverse × %s ms; inside the steps the transforms "
                            + "took about %.0f%% of the step time (FftRecorder; the rest is pointwise work, copies and "
                            + "waiting); ", step.formatShort(), nForward[0], m.time(1).scaled(1e3, "ms").estimate().formatShort(),
                            nInverse[0], m.time(2).scaled(1e3, "ms").estimate().formatShort(), 100 * inStepShare) + how(m)));
            if (b.equals(best)) {
                int minimum = minimumTransformsPerStep(sim);
                double steps = Double.parseDouble(m.extras(0).get("steps"));
                add(new TargetRow("transforms per step vs the minimum the equations need", scenario(g, sim),
                        Estimate.exact(nForward[0] + nInverse[0], "transforms/step"), "transforms/step", "<=", minimum,
                        1e6 * step.median() / g.size(), settings.threads(), TargetRow.Kind.COUNT, null,
                        String.format(Locale.ROOT, "counted by the profiler's FftRecorder over %.0f steps%s: %.0f forward + "
                                + "%.0f inverse; minimum %d = 2 full passes × 49 + 1 stiff-data pass × 16 (see the "
                                + "derivation below)", steps, forks > 1 ? " of the first fork" : "", nForward[0], nInverse[0],
                                minimum)));
            }
            releaseMemory();
        }
        details.add(TRANSFORM_DERIVATION);
    }

    /**
     * The fewest 3-D transforms one ARS(2,2,2) step of (4.1), (4.10), (4.12) needs, given physics.md's normative
     * choices (conservative flux divergence §4.1, spectral gradients of exactly ε and v §4.2, three passes §6.3):
     * per full pass 16 (kinematics) + 13 (divergence) + 4 per advected dissipative field; the stiff-data-only
     * third pass needs the kinematics alone.
     */
    static int minimumTransformsPerStep(Simulation sim) {
        return dev.isspectral.profile.TransformBudget.minimumPerStep(sim);
    }

    static final String TRANSFORM_DERIVATION = """
            **The minimum number of transforms per step.** One ARS(2,2,2) step is three right-hand-side passes (physics.md §6.3):
            two full passes (explicit part F_E and stiff data) and one at the last predictor that needs only the stiff data
            K, X_NS. With η > 0 and ζ = 0 the evolved fields are T^{0ν} and the five π^{ij}. Per full pass:
            - kinematics (§4.2): spectral gradients of exactly ε, v^x, v^y, v^z; each gradient is one forward transform and
              three inverse ones (the three components are needed point by point): 4 F + 12 I = 16;
            - flux divergence (4.1), which must stay in conservative form so its k = 0 mode is exactly zero: ∂_i T^{iν} for
              ν = 0..3 needs the transform of every distinct component of the symmetric T^{iν} (T^{0x}, T^{0y}, T^{0z} and
              the six T^{ij}: 9 F, each multiplied by i k_i in k-space and summed) and one inverse per ν (4 I) = 13;
            - advection −v^k ∂_k π^{ij} of (4.12) for the five evolved π^{ij}: 1 F + 3 I each in advective form, or
              3 F + 1 I each as ∂_k(v^k π^{ij}) − π^{ij} ∂_k v^k; 4 either way: 20 (plus 4 for Π when ζ > 0).
            So a full pass needs 49 (18 F + 31 I) and the stiff-data pass 16 (σ^{ij} and θ need all of ∂_i v^j, and ∂_t u from
            (4.3) needs ∂_i ε): 2 × 49 + 16 = 114 transforms per step (40 F + 74 I). Nothing can be reused across passes:
            each pass is at a new state (Ŷ_2's predictor, Ŷ_3's predictor, and the next step's U^{n+1}, whose π differs from
            the last predictor's after the corrector solve, so its primitives differ too).""";

    // --- scaling with N ----------------------------------------------------------------------------

    /**
     * Like {@link dev.isspectral.profile.Scaling}: the grids stepped interleaved (one step of each grid per round,
     * order rotated), so a change of the machine's load falls on every grid alike; the exponent's interval is a
     * bootstrap over each grid's rounds. Every grid on one thread: the exponent is the algorithm's cost against N,
     * not how a team's efficiency changes with N (which on a loaded machine changes with the load).
     */
    private void scaling() {
        List<Grid> grids = plan.scaling().stream().map(Grid::parse).toList();
        Simulation firstSim = Workload.simulation(grids.get(0), Workload.optimized(best).withThreads(1));
        List<String> args = new ArrayList<>(List.of(best));
        grids.forEach(g -> args.add(g.notation()));
        ForkedMeasurement m = measure(TargetForks.Scaling.class, share(SCALING), args);
        int n = grids.size();
        double[] logN = new double[n];
        double[] logNLogN = new double[n];
        StringBuilder table = new StringBuilder("**Scaling** (" + firstSim.fftSettings().label() + "; the grids stepped "
                + "interleaved, " + how(m) + "):\n\n"
                + "| grid | points N | s/step (median [95% CI]) | ns/point/step (median) |\n|---|---|---|---|\n");
        for (int i = 0; i < n; i++) {
            Grid g = grids.get(i);
            logN[i] = Math.log(g.size());
            logNLogN[i] = Math.log(g.size() * (Math.log(g.size()) / Math.log(2)));
            Estimate t = m.time(i).estimate();
            table.append(String.format(Locale.ROOT, "| %dx%dx%d | %d | %s | %.0f |%n", g.nx(), g.ny(), g.nz(), g.size(),
                    t.formatShort(), 1e9 * t.median() / g.size()));
        }
        details.add(table.toString());
        Estimate slopeN = m.bootstrap(s -> Stats.slope(logN, logMedians(s)));
        Estimate slopeNLogN = m.bootstrap(s -> Stats.slope(logNLogN, logMedians(s)));
        Grid first = grids.get(0);
        Grid last = grids.get(n - 1);
        add(new TargetRow("scaling: fitted exponent of step time against N, " + first.nx() + "×" + first.ny() + "×" + first.nz()
                + " … " + last.nx() + "×" + last.ny() + "×" + last.nz() + ", every grid on 1 thread", n + " grids, "
                + firstSim.fftSettings().label() + ", step team " + firstSim.tuning().threads(),
                slopeN, "", "<=", TargetBounds.SCALING_EXPONENT, 1e9 * m.time(n - 1).estimate().median() / last.size(),
                firstSim.tuning().threads(), TargetRow.Kind.RATIO, m.load(), String.format(Locale.ROOT, "least-squares slope "
                        + "of log(median s/step) on log N over %d grids stepped interleaved (the table below), 95%% interval "
                        + "by bootstrap (fixed seed) over %s; against N·log2 N the slope is %s (1 = N log N); ns/point/step "
                        + "given for the largest grid; ", n, m.forkCount() > 1 ? "forks, then each fork's rounds (hierarchical)"
                        : "each grid's rounds", slopeNLogN.formatShort()) + how(m),
                slopeFigure(m, slopeN, logN)));
        releaseMemory();
    }

    /** The slope over forks with each fork's own slope and its bootstrap interval's width, for the spread. */
    private static ForkedFigure slopeFigure(ForkedMeasurement m, Estimate combined, double[] logN) {
        List<Double> slopes = new ArrayList<>();
        double[] widths = new double[m.forkCount()];
        for (int k = 0; k < m.forkCount(); k++) {
            Estimate own = Stats.bootstrap(allSamples(m, k), s -> Stats.slope(logN, logMedians(s)));
            slopes.add(own.median());
            widths[k] = own.relativeWidth();
        }
        double between = m.forkCount() == 1 ? 0 : (slopes.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - slopes.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) / Math.abs(combined.median());
        return new ForkedFigure(combined, m.roundsPerFork(), slopes, between, Stats.median(widths));
    }

    private static double[][] allSamples(ForkedMeasurement m, int fork) {
        double[][] s = new double[m.names().size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = m.fork(fork).samples(i);
        }
        return s;
    }

    private static double[] logMedians(double[][] samples) {
        double[] y = new double[samples.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log(Stats.median(samples[i]));
        }
        return y;
    }
}
