package dev.isspectral.spark;

import dev.isspectral.files.MarkedSection;
import dev.isspectral.grid.Grid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of {@code bash spark/ensemble-bench.sh} ({@link EnsembleBenchmark}), checked: a bad value is one
 * {@link IllegalArgumentException} naming the option, the value and what is allowed. Immutable.
 *
 * @param members       members of the measured ensemble (η/s = 0.05, 0.06, …), 2 … 256
 * @param steps         steps each member runs, 1 … 100000
 * @param grid          the box, NXxNYxNZ (each even, ≥ 2)
 * @param budget        time budget of warm-up and interleaved rounds ({@code dev.isspectral.measure}), ≥ 10 s
 * @param master        Spark's master URL for the measured executor ({@code local[*]} by default)
 * @param startups      fresh JVMs whose Spark start-up is timed one after another (0: only the measuring JVM's own
 *                      start-up, a single observation), 0 … 50
 * @param coreHourPrice price of one core-hour for the per-member cost estimate, or NaN for core-seconds only
 * @param out           Markdown report to write (atomically), or null
 * @param json          JSON report to write (atomically), or null
 * @param benchmarks    a BENCHMARKS.md whose ensemble section ({@link MarkedSection}) is replaced, or null
 * @param publish       publish-only mode: the Markdown report to place into {@code benchmarks} without measuring, or null
 * @param args          the arguments as given (for the report's command line)
 */
public record EnsembleBenchOptions(int members, int steps, String grid, Duration budget, String master, int startups,
                                   double coreHourPrice, Path out, Path json, Path benchmarks, Path publish,
                                   List<String> args) {

    /** The section of BENCHMARKS.md this command writes: between {@code <!-- ensemble:begin -->} and {@code <!-- ensemble:end -->}. */
    public static final String SECTION = "ensemble";

    /** Usage, printed with every argument error. */
    public static final String USAGE = """
            usage: bash spark/ensemble-bench.sh [--members 8] [--steps 40] [--grid 32x16x16] [--budget 120]
                                                [--master local[*]] [--startups 6] [--core-hour-price PRICE]
                                                [--out FILE.md] [--json FILE.json] [--benchmarks BENCHMARKS.md]
                   bash spark/ensemble-bench.sh --publish FILE.md [--benchmarks BENCHMARKS.md]""";

    public EnsembleBenchOptions {
        args = List.copyOf(args);
    }

    /** Parses {@code args}; throws IllegalArgumentException naming the bad option, its value and what is allowed. */
    public static EnsembleBenchOptions parse(String... args) {
        int members = 8;
        int steps = 40;
        String grid = "32x16x16";
        Duration budget = Duration.ofSeconds(120);
        String master = "local[*]";
        int startups = 6;
        double price = Double.NaN;
        Path out = null;
        Path json = null;
        Path benchmarks = null;
        Path publish = null;
        boolean measuring = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("argument \"" + a + "\"; options start with --\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            measuring |= !a.equals("--publish") && !a.equals("--benchmarks");
            switch (a) {
                case "--members" -> members = integer(a, v, 2, 256);
                case "--steps" -> steps = integer(a, v, 1, 100_000);
                case "--grid" -> grid = box(v);
                case "--budget" -> budget = Duration.ofSeconds(integer(a, v, 10, 86_400));
                case "--master" -> master = master(v);
                case "--startups" -> startups = integer(a, v, 0, 50);
                case "--core-hour-price" -> price = price(v);
                case "--out" -> out = file(a, v, ".md");
                case "--json" -> json = file(a, v, ".json");
                case "--benchmarks" -> benchmarks = file(a, v, ".md");
                case "--publish" -> publish = file(a, v, ".md");
                default -> throw new IllegalArgumentException("unknown option \"" + a + "\"\n" + USAGE);
            }
        }
        if (publish != null && measuring) {
            throw new IllegalArgumentException("--publish " + publish + " places an existing report and measures nothing; "
                    + "give it only --benchmarks FILE (measure and publish at once with --benchmarks alone)\n" + USAGE);
        }
        if (publish != null && benchmarks == null) {
            benchmarks = Path.of("BENCHMARKS.md");
        }
        return new EnsembleBenchOptions(members, steps, grid, budget, master, startups, price, out, json, benchmarks,
                publish, List.of(args));
    }

    /** The command line that produced a report with these options. */
    public String command() {
        StringBuilder sb = new StringBuilder("bash spark/ensemble-bench.sh");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /** The η/s of member {@code m}: 0.05 + 0.01 m. */
    public static double etaOverS(int m) {
        return 0.05 + 0.01 * m;
    }

    private static int integer(String option, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = \"" + value + "\"; must be an integer in [" + min + ", " + max + "]");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " = " + n + "; must be in [" + min + ", " + max + "]");
        }
        return n;
    }

    private static String box(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('×', 'x');
        if (!v.matches("\\d+x\\d+x\\d+")) {
            throw new IllegalArgumentException("--grid = \"" + value + "\"; must be NXxNYxNZ, e.g. 32x16x16");
        }
        try {
            Grid.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--grid = \"" + value + "\": " + e.getMessage(), e);
        }
        return v;
    }

    private static String master(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--master = \"" + value
                    + "\"; must be local[*], local[N], local[N,F] or a cluster URL such as spark://host:7077");
        }
        return value.trim();
    }

    private static double price(String value) {
        double p;
        try {
            p = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--core-hour-price = \"" + value + "\"; must be a number > 0 (price of one core-hour)");
        }
        if (!(p > 0) || !Double.isFinite(p)) {
            throw new IllegalArgumentException("--core-hour-price = " + value + "; must be a number > 0 (price of one core-hour)");
        }
        return p;
    }

    private static Path file(String option, String value, String extension) {
        if (!value.endsWith(extension) || value.equals(extension) || value.endsWith("/" + extension)) {
            throw new IllegalArgumentException(option + " = \"" + value + "\"; must be a file name ending in " + extension);
        }
        return Path.of(value);
    }
}
