package dev.isspectral.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs code with {@code System.err} captured, so a test that expects a warning asserts on it instead of
 * printing it into the build log. Tests run on one thread per JVM here, so swapping the global stream is safe.
 */
public final class StdErr {

    /** The value the code returned and what it wrote on stderr. */
    public record Captured<T>(T value, String text) {
    }

    /** Code that returns a value and may throw. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    /** Code that returns nothing and may throw. */
    @FunctionalInterface
    public interface VoidBody {
        void run() throws Exception;
    }

    private StdErr() {
    }

    /** Runs {@code body} with stderr captured; the stream is restored even if it throws. */
    public static synchronized <T> Captured<T> capture(Body<T> body) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            T value = body.run();
            capture.flush();
            return new Captured<>(value, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    /** Runs {@code body} with stderr captured and returns what it wrote there. */
    public static String captureText(VoidBody body) throws Exception {
        return capture(() -> {
            body.run();
            return null;
        }).text();
    }
}
