package dev.isspectral.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code is-spectral bench scaling [--threads 1,2,...] [--grids 128x64x64,...] [--backend NAME] [--budget SECONDS]
 * [--out FILE.md]}: the thread-scaling table of {@link ThreadScaling} (speed-up and efficiency over the first thread
 * count, with 95% intervals). Bad arguments throw {@link IllegalArgumentException} naming the option.
 */
public final class ScalingCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench scaling): speed-up and efficiency against threads, with 95% intervals (issue 13)
              --threads T1,T2,...    increasing thread counts (default 1 … cores, doubling)
              --grids G1,G2,...      NXxNYxNZ grids (default 128x64x64)
              --backend NAME         best (default), fftw, java or jtransforms
              --budget SECONDS       time budget of each grid's measurement over its forks (default 60; JVM start
                                     and each fork's warm-up, until steady or 30 s, on top)
              --forks N              fresh JVMs per grid, one after another (default 3; 1 = in this JVM)
              --out FILE.md          write the markdown table (atomically)
            """;

    private ScalingCommand() {
    }

    /** Runs the table; returns 0, or 1 if the file could not be written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Integer> threads = defaultThreads();
        List<String> grids = List.of("128x64x64");
        String backend = Workload.BEST;
        Duration budget = Duration.ofSeconds(60);
        Path md = null;
        int forks = ThreadScaling.DEFAULT_FORKS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!List.of("--threads", "--grids", "--backend", "--budget", "--forks", "--out").contains(a)) {
                throw new IllegalArgumentException("bench scaling: unknown argument \"" + a + "\"; allowed: --threads T1,T2,..., "
                        + "--grids G1,G2,..., --backend jtransforms|java|fftw|best, --budget SECONDS, --forks N, --out FILE.md");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value; see --help");
            }
            String v = args[++i];
            switch (a) {
                case "--threads" -> threads = threads(v);
                case "--grids" -> grids = Arrays.asList(v.split(","));
                case "--backend" -> backend = v;
                case "--budget" -> budget = CommandOptions.seconds("--budget", v);
                case "--forks" -> forks = forkCount(v);
                default -> md = CommandOptions.file("--out", v, ".md");
            }
        }
        ThreadScaling.Result r = ThreadScaling.of(grids, threads, backend).budgetPerGrid(budget).forks(forks).run();
        String markdown = r.toMarkdown();
        return CommandOptions.printAndWrite(markdown, md, out, err);
    }

    private static int forkCount(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--forks = \"" + v + "\"; must be a whole number in 1 … 20 (1 = in this JVM)");
    }

    private static List<Integer> defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> t = new ArrayList<>();
        for (int n = 1; n < cores; n *= 2) {
            t.add(n);
        }
        t.add(cores);
        return t;
    }

    private static List<Integer> threads(String v) {
        List<Integer> t = new ArrayList<>();
        for (String p : v.split(",")) {
            int n;
            try {
                n = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || (!t.isEmpty() && n <= t.get(t.size() - 1))) {
                throw new IllegalArgumentException("--threads = \"" + v + "\"; must be increasing whole numbers >= 1, e.g. 1,2,4");
            }
            t.add(n);
        }
        return t;
    }
}
