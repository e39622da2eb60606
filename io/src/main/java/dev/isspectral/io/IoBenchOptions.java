package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@link IoBenchmark}, parsed and checked; immutable. Every bad option is one
 * {@link IllegalArgumentException} naming the option, the value and what is allowed.
 *
 * @param dir            the folder (disk) the benchmark's files go to; a temporary folder is made in it and removed
 * @param budget         time budget of each of the two measurements
 * @param checkpointGrid NX×NY×NZ of the checkpoint
 * @param runGrid        NX×NY×NZ of the run whose snapshot cost is measured
 * @param every          snapshot interval, steps
 * @param out            Markdown report to write, or null
 * @param json           JSON report to write, or null
 * @param publish        a BENCHMARKS.md whose io section ({@value #SECTION}) is replaced by the report, or null
 * @param from           a saved Markdown report to publish instead of measuring (needs {@code publish}), or null
 * @param quick          a smoke run on tiny grids; the report says so, and the targets do not apply
 * @param command        the command line, as the report prints it
 */
public record IoBenchOptions(Path dir, Duration budget, String checkpointGrid, String runGrid, int every, Path out,
                             Path json, Path publish, Path from, boolean quick, String command) {

    /** The BENCHMARKS.md section: between {@code <!-- io:begin -->} and {@code <!-- io:end -->}. */
    public static final String SECTION = "io";
    /** How the report names the program when no wrapper script sets {@code isspectral.io.command}. */
    static final String PROGRAM = "java -cp \"io/target/is-spectral-io.jar:io/target/lib/*\" dev.isspectral.io.IoBenchmark";
    static final String USAGE = "options: --budget SECONDS (each of the two measurements; default 120), --dir DIR (the disk "
            + "the files go to; default java.io.tmpdir), --checkpoint-grid NXxNYxNZ (default 128x128x64), --run-grid "
            + "NXxNYxNZ (default 128x64x64), --every STEPS (default 10), --out FILE.md, --json FILE.json, --publish "
            + "BENCHMARKS.md, --from SAVED.md (with --publish: publish a saved report, measure nothing), --quick";

    public IoBenchOptions {
        if (dir == null) {
            throw new IllegalArgumentException("--dir = null; must be a folder");
        }
        if (budget == null || budget.isZero() || budget.isNegative()) {
            throw new IllegalArgumentException("--budget = " + budget + "; must be > 0 seconds");
        }
        grid("--checkpoint-grid", checkpointGrid);
        grid("--run-grid", runGrid);
        if (every < 1) {
            throw new IllegalArgumentException("--every = " + every + "; must be an integer >= 1");
        }
        if (from != null && publish == null) {
            throw new IllegalArgumentException("--from " + from + " needs --publish BENCHMARKS.md (it publishes a saved report)");
        }
        if (from != null && (out != null || json != null)) {
            throw new IllegalArgumentException("--from publishes a saved report and measures nothing; drop --out and --json");
        }
    }

    /** The defaults: 120 s per measurement, 128×128×64 checkpoint, 128×64×64 run, snapshots every 10 steps. */
    public static IoBenchOptions defaults() {
        return new IoBenchOptions(Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(120), "128x128x64",
                "128x64x64", 10, null, null, null, null, false, PROGRAM);
    }

    private static final String QUICK_CHECKPOINT_GRID = "32x32x16";
    private static final String QUICK_RUN_GRID = "16x16x16";

    /** Parses the command line; {@code program} is how the report names the command before the arguments. */
    public static IoBenchOptions parse(String program, String... args) {
        IoBenchOptions d = defaults();
        Path dir = d.dir();
        Duration budget = d.budget();
        String checkpointGrid = d.checkpointGrid();
        String runGrid = d.runGrid();
        int every = d.every();
        Path out = null;
        Path json = null;
        Path publish = null;
        Path from = null;
        boolean quick = false;
        boolean budgetGiven = false;
        String gridGiven = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--budget" -> {
                    String given = value(args, ++i, a);
                    budget = Duration.ofMillis(Math.round(1000 * seconds(a, given)));
                    if (budget.isZero()) {
                        throw new IllegalArgumentException(a + " = \"" + given + "\"; rounds to 0 ms; must be a number of seconds >= 0.001");
                    }
                    budgetGiven = true;
                }
                case "--checkpoint-grid" -> {
                    checkpointGrid = value(args, ++i, a);
                    gridGiven = a + " " + checkpointGrid;
                }
                case "--run-grid" -> {
                    runGrid = value(args, ++i, a);
                    gridGiven = a + " " + runGrid;
                }
                case "--every" -> every = integer(a, value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--json" -> json = Path.of(value(args, ++i, a));
                case "--publish" -> publish = Path.of(value(args, ++i, a));
                case "--from" -> from = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option \"" + a + "\"; " + USAGE);
            }
        }
        if (quick) {
            checkpointGrid = QUICK_CHECKPOINT_GRID;
            runGrid = QUICK_RUN_GRID;
            if (gridGiven != null) {
                throw new IllegalArgumentException(gridGiven + " with --quick; --quick sets the grids to --checkpoint-grid "
                        + QUICK_CHECKPOINT_GRID + " and --run-grid " + QUICK_RUN_GRID + ": drop one of them");
            }
            budget = budgetGiven ? budget : Duration.ofSeconds(4);
        }
        return new IoBenchOptions(dir, budget, checkpointGrid, runGrid, every, out, json, publish, from, quick,
                commandLine(program, args));
    }

    /** The grid NX×NY×NZ as a {@link Grid} of one step. */
    static Grid grid(String option, String points) {
        if (points == null || !points.matches("\\d+x\\d+x\\d+")) {
            throw new IllegalArgumentException(option + " = \"" + points + "\"; must be NXxNYxNZ, e.g. 128x64x64");
        }
        try {
            return Grid.parse("1x" + points);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " = \"" + points + "\": " + e.getMessage(), e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("option " + option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static double seconds(String option, String value) {
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " = \"" + value + "\"; must be a number of seconds > 0");
    }

    private static int integer(String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " = \"" + value + "\"; must be an integer >= 1");
    }

    /** {@code program} and the arguments, each quoted where the shell would need it. */
    static String commandLine(String program, String... args) {
        List<String> words = new ArrayList<>();
        words.add(program);
        for (String a : args) {
            words.add(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (budget %d s per measurement, checkpoint %s, run %s, every %d steps%s)",
                command, budget.toSeconds(), checkpointGrid, runGrid, every, quick ? ", quick" : "");
    }
}
