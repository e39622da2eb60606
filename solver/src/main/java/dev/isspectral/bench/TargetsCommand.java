package dev.isspectral.bench;

import dev.isspectral.report.ProfileReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code is-spectral bench targets [--quick] [--budget SECONDS] [--forks N] [--warmup-limit SECONDS] [--backend jtransforms|java|fftw|best] [--out FILE.md] [--json FILE.json]}:
 * measures every target of issue 4 §5 ({@link Targets}), prints the markdown table row by row and then the
 * notes, and writes the report files atomically. Bad arguments throw {@link IllegalArgumentException}
 * naming the option and what is allowed.
 */
public final class TargetsCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench targets): the performance targets of issue 4, one markdown row each (several minutes)
              --quick                tiny grids, a few seconds: checks the harness, not the targets
              --budget SECONDS       time budget of the timed sections (default 300; quick 8); each row gets a
                                     fixed share, its rounds grow until its 95% interval is narrow or its share is spent
              --backend NAME         the best backend's rows: best (default: FFTW if its module loads, else java),
                                     fftw, java or jtransforms; the pure-Java rows always use java, and the
                                     FFT-bound rows add jtransforms (the bound of 1.25 is its own)
              --forks N              measure every timed figure in N fresh JVMs one after another (default 3),
                                     intervals over JVMs (hierarchical bootstrap); 1 = in this JVM alone
              --warmup-limit SECONDS each fork's warm-up runs until steady or this long, on top of the budget,
                                     which then goes to measured rounds alone (default 40; quick: a share of
                                     the budget)
              --out FILE.md          write the markdown report (atomically)
              --json FILE.json       write the report as JSON (atomically)
            """;

    private TargetsCommand() {
    }

    private static int forkCount(String option, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " = \"" + v + "\"; must be a whole number of forks, 1 … 20 (1 = in this JVM)");
    }

    /** Runs the harness; returns 0, or 1 if a report file could not be written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean quick = false;
        String backend = Workload.BEST;
        Path md = null;
        Path json = null;
        Duration budget = null;
        Integer forks = null;
        Duration warmupLimit = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                quick = true;
                continue;
            }
            if (!a.equals("--backend") && !a.equals("--out") && !a.equals("--json") && !a.equals("--budget")
                    && !a.equals("--forks") && !a.equals("--warmup-limit")) {
                throw new IllegalArgumentException("bench targets: unknown argument \"" + a + "\"; allowed: --quick, "
                        + "--budget SECONDS, --forks N, --warmup-limit SECONDS, --backend jtransforms|java|fftw|best, --out FILE.md, --json FILE.json");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value; see --help");
            }
            String v = args[++i];
            switch (a) {
                case "--backend" -> backend = v;
                case "--out" -> md = CommandOptions.file(a, v, ".md");
                case "--budget" -> budget = CommandOptions.seconds(a, v);
                case "--forks" -> forks = forkCount(a, v);
                case "--warmup-limit" -> warmupLimit = CommandOptions.seconds(a, v);
                default -> json = CommandOptions.file(a, v, ".json");
            }
        }
        Targets targets = quick ? Targets.quick(backend) : Targets.full(backend);
        if (budget != null) {
            targets = targets.budget(budget);
        }
        if (forks != null) {
            targets = targets.forks(forks);
        }
        if (warmupLimit != null) {
            targets = targets.warmupLimit(warmupLimit);
        }
        out.printf("IS-Spectral performance targets (issue 4 §5)%s; best backend: %s; budget %d s; %s; %d cores%n%n",
                quick ? ", quick mode (tiny grids; bounds do not apply)" : "", targets.bestBackend(),
                targets.budget().toSeconds(), targets.forkCount() == 1 ? "1 fork (this JVM)" : targets.forkCount()
                        + " forks per figure (fresh JVMs, one after another)", Runtime.getRuntime().availableProcessors());
        TargetsReport report = targets.run(out).withCommand("is-spectral bench targets" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        out.println();
        String markdown = report.toMarkdown();
        out.println(markdown.substring(markdown.indexOf("How each row was measured")));
        out.println("verdicts: " + report.verdictSummary() + "; " + report.context());
        try {
            if (md != null) {
                ProfileReport.writeAtomically(md, markdown);
                out.println("wrote " + md);
            }
            if (json != null) {
                ProfileReport.writeAtomically(json, report.toJson());
                out.println("wrote " + json);
            }
        } catch (IOException e) {
            err.println("error: could not write the report: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
