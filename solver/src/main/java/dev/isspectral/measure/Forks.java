package dev.isspectral.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The method over JVMs, as JMH forks: {@code Forks.of(MySetup.class, "64x32x32").forks(3).budget(d).run()} runs the
 * {@link Measure} that {@link ForkSetup} builds in {@code forks} fresh JVMs, one after another (never at the same
 * time: they would share the cores), each with its share of the budget (warm-up until steady, interleaved rotated
 * rounds), and combines their rounds ({@link ForkedMeasurement}: medians over all rounds, intervals from the
 * hierarchical bootstrap over forks and rounds). Why: one JVM's figure depends on that JVM (JIT profile, code layout,
 * FFT plans chosen by timing); measured on 2026-12-04 on a quiet 2-core machine, the same 128×128×64×64 FFTW step was
 * 0.290 [0.284, 0.295] s in one JVM and 0.414 [0.404, 0.430] s in another, intervals within one JVM far narrower than
 * the difference.
 *
 * <p>A fork gets this JVM's class path ({@code java.class.path}) and JVM options (its input arguments, without
 * debugger and Java agents), {@code java.home/bin/java}; it prints its rounds as lines prefixed {@value #PREFIX} (other
 * output is kept only for an error message). Each fork is told its index ({@link ForkSetup#measure(List, int)}), so a
 * setup can alternate between forks which candidate it builds first and which leads the rotation; every fork's
 * candidates are put back into the first fork's order. {@code forks(1)} runs the setup in this JVM instead: the method as it
 * was before forks. The forks' CPU time counts as this process's own in {@link MachineLoad} (they are waited-for
 * children, booked in {@code /proc/self/stat}'s cutime and cstime). Immutable.
 */
public final class Forks {

    /** Prefix of the lines a fork prints for its parent. */
    static final String PREFIX = "is-spectral-fork ";

    private final Class<? extends ForkSetup> setup;
    private final List<String> args;
    private final int forks;
    private final Duration budget;
    private final List<String> jvmOptions;
    private final Duration warmupLimit;

    private Forks(Class<? extends ForkSetup> setup, List<String> args, int forks, Duration budget, List<String> jvmOptions,
                  Duration warmupLimit) {
        this.warmupLimit = warmupLimit;
        this.setup = setup;
        this.args = List.copyOf(args);
        this.forks = forks;
        this.budget = budget;
        this.jvmOptions = jvmOptions == null ? null : List.copyOf(jvmOptions);
    }

    /** The measurement {@code setup} builds from {@code args}; 3 forks, budget 20 s over all of them. */
    public static Forks of(Class<? extends ForkSetup> setup, List<String> args) {
        if (setup == null) {
            throw new IllegalArgumentException("setup = null; must be a ForkSetup class");
        }
        for (String a : args) {
            if (a == null) {
                throw new IllegalArgumentException("args = " + args + "; must not hold null");
            }
        }
        return new Forks(setup, args, 3, Duration.ofSeconds(20), null, null);
    }

    /** {@link #of(Class, List)} with arguments given one by one. */
    public static Forks of(Class<? extends ForkSetup> setup, String... args) {
        return of(setup, List.of(args));
    }

    /** {@code n} (>= 1) forks; 1 runs in this JVM. */
    public Forks forks(int n) {
        if (n < 1 || n > 100) {
            throw new IllegalArgumentException("forks = " + n + "; must be 1 … 100 (1 = in this JVM)");
        }
        return new Forks(setup, args, n, budget, jvmOptions, warmupLimit);
    }

    /** The time budget of all forks' warm-up and rounds together (each fork gets an equal share); {@code > 0}. */
    public Forks budget(Duration total) {
        if (total == null || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("budget = " + total + "; must be a positive duration");
        }
        return new Forks(setup, args, forks, total, jvmOptions, warmupLimit);
    }

    /** The forks' JVM options instead of this JVM's ({@link #parentJvmOptions()}). */
    public Forks jvmOptions(List<String> options) {
        if (options == null || options.stream().anyMatch(o -> o == null || o.isBlank())) {
            throw new IllegalArgumentException("jvmOptions = " + options + "; must be a list of non-blank options");
        }
        return new Forks(setup, args, forks, budget, options, warmupLimit);
    }

    /**
     * Each fork's warm-up runs until steady or until {@code limit}, on top of the fork's share of the budget, which
     * then goes to measured rounds alone ({@link Measure#warmupLimit}); without it warm-up takes at most a share of
     * the fork's budget. {@code > 0}.
     */
    public Forks warmupLimit(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("warmupLimit = " + limit + "; must be a positive duration");
        }
        return new Forks(setup, args, forks, budget, jvmOptions, limit);
    }

    /** The number of forks. */
    public int forkCount() {
        return forks;
    }

    /**
     * The least rounds each fork measures: with one fork the method's own minimum (6, the fewest that give a 95%
     * interval); with F forks max(3, ⌈6/F⌉), so F forks together still measure at least 6 rounds (the combined
     * interval comes from resampling forks and rounds, not from one fork's order statistics) while the fixed cost a
     * fork adds — JVM start, set-up, warm-up — is not multiplied by a full 6-round floor. Rows whose budget share is
     * smaller than a fork's floor (large grids, short budgets) run at this floor.
     */
    public static int minRoundsPerFork(int forks) {
        return forks == 1 ? 6 : Math.max(3, (6 + forks - 1) / forks);
    }

    /** This JVM's options as a fork gets them: its input arguments without debugger ({@code jdwp}) and Java agents. */
    public static List<String> parentJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp") || a.startsWith("-javaagent:")
                    || a.startsWith("-agentpath:") || a.startsWith("-Xdebug")) {
                continue;
            }
            out.add(a);
        }
        return out;
    }

    /** The command line of fork {@code k} (0-based). */
    List<String> command(Duration share, int k) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvmOptions == null ? parentJvmOptions() : jvmOptions);
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), Forks.class.getName(), setup.getName(),
                Long.toString(share.toNanos()), Integer.toString(minRoundsPerFork(forks)), Integer.toString(k),
                Long.toString(warmupLimit == null ? 0 : warmupLimit.toNanos())));
        c.addAll(args);
        return c;
    }

    /**
     * Runs the forks one after another and combines them.
     *
     * @throws IllegalStateException when a fork fails or prints no result, with its exit status and last output
     */
    public ForkedMeasurement run() {
        if (forks == 1) {
            ForkSetup s = instantiate(setup.getName());
            Measure method = s.measure(args, 0).budget(budget);     // the setup's own minimum rounds (6 by default)
            MachineSpeed before = MachineSpeed.read();
            Measurement m = (warmupLimit == null ? method : method.warmupLimit(warmupLimit)).run();
            MachineSpeed after = MachineSpeed.read();
            Map<String, String> extras = withSpeeds(s.extras(), before, after);
            s.close();
            return new ForkedMeasurement(List.of(m), List.of(extras), m.load(), true, m.seconds());
        }
        Duration share = budget.dividedBy(forks);
        List<Measurement> results = new ArrayList<>();
        List<Map<String, String>> extras = new ArrayList<>();
        long t0 = System.nanoTime();
        MachineLoad.Sample s0 = MachineLoad.sample();
        for (int k = 0; k < forks; k++) {
            List<String> lines = runFork(command(share, k), k);
            Map<String, String> ex = new LinkedHashMap<>();
            List<String> measurement = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("extra ")) {
                    String[] f = l.split(" ", -1);
                    ex.put(URLDecoder.decode(f[1], StandardCharsets.UTF_8), URLDecoder.decode(f[2], StandardCharsets.UTF_8));
                } else if (!l.equals("end")) {
                    measurement.add(l);
                }
            }
            Measurement m = Measurement.fromLines(measurement);
            // a setup may alternate the candidates' order between forks (ForkSetup#measure(List, int)): the first fork's order
            results.add(results.isEmpty() ? m : m.inOrder(results.get(0).names()));
            extras.add(ex);
        }
        MachineLoad window = MachineLoad.between(s0, MachineLoad.sample());
        return new ForkedMeasurement(results, extras, combine(window, results), false, (System.nanoTime() - t0) / 1e9);
    }

    /** The parent's window for CPU shares and load average, the forks' GC, JIT and heap. */
    static MachineLoad combine(MachineLoad window, List<Measurement> forks) {
        long gc = 0;
        long gcMs = 0;
        double jit = 0;
        for (Measurement m : forks) {
            gc += m.load().gcCount();
            gcMs += m.load().gcMillis();
            jit += m.load().jitMillis();
        }
        MachineLoad first = forks.get(0).load();
        MachineLoad last = forks.get(forks.size() - 1).load();
        return new MachineLoad(window.seconds(), window.cores(), window.loadBefore(), window.loadAfter(),
                window.stealShare(), window.otherShare(), window.ownShare(), gc, gcMs, jit, first.heapUsedBefore(),
                last.heapUsedAfter(), last.heapMax());
    }

    private List<String> runFork(List<String> command, int k) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            List<String> lines = new ArrayList<>();
            StringBuilder tail = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(PREFIX)) {
                        lines.add(line.substring(PREFIX.length()));
                    } else {
                        tail.append(line).append('\n');
                        if (tail.length() > 4000) {
                            tail.delete(0, tail.length() - 4000);
                        }
                    }
                }
            }
            int status = p.waitFor();
            if (status != 0 || !lines.contains("end")) {
                throw new IllegalStateException("fork " + (k + 1) + " of " + forks + " (" + setup.getSimpleName() + " " + args
                        + ") exited with status " + status + " without its result; its last output:\n" + tail);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start fork JVM " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for fork " + (k + 1), e);
        }
    }

    /** The setup's extras with the machine's speed read before and after the rounds ({@link MachineSpeed}). */
    private static Map<String, String> withSpeeds(Map<String, String> extras, MachineSpeed before, MachineSpeed after) {
        Map<String, String> all = new LinkedHashMap<>(extras);
        all.put(MachineSpeed.BEFORE, before.line());
        all.put(MachineSpeed.AFTER, after.line());
        return all;
    }

    private static ForkSetup instantiate(String className) {
        try {
            Class<?> c = Class.forName(className);
            if (!ForkSetup.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("setup class " + className + " is not a ForkSetup");
            }
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return (ForkSetup) ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("setup class " + className + " cannot be made (it needs a no-argument "
                    + "constructor): " + e, e);
        }
    }

    /**
     * A fork's entry: {@code Forks SETUP_CLASS BUDGET_NANOS MIN_ROUNDS FORK WARMUP_LIMIT_NANOS ARGS...} (limit 0: none).
     * Builds the setup's measurement of fork FORK, runs it with that budget, warm-up limit and at least that many rounds, prints its rounds and the setup's extras as {@value #PREFIX} lines and exits 0 (1 on failure).
     */
    public static void main(String[] argv) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        try {
            ForkSetup s = instantiate(argv[0]);
            Duration share = Duration.ofNanos(Long.parseLong(argv[1]));
            int minRounds = Integer.parseInt(argv[2]);
            int fork = Integer.parseInt(argv[3]);
            long warmupLimitNanos = Long.parseLong(argv[4]);
            List<String> args = List.of(argv).subList(5, argv.length);
            Measure method = s.measure(args, fork).budget(share).minRounds(minRounds);
            MachineSpeed before = MachineSpeed.read();
            Measurement m = (warmupLimitNanos > 0 ? method.warmupLimit(Duration.ofNanos(warmupLimitNanos)) : method).run();
            MachineSpeed after = MachineSpeed.read();
            StringBuilder sb = new StringBuilder("\n");     // in case the setup left a line unfinished
            for (String l : m.toLines()) {
                sb.append(PREFIX).append(l).append('\n');
            }
            for (Map.Entry<String, String> e : withSpeeds(s.extras(), before, after).entrySet()) {
                sb.append(PREFIX).append("extra ").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append(' ')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).append('\n');
            }
            sb.append(PREFIX).append("end\n");
            out.print(sb);
            out.flush();
            System.exit(0);     // solver and FFT pools may hold non-daemon threads
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
