package dev.isspectral.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's settings, read from environment variables the way IJava reads them.
 *
 * @param classpath           {@code IJAVA_CLASSPATH}: entries (simple globs allowed) separated by
 *                            the platform path separator ({@code :} here); empty entries skipped
 * @param compilerOptions     {@code IJAVA_COMPILER_OPTS}: options for the compiler, separated by
 *                            whitespace; double quotes keep spaces inside one option
 * @param timeoutMillis       {@code IJAVA_TIMEOUT}: the longest one top-level statement may run,
 *                            in milliseconds by default, or {@code "<n> <TimeUnit>"} such as
 *                            {@code "30 SECONDS"}; below 1 means no limit (the default, -1)
 * @param startupScriptPaths  {@code IJAVA_STARTUP_SCRIPTS_PATH}: {@code .jshell} files (simple
 *                            globs allowed), separated by the path separator, run at start in order
 * @param startupScript       {@code IJAVA_STARTUP_SCRIPT}: Java code run at start, after the files
 */
public record KernelConfig(List<String> classpath, List<String> compilerOptions, long timeoutMillis,
                           List<String> startupScriptPaths, String startupScript) {

    /** Environment variable names, as IJava has them. */
    public static final String CLASSPATH = "IJAVA_CLASSPATH";
    /** See {@link #compilerOptions()}. */
    public static final String COMPILER_OPTS = "IJAVA_COMPILER_OPTS";
    /** See {@link #timeoutMillis()}. */
    public static final String TIMEOUT = "IJAVA_TIMEOUT";
    /** See {@link #startupScriptPaths()}. */
    public static final String STARTUP_SCRIPTS_PATH = "IJAVA_STARTUP_SCRIPTS_PATH";
    /** See {@link #startupScript()}. */
    public static final String STARTUP_SCRIPT = "IJAVA_STARTUP_SCRIPT";

    /** Canonical constructor; copies the lists. */
    public KernelConfig {
        classpath = List.copyOf(classpath);
        compilerOptions = List.copyOf(compilerOptions);
        startupScriptPaths = List.copyOf(startupScriptPaths);
    }

    /**
     * Reads the settings from an environment.
     *
     * @param env e.g. {@link System#getenv()}
     * @return the settings; unset variables take their defaults
     * @throws IllegalArgumentException naming the variable, its value and what is allowed, if a
     *                                  value cannot be parsed
     */
    public static KernelConfig fromEnvironment(Map<String, String> env) {
        return new KernelConfig(
                splitPaths(env.getOrDefault(CLASSPATH, "")),
                splitOptions(env.getOrDefault(COMPILER_OPTS, "")),
                parseTimeout(env.get(TIMEOUT)),
                splitPaths(env.getOrDefault(STARTUP_SCRIPTS_PATH, "")),
                env.getOrDefault(STARTUP_SCRIPT, ""));
    }

    static List<String> splitPaths(String value) {
        List<String> paths = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                paths.add(entry.strip());
            }
        }
        return paths;
    }

    static List<String> splitOptions(String value) {
        List<String> options = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    options.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(COMPILER_OPTS + " = '" + value + "'; has an unclosed double quote");
        }
        if (any) {
            options.add(current.toString());
        }
        return options;
    }

    /**
     * Parses {@code IJAVA_TIMEOUT}.
     *
     * @param value null or blank for none, {@code "<long>"} milliseconds, or {@code "<long> <TimeUnit>"}
     * @return milliseconds, or -1 for no limit
     */
    static long parseTimeout(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String[] parts = value.strip().split("\\s+");
        String allowed = "allowed: an integer number of milliseconds, or an integer and a TimeUnit"
                + " (NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS), e.g. '30 SECONDS';"
                + " below 1 means no timeout";
        if (parts.length > 2) {
            throw new IllegalArgumentException(TIMEOUT + " = '" + value + "'; " + allowed);
        }
        long amount;
        try {
            amount = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT + " = '" + value + "'; " + allowed);
        }
        TimeUnit unit = TimeUnit.MILLISECONDS;
        if (parts.length == 2) {
            try {
                unit = TimeUnit.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TIMEOUT + " = '" + value + "'; unknown unit '" + parts[1] + "'; " + allowed);
            }
        }
        if (amount < 1) {
            return -1;
        }
        return Math.max(1, unit.toMillis(amount));
    }
}
