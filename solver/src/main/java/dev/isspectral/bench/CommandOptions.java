package dev.isspectral.bench;

import dev.isspectral.report.ProfileReport;
import dev.isspectral.sim.Tuning;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** The option parsing and report writing the commands share (bench targets, scaling, levers; run and profile). */
public final class CommandOptions {

    private CommandOptions() {
    }

    /** A number of seconds >= 1 given to {@code option}; otherwise an error naming the option and the value. */
    static Duration seconds(String option, String value) {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = \"" + value + "\"; must be a number of seconds >= 1");
        }
        if (!(s >= 1) || !Double.isFinite(s)) {
            throw new IllegalArgumentException(option + " = " + value + "; must be a number of seconds >= 1");
        }
        return Duration.ofMillis((long) (s * 1000));
    }

    /** The tuning preset {@code value} names for {@code option} (--tuning): baseline or optimized. */
    public static Tuning preset(String option, String value) {
        return switch (value) {
            case "baseline" -> Tuning.baseline();
            case "optimized" -> Tuning.optimized();
            default -> throw new IllegalArgumentException(option + " = \"" + value + "\"; must be baseline or optimized");
        };
    }

    /**
     * The tuning a command runs (run, profile): {@code preset} (the optimized tuning where null) with the FFT backend
     * and the thread count given on the command line, each where given (null: the preset's own).
     */
    public static Tuning tuning(Tuning preset, String backend, Integer threads) {
        Tuning t = preset == null ? Tuning.optimized() : preset;
        t = backend == null ? t : t.withFftBackend(backend);
        return threads == null ? t : t.withThreads(threads);
    }

    /** The most threads a command takes (--threads): far above any machine this runs on, far below a typo. */
    public static final int MAX_THREADS = 256;

    /** A whole number in 1 … {@code max} given to {@code option}; otherwise an error naming the option and the value. */
    public static int whole(String option, String v, int max) {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = \"" + v + "\"; must be a whole number, 1 … " + max);
        }
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(option + " = " + n + "; must be a whole number, 1 … " + max);
        }
        return n;
    }

    /**
     * A whole number of at least {@code min} given to {@code option} (steps, rounds, seconds: no upper bound);
     * otherwise an error naming the option, the value and the bound.
     */
    public static int atLeast(String option, String v, int min) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = \"" + v + "\"; must be a whole number >= " + min);
        }
        if (n < min) {
            throw new IllegalArgumentException(option + " = " + n + "; must be >= " + min);
        }
        return n;
    }

    /** A file name ending in {@code extension} given to {@code option}; otherwise an error naming both. */
    static Path file(String option, String value, String extension) {
        if (!value.endsWith(extension) || value.equals(extension) || value.endsWith("/" + extension)) {
            throw new IllegalArgumentException(option + " = \"" + value + "\"; must be a file name ending in " + extension);
        }
        return Path.of(value);
    }

    /** Prints {@code markdown} and, when {@code md} is given, writes it there atomically; 0, or 1 if it cannot. */
    static int printAndWrite(String markdown, Path md, PrintStream out, PrintStream err) {
        out.println(markdown);
        if (md != null) {
            try {
                ProfileReport.writeAtomically(md, markdown);
                out.println("wrote " + md);
            } catch (IOException e) {
                err.println("error: could not write the table: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
