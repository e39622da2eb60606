package dev.isspectral.report;

import dev.isspectral.bench.CommandOptions;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import dev.isspectral.profile.ProfilingOverhead;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.ProgressMeter;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code is-spectral profile --grid NTxNXxNYxNZ --tuning optimized|baseline --steps N --out path.html}:
 * profiles the sound-wave case (mode (1,0,0), amplitude 1e-3, conformal EOS, η/s = 0.08) and writes
 * the standalone HTML report to {@code path.html}, with {@code path-<table>.csv} per table and
 * {@code path.json} beside it, each written atomically. With {@code --overhead} it instead measures
 * the profiler's own cost ({@link ProfilingOverhead}) and writes nothing.
 * {@code is-spectral profile compare a.json b.json --out c.html} compares two such exports in one report
 * ({@link ProfileComparison}). Bad arguments print one line and return 2.
 */
public final class ProfileCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (profile):
              --grid NTxNXxNYxNZ     grid; NT is the number of measured steps unless --steps (default 32x32x16x16)
              --tuning NAME          optimized (default) or baseline
              --backend NAME         the tuning's FFT backend: java, jtransforms, fftw (needs the is-spectral-fftw jar)
                                     or best (FFTW where it loads, else java); default: the tuning's own
              --threads N            threads of the step and its transforms (default: the tuning's own, all cores)
              --steps N              measured steps (default NT of --grid)
              --warmup N             warm-up steps, not measured (default 4)
              --steady-limit SECONDS after them, warm up until steady (the JIT quiet, step times flat) for at most
                                     this long (default 30; 0 = the --warmup steps alone)
              --out FILE.html        the HTML report; FILE-<table>.csv and FILE.json are written beside it
              --large-allocations B  Flight Recorder threshold in bytes (default 1048576; 0 = off)
              --no-redundancy        do not hash FFT inputs to count repeated transforms
              --overhead             measure the profiler's overhead instead (off / on, interleaved; needs no --out)
              --rounds N             fewest interleaved rounds for --overhead (default 40; 95% intervals)
              --no-progress          no progress line (shown on stderr only when stdout is a terminal)
            options (profile compare A.json B.json --out C.html): the two exports' headlines side by side,
              per-span differences with 95% intervals, step times and breakdown overlaid
            """;

    private static final String USAGE = "usage: is-spectral profile [--grid 32x32x16x16] [--tuning optimized|baseline]"
            + " [--backend java|jtransforms|fftw|best] [--threads N] [--steps N] [--warmup 4] --out report.html; see --help";

    private ProfileCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status (0 done, 2 bad arguments, 1 could not write). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("compare")) {
            return compare(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        try {
            Options o = Options.parse(args);
            Tuning tuning = CommandOptions.tuning(o.tuning, o.backend, o.threads);
            Simulation sim = Simulation.builder().grid(o.grid).eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                    .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(tuning).build();
            if (o.overhead) {
                ProfilingOverhead.Result r = ProfilingOverhead.of(sim).warmup(o.warmup).rounds(o.rounds).run();
                out.printf(Locale.ROOT, "grid %s (%d steps of a %s box), tuning %s, %d cores, %s %s%n", o.grid.notation(),
                        o.grid.steps(), o.grid.boxNotation(), tuning.name(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"), System.getProperty("java.version"));
                out.println(r.toText());
                return 0;
            }
            Profiler profiler = Profiler.of(sim).warmup(o.warmup).redundancy(o.redundancy).largeAllocations(o.largeThreshold);
            if (o.steadyLimitSeconds > 0) {
                profiler = profiler.warmupUntilSteady(java.time.Duration.ofSeconds(o.steadyLimitSeconds));
            }
            if (o.steps != null) {
                profiler = profiler.steps(o.steps);
            }
            ProgressMeter progress = ProgressMeter.onTerminal(o.progress) ? ProgressMeter.terminal(err) : ProgressMeter.none();
            Profiler configured = profiler;
            Profile profile = progress.during("profile " + o.grid.notation() + " (" + o.warmup + " warm-up"
                            + (o.steadyLimitSeconds > 0 ? ", then until steady" : "") + ", measured steps)",
                    configured::run);
            List<Path> files = ProfileReport.writeHtml(profile, o.out);
            out.println(profile);
            out.println(profile.headline().toText());
            out.println("wrote " + files.get(0) + " and, beside it, " + (files.size() - 2) + " CSV files and "
                    + files.get(files.size() - 1).getFileName());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    private static final String COMPARE_USAGE = "usage: is-spectral profile compare A.json B.json --out C.html";

    /** {@code compare A.json B.json --out C.html}: returns 0 done, 2 bad arguments, 1 could not read or write. */
    static int compare(String[] args, PrintStream out, PrintStream err) {
        List<Path> inputs = new java.util.ArrayList<>();
        Path html = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length) {
                    err.println("error: option --out needs a value; " + COMPARE_USAGE);
                    return 2;
                }
                String value = args[++i];
                if (!value.endsWith(".html") || value.endsWith("/.html") || value.equals(".html")) {
                    err.println("error: --out = \"" + value + "\"; must be a file name ending in .html");
                    return 2;
                }
                html = Path.of(value);
            } else if (args[i].startsWith("--")) {
                err.println("error: unknown option " + args[i] + "; " + COMPARE_USAGE);
                return 2;
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.size() != 2) {
            err.println("error: profiles = " + inputs.size() + " files; must be exactly two JSON exports (written beside "
                    + "each report by is-spectral profile); " + COMPARE_USAGE);
            return 2;
        }
        if (html == null) {
            err.println("error: --out is required (the HTML report, e.g. --out compare.html); " + COMPARE_USAGE);
            return 2;
        }
        String[] json = new String[2];
        for (int i = 0; i < 2; i++) {
            try {
                json[i] = java.nio.file.Files.readString(inputs.get(i));
            } catch (java.io.IOException e) {
                err.println("error: profile " + inputs.get(i) + " cannot be read: " + e);
                return 1;
            }
        }
        ProfileComparison c;
        try {
            c = ProfileComparison.of(json[0], name(inputs.get(0)), json[1], name(inputs.get(1)));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            ProfileReport.writeAtomically(html, c.html());
        } catch (java.io.IOException e) {
            err.println("error: writing " + html + ": " + e);
            return 1;
        }
        for (String f : c.findings()) {
            out.println(f);
        }
        out.println("wrote " + html);
        return 0;
    }

    private static String name(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    /** Parsed and checked options. */
    private static final class Options {
        Grid grid = Grid.parse("32x32x16x16");
        /** --grid as given. */
        String gridText = "32x32x16x16";
        Tuning tuning = Tuning.optimized();
        String backend;
        Integer threads;
        int warmup = 4;
        /** Seconds of warm-up until steady after the fixed steps; 0 = none. */
        int steadyLimitSeconds = 30;
        Integer steps;
        Path out;
        long largeThreshold = 1L << 20;
        boolean redundancy = true;
        boolean overhead;
        int rounds = 40;
        boolean progress = true;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--overhead")) {
                    o.overhead = true;
                    continue;
                }
                if (option.equals("--no-redundancy")) {
                    o.redundancy = false;
                    continue;
                }
                if (option.equals("--no-progress")) {
                    o.progress = false;
                    continue;
                }
                if (!option.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument \"" + option + "\"; " + USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value; " + USAGE);
                }
                String value = args[++i];
                switch (option) {
                    case "--grid" -> {
                        o.grid = Grid.parse("--grid", value);
                        o.gridText = value;
                    }
                    case "--tuning" -> o.tuning = CommandOptions.preset(option, value);
                    case "--backend" -> o.backend = dev.isspectral.bench.Workload.resolveBackend(value);
                    case "--threads" -> o.threads = CommandOptions.whole(option, value, CommandOptions.MAX_THREADS);
                    case "--warmup" -> o.warmup = CommandOptions.atLeast(option, value, 0);
                    case "--steady-limit" -> o.steadyLimitSeconds = CommandOptions.atLeast(option, value, 0);
                    case "--steps" -> o.steps = CommandOptions.atLeast(option, value, 1);
                    case "--rounds" -> o.rounds = CommandOptions.atLeast(option, value, 1);
                    case "--large-allocations" -> {
                        try {
                            o.largeThreshold = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--large-allocations = \"" + value + "\"; must be a whole number of bytes");
                        }
                        if (o.largeThreshold < 0) {
                            throw new IllegalArgumentException("--large-allocations = " + value + "; must be >= 0 (0 = off)");
                        }
                    }
                    case "--out" -> {
                        if (!value.endsWith(".html") || value.endsWith("/.html") || value.equals(".html")) {
                            throw new IllegalArgumentException("--out = \"" + value + "\"; must be a file name ending in .html");
                        }
                        o.out = Path.of(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
                }
            }
            if (o.steps == null && o.grid.steps() < 1) {
                throw new IllegalArgumentException("--grid = \"" + o.gridText + "\" has NT = " + o.grid.steps()
                        + " steps; must be >= 1 (or give --steps)");
            }
            if (o.out == null && !o.overhead) {
                throw new IllegalArgumentException("--out is required (the HTML report, e.g. --out profile.html); " + USAGE);
            }
            return o;
        }
    }
}
