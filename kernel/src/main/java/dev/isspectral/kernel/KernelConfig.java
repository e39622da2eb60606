package dev.isspectral.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's settings, read from environment variables the way IJava and JJava read them.
 *
 * <p>Each setting has an IJava name ({@code IJAVA_*}) and a JJava name ({@code JJAVA_*}), so a
 * kernelspec or environment written for either kernel works here. When both are set to a
 * non-blank value, the IJava name wins; a blank value counts as unset.
 *
 * @param classpath           {@code IJAVA_CLASSPATH} / {@code JJAVA_CLASSPATH}: entries (simple
 *                            globs allowed) separated by the platform path separator ({@code :}
 *                            here); empty entries skipped
 * @param compilerOptions     {@code IJAVA_COMPILER_OPTS} / {@code JJAVA_COMPILER_OPTS}: options for
 *                            the compiler, separated by whitespace; double quotes keep spaces
 *                            inside one option
 * @param timeoutMillis       {@code IJAVA_TIMEOUT} / {@code JJAVA_TIMEOUT}: the longest one
 *                            top-level statement may run, in milliseconds by default, or
 *                            {@code "<n> <TimeUnit>"} such as {@code "30 SECONDS"}; below 1 means
 *                            no limit (the default, -1)
 * @param startupScriptPaths  {@code IJAVA_STARTUP_SCRIPTS_PATH} / {@code JJAVA_STARTUP_SCRIPTS_PATH}:
 *                            {@code .jshell} files (simple globs allowed), separated by the path
 *                            separator, run at start in order
 * @param startupScript       {@code IJAVA_STARTUP_SCRIPT} / {@code JJAVA_STARTUP_SCRIPT}: Java code
 *                            run at start, after the files
 * @param jvmOptions          {@code JJAVA_JVM_OPTS}: extra options for the kernel's JVM, split like
 *                            the compiler options; when there are any, the kernel restarts itself
 *                            in a JVM with them (see {@link KernelMain})
 */
public record KernelConfig(List<String> classpath, List<String> compilerOptions, long timeoutMillis,
                           List<String> startupScriptPaths, String startupScript, List<String> jvmOptions) {

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
    /** See {@link #jvmOptions()}; JJava's launcher variable (IJava has none). */
    public static final String JVM_OPTS = "JJAVA_JVM_OPTS";

    /**
     * The JJava name of an IJava variable.
     *
     * @param ijavaName e.g. {@link #CLASSPATH}
     * @return e.g. {@code JJAVA_CLASSPATH}
     */
    public static String jjavaName(String ijavaName) {
        return "J" + ijavaName.substring(1);
    }

    /** Canonical constructor; copies the lists. */
    public KernelConfig {
        classpath = List.copyOf(classpath);
        compilerOptions = List.copyOf(compilerOptions);
        startupScriptPaths = List.copyOf(startupScriptPaths);
        jvmOptions = List.copyOf(jvmOptions);
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
        String timeoutName = chosenName(env, TIMEOUT);
        return new KernelConfig(
                splitPaths(value(env, CLASSPATH)),
                splitOptions(chosenName(env, COMPILER_OPTS), value(env, COMPILER_OPTS)),
                parseTimeout(timeoutName, env.get(timeoutName)),
                splitPaths(value(env, STARTUP_SCRIPTS_PATH)),
                value(env, STARTUP_SCRIPT),
                splitOptions(JVM_OPTS, env.getOrDefault(JVM_OPTS, "")));
    }

    /**
     * Which name of a setting the environment uses: the IJava one if it is set and not blank,
     * else the JJava one.
     *
     * @param env       the environment
     * @param ijavaName the IJava name, e.g. {@link #TIMEOUT}
     * @return the name whose value counts
     */
    static String chosenName(Map<String, String> env, String ijavaName) {
        String ijava = env.get(ijavaName);
        return ijava != null && !ijava.isBlank() ? ijavaName : jjavaName(ijavaName);
    }

    private static String value(Map<String, String> env, String ijavaName) {
        return env.getOrDefault(chosenName(env, ijavaName), "");
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

    static List<String> splitOptions(String variable, String value) {
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
            throw new IllegalArgumentException(variable + " = '" + value + "'; has an unclosed double quote");
        }
        if (any) {
            options.add(current.toString());
        }
        return options;
    }

    /**
     * Checks the compiler options with the compiler itself, so that a bad one is one clear error at start-up, not a
     * stack trace in every cell.
     *
     * @return empty if javac accepts them, else one line naming the variable, the options and javac's complaint
     */
    java.util.Optional<String> compilerOptionsProblem() {
        if (compilerOptions.isEmpty()) {
            return java.util.Optional.empty();
        }
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return java.util.Optional.of("no Java compiler in this runtime (" + System.getProperty("java.home")
                    + "); the kernel needs a JDK, not a JRE");
        }
        javax.tools.JavaFileObject probe = new javax.tools.SimpleJavaFileObject(java.net.URI.create("string:///Probe.java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return "class Probe {}";
            }
        };
        List<String> checked = new ArrayList<>(compilerOptions);
        checked.add("-proc:none");
        try {
            javac.getTask(java.io.Writer.nullWriter(), null, d -> { }, checked, null, List.of(probe));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(COMPILER_OPTS + "/" + jjavaName(COMPILER_OPTS) + " = '" + String.join(" ", compilerOptions)
                    + "': the Java compiler refuses it: " + e.getMessage().replaceFirst("^error: ", "")
                    + "; must be options javac accepts, e.g. -Xlint:all or --enable-preview --release "
                    + Runtime.version().feature());
        }
        return java.util.Optional.empty();
    }

    /**
     * JVM options the compiler options need: code compiled with {@code --enable-preview} runs only in a JVM started
     * with it, so that option is added (and the kernel relaunched, see {@link KernelMain}) when this JVM lacks it.
     *
     * @param inputArguments this JVM's options
     * @return {@link #jvmOptions()} plus what is missing
     */
    List<String> jvmOptionsNeeded(List<String> inputArguments) {
        List<String> needed = new ArrayList<>(jvmOptions);
        if (compilerOptions.contains("--enable-preview") && !inputArguments.contains("--enable-preview")
                && !jvmOptions.contains("--enable-preview")) {
            needed.add("--enable-preview");
        }
        return needed;
    }

    /**
     * Parses {@code IJAVA_TIMEOUT} (or {@code JJAVA_TIMEOUT}).
     *
     * @param variable the variable's name, for messages
     * @param value null or blank for none, {@code "<long>"} milliseconds, or {@code "<long> <TimeUnit>"}
     * @return milliseconds, or -1 for no limit
     */
    static long parseTimeout(String variable, String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String[] parts = value.strip().split("\\s+");
        String allowed = "allowed: an integer number of milliseconds, or an integer and a TimeUnit"
                + " (NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS), e.g. '30 SECONDS';"
                + " below 1 means no timeout";
        if (parts.length > 2) {
            throw new IllegalArgumentException(variable + " = '" + value + "'; " + allowed);
        }
        long amount;
        try {
            amount = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " = '" + value + "'; " + allowed);
        }
        TimeUnit unit = TimeUnit.MILLISECONDS;
        if (parts.length == 2) {
            try {
                unit = TimeUnit.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(variable + " = '" + value + "'; unknown unit '" + parts[1] + "'; " + allowed);
            }
        }
        if (amount < 1) {
            return -1;
        }
        return Math.max(1, unit.toMillis(amount));
    }
}
