package dev.isspectral.bench;

import dev.isspectral.files.AtomicFiles;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code is-spectral bench builds --before-cp CP --after-cp CP [options]}: the step time of two builds of the solver
 * (e.g. before and after a rework), each in worker JVMs on its own class path, measured by the project's method from
 * this JVM. A worker ({@code bench-builds/StepWorker.java}, compiled against each build) holds the issue-4 workload and
 * answers "step K" with "done" after K steps; one candidate's operation is one such round trip, timed here by
 * {@link Measure} (warm-up until steady, interleaved rotated rounds, the paired ratio after/before). Like forks of
 * {@link dev.isspectral.measure.Forks}, {@code --pairs N} fresh worker pairs run one after another, each with 1/N of the
 * budget, which build starts first alternating; the ratio is combined over pairs by
 * {@link ForkedMeasurement} (median of all rounds, 95% interval by hierarchical bootstrap over pairs, then rounds), so
 * the JVM-to-JVM variation is in the interval. The verdict "not slower" needs the whole interval of that ratio at most
 * {@code 1 + tolerance}; a ratio wholly above it is "slower"; else INCONCLUSIVE. Allocation and JIT of this JVM are not
 * the workers', so the report shows them as n/a; the workers' own JIT time is read from them; their CPU time counts as
 * this process's own (children, ended and waited for before the window closes). {@code bench-builds.sh} builds both
 * commits and runs this command.
 */
