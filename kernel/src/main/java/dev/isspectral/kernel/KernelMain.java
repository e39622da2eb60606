package dev.isspectral.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

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
 * Settings come from the {@code IJAVA_*} environment variables (see {@link KernelConfig}).
 */
public final class KernelMain {

    /** Logger names basekernel's channels use; kept strongly reachable so their level sticks. */
    private static final List<Logger> SILENCED = new ArrayList<>();

    private KernelMain() {
    }

    /**
     * Starts the kernel and serves until Jupyter shuts it down.
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
        System.setProperty("isspectral.kernel", "true");
        KernelConfig config;
        try {
            config = KernelConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("is-spectral kernel: " + e.getMessage());
            System.exit(2);
            return;
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(properties);
        JavaKernel kernel = new JavaKernel(config);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel.close();
        System.exit(0);
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
