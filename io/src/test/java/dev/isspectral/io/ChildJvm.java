package dev.isspectral.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the tests in a new JVM with the tests' class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Djava.awt.headless=true");
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            pb.redirectOutput(log.toFile());
        }
        return pb.start();
    }
}