public final class BuildsCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench builds): two builds' step time in two worker JVMs, interleaved, ratio after/before (bench-builds.sh)
              --before-cp CP         class path of the reference build's worker (its jars + the compiled StepWorker)
              --after-cp CP          class path of the build under test's worker
              --before-label TEXT    what the reference build is, e.g. its commit (default "before")
              --after-label TEXT     what the build under test is (default "after")
              --grid NXxNYxNZ        grid (default 128x64x64)
              --backend NAME         jtransforms (default), java or fftw (java needs builds that have it)
              --threads N            threads of each worker's step team and FFTs (default 2)
              --pairs N              fresh worker-JVM pairs, one after another, each with 1/N of the budget
                                     (default 3; which build starts first alternates); the ratio's interval is a
                                     hierarchical bootstrap over pairs, then rounds, so JVM-to-JVM variation is in it
              --steps K              steps per round trip (default 1)
              --prewarm N            untimed steps per worker before the measurement, alternating (default 10):
                                     the method's warm-up sees this JVM's JIT, not the workers'
              --budget SECONDS       time budget of the measurement (default 120)
              --tolerance X          "not slower" needs the ratio's interval <= 1 + X (default 0.02)
              --jvm-options TEXT     options of both worker JVMs, space-separated (default "-Xmx3g")
              --after-jvm-options TEXT  options of the after worker alone, after those (default none): with
                                     the same commit on both sides, a JVM option measured as a lever, e.g.
                                     "-XX:+UseTransparentHugePages"
              --command TEXT         the command line to record in the report (bench-builds.sh passes its own)
              --out FILE.md          write the Markdown (atomically) and FILE.json beside it
            """;

    private static final List<String> OPTION_NAMES = List.of("--before-cp", "--after-cp", "--before-label",
            "--after-label", "--grid", "--backend", "--threads", "--pairs", "--steps", "--prewarm", "--budget", "--tolerance", "--jvm-options",
            "--after-jvm-options", "--command", "--out");

    /** The parsed options. Immutable. */
    record Options(String beforeCp, String afterCp, String beforeLabel, String afterLabel, String grid, String backend,
                   int threads, int steps, int prewarm, Duration budget, double tolerance, List<String> jvmOptions, String command,
                   Path out, int pairs, List<String> afterJvmOptions) {
    }

    private BuildsCommand() {
    }

    /** Measures, prints the Markdown, writes the files; returns 0, or 1 if a worker failed or a file could not be written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = parse(args);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String beforeName = "before (" + o.beforeLabel() + ")";
        String afterName = "after (" + o.afterLabel()
                + (o.afterJvmOptions().isEmpty() ? "" : " with " + String.join(" ", o.afterJvmOptions())) + ")";
        List<Measurement> perPair = new ArrayList<>();
        String[] tunings = new String[2];
        double[] jit = new double[2];
        double workerCpu = 0;
        Duration share = o.budget().dividedBy(o.pairs());
        try {
            MachineLoad.Sample s0 = MachineLoad.sample();
            for (int p = 0; p < o.pairs(); p++) {
                boolean beforeFirst = p % 2 == 0;      // which build starts, warms and leads the rotation: alternated
                List<Worker> workers = new ArrayList<>();
                try {
                    for (int k = 0; k < 2; k++) {
                        boolean isBefore = (k == 0) == beforeFirst;
                        workers.add(Worker.start(command(java, o, isBefore),
                                isBefore ? beforeName : afterName));
                    }
                    Worker before = workers.get(beforeFirst ? 0 : 1);
                    Worker after = workers.get(beforeFirst ? 1 : 0);
                    String request = "step " + o.steps();
                    for (int k = 0; k < o.prewarm(); k++) {      // the workers' own JIT, untimed, alternating
                        workers.get(0).ask("step 1", "done");
                        workers.get(1).ask("step 1", "done");
                    }
                    Candidate cb = Candidate.of(beforeName, () -> before.ask(request, "done"));
                    Candidate ca = Candidate.of(afterName, () -> after.ask(request, "done"));
                    Measurement m = (beforeFirst ? Measure.of(cb, ca) : Measure.of(ca, cb))
                            .named("step time, two builds").budget(share).run();
                    perPair.add(m.inOrder(List.of(beforeName, afterName)));
                    if (p == 0) {
                        tunings[0] = before.ready();
                        tunings[1] = after.ready();
                    }
                    jit[0] += before.jitMillis() / o.pairs();
                    jit[1] += after.jitMillis() / o.pairs();
                    workerCpu += before.cpuSeconds() + after.cpuSeconds();
                } finally {
                    for (Worker w : workers) {
                        w.close();
                    }
                }
            }
            // the workers have ended and been waited for: their CPU time is this process's own (children), not "other"
            MachineLoad load = MachineLoad.between(s0, MachineLoad.sample());
            Report r = new Report(o, ForkedMeasurement.of(perPair, load), load, workerCpu, tunings, jit,
                    ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
            String md = r.markdown();
            out.println(md);
            if (o.out() != null) {
                AtomicFiles.write(o.out(), md);
                Path json = o.out().resolveSibling(o.out().getFileName().toString().replaceAll("\\.md$", ".json"));
                AtomicFiles.write(json, r.json());
                out.println("wrote " + o.out() + " and " + json);
            }
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** The worker's command line: the common JVM options, the after worker's own after them, its class path. */
    static List<String> command(String java, Options o, boolean before) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(o.jvmOptions());
        if (!before) {
            c.addAll(o.afterJvmOptions());
        }
        c.addAll(List.of("-cp", before ? o.beforeCp() : o.afterCp(), "StepWorker", o.grid(), o.backend(),
                Integer.toString(o.threads())));
        return c;
    }

    /** The verdict on the ratio after/before: PASS ("not slower") when its interval is wholly <= 1 + tolerance. */
    static Verdict verdict(Estimate ratio, double tolerance) {
        return Verdict.of(ratio, "<=", 1 + tolerance);
    }

    /** The words for {@link #verdict}. */
    static String verdictText(Verdict v, double tolerance) {
        String bound = String.format(Locale.ROOT, "%.3f", 1 + tolerance);
        return switch (v) {
            case PASS -> "NOT SLOWER: the whole 95% interval of after/before is <= " + bound;
            case MISS -> "SLOWER: the whole 95% interval of after/before is > " + bound;
            default -> "INCONCLUSIVE: the 95% interval of after/before straddles " + bound
                    + " (a longer budget or a quieter machine may decide it)";
        };
    }

    static Options parse(String[] args) {
        String beforeCp = null;
        String afterCp = null;
        String beforeLabel = "before";
        String afterLabel = "after";
        String grid = "128x64x64";
        String backend = "jtransforms";
        int threads = 2;
        int steps = 1;
        int prewarm = 10;
        Duration budget = Duration.ofSeconds(120);
        double tolerance = 0.02;
        List<String> jvm = List.of("-Xmx3g");
        List<String> afterJvm = List.of();
        String command = "";
        Path out = null;
        int pairs = 3;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!OPTION_NAMES.contains(a)) {
                throw new IllegalArgumentException("bench builds: unknown argument \"" + a + "\"; allowed: " + OPTION_NAMES);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value; see --help");
            }
            String v = args[++i];
            switch (a) {
                case "--before-cp" -> beforeCp = nonBlank(a, v);
                case "--after-cp" -> afterCp = nonBlank(a, v);
                case "--before-label" -> beforeLabel = nonBlank(a, v);
                case "--after-label" -> afterLabel = nonBlank(a, v);
                case "--grid" -> {
                    dev.isspectral.grid.Grid.parse(v);      // one clear error for a bad grid, before any JVM starts
                    grid = v.trim();
                }
                case "--backend" -> {
                    if (!dev.isspectral.fft.FftSettings.BACKENDS.contains(v)) {
                        throw new IllegalArgumentException("--backend = \"" + v + "\"; must be one of "
                                + dev.isspectral.fft.FftSettings.BACKENDS + " (java needs a build that has it)");
                    }
                    backend = v;
                }
                case "--threads" -> threads = CommandOptions.whole(a, v, 256);
                case "--pairs" -> pairs = CommandOptions.whole(a, v, 20);
                case "--steps" -> steps = CommandOptions.whole(a, v, 1_000_000);
                case "--prewarm" -> prewarm = v.trim().equals("0") ? 0 : CommandOptions.whole(a, v, 1_000_000);
                case "--budget" -> budget = Duration.ofMillis((long) (1000 * number(a, v, 1, 1e6)));
                case "--tolerance" -> tolerance = number(a, v, 0, 1);
                case "--jvm-options" -> jvm = words(v);
                case "--after-jvm-options" -> afterJvm = words(v);
                case "--command" -> command = v;
                default -> {
                    if (!v.endsWith(".md") || v.equals(".md") || v.endsWith("/.md")) {
                        throw new IllegalArgumentException("--out = \"" + v + "\"; must be a file name ending in .md");
                    }
                    out = Path.of(v);
                }
            }
        }
        if (beforeCp == null || afterCp == null) {
            throw new IllegalArgumentException("bench builds: --before-cp and --after-cp are both required (given: "
                    + (beforeCp == null ? "no --before-cp" : "--before-cp") + ", "
                    + (afterCp == null ? "no --after-cp" : "--after-cp") + "); bench-builds.sh builds them");
        }
        return new Options(beforeCp, afterCp, beforeLabel, afterLabel, grid, backend, threads, steps, prewarm, budget, tolerance,
                jvm, command, out, pairs, afterJvm);
    }

    /** JVM options as given, space-separated; none for a blank value. */
    private static List<String> words(String v) {
        return v.isBlank() ? List.of() : Arrays.asList(v.trim().split("\\s+"));
    }

    private static String nonBlank(String option, String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException(option + " = \"\"; must be non-blank");
        }
        return v;
    }

    private static double number(String option, String v, double min, double max) {
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        if (!(x >= min && x <= max)) {
            throw new IllegalArgumentException(option + " = \"" + v + "\"; must be a number in [" + min + ", " + max + "]");
        }
        return x;
    }

    /**
     * One worker JVM: started with a command, it prints "ready …" once its solver exists, then answers one line per
     * request. Not thread-safe (the measurement asks from one thread).
     */
    static final class Worker implements AutoCloseable {
        private final String name;
        private final Process process;
        private final Writer in;
        private final BufferedReader out;
        private final String ready;

        private Worker(String name, Process process) throws IOException {
            this.name = name;
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("ready")) {
                close();
                throw new IOException("worker " + name + " did not start: it printed \"" + first + "\" instead of "
                        + "\"ready …\" (its error output is above)");
            }
            this.ready = first.substring(5).trim();
        }

        /** Starts {@code command}; its error output goes to this JVM's. */
        static Worker start(List<String> command, String name) throws IOException {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Worker(name, p);
        }

        String name() {
            return name;
        }

        /** What the worker said when ready (its tuning). */
        String ready() {
            return ready;
        }

        /** Sends {@code request}; returns the answer, which must start with {@code expected}. */
        String ask(String request, String expected) {
            try {
                in.write(request);
                in.write('\n');
                in.flush();
                String answer = out.readLine();
                if (answer == null || !answer.startsWith(expected)) {
                    throw new IOException("worker " + name + " answered \"" + answer + "\" to \"" + request
                            + "\"; expected \"" + expected + "…\"");
                }
                return answer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The worker's own JIT compilation time so far, ms (NaN if it cannot say). */
        double jitMillis() {
            try {
                return Double.parseDouble(ask("jit", "jit ").substring(4).trim());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }

        /** CPU seconds the worker process has used (NaN where the OS does not say). */
        double cpuSeconds() {
            return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        }

        @Override
        public void close() {
            try {
                in.write("quit\n");
                in.flush();
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The report of one run: Markdown and JSON. Immutable. */
    record Report(Options o, ForkedMeasurement m, MachineLoad load, double workerCpuSeconds, String[] tunings,
                  double[] workerJitMillis, String date) {

        /** The paired ratio after/before over pairs and rounds, with each pair's median and the spread. */
        ForkedFigure ratioFigure() {
            return m.ratio(1, 0);
        }

        Estimate ratio() {
            return ratioFigure().estimate();
        }

        /**
         * Other processes' share of all CPU. The workers have ended and been waited for when the window closes, so the
         * kernel books their CPU time to this process (children), not to "other".
         */
        double othersWithoutWorkers() {
            return load.otherShare();
        }

        String markdown() {
            Verdict v = verdict(ratio(), o.tolerance());
            ForkedFigure rf = ratioFigure();
            StringBuilder b = new StringBuilder();
            b.append("### Step time of two builds (").append(o.grid()).append(", ").append(o.backend()).append(", ")
                    .append(o.threads()).append(o.threads() == 1 ? " thread" : " threads").append(")\n\n");
            b.append("| build | ms per step, median [95% interval] | after/before [95% interval] | pairs×rounds "
                    + "| allocation per step | JIT |\n");
            b.append("|---|---|---|---|---|---|\n");
            for (int i = 0; i < 2; i++) {
                ForkedFigure t = m.time(i).scaled(1e3 / o.steps(), "ms");
                b.append("| ").append(m.names().get(i)).append(" | ").append(t.estimate().formatShort()).append(" | ")
                        .append(i == 0 ? "1 (reference)" : ratio().formatShort()).append(" | ").append(t.roundsText())
                        .append(t.betweenForksDominate() ? "*" : "")
                        .append(" | n/a (worker JVM) | n/a (worker JVM; its own total ")
                        .append(Estimate.number(workerJitMillis[i])).append(" ms, mean over pairs) |\n");
            }
            b.append("\n**").append(verdictText(v, o.tolerance())).append("** (tolerance ")
                    .append(String.format(Locale.ROOT, "%.3f", o.tolerance())).append(").\n\n");
            b.append("- ").append(m.forkCount()).append(m.forkCount() == 1 ? " pair" : " pairs").append(" of fresh worker "
                    + "JVMs, one pair after another (which build starts, warms up and leads the rotation alternates); in each, ")
                    .append("interleaved rotated rounds (pairs×rounds ").append(ratioFigure().roundsText()).append("); warm-up ")
                    .append(m.warmupText()).append(" (this JVM's JIT only; before it each worker took ").append(o.prewarm() + 1)
                    .append(" untimed steps, alternating); ").append(m.stopText()).append('\n');
            if (m.forkCount() > 1) {
                b.append("- after/before over pairs: median of all rounds, 95% interval by hierarchical bootstrap (pairs, "
                        + "then rounds), so JVM-to-JVM variation is inside it; per pair (\"fork\"): ").append(rf.text())
                        .append('\n');
            }
            b.append("- one sample: ").append(o.steps()).append(o.steps() == 1 ? " step" : " steps")
                    .append(" in a worker JVM, timed here as the round trip \"step K\" → \"done\"\n");
            b.append("- workload: sound wave + random noise, eta/s 0.08, IMEX ARS(2,2,2), optimized tuning (bench.Workload)\n");
            b.append("- before: ").append(o.beforeLabel()).append(" — ").append(tunings[0]).append('\n');
            b.append("- after: ").append(o.afterLabel()).append(" — ").append(tunings[1]).append('\n');
            b.append("- worker JVM options: ").append(String.join(" ", o.jvmOptions()))
                    .append(o.afterJvmOptions().isEmpty() ? "" : "; the after worker's own, after them: "
                            + String.join(" ", o.afterJvmOptions())).append('\n');
            b.append("- machine: ").append(String.format(Locale.ROOT, "%.1f s on %d cores, load %.2f → %.2f, other "
                    + "processes %s of all CPU (the workers, ended and waited for, count as this command's own), steal %s",
                    load.seconds(), load.cores(), load.loadBefore(), load.loadAfter(), share(othersWithoutWorkers()),
                    share(load.stealShare())))
                    .append(othersWithoutWorkers() > MachineLoad.BUSY_OTHER_SHARE ? " (BUSY)" : "")
                    .append("; the workers: ").append(Estimate.number(workerCpuSeconds))
                    .append(" CPU s; this JVM's GC, JIT and heap are not the workers' and are not shown\n");
            b.append("- date: ").append(date).append('\n');
            if (!o.command().isEmpty()) {
                b.append("- command: `").append(o.command()).append("`\n");
            }
            return b.toString();
        }

        String json() {
            Estimate r = ratio();
            StringBuilder b = new StringBuilder("{\n");
            field(b, "measurement", "builds");
            field(b, "before", o.beforeLabel());
            field(b, "after", o.afterLabel());
            field(b, "grid", o.grid());
            field(b, "backend", o.backend());
            b.append("  \"threads\": ").append(o.threads()).append(",\n");
            b.append("  \"steps_per_sample\": ").append(o.steps()).append(",\n");
            for (int i = 0; i < 2; i++) {
                Estimate t = m.time(i).scaled(1e3 / o.steps(), "ms").estimate();
                String k = i == 0 ? "before" : "after";
                b.append("  \"").append(k).append("_ms_per_step\": ").append(triple(t)).append(",\n");
                b.append("  \"").append(k).append("_worker_jit_ms\": ").append(num(workerJitMillis[i])).append(",\n");
                field(b, k + "_tuning", tunings[i]);
            }
            b.append("  \"ratio_after_over_before\": ").append(triple(r)).append(",\n");
            b.append("  \"tolerance\": ").append(num(o.tolerance())).append(",\n");
            field(b, "verdict", verdict(r, o.tolerance()).name());
            field(b, "allocation", "n/a (worker JVMs)");
            b.append("  \"rounds\": ").append(m.rounds()).append(",\n");
            b.append("  \"pairs\": ").append(m.forkCount()).append(",\n");
            b.append("  \"rounds_per_pair\": ").append(m.roundsPerFork()).append(",\n");
            b.append("  \"ratio_pair_medians\": ").append(ratioFigure().forkMedians().stream().map(Report::num).toList())
                    .append(",\n");
            b.append("  \"ratio_between_pair_spread\": ").append(num(ratioFigure().betweenSpread())).append(",\n");
            b.append("  \"ratio_between_pairs_dominate\": ").append(ratioFigure().betweenForksDominate()).append(",\n");
            field(b, "stop", m.stopText());
            field(b, "warmup", m.warmupText());
            b.append("  \"load_before\": ").append(num(load.loadBefore())).append(",\n");
            b.append("  \"load_after\": ").append(num(load.loadAfter())).append(",\n");
            b.append("  \"other_share_without_workers\": ").append(num(othersWithoutWorkers())).append(",\n");
            b.append("  \"steal_share\": ").append(num(load.stealShare())).append(",\n");
            b.append("  \"cores\": ").append(load.cores()).append(",\n");
            field(b, "jvm_options", String.join(" ", o.jvmOptions()));
            field(b, "after_jvm_options", String.join(" ", o.afterJvmOptions()));
            field(b, "command", o.command());
            b.append("  \"date\": \"").append(escape(date)).append("\"\n}\n");
            return b.toString();
        }

        private static String share(double s) {
            return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1f%%", 100 * s) : "n/a";
        }

        private static void field(StringBuilder b, String key, String value) {
            b.append("  \"").append(key).append("\": \"").append(escape(value)).append("\",\n");
        }

        private static String triple(Estimate e) {
            return "{\"median\": " + num(e.median()) + ", \"low\": " + num(e.low()) + ", \"high\": " + num(e.high()) + "}";
        }

        private static String num(double x) {
            return Double.isFinite(x) ? Double.toString(x) : "null";
        }

        private static String escape(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.toString();
        }
    }
}
