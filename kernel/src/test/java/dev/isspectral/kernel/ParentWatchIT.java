package dev.isspectral.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel started by a short-lived parent (a shell standing in for a Jupyter client that dies
 * without a shutdown request) ends soon after that parent, as ipykernel does: the parent's pid is
 * in {@code JPY_PARENT_PID}. Also for a kernel relaunched for {@code JJAVA_JVM_OPTS}, where the
 * launcher and the kernel JVM must both end.
 */
class ParentWatchIT {

    /** How long the stand-in client lives; the kernel must be up and serving well within it. */
    private static final int PARENT_SECONDS = 4;

    private static Path kernelJar() {
        return Path.of(System.getProperty("kernelspec.dir"), "is-spectral-kernel.jar");
    }

    private static Path connectionFile(Path dir) throws IOException {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports[i] = socket.getLocalPort();
            }
        }
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, String.format("{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", \"shell_port\": %d,"
                + " \"iopub_port\": %d, \"stdin_port\": %d, \"control_port\": %d, \"hb_port\": %d,"
                + " \"key\": \"parent-watch-test\", \"signature_scheme\": \"hmac-sha256\"}",
                ports[0], ports[1], ports[2], ports[3], ports[4]));
        return file;
    }

    /** Starts {@code sh}, which starts the kernel in the background, prints its pid and lives a few seconds. */
    private static Process shortLivedParent(Path dir, String jvmOpts) throws IOException {
        String script = "JPY_PARENT_PID=$$ java -jar '" + kernelJar() + "' '" + connectionFile(dir) + "' 2>'"
                + dir.resolve("kernel.err") + "' >/dev/null </dev/null &\necho $!\nsleep " + PARENT_SECONDS + "\n";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        builder.environment().remove("JPY_PARENT_PID");
        if (jvmOpts == null) {
            builder.environment().remove("JJAVA_JVM_OPTS");
        } else {
            builder.environment().put("JJAVA_JVM_OPTS", jvmOpts);
        }
        return builder.start();
    }

    private static long firstLine(Process process) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = process.getInputStream().read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return Long.parseLong(line.toString().strip());
    }

    private static boolean endsWithin(ProcessHandle process, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (running(process) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return !running(process);
    }

    /**
     * Alive and not a zombie: an orphaned kernel that has exited stays a zombie until the
     * container's init reaps it (a second or more here), which is not the kernel's doing.
     */
    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    private static String stderr(Path dir) throws IOException {
        Path err = dir.resolve("kernel.err");
        return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theKernelEndsWhenTheProcessThatStartedItDies() throws Exception {
        Path dir = Files.createTempDirectory("parent-watch");
        Process parent = shortLivedParent(dir, null);
        ProcessHandle kernel = ProcessHandle.of(firstLine(parent)).orElseThrow();
        try {
            Thread.sleep((PARENT_SECONDS - 1) * 1000L);
            assertTrue(parent.isAlive(), "the stand-in client is still alive");
            assertTrue(kernel.isAlive(), "the kernel is up while its client lives:\n" + stderr(dir));
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the stand-in client ends");
            long parentEnded = System.nanoTime();
            assertTrue(endsWithin(kernel, 15), "kernel " + kernel.pid() + " ends after its client died:\n" + stderr(dir));
            System.out.printf("kernel ended %.2f s after its client died%n", (System.nanoTime() - parentEnded) / 1e9);
            assertTrue(stderr(dir).contains("has ended without a shutdown request; exiting"), stderr(dir));
        } finally {
            kernel.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aKernelRelaunchedForJJavaJvmOptionsEndsToo() throws Exception {
        Path dir = Files.createTempDirectory("parent-watch-relaunch");
        Process parent = shortLivedParent(dir, "-Disspectral.test.probe=relaunched -Xss2m");
        ProcessHandle launcher = ProcessHandle.of(firstLine(parent)).orElseThrow();
        Optional<ProcessHandle> kernel = Optional.empty();
        try {
            Thread.sleep((PARENT_SECONDS - 1) * 1000L);
            kernel = launcher.children().findFirst();
            assertTrue(kernel.isPresent(), "the launcher started the kernel JVM:\n" + stderr(dir));
            List<String> arguments = List.of(kernel.get().info().arguments().orElse(new String[0]));
            assertTrue(arguments.contains("-Disspectral.test.probe=relaunched"), arguments.toString());
            assertTrue(arguments.contains("-Xss2m"), arguments.toString());
            assertTrue(kernel.get().isAlive(), "the kernel is up while its client lives:\n" + stderr(dir));
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the stand-in client ends");
            assertTrue(endsWithin(kernel.get(), 15), "kernel JVM ends after the client died:\n" + stderr(dir));
            assertTrue(endsWithin(launcher, 10), "the launcher ends with it");
            assertTrue(stderr(dir).contains("has ended without a shutdown request; exiting"), stderr(dir));
        } finally {
            kernel.ifPresent(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
