package dev.isspectral.bench;

import dev.isspectral.report.ProfileReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code is-spectral bench levers [--grid G] [--backend NAME] [--threads N] [--only NAME,...] [--forks N]
 * [--budget SECONDS] [--out FILE.md] [--json FILE.json]}: each optimization off and on ({@link Levers}), each lever in
 * N fresh JVMs of its own, with its paired speed-up, 95% interval and fork medians. Bad arguments throw
 * {@link IllegalArgumentException} naming the option, the value and what is allowed.
 */
public final class LeversCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench levers): each optimization off and on, interleaved, speed-up with its 95% interval (issue 13)
              --grid NXxNYxNZ        grid (default 128x64x64)
              --backend NAME         best (default: FFTW if its module loads, else java), fftw, java or jtransforms
              --threads N            threads of the step's team and FFTs (default: all cores)
              --only NAME,...        only the levers whose name contains one of these
              --forks N              measure each lever in N fresh JVMs of its own, one after another (default 3),
                                     off/on order alternating; interval by hierarchical bootstrap over forks, then
                                     rounds; 1 = every lever in this JVM, one after another (the old method)
              --budget SECONDS       time budget of each lever's measurement over all its forks (default 20; JVM
                                     start, set-up and warm-up come on top)
              --warmup-limit SECONDS each fork's warm-up runs until steady or this long, on top of the budget,
                                     which then goes to measured rounds alone (default 30)
              --out FILE.md          write the markdown table (atomically)
              --json FILE.json       write the result as JSON (atomically): commit, load, command, per lever the
                                     times, speed-up with interval, fork medians and spread
            """;

    private static final List<String> OPTION_NAMES = List.of("--grid", "--backend", "--threads", "--only", "--forks", "--budget",
            "--warmup-limit", "--out", "--json");

    private LeversCommand() {
    }

    /** Measures and prints the table; returns 0, or 1 if the file could not be written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String grid = "128x64x64";
        String backend = Workload.BEST;
        Integer threads = null;
        List<String> only = null;
        String onlyText = null;
        Duration budget = Levers.DEFAULT_BUDGET;
        int forks = Levers.DEFAULT_FORKS;
        Duration warmupLimit = Levers.DEFAULT_WARMUP_LIMIT;
        Path md = null;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!OPTION_NAMES.contains(a)) {
                throw new IllegalArgumentException("bench levers: unknown argument \"" + a + "\"; allowed: " + OPTION_NAMES);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value; see --help");
            }
            String v = args[++i];
            switch (a) {
                case "--grid" -> {
                    dev.isspectral.grid.Grid.parse("--grid", v);
                    grid = v;
                }
                case "--backend" -> backend = v;
                case "--threads" -> threads = CommandOptions.whole(a, v, 256);
                case "--only" -> {
                    only = Arrays.asList(v.split(","));
                    onlyText = v;
                }
                case "--forks" -> forks = whole(a, v, "1 … 20 (1 = every lever in this JVM)");
                case "--budget" -> budget = CommandOptions.seconds("--budget", v);
                case "--warmup-limit" -> warmupLimit = CommandOptions.seconds("--warmup-limit", v);
                case "--json" -> json = CommandOptions.file("--json", v, ".json");
                default -> md = CommandOptions.file("--out", v, ".md");
            }
        }
        Levers levers = Levers.on(grid, backend).budgetPerLever(budget).forks(forks).warmupLimit(warmupLimit);
        if (threads != null) {
            levers = levers.threads(threads);
        }
        if (only != null) {
            try {
                levers = levers.only(only);
            } catch (IllegalArgumentException e) {
                // the API names its parameter; the command names the option, with the value as typed
                String reason = e.getMessage().substring(e.getMessage().indexOf("; ") + 2);
                throw new IllegalArgumentException("--only = \"" + onlyText + "\"; " + reason, e);
            }
        }
        int n = levers.measured().size();
        out.printf("bench levers: %d lever%s, %s, budget %s s per lever%n", n, n == 1 ? "" : "s",
                levers.forkCount() == 1 ? "all in this JVM" : levers.forkCount() + " fresh JVMs per lever, one after another",
                Levers.seconds(budget));
        Levers.Result result = levers.run(out)
                .withCommand("is-spectral bench levers" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        int status = CommandOptions.printAndWrite(result.toMarkdown(), md, out, err);
        if (json != null) {
            try {
                ProfileReport.writeAtomically(json, result.toJson());
                out.println("wrote " + json);
            } catch (IOException e) {
                err.println("error: could not write the JSON: " + e.getMessage());
                return 1;
            }
        }
        return status;
    }

    private static int whole(String option, String v, String allowed) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = \"" + v + "\"; must be a whole number, " + allowed);
        }
    }
}
