package dev.isspectral.spark;

import dev.isspectral.ensemble.Ensemble;
import dev.isspectral.ensemble.Measurements;
import dev.isspectral.ensemble.Progress;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Spark's start-up in a fresh JVM, the way a notebook or a driver meets it: the time to create the session, and to
 * create it and run a first one-member job. Spark starts once per JVM (a second session in the same JVM finds its
 * classes loaded and compiled), so {@link EnsembleBenchmark} times it as a repeated measure over fresh JVMs, one after
 * another, started with this JVM's options and class path ({@link #inFreshJvm}).
 */
public final class SparkStartupProbe {

    /** The line a probe prints: this prefix, then the session's seconds and the session plus first job's seconds. */
    static final String RESULT = "is-spectral-spark-startup";

    private SparkStartupProbe() {
    }

    /** {@code SparkStartupProbe MASTER NTxNXxNYxNZ}: prints {@value #RESULT} SESSION_S FIRST_JOB_S. */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SparkStartupProbe MASTER NTxNXxNYxNZ");
        }
        double[] t = startup(args[0], args[1]);
        SparkExecutor.stop();
        System.out.printf(Locale.ROOT, "%s %.6f %.6f%n", RESULT, t[0], t[1]);
    }

    /** A one-member ensemble of the benchmark's base on {@code grid}. */
    static Ensemble oneMember(String grid) {
        Simulation base = Simulation.builder().grid(grid).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 1, 0).amplitude(1e-3)).build();
        return Ensemble.of(base).measure(Measurements.finalEnergy()).progress(Progress.silent());
    }

    /** Starts Spark at {@code master} in this JVM and runs a one-member job: {session s, session + job s}. */
    static double[] startup(String master, String grid) {
        Ensemble first = oneMember(grid);
        long start = System.nanoTime();
        SparkExecutor spark = SparkExecutor.master(master);
        spark.sparkSession();
        double session = (System.nanoTime() - start) / 1e9;
        first.executor(spark).run();
        return new double[] {session, (System.nanoTime() - start) / 1e9};
    }

    /**
     * Runs the probe in a fresh JVM with this JVM's options (Spark's flags, the logging configuration) and class path;
     * returns {session s, session + job s}.
     *
     * @throws IllegalStateException with the probe's last output if it fails or prints no result within the timeout
     */
    static double[] inFreshJvm(String master, String grid, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkStartupProbe.class.getName(), master, grid));
        String output;
        Path log = null;
        try {
            log = Files.createTempFile("is-spectral-spark-startup", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Spark start-up probe did not end within " + timeoutSeconds + " s");
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run a JVM for the Spark start-up probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing Spark's start-up", e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file left behind in the system's temporary folder
                }
            }
        }
        return parse(output);
    }

    /** {session, session + job} from a probe's output; IllegalStateException quoting its end if it has no result line. */
    static double[] parse(String output) {
        for (String line : output.split("\\R")) {
            if (line.startsWith(RESULT + " ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    try {
                        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        String tail = output.length() > 2000 ? "…" + output.substring(output.length() - 2000) : output;
        throw new IllegalStateException("the Spark start-up probe printed no result line; its output ended:\n" + tail);
    }
}
