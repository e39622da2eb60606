package dev.isspectral.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Entry point started by Jupyter: {@code java -jar is-spectral-kernel.jar <connection file>}.
 * Settings come from the {@code IJAVA_*} / {@code JJAVA_*} environment variables (see
 * {@link KernelConfig}).
 *
 * <p>If {@code JJAVA_JVM_OPTS} is set, this JVM only launches the kernel in a second JVM with
 * those options (after the kernelspec's own), waits for it and exits with its status. The
 * kernel ends by itself when the Jupyter process that started it dies ({@link ParentWatch}).
 */
public final class KernelMain {

    /** System property marking a kernel JVM started by the launcher. */
    static final String RELAUNCHED_PROPERTY = "isspectral.kernel.relaunched";

    /** Logger names basekernel's channels use; kept strongly reachable so their level sticks. */
    private static final List<Logger> SILENCED = new ArrayList<>();

    private KernelMain() {
    }

    /**
     * Starts the kernel and serves until Jupyter shuts it down or the process that started it
     * ends.
     *
     * @param args the connection file path
     * @throws Exception if the connection file cannot be read or the sockets cannot be bound
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar is-spectral-kernel.jar <connection-file>");
            System.exit(2);
        }
        silenceProtocolLogging();
        KernelConfig config;
        try {
            config = KernelConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("is-spectral kernel: " + e.getMessage());
            System.exit(2);
            return;
        }
        java.util.Optional<String> badOptions = config.compilerOptionsProblem();
        if (badOptions.isPresent()) {
            System.err.println("is-spectral kernel: " + badOptions.get());
            System.exit(2);
            return;
        }
        boolean relaunched = Boolean.getBoolean(RELAUNCHED_PROPERTY);
        List<String> inputArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> jvmOptions = config.jvmOptionsNeeded(inputArguments);
        if (!jvmOptions.isEmpty() && !relaunched) {
            System.exit(launch(relaunchCommand(Path.of(System.getProperty("java.home")), inputArguments, jvmOptions,
                    System.getProperty("java.class.path"), args[0])));
            return;
        }
        if (config.compilerOptions().contains("--enable-preview") && !inputArguments.contains("--enable-preview")) {
            System.err.println("is-spectral kernel: " + KernelConfig.COMPILER_OPTS + " has --enable-preview but this JVM was"
                    + " started without it, so preview code could not run; must start the kernel's JVM with --enable-preview"
                    + " (add it to JJAVA_JVM_OPTS or the kernelspec's argv)");
            System.exit(2);
            return;
        }
        System.setProperty("isspectral.kernel", "true");
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(properties);
        JavaKernel kernel = new JavaKernel(config);
        kernel.becomeHandlerForConnection(connection);
        // the kernel's own messages go to the process's stderr; cell output is routed to the client from here on
        java.io.PrintStream processErr = System.err;
        kernel.boundCellOutput(CellOutput.DEFAULT_LIMIT);
        connection.connect();
        ParentWatch.start(ParentWatch.parents(System.getenv(), relaunched), ParentWatch.POLL_MILLIS, parent -> {
            processErr.println("is-spectral kernel: process " + parent.pid()
                    + " that started this kernel has ended without a shutdown request; exiting");
            processErr.flush();
            // halt, not exit: nobody is left to answer, and closing sockets towards a dead peer can linger
            Runtime.getRuntime().halt(0);
        });
        connection.waitUntilClose();
        kernel.close();
        System.exit(0);
    }

    /**
     * The command that starts the kernel in a JVM with extra options.
     *
     * @param javaHome       this JVM's home
     * @param inputArguments this JVM's options (the kernelspec's), kept first
     * @param jvmOptions     {@code JJAVA_JVM_OPTS}, after them so that they win
     * @param classpath      this JVM's class path (the kernel jar)
     * @param connectionFile Jupyter's connection file
     * @return the command line
     */
    static List<String> relaunchCommand(Path javaHome, List<String> inputArguments, List<String> jvmOptions,
                                        String classpath, String connectionFile) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(inputArguments);
        command.addAll(jvmOptions);
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.add("-cp");
        command.add(classpath);
        command.add(KernelMain.class.getName());
        command.add(connectionFile);
        return command;
    }

    /** Runs the kernel JVM with this one's streams; ends it if this JVM is terminated. */
    private static int launch(List<String> command) throws IOException, InterruptedException {
        Process kernel = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(kernel::destroy, "kernel-launcher-stop"));
        return kernel.waitFor();
    }

    /**
     * basekernel logs each socket loop's life at INFO through java.util.logging, under names such
     * as {@code Loop-shell}; none of it is for the notebook user. Records from basekernel's
     * packages (relocated or not) below SEVERE are dropped; everything else is left alone.
     */
    static void silenceProtocolLogging() {
        for (String name : List.of("Jupyter", "ShellChannel", "ControlChannel", "IOPubChannel",
                "HeartbeatChannel", "StdinChannel", "dev.isspectral.kernel.shaded", "io.github.spencerpark")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.OFF);
            SILENCED.add(logger);
        }
        Filter quiet = record -> record.getLevel().intValue() >= Level.SEVERE.intValue()
                || !isProtocolRecord(record);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFilter(quiet);
        }
    }

    static boolean isProtocolRecord(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        String source = record.getSourceClassName() == null ? "" : record.getSourceClassName();
        return logger.startsWith("Loop-") || source.startsWith("dev.isspectral.kernel.shaded.")
                || source.startsWith("io.github.spencerpark.");
    }
}
