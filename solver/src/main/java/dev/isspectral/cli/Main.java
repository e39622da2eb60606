package dev.isspectral.cli;

import dev.isspectral.bench.BuildsCommand;
import dev.isspectral.bench.CommandOptions;
import dev.isspectral.bench.Float32Command;
import dev.isspectral.bench.LeversCommand;
import dev.isspectral.bench.PlaceCommand;
import dev.isspectral.bench.ScalingCommand;
import dev.isspectral.bench.TargetsCommand;
import dev.isspectral.bench.Workload;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.report.ProfileCommand;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.ProgressMeter;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.SimulationException;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;
import dev.isspectral.sim.Tuning;
import dev.isspectral.time.Integrators;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


/**
 * The command line: {@code is-spectral run <case> [options]}, {@code is-spectral bench [options]},
 * {@code is-spectral profile [options]} ({@link ProfileCommand}), {@code is-spectral cases},
 * {@code is-spectral --help}. Bad arguments print one line and exit 2;
 * a simulation that fails prints its error and exits 1.
 */
public final class Main {

    private static final String USAGE = """
            usage: is-spectral run <case> [options]     run a named case, one line per step and a summary
                   is-spectral bench [options]          seconds per step and peak heap on several grids
                   is-spectral bench targets [options]  measure every performance target of issue 4 (verdicts from 95% intervals)
                   is-spectral bench scaling [options]  speed-up and efficiency against threads, with 95% intervals
                   is-spectral bench levers [options]   each optimization off and on: speed-up with its 95% interval
                   is-spectral bench float32 [--out F]  accuracy cost of float32 storage of the fields (emulated by rounding)
                   is-spectral bench place NAME --into FILE.md REPORT.md...   put reports into a marked section
                   is-spectral bench builds [options]   two builds' step time in two worker JVMs (bench-builds.sh)
                   is-spectral profile [options]        profile the sound wave: HTML report, CSV and JSON
                   is-spectral profile compare A.json B.json --out C.html   compare two profiles in one report
                   is-spectral cases                    list the cases
                   is-spectral --help                   this text

            options (run):
              --grid NTxNXxNYxNZ     steps and box points, e.g. 32x32x16x16 (default: the case's grid)
              --box L | Lx,Ly,Lz     box lengths (default 2*pi)
              --eta-over-s X         shear viscosity over entropy density (default 0.08)
              --zeta-over-s X        bulk viscosity over entropy density (default 0; needs --cs2 < 1/3)
              --b-pi X               tau_pi (eps+P)/eta (default 5; causality needs >= 2 when conformal)
              --cs2 X                constant speed of sound squared in (0, 1/3] (default 1/3, conformal)
              --variant DNMR|MIS     second-order terms (default DNMR)
              --integrator NAME      ars222 (IMEX, default) or ssprk3
              --tuning NAME          optimized (default) or baseline: the same physics, the naive way or the tuned one
              --backend NAME         the tuning's FFT backend: java, jtransforms, fftw (needs the is-spectral-fftw jar)
                                     or best (FFTW where it loads, else java); default: the tuning's own
              --threads N            threads of the step and its transforms, 1 … 256 (default: the tuning's own)
              --dt X                 fixed time step (default: the CFL limit, physics.md eq. 6.3; ssprk3 also eq. 6.4)
              --filter               exponential filter after each step (alpha = 36, p = 36)
              --dealias              2/3-rule dealiasing after each step
              --every N              print every N-th step (default 1; with --snapshots also the snapshot interval)
              --no-progress          (run, bench) no progress line; it is shown on stderr only when stdout is a terminal
            options (bench):
              --grids G1,G2,...      NTxNXxNYxNZ grids (default 16x16x8x8,32x32x16x16,64x64x32x32)
              --warmup N             steps before the method's own warm-up, which runs until steady (default 3)
            """ + TargetsCommand.OPTIONS + ScalingCommand.OPTIONS + LeversCommand.OPTIONS + Float32Command.OPTIONS + BuildsCommand.OPTIONS + ProfileCommand.OPTIONS;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            // --help anywhere ("run --help", "bench targets --help") is the help, not a case or an option's value
            boolean help = Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
            if (args.length == 0 || help || args[0].equals("help")) {
                out.print(USAGE);
                String more = RunExtensions.usage();
                if (!more.isEmpty()) {
                    out.print("options (run, from modules on the class path):\n" + more);
                }
                out.println();
                printCases(out);
                return args.length == 0 ? 2 : 0;
            }
            switch (args[0]) {
                case "cases" -> {
                    if (args.length > 1) {
                        throw new UsageException("cases takes no arguments; got \"" + args[1] + "\"");
                    }
                    printCases(out);
                }
                case "run" -> runCase(Arrays.copyOfRange(args, 1, args.length), out);
                case "bench" -> {
                    if (args.length > 1 && args[1].equals("targets")) {
                        return TargetsCommand.run(Arrays.copyOfRange(args, 2, args.length), out, err);
                    }
                    if (args.length > 1 && args[1].equals("place")) {
                        return PlaceCommand.run(Arrays.copyOfRange(args, 2, args.length), out, err);
                    }
                    if (args.length > 1 && args[1].equals("levers")) {
                        return LeversCommand.run(Arrays.copyOfRange(args, 2, args.length), out, err);
                    }
                    if (args.length > 1 && args[1].equals("float32")) {
                        return Float32Command.run(Arrays.copyOfRange(args, 2, args.length), out, err);
                    }
                    if (args.length > 1 && args[1].equals("builds")) {
                        return BuildsCommand.run(Arrays.copyOfRange(args, 2, args.length), out, err);
                    }
                    if (args.length > 1 && args[1].equals("scaling")) {
                        return ScalingCommand.run(Arrays.copyOfRange(args, 2, args.length), out, err);
                    }
                    bench(Arrays.copyOfRange(args, 1, args.length), out);
                }
                case "profile" -> {
                    return ProfileCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
                }
                default -> throw new UsageException("command = \"" + args[0] + "\"; must be run, bench, profile, cases or --help");
            }
            return 0;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (SimulationException e) {
            err.println("simulation stopped: " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            // a wrapper that already carries its cause's message (AtomicWrite's) says it once
            String cause = e.getCause() == null ? null : e.getCause().getMessage();
            err.println("error: " + e.getMessage() + (cause == null || String.valueOf(e.getMessage()).contains(cause) ? "" : ": " + cause));
            return 1;
        } catch (OutOfMemoryError e) {
            // the memory check before each large allocation should prevent this; say what happened in one line
            err.println("error: out of memory (" + e.getMessage() + "); maximum heap -Xmx = "
                    + Runtime.getRuntime().maxMemory() / 1048576 + " MiB: use a smaller --grid or raise -Xmx");
            return 1;
        } catch (RuntimeException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    private static void printCases(PrintStream out) {
        out.println("cases:");
        for (Cases.Case c : Cases.all().values()) {
            out.printf(Locale.ROOT, "  %-15s %-12s %s%n", c.name(), c.defaultGrid(), c.description());
        }
    }

    private static void runCase(String[] args, PrintStream out) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new UsageException("run needs a case name; one of " + String.join(", ", Cases.all().keySet()));
        }
        Cases.Case c = Cases.get(args[0]);
        Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length), false);
        int gridSteps = o.grid == null ? 1 : Grid.parse(o.grid).steps();
        if (gridSteps < 1) {
            throw new UsageException("--grid = \"" + o.grid + "\" has NT = " + gridSteps
                    + " steps; must be NTxNXxNYxNZ with NT >= 1 (e.g. 32x32x16x16)");
        }
        Simulation sim = o.configure(Simulation.builder().grid(o.grid == null ? c.defaultGrid() : o.grid), c.initial()).build();
        out.println(sim);
        out.println();
        RunExtensions extensions = RunExtensions.open(o.extensionValues, o.every, out);
        Solver solver = extensions.start(sim);          // a fresh solver, or one restored from a checkpoint
        long first = solver.stepCount() + 1;
        double e0 = Observables.totalEnergy().measure(solver);
        out.printf(Locale.ROOT, "%8s %12s %12s %10s %20s %12s %12s %8s %10s%n", "step", "time", "dt", "cfl",
                "total_energy", "max_speed", "min_eps", "iter", "ms");
        long steps = sim.grid().steps();
        ProgressMeter progress = ProgressMeter.onTerminal(o.progress) ? ProgressMeter.terminal(System.err) : ProgressMeter.none();
        progress.start("run " + sim.grid().notation(), steps, Double.NaN);
        long start = System.nanoTime();
        for (long n = first; n <= steps; n++) {
            solver.step();
            StepStatistics st = solver.lastStep();
            progress.advance(n, solver.time());
            extensions.afterStep(solver, st);
            if (n % o.every == 0 || n == steps) {
                progress.clear();
                out.printf(Locale.ROOT, "%8d %12.6f %12.6g %10.4f %20.14g %12.6g %12.8f %8.2f %10.3f%n", st.step(), st.time(),
                        st.dt(), st.cfl(), Observables.totalEnergy().measure(solver), Observables.maxSpeed(solver),
                        Observables.minEnergyDensity().measure(solver), st.meanRecoveryIterations(), st.wallNanos() / 1e6);
            }
        }
        extensions.finished(solver);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.finish();
        long taken = Math.max(0, steps - first + 1);
        double e1 = Observables.totalEnergy().measure(solver);
        out.println();
        out.printf(Locale.ROOT, "summary: %d steps of a %s box (%s) to t = %.6g in %.3f s (%.3f ms/step, %.1f ns per cell per step)%n",
                taken, sim.grid().boxNotation(), sim.grid().notation(), solver.time(), seconds, 1e3 * seconds / Math.max(1, taken),
                1e9 * seconds / Math.max(1, taken) / sim.grid().size());
        out.printf(Locale.ROOT, "         total energy %.15g -> %.15g (relative change %.2e); max |v| = %.6g; solver holds %.2f MiB%n",
                e0, e1, (e1 - e0) / e0, Observables.maxSpeed(solver), solver.bytesHeld() / 1048576.0);
    }

    private static void bench(String[] args, PrintStream out) {
        Options o = Options.parse(args, true);
        String[] grids = o.grids == null ? new String[] {"16x16x8x8", "32x32x16x16", "64x64x32x32"} : o.grids;
        RunContext context = RunContext.start();
        out.printf(Locale.ROOT, "IS-Spectral benchmark: sound wave, eta/s = %.3g, %s, %d cores, %s%n", o.etaOverS, o.integrator,
                Runtime.getRuntime().availableProcessors(), context);
        out.println("each grid: " + o.warmup + " steps, then warm-up until steady and interleaved rounds until the 95% "
                + "interval is 4% wide or " + BENCH_BUDGET.toSeconds() + " s have passed (NT is not used)");
        out.printf(Locale.ROOT, "%-14s %10s %6s %12s %12s %12s %14s %12s %14s %14s  %s%n", "grid", "points", "rounds",
                "s/step med", "95% CI low", "95% CI high", "ns/cell/step", "alloc/step", "peak heap MiB", "solver MiB", "load");
        ProgressMeter progress = ProgressMeter.onTerminal(o.progress) ? ProgressMeter.terminal(System.err) : ProgressMeter.none();
        for (String g : grids) {
            Grid grid = Grid.parse(g);
            Simulation sim = o.configure(Simulation.builder().grid(grid), Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
            System.gc();
            resetPeaks();
            Solver solver = sim.start();
            solver.advance(o.warmup);
            Measurement m = progress.during("bench " + grid.notation() + " (budget " + BENCH_BUDGET.toSeconds() + " s)",
                    () -> Measure.of(Candidate.of(grid.notation(), solver::step)).budget(BENCH_BUDGET)
                            .minSample(java.time.Duration.ZERO).run());
            Estimate e = m.time(0);
            out.printf(Locale.ROOT, "%-14s %10d %6d %12.5f %12.5f %12.5f %14.1f %12s %14.1f %14.2f  %s%n", grid.notation(),
                    grid.size(), m.rounds(), e.median(), e.low(), e.high(), 1e9 * e.median() / grid.size(),
                    m.allocation(0).format().replace("/op", ""), peakHeap() / 1048576.0, solver.bytesHeld() / 1048576.0,
                    m.load().busyText());
        }
        out.println("peak heap = sum over heap pools of their peak use since the case started (an upper bound of the true peak); "
                + "alloc/step: all threads, \"≥\" a lower bound where a thread ended in the window");
        out.println(context.finish());
    }

    /** Time budget of each grid of {@code bench}. */
    private static final java.time.Duration BENCH_BUDGET = java.time.Duration.ofSeconds(10);

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Parsed options; each value is validated where it is read. */
    static final class Options {
        /** --grid as given (checked where it is read), so an error can echo it. */
        String grid;
        String[] grids;
        double[] box;
        double etaOverS = 0.08;
        double zetaOverS = 0;
        double bPi = Transport.DEFAULT_B_PI;
        double cs2 = Double.NaN;   // NaN = not given (conformal); a given value is checked to be in (0, 1/3]
        Transport.Variant variant = Transport.Variant.DNMR;
        String integrator = "ars222";
        double dt = Double.NaN;    // NaN = not given (CFL step); a given value is checked to be finite and > 0
        boolean filter;
        boolean dealias;
        int every = 1;
        /** Values of options that a {@link RunExtension} takes (--snapshots, --restart, ...), by option name. */
        final java.util.Map<String, String> extensionValues = new java.util.LinkedHashMap<>();
        int warmup = 3;
        boolean progress = true;
        /** --tuning, --backend, --threads: null where not given (the builder's default, the optimized tuning). */
        Tuning tuning;
        String backend;
        Integer threads;

        static Options parse(String[] args, boolean bench) {
            Options o = new Options();
            List<String> list = new ArrayList<>(List.of(args));
            for (int i = 0; i < list.size(); i++) {
                String a = list.get(i);
                switch (a) {
                    case "--filter" -> o.filter = true;
                    case "--dealias" -> o.dealias = true;
                    case "--no-progress" -> o.progress = false;
                    default -> {
                        if (!a.startsWith("--")) {
                            throw new UsageException("unexpected argument \"" + a + "\"; see --help");
                        }
                        if (i + 1 >= list.size()) {
                            throw new UsageException("option " + a + " needs a value; see --help");
                        }
                        String v = list.get(++i);
                        o.set(a, v, bench);
                    }
                }
            }
            return o;
        }

        private void set(String option, String value, boolean bench) {
            switch (option) {
                case "--grid" -> {
                    Grid.parse("--grid", value);
                    grid = value;
                }
                case "--grids" -> {
                    grids = value.split(",", -1);
                    for (String g : grids) {
                        int steps;
                        try {
                            steps = Grid.parse(g).steps();
                        } catch (IllegalArgumentException e) {
                            throw new UsageException("--grids entry \"" + g + "\": " + e.getMessage());
                        }
                        if (steps < 1) {
                            throw new UsageException("--grids entry \"" + g + "\" has NT = " + steps
                                    + " timed steps; each entry must be NTxNXxNYxNZ with NT >= 1 (e.g. 16x16x8x8)");
                        }
                    }
                }
                case "--box" -> {
                    String[] parts = value.split(",");
                    if (parts.length != 1 && parts.length != 3) {
                        throw new UsageException("--box = \"" + value + "\"; must be L or Lx,Ly,Lz");
                    }
                    box = new double[3];
                    for (int d = 0; d < 3; d++) {
                        box[d] = positiveNumber(option, parts[parts.length == 1 ? 0 : d]);
                    }
                }
                case "--eta-over-s" -> etaOverS = nonNegativeNumber(option, value);
                case "--zeta-over-s" -> zetaOverS = nonNegativeNumber(option, value);
                case "--b-pi" -> bPi = positiveNumber(option, value);
                case "--cs2" -> {
                    cs2 = number(option, value);
                    if (!(cs2 > 0 && cs2 <= 1.0 / 3.0)) {
                        throw new UsageException(option + " = " + value + "; must be a number in (0, 1/3]");
                    }
                }
                case "--variant" -> {
                    try {
                        variant = Transport.Variant.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--variant = \"" + value + "\"; must be DNMR or MIS");
                    }
                }
                case "--integrator" -> {
                    try {
                        Integrators.byName(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--integrator = \"" + value + "\"; must be ars222 or ssprk3");
                    }
                    integrator = value;
                }
                case "--dt" -> dt = positiveNumber(option, value);
                case "--every" -> every = CommandOptions.atLeast(option, value, 1);
                case "--tuning" -> tuning = CommandOptions.preset(option, value);
                case "--backend" -> backend = Workload.resolveBackend(value);
                case "--threads" -> threads = CommandOptions.whole(option, value, CommandOptions.MAX_THREADS);
                case "--warmup" -> warmup = CommandOptions.atLeast(option, value, 0);
                default -> {
                    if (!bench && RunExtensions.takes(option)) {
                        extensionValues.put(option, value);
                    } else {
                        throw new UsageException("unknown option " + option + "; see --help");
                    }
                }
            }
            if (bench && (option.equals("--grid") || option.equals("--every"))) {
                throw new UsageException("option " + option + " is for run, not bench; bench takes --grids and --warmup (see --help)");
            }
        }

        Simulation.Builder configure(Simulation.Builder b, Initial initial) {
            if (box != null) {
                b = b.box(box[0], box[1], box[2]);
            }
            Eos eos = Double.isNaN(cs2) ? Eos.conformal() : Eos.constantSoundSpeed(cs2);
            Transport t = Transport.etaOverS(etaOverS).bPi(bPi).variant(variant);
            if (zetaOverS > 0) {
                if (!(cs2 < 1.0 / 3.0)) {
                    throw new UsageException("--zeta-over-s = " + zetaOverS + " with " + (Double.isNaN(cs2) ? "the conformal EOS"
                            : "--cs2 = " + cs2) + ": a bulk viscosity (kinetic tau_Pi, physics.md eq. 3.3a) must have --cs2 < 1/3");
                }
                t = t.zetaOverS(zetaOverS);
            }
            b = b.eos(eos).transport(t).initial(initial).integrator(Integrators.byName(integrator))
                    .dealias(dealias).exponentialFilter(filter);
            if (!Double.isNaN(dt)) {
                b = b.timeStep(dt);
            }
            if (tuning != null || backend != null || threads != null) {
                b = b.tuning(CommandOptions.tuning(tuning, backend, threads));
            }
            return b;
        }

        /** A finite number; NaN and the infinities are refused, never read as "not given". */
        private static double number(String option, String value) {
            double x;
            try {
                x = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " = \"" + value + "\"; must be a number");
            }
            if (!Double.isFinite(x)) {
                throw new UsageException(option + " = " + value + "; must be a finite number");
            }
            return x;
        }

        private static double nonNegativeNumber(String option, String value) {
            double x = number(option, value);
            if (!(x >= 0)) {
                throw new UsageException(option + " = " + value + "; must be a finite number >= 0");
            }
            return x;
        }

        private static double positiveNumber(String option, String value) {
            double x = number(option, value);
            if (!(x > 0)) {
                throw new UsageException(option + " = " + value + "; must be a finite number > 0");
            }
            return x;
        }
    }
}
