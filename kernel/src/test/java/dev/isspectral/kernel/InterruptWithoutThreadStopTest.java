package dev.isspectral.kernel;

import dev.isspectral.kernel.CellException.EvaluationInterruptedException;
import dev.isspectral.kernel.CellException.EvaluationTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * From Java 20 on {@code Thread.stop} throws {@link UnsupportedOperationException}: an interrupt
 * (or a timeout) of code that ignores interruption must still end the cell, leave the kernel
 * usable, and say once why the code may still be running. Simulated here with a killer that
 * throws; {@link #onJava20AndLaterTheRealThreadStopFallsBackTheSameWay} runs the real
 * {@code Thread.stop} when the tests run on such a JDK
 * ({@code mvn ... -Djvm=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}).
 *
 * <p>The loops spin until a system property releases them, so that no abandoned thread outlives
 * its test.
 */
class InterruptWithoutThreadStopTest {

    private static final String RELEASE = "isspectral.test.releaseLoops";
    /** Set by a cell once it runs: the test interrupts only after seeing it, never after a fixed delay. */
    static final String RUNNING = "isspectral.test.cellRunning";
    private static final String LOOP = "if (true) { System.setProperty(\"" + RUNNING + "\", \"yes\"); long spins = 0;"
            + " while (!Boolean.getBoolean(\"" + RELEASE + "\")) { spins++; } }";
    private static final KernelExecutionControl.ThreadKiller UNSUPPORTED = thread -> {
        throw new UnsupportedOperationException();
    };

    @AfterEach
    void releaseAbandonedLoops() {
        System.setProperty(RELEASE, "true");
    }

    /**
     * Waits (up to a minute: the machine may be loaded) until a cell has set {@link #RUNNING}, the observable sign
     * that its code runs, then clears it for the next cell.
     */
    static void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.getProperty(RUNNING) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cell did not start running within 60 s (no " + RUNNING + " property)");
            }
            Thread.sleep(5);
        }
        System.clearProperty(RUNNING);
    }

    private static CellException interruptLoop(JavaEvaluator java, String cell) throws Exception {
        System.clearProperty(RELEASE);
        System.clearProperty(RUNNING);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return java.eval(LOOP, cell);
            } catch (CellException e) {
                return e;
            }
        });
        awaitRunning();
        long start = System.nanoTime();
        java.interrupt();
        Object outcome = running.get(60, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the cell ends after the grace period, not never");
        return assertInstanceOf(EvaluationInterruptedException.class, outcome);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anInterruptEndsTheCellAndExplainsOnceThatTheLoopKeepsRunning() throws Exception {
        try (JavaEvaluator java = new JavaEvaluator(List.of(), -1, UNSUPPORTED)) {
            CellException first = interruptLoop(java, "In[1]");
            String report = String.join("\n", first.report());
            assertTrue(report.startsWith("interrupted: In[1] was stopped\nnote: this Java ("), report);
            assertTrue(report.contains("Thread.stop is unsupported from Java 20 on"), report);
            assertTrue(report.contains("keeps running in the background until it ends or the kernel is restarted"), report);
            assertEquals(7, java.eval("3 + 4", "In[2]").value(), "the kernel answers while the old loop spins");

            CellException second = interruptLoop(java, "In[3]");
            String again = String.join("\n", second.report());
            assertFalse(again.contains("note:"), "explained once only: " + again);
            assertTrue(again.contains("ignored the interrupt and keeps running in the background"), again);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCellThatChecksInterruptionStopsWithoutAnyNote() throws Exception {
        try (JavaEvaluator java = new JavaEvaluator(List.of(), -1, UNSUPPORTED)) {
            System.clearProperty(RUNNING);
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return java.eval("if (true) { System.setProperty(\"" + RUNNING + "\", \"yes\");"
                            + " while (!Thread.currentThread().isInterrupted()) { } }", "In[1]");
                } catch (CellException e) {
                    return e;
                }
            });
            awaitRunning();
            java.interrupt();
            CellException e = assertInstanceOf(EvaluationInterruptedException.class, running.get(60, TimeUnit.SECONDS));
            assertEquals(List.of("interrupted: In[1] was stopped"), e.report());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aTimeoutEndsTheStatementTheSameWay() throws Exception {
        System.clearProperty(RELEASE);
        try (JavaEvaluator java = new JavaEvaluator(List.of(), 300, UNSUPPORTED)) {
            long start = System.nanoTime();
            EvaluationTimeoutException e = assertThrows(EvaluationTimeoutException.class, () -> java.eval(LOOP, "In[1]"));
            assertTrue(System.nanoTime() - start < 30_000_000_000L, "ended after timeout + grace, not never");
            assertTrue(String.join("\n", e.report()).contains("note: this Java ("), e.report().toString());
            assertEquals(42, java.eval("42", "In[2]").value());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void onJava20AndLaterTheRealThreadStopFallsBackTheSameWay() throws Exception {
        assumeTrue(Runtime.version().feature() >= 20, "needs a JDK where Thread.stop throws (20+); this is "
                + Runtime.version());
        try (JavaEvaluator java = new JavaEvaluator(List.of(), -1)) {
            String report = String.join("\n", interruptLoop(java, "In[1]").report());
            assertTrue(report.contains("note: this Java (" + Runtime.version().feature() + ")"), report);
            assertEquals(7, java.eval("3 + 4", "In[2]").value());
        }
    }
}
