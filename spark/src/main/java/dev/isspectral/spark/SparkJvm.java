package dev.isspectral.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options Spark 4 needs on Java 17 (its {@code --add-opens} list), and a check of the running
 * JVM. Spark's own launchers add them; a JVM that embeds Spark (a test, a notebook kernel) must be
 * started with them. In this module the surefire argLine has them; for a notebook, start Jupyter with
 * <pre>
 * export JJAVA_JVM_OPTS="$(java -cp spark/target/classes dev.isspectral.spark.SparkJvm)"
 * </pre>
 * (IS-Spectral's kernel restarts itself once with {@code JJAVA_JVM_OPTS}; on another kernel, add them
 * to the kernelspec's {@code argv}).
 */
public final class SparkJvm {

    private SparkJvm() {
    }

    /** The options, from the module's resource (the pom's {@code spark.jvm.options}). */
    public static List<String> options() {
        try (InputStream in = SparkJvm.class.getResourceAsStream("jvm-options.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/isspectral/spark/jvm-options.txt is missing; rebuild the spark module");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return List.of(text.split("\\s+"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read jvm-options.txt: " + e.getMessage(), e);
        }
    }

    /** The {@code --add-opens} packages of {@link #options()} that this JVM has not opened to unnamed modules. */
    public static List<String> missingOpens() {
        List<String> missing = new ArrayList<>();
        Module unnamed = SparkJvm.class.getClassLoader().getUnnamedModule();
        for (String option : options()) {
            if (!option.startsWith("--add-opens=")) {
                continue;
            }
            int start = "--add-opens=".length();
            String target = option.substring(start, option.indexOf('=', start));
            String[] moduleAndPackage = target.split("/");
            Module module = ModuleLayer.boot().findModule(moduleAndPackage[0]).orElse(null);
            if (module != null && !module.isOpen(moduleAndPackage[1], unnamed)) {
                missing.add(option);
            }
        }
        return missing;
    }

    /** Throws IllegalStateException with the exact remedy if this JVM lacks options Spark needs. */
    public static void requireOptions() {
        List<String> missing = missingOpens();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Spark needs JVM options this JVM was started without: " + String.join(" ", missing)
                    + ". Start the JVM with all of `java -cp spark/target/classes dev.isspectral.spark.SparkJvm` (for a notebook: "
                    + "export JJAVA_JVM_OPTS=\"$(java -cp spark/target/classes dev.isspectral.spark.SparkJvm)\" before starting Jupyter; "
                    + "see spark/README.md)");
        }
    }

    /** Prints the options on one line, for {@code JJAVA_JVM_OPTS} or a kernelspec. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", options()));
    }
}
