package dev.isspectral.bench;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import dev.isspectral.grid.Grid;
import dev.isspectral.profile.AllocationCounter;
import dev.isspectral.profile.Compare;
import dev.isspectral.profile.FftRecorder;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.trace.Tracer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * The performance targets of issue 4 §5, each measured on the {@link Workload} and judged against its
 * bound: {@code Targets.full("best").run(System.out)}. Every measurement warms up first; settings that
 * are compared are stepped interleaved in one run, so drift of the shared machine falls on both.
 * {@link #quick(String)} runs the same code on tiny grids (for tests; its bounds do not apply).
 */
public final class Targets {

    /** The grids and repeat counts of one harness run. */
    record Plan(boolean quick, Grid run, Grid large, Grid compare, Grid allocation, Grid threads, Grid fftBound,
                List<String> scaling, int runWarmup, int runRepeats, int warmup, int rounds, int heapSteps,
                int allocationSteps, int pairsPerRound) {
    }

    private final Plan plan;
    private final String best;
    private final List<String> backends;   // best first, then pure Java if different
    private final List<TargetRow> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private PrintStream progress;

    private Targets(Plan plan, String requestedBackend) {
        this.plan = plan;
        this.best = Workload.resolveBackend(requestedBackend);
        this.backends = List.copyOf(new LinkedHashSet<>(List.of(best, FftSettings.JTRANSFORMS)));
    }

    /** The grids: 64×64×32×32, 128×128×64×64, 32×32×16×16, 128×64×64, 32×32×16 … 128×128×128. */
    public static Targets full(String backend) {
        return new Targets(new Plan(false, Grid.parse("64x64x32x32"), Grid.parse("128x128x64x64"),
                Grid.parse("32x32x16x16"), Grid.parse("20x32x32x16"), Grid.parse("4x128x64x64"), Grid.parse("5x128x64x64"),
                List.of("4x32x32x16", "4x64x32x32", "4x64x64x32", "3x128x64x64", "3x128x128x64", "3x128x128x128"),
                8, 2, 2, 5, 3, 20, 10), backend);
    }

    /** The same measurements on tiny grids, in seconds; for tests of the harness, not of the targets. */
    public static Targets quick(String backend) {
        return new Targets(new Plan(true, Grid.parse("4x16x8x8"), Grid.parse("2x16x16x8"), Grid.parse("16x16x8x8"),
                Grid.parse("4x16x8x8"), Grid.parse("2x16x16x8"), Grid.parse("2x16x16x8"),
                List.of("2x16x8x8", "2x16x16x8", "2x32x16x16"), 2, 1, 1, 2, 1, 4, 2), backend);
    }

    /** The backend "best" stood for (or the one asked for). */
    public String bestBackend() {
        return best;
    }

    /** Runs every measurement, printing each row as it is measured; returns the report. */
    public TargetsReport run(PrintStream out) {
        progress = out;
        double loadBefore = TargetsReport.loadAverage();
        out.println(TargetsReport.tableHeader());
        runWholeRun();
        largeGrid();
        heap();
        compare();
        allocation();
        threads();
        fftBound();
        scaling();
        return new TargetsReport(plan.quick(), best, rows, details, loadBefore, TargetsReport.loadAverage());
    }

    private void add(TargetRow measured) {
        TargetRow row = new TargetRow(measured.target(), measured.scenario(), measured.measured(), measured.unit(),
                measured.relation(), measured.bound(), measured.nsPerPoint(), measured.threads(), measured.note()
                + String.format(Locale.ROOT, "; load average %.1f when measured", TargetsReport.loadAverage()));
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
        return backend.equals(FftSettings.JTRANSFORMS) ? "pure Java (jtransforms)" : backend;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static void releaseMemory() {
        System.gc();
    }

    /**
     * The simulation of backend {@code b} on {@code g}. For FFTW (the best backend) its FFT threads are what
     * {@link FftTuner} finds fastest for this grid among FFTW r2c double at MEASURE on 1 … cores threads, as
     * {@code Tuning.optimized().withSavedFftTuning()} would after a tuner run; the step's team keeps all cores.
     */
    private Simulation backendSimulation(Grid g, String b) {
        if (!FftSettings.FFTW.equals(b)) {
            return Workload.simulation(g, b);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<FftSettings> candidates = new ArrayList<>();
        for (int t = 1; t <= cores; t++) {
            candidates.add(FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(t)
                    .withRigour(FftSettings.Rigour.MEASURE));
        }
        FftSettings winner = FftTuner.forGrid(g.nx(), g.ny(), g.nz()).withCandidates(candidates).run().winner();
        details.add(String.format(Locale.ROOT, "%s: FFT threads chosen by FftTuner among FFTW MEASURE on 1..%d threads: %s "
                + "(the step's team: %d threads)", g.boxNotation(), cores, winner.label(), cores));
        return Workload.simulation(g, Workload.optimized(b).withFftSettings(winner));
    }

    // --- 64×64×32×32: the whole run --------------------------------------------------------------

    private void runWholeRun() {
        Grid g = plan.run();
        List<Simulation> sims = new ArrayList<>();
        List<Solver> solvers = new ArrayList<>();
        for (String b : backends) {
            Simulation sim = backendSimulation(g, b);
            Solver s = sim.start();
            s.advance(plan.runWarmup());
            sims.add(sim);
            solvers.add(s);
        }
        double[] bestSeconds = new double[backends.size()];
        Arrays.fill(bestSeconds, Double.POSITIVE_INFINITY);
        for (int rep = 0; rep < plan.runRepeats(); rep++) {
            for (int i = 0; i < solvers.size(); i++) {
                long t0 = System.nanoTime();
                solvers.get(i).advance(g.steps());
                bestSeconds[i] = Math.min(bestSeconds[i], (System.nanoTime() - t0) / 1e9);
            }
        }
        String how = String.format(Locale.ROOT, "wall time of %d consecutive steps after %d warm-up steps; best of %d runs, "
                + "the backends' runs alternating", g.steps(), plan.runWarmup(), plan.runRepeats());
        for (boolean pure : new boolean[] {false, true}) {
            int i = backends.indexOf(pure ? FftSettings.JTRANSFORMS : best);
            add(new TargetRow("64×64×32×32: whole 64-step run, " + (pure ? "pure Java" : "best backend (" + best + ")"),
                    scenario(g, sims.get(i)), bestSeconds[i], "s", "<", pure ? 6.0 : 2.5,
                    1e9 * bestSeconds[i] / g.steps() / g.size(), sims.get(i).tuning().threads(), how));
        }
    }

    // --- 128×128×64×64: seconds per step and the solver's memory ----------------------------------

    private void largeGrid() {
        Grid g = plan.large();
        List<Simulation> sims = new ArrayList<>();
        List<Solver> solvers = new ArrayList<>();
        for (String b : backends) {
            Simulation sim = backendSimulation(g, b);
            Solver s = sim.start();
            s.advance(plan.warmup());
            sims.add(sim);
            solvers.add(s);
        }
        double[][] seconds = new double[backends.size()][plan.rounds()];
        for (int r = 0; r < plan.rounds(); r++) {
            for (int i = 0; i < solvers.size(); i++) {
                long t0 = System.nanoTime();
                solvers.get(i).step();
                seconds[i][r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        String how = String.format(Locale.ROOT, "median of %d steps after %d warm-up steps, the backends' steps interleaved "
                + "(the grid's NT = %d is not run in full)", plan.rounds(), plan.warmup(), g.steps());
        for (boolean pure : new boolean[] {false, true}) {
            int i = backends.indexOf(pure ? FftSettings.JTRANSFORMS : best);
            double m = median(seconds[i]);
            add(new TargetRow("128×128×64×64: seconds per step, " + (pure ? "pure Java" : "best backend (" + best + ")"),
                    scenario(g, sims.get(i)), m, "s/step", "<", pure ? 1.2 : 0.4, 1e9 * m / g.size(),
                    sims.get(i).tuning().threads(), how + String.format(Locale.ROOT, "; min %.3f, max %.3f s",
                            Arrays.stream(seconds[i]).min().orElse(Double.NaN), Arrays.stream(seconds[i]).max().orElse(Double.NaN))));
        }
        Solver s = solvers.get(0);
        StringBuilder parts = new StringBuilder();
        for (Solver.MemoryUse m : s.memory()) {
            parts.append(String.format(Locale.ROOT, "%s %.0f, ", m.component(), (double) m.bytes() / g.size()));
        }
        long engine = s.fftEngine().bytesHeld();
        parts.append(String.format(Locale.ROOT, "FFT engine buffers (%s, not in Solver.memory()) %.0f B/point",
                s.fftEngine().backend(), (double) engine / g.size()));
        add(new TargetRow("128×128×64×64: bytes per grid point held by the solver (Solver.memory())", scenario(g, sims.get(0)),
                (double) s.bytesHeld() / g.size(), "B/point", "", Double.NaN, 1e9 * median(seconds[0]) / g.size(),
                sims.get(0).tuning().threads(), "by component, B/point: " + parts));
        sims.clear();
        solvers.clear();
        releaseMemory();
    }

    // --- 128×128×64×64: peak live heap, in a child JVM ---------------------------------------------

    private void heap() {
        Grid g = plan.large();
        for (String b : backends) {
            HeapProbe.Result r = HeapProbe.inChildJvm(g, b, plan.warmup(), plan.heapSteps(), HeapProbe.EXACT);
            Simulation sim = Workload.simulation(g.withSteps(1), b);
            String note = String.format(Locale.ROOT, "fresh child JVM with the serial collector, whose System.gc() compacts "
                    + "the whole heap, so heap used right after it is the live bytes exactly; read before setup, after setup "
                    + "(build + start) and after each of %d steps (after %d warm-up). Peak bound = max over setup and steps of "
                    + "(live at the start + bytes allocated meanwhile by all threads), an upper bound of the peak. Live: before "
                    + "setup %.1f MB, after setup %.1f MB, after steps ≤ %.1f MB; bound over setup %.1f MB (the initial-data "
                    + "garbage counted as live), over a step %.1f MB (a step allocates ≤ %.3f MB); the solver holds %.1f MB, "
                    + "the Simulation keeps the initial state, FFT engine buffers %.1f MB (%s)",
                    plan.heapSteps(), plan.warmup(), r.liveBefore() / 1e6, r.liveAfterSetup() / 1e6, r.maxLiveAtStep() / 1e6,
                    r.setupBound() / 1e6, r.stepBound() / 1e6, r.maxStepBytes() / 1e6, r.solverBytes() / 1e6,
                    r.engineBytes() / 1e6, b.equals(FftSettings.FFTW) ? "native, off the heap" : "on the heap");
            add(new TargetRow("128×128×64×64: peak live heap, " + backendLabel(b), scenario(g, sim), r.peakBound() / 1e6,
                    "MB", "<", 500, r.nsPerPoint(), r.threads(), note));
        }
        HeapProbe.Result g1 = HeapProbe.inChildJvm(g, best, plan.warmup(), plan.heapSteps(), HeapProbe.G1);
        Simulation sim = Workload.simulation(g.withSteps(1), best);
        add(new TargetRow("128×128×64×64: heap in use after a full GC under G1 (the JVM's default collector), " + best,
                scenario(g, sim), Math.max(g1.liveAfterSetup(), g1.maxLiveAtStep()) / 1e6, "MB", "", Double.NaN,
                g1.nsPerPoint(), g1.threads(), String.format(Locale.ROOT, "the same probe with -XX:+UseG1GC (default region "
                        + "size for max heap %.0f MB): G1 keeps every humongous object (an array of half a region or more) in whole "
                        + "regions, so a field array of NX·NY·NZ doubles plus its 16-byte header can take up to twice its size",
                        Runtime.getRuntime().maxMemory() / 1e6)));
    }

    // --- optimized against baseline at 32×32×16×16 -------------------------------------------------

    private void compare() {
        Grid g = plan.compare();
        Simulation optimized = Workload.simulation(g, Tuning.optimized());
        Simulation baseline = Workload.simulation(g, Tuning.baseline());
        // the baseline first, then the optimized tuning on each backend (pure Java is Tuning.optimized() itself)
        List<Simulation> sims = new ArrayList<>(List.of(baseline));
        for (String b : backends) {
            sims.add(b.equals(FftSettings.JTRANSFORMS) ? optimized : Workload.simulation(g, b));
        }
        int rounds = Math.max(3, 2 * plan.rounds());
        Compare.Result r = Compare.of(sims.toArray(Simulation[]::new)).warmup(plan.warmup() + 1).steps(rounds).measure();
        Table t = r.table();
        double baseMs = t.doubleColumn(Compare.MEDIAN_MS).get(0);
        for (int i = 1; i < sims.size(); i++) {
            Simulation opt = sims.get(i);
            double optMs = t.doubleColumn(Compare.MEDIAN_MS).get(i);
            add(new TargetRow("optimized vs baseline at 32×32×16×16: speed-up per step, " + backendLabel(backends.get(i - 1)),
                    g.notation() + ", optimized (" + opt.fftSettings().label() + ") vs baseline (" + baseline.fftSettings().label() + ")",
                    1 / r.ratio(i), "x", ">=", 10, 1e6 * optMs / g.size(), opt.tuning().threads(),
                    String.format(Locale.ROOT, "Compare, the baseline and the optimized tuning on each backend stepped in turn, "
                            + "%d interleaved rounds after %d warm-up steps: median %.2f ms (optimized) vs %.2f ms (baseline) per step "
                            + "(baseline %.0f ns/point/step)", rounds, plan.warmup() + 1, optMs, baseMs, 1e6 * baseMs / g.size())));
        }
        double optMs = t.doubleColumn(Compare.MEDIAN_MS).get(sims.indexOf(optimized));

        AllocationCounter counter = AllocationCounter.jvm();
        Solver[] solvers = {optimized.start(Instrumentation.NONE), baseline.start(Instrumentation.NONE)};
        for (Solver s : solvers) {
            s.advance(plan.warmup() + 1);
        }
        long calibration = allThreadsCalibration(counter);
        long[] bytes = new long[2];
        int steps = Math.max(2, plan.rounds());
        for (int r2 = 0; r2 < steps; r2++) {
            for (int i = 0; i < 2; i++) {
                long a0 = counter.allThreads();
                solvers[i].step();
                bytes[i] += counter.allThreads() - a0 - calibration;
            }
        }
        double opt = Math.max(0, (double) bytes[0] / steps);
        double base = (double) bytes[1] / steps;
        add(new TargetRow("optimized vs baseline at 32×32×16×16: fewer bytes allocated per step", g.notation()
                + ", all threads", base / Math.max(opt, 1.0), "x", ">=", 100, 1e6 * optMs / g.size(),
                optimized.tuning().threads(), String.format(Locale.ROOT, "ThreadMXBean allocation counters of all threads,"
                        + " %d interleaved steps each: baseline %.4g B/step, optimized %.4g B/step%s", steps, base, opt,
                        opt < 1 ? " (ratio taken against 1 byte)" : "")));
    }

    /** Bytes the two readings of {@link AllocationCounter#allThreads()} themselves allocate (their arrays). */
    private static long allThreadsCalibration(AllocationCounter counter) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long a0 = counter.allThreads();
            long a1 = counter.allThreads();
            min = Math.min(min, a1 - a0);
        }
        return min;
    }

    // --- steady-state allocation of an optimized step ----------------------------------------------

    private void allocation() {
        Grid g = plan.allocation();
        AllocationCounter counter = AllocationCounter.jvm();
        for (String b : backends) {
            Simulation sim = Workload.simulation(g, b);
            Solver s = sim.start(Instrumentation.NONE);
            s.advance(plan.allocationSteps());          // JIT warm-up: escape analysis needs compiled code
            long calibration = allThreadsCalibration(counter);
            long thread = 0;
            long all = 0;
            long nanos = 0;
            int steps = plan.allocationSteps();
            for (int i = 0; i < steps; i++) {
                long a0 = counter.allThreads();
                long t0 = counter.currentThread();
                long c0 = System.nanoTime();
                s.step();
                nanos += System.nanoTime() - c0;
                thread += counter.currentThread() - t0;
                all += counter.allThreads() - a0 - calibration;
            }
            double ns = (double) nanos / steps / g.size();
            String how = String.format(Locale.ROOT, "mean over %d steps after %d warm-up steps, ThreadMXBean allocation counters",
                    steps, plan.allocationSteps());
            add(new TargetRow("steady-state allocation of an optimized step, solver code (stepping thread), " + backendLabel(b),
                    scenario(g, sim), (double) thread / steps, "B/step", "=", 0, ns, sim.tuning().threads(),
                    how + "; everything the stepping thread allocates, FFT library calls made on it included"));
            add(new TargetRow("steady-state allocation of an optimized step, all threads (thread pools included), "
                    + backendLabel(b), scenario(g, sim), Math.max(0, (double) all / steps), "B/step", "", Double.NaN, ns,
                    sim.tuning().threads(), how + "; every live thread (worker and FFT pools), less the counters' own arrays"));
        }
    }

    // --- 2 threads against 1 at 128×64×64 ----------------------------------------------------------

    private void threads() {
        Grid g = plan.threads();
        for (String b : backends) {
            Simulation one = Workload.simulation(g, Workload.optimized(b).withThreads(1));
            Simulation two = Workload.simulation(g, Workload.optimized(b).withThreads(2));
            Compare.Result r = Compare.of(one, two).warmup(plan.warmup()).steps(Math.max(2, plan.rounds() - 1)).measure();
            Table t = r.table();
            double oneMs = t.doubleColumn(Compare.MEDIAN_MS).get(0);
            double twoMs = t.doubleColumn(Compare.MEDIAN_MS).get(1);
            add(new TargetRow("2 threads vs 1 at 128×64×64, " + backendLabel(b), g.nx() + "x" + g.ny() + "x" + g.nz() + ", "
                    + two.fftSettings().label() + " vs t1", oneMs / twoMs, "x", ">=", 1.7, 1e6 * twoMs / g.size(), 2,
                    String.format(Locale.ROOT, "Compare, %d interleaved rounds after %d warm-up steps: median %.1f ms (1 thread) vs "
                            + "%.1f ms (2 threads) per step", Math.max(2, plan.rounds() - 1), plan.warmup(), oneMs, twoMs)));
            releaseMemory();
        }
    }

    // --- FFT-bound: step time against transforms × time per transform ------------------------------

    private void fftBound() {
        Grid g = plan.fftBound();
        for (String b : backends) {
            Simulation sim = Workload.simulation(g, b);
            FftRecorder recorder = new FftRecorder(Tracer.OFF, System::nanoTime, false);
            Solver solver = sim.start(new Instrumentation(Tracer.OFF, recorder.decorator()));
            FftSettings settings = sim.fftSettings();
            try (FftEngine alone = FftEngines.create(settings, g.nx(), g.ny(), g.nz())) {
                double[] real = solver.energyDensity();
                double[] spectrum = new double[alone.spectrumLength()];
                double[] back = new double[alone.realLength()];
                solver.advance(plan.warmup());
                for (int i = 0; i < plan.pairsPerRound(); i++) {
                    alone.forward(real, spectrum);
                    alone.inverse(spectrum, back);
                }
                recorder.reset();
                int rounds = Math.max(2, plan.rounds());
                double[] stepSeconds = new double[rounds];
                double[] forwardSeconds = new double[rounds * plan.pairsPerRound()];
                double[] inverseSeconds = new double[rounds * plan.pairsPerRound()];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    solver.step();
                    stepSeconds[r] = (System.nanoTime() - t0) / 1e9;
                    for (int i = 0; i < plan.pairsPerRound(); i++) {
                        long f0 = System.nanoTime();
                        alone.forward(real, spectrum);
                        long f1 = System.nanoTime();
                        alone.inverse(spectrum, back);
                        long f2 = System.nanoTime();
                        forwardSeconds[r * plan.pairsPerRound() + i] = (f1 - f0) / 1e9;
                        inverseSeconds[r * plan.pairsPerRound() + i] = (f2 - f1) / 1e9;
                    }
                }
                long forwardCalls = 0;
                long inverseCalls = 0;
                long inStepNanos = 0;
                for (FftRecorder.Kind k : recorder.kinds()) {
                    if (k.direction().equals("forward")) {
                        forwardCalls += k.calls();
                    } else {
                        inverseCalls += k.calls();
                    }
                    inStepNanos += k.totalNanos();
                }
                double nForward = (double) forwardCalls / rounds;
                double nInverse = (double) inverseCalls / rounds;
                double step = median(stepSeconds);
                double tForward = median(forwardSeconds);
                double tInverse = median(inverseSeconds);
                double transforms = nForward * tForward + nInverse * tInverse;
                double inStepShare = inStepNanos / 1e9 / Arrays.stream(stepSeconds).sum();
                add(new TargetRow("FFT-bound: step time / (transforms per step × time per transform), " + backendLabel(b),
                        scenario(g, sim), step / transforms, "", "<=", 1.3, 1e9 * step / g.size(), settings.threads(),
                        String.format(Locale.ROOT, "%d rounds after %d warm-up steps, each one step then %d forward+inverse pairs on "
                                + "a separate engine of the same settings: median step %.1f ms; %.0f forward × %.3f ms + %.0f inverse × "
                                + "%.3f ms = %.1f ms of transforms; inside the steps the transforms took %.0f%% of the step time "
                                + "(FftRecorder, so the rest, %.1f ms, is pointwise work, copies and waiting)", rounds, plan.warmup(),
                                plan.pairsPerRound(), 1e3 * step, nForward, 1e3 * tForward, nInverse, 1e3 * tInverse,
                                1e3 * transforms, 100 * inStepShare, 1e3 * step * (1 - inStepShare))));
                if (b.equals(best)) {
                    int minimum = minimumTransformsPerStep(sim);
                    add(new TargetRow("transforms per step vs the minimum the equations need", scenario(g, sim),
                            nForward + nInverse, "transforms/step", "<=", minimum, 1e9 * step / g.size(), settings.threads(),
                            String.format(Locale.ROOT, "counted by the profiler's FftRecorder over %d steps: %.0f forward + %.0f inverse; "
                                    + "minimum %d = 2 full passes × 49 + 1 stiff-data pass × 16 (see the derivation below)", rounds,
                                    nForward, nInverse, minimum)));
                }
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
     * Like {@link dev.isspectral.profile.Scaling}, but the grids are stepped interleaved (one step of each grid per round), so a change of
     * the machine's load falls on every grid alike; {@code Scaling} profiles one grid after another, and on a shared
     * machine its exponent moves with the load between grids.
     */
    private void scaling() {
        List<Grid> grids = plan.scaling().stream().map(Grid::parse).toList();
        List<Simulation> sims = new ArrayList<>();
        List<Solver> solvers = new ArrayList<>();
        for (Grid g : grids) {
            Simulation sim = Workload.simulation(g, best);
            Solver s = sim.start(Instrumentation.NONE);
            s.advance(plan.warmup());
            sims.add(sim);
            solvers.add(s);
        }
        int rounds = Math.max(2, plan.rounds() - 2);
        double[][] seconds = new double[grids.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < grids.size(); i++) {
                long t0 = System.nanoTime();
                solvers.get(i).step();
                seconds[i][r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        solvers.clear();
        double[] logN = new double[grids.size()];
        double[] logMedian = new double[grids.size()];
        double[] logMin = new double[grids.size()];
        double[] logNLogN = new double[grids.size()];
        StringBuilder table = new StringBuilder("**Scaling** (" + sims.get(0).fftSettings().label() + "; the grids stepped "
                + "interleaved, " + rounds + " rounds after " + plan.warmup() + " warm-up steps):\n\n"
                + "| grid | points N | s/step (median) | s/step (min) | ns/point/step (median) |\n|---|---|---|---|---|\n");
        for (int i = 0; i < grids.size(); i++) {
            Grid g = grids.get(i);
            double m = median(seconds[i]);
            double min = Arrays.stream(seconds[i]).min().orElse(Double.NaN);
            logN[i] = Math.log(g.size());
            logNLogN[i] = Math.log(g.size() * (Math.log(g.size()) / Math.log(2)));
            logMedian[i] = Math.log(m);
            logMin[i] = Math.log(min);
            table.append(String.format(Locale.ROOT, "| %dx%dx%d | %d | %.4f | %.4f | %.0f |%n", g.nx(), g.ny(), g.nz(), g.size(),
                    m, min, 1e9 * m / g.size()));
        }
        details.add(table.toString());
        Grid first = grids.get(0);
        Grid last = grids.get(grids.size() - 1);
        add(new TargetRow("scaling: fitted exponent of step time against N, " + first.nx() + "×" + first.ny() + "×" + first.nz()
                + " … " + last.nx() + "×" + last.ny() + "×" + last.nz(), grids.size() + " grids, " + sims.get(0).fftSettings().label(),
                slope(logN, logMedian), "", "<=", 1.15, 1e9 * median(seconds[grids.size() - 1]) / last.size(),
                sims.get(0).tuning().threads(), String.format(Locale.ROOT, "least-squares slope of log(median s/step) on "
                        + "log N over %d grids stepped interleaved (%d rounds after %d warm-up steps; the table below); on the "
                        + "minimum s/step the slope is %.3f; against N·log2 N it is %.3f (1 = N log N); ns/point/step given for "
                        + "the largest grid", grids.size(), rounds, plan.warmup(), slope(logN, logMin), slope(logNLogN, logMedian))));
        sims.clear();
        releaseMemory();
    }

    /** Least-squares slope of y on x. */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
