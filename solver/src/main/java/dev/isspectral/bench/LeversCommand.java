package dev.isspectral.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code is-spectral bench levers [--grid G] [--backend NAME] [--threads N] [--only NAME,...] [--budget SECONDS]
 * [--out FILE.md]}: each optimization off and on ({@link Levers}), with its paired speed-up and 95% interval. Bad
 * arguments throw {@link IllegalArgumentException} naming the option, the value and what is allowed.
 */
public final class LeversCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench levers): each optimization off and on, interleaved, speed-up with its 95% interval (issue 13)
              --grid NXxNYxNZ        grid (default 128x64x64)
              --backend NAME         best (default), fftw or jtransforms
              --threads N            threads of the step's team and FFTs (default: all cores)
              --only NAME,...        only the levers whose name contains one of these
              --budget SECONDS       time budget of each lever's measurement (default 30)
              --out FILE.md          write the markdown table (atomically)
            """;

    private static final List<String> OPTION_NAMES = List.of("--grid", "--backend", "--threads", "--only", "--budget", "--out");

    private LeversCommand() {
    }

    /** Measures and prints the table; returns 0, or 1 if the file could not be written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String grid = "128x64x64";
        String backend = Workload.BEST;
        Integer threads = null;
        List<String> only = null;
        Duration budget = Duration.ofSeconds(30);
        Path md = null;
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
                case "--grid" -> grid = v;
                case "--backend" -> backend = v;
                case "--threads" -> threads = whole(a, v);
                case "--only" -> only = Arrays.asList(v.split(","));
                case "--budget" -> budget = CommandOptions.seconds("--budget", v);
                default -> md = CommandOptions.file("--out", v, ".md");
            }
        }
        Levers levers = Levers.on(grid, backend).budgetPerLever(budget);
        if (threads != null) {
            levers = levers.threads(threads);
        }
        if (only != null) {
            levers = levers.only(only);
        }
        String markdown = levers.run().toMarkdown();
        return CommandOptions.printAndWrite(markdown, md, out, err);
    }

    private static int whole(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = \"" + v + "\"; must be a whole number, 1 … 256");
        }
    }
}
