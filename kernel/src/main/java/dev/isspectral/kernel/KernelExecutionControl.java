package dev.isspectral.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Runs snippets in the kernel's own JVM, each on a fresh thread, and keeps the live value of the
 * last one so that the kernel can render the real object (a table, a chart), not its string.
 *
 * <p>Stopping a snippet (interrupt or timeout) first interrupts its thread, which is enough for
 * code that checks {@link Thread#isInterrupted()} or blocks (sleep, wait, I/O); if the thread is
 * still running after {@link #STOP_GRACE_MILLIS}, it is killed with {@link Thread#stop()}, which
 * ends even a pure-Java loop. {@code Thread.stop} exists (deprecated) in Java 17 but throws
 * {@code UnsupportedOperationException} from Java 20 on: there the kernel falls back to
 * interrupting only, leaves a thread that ignores its interrupt running in the background, ends
 * the cell anyway, and says so ({@link #takeStopNote()}).
 */
final class KernelExecutionControl extends DirectExecutionControl {

    /** How long an interrupted snippet gets to finish by itself before it is killed. */
    static final long STOP_GRACE_MILLIS = 500;

    /** Ends a thread that ignored its interrupt; may throw {@link UnsupportedOperationException}. */
    @FunctionalInterface
    interface ThreadKiller {
        void kill(Thread thread);

        /** {@link Thread#stop()}: works up to Java 19, throws from Java 20 on. */
        @SuppressWarnings({"deprecation", "removal"})
        ThreadKiller THREAD_STOP = Thread::stop;
    }

    private final UserClassLoader loader;
    private final long timeoutMillis;
    private final ThreadKiller killer;

    private volatile Thread running;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;
    private volatile boolean abandoned;
    private volatile boolean killUnsupported;
    private volatile boolean killUnsupportedExplained;
    private volatile Object lastValue;

    /**
     * @param loader        the loader snippets are defined in
     * @param timeoutMillis the longest a snippet may run; {@code <= 0} for no limit
     */
    KernelExecutionControl(UserClassLoader loader, long timeoutMillis) {
        this(loader, timeoutMillis, ThreadKiller.THREAD_STOP);
    }

    /**
     * @param loader        the loader snippets are defined in
     * @param timeoutMillis the longest a snippet may run; {@code <= 0} for no limit
     * @param killer        how a thread that ignored its interrupt is ended (tests replace it)
     */
    KernelExecutionControl(UserClassLoader loader, long timeoutMillis, ThreadKiller killer) {
        super(loader.delegate());
        this.loader = loader;
        this.timeoutMillis = timeoutMillis;
        this.killer = killer;
    }

    /** @return the value computed by the last snippet that ran (null for statements) */
    Object lastValue() {
        return lastValue;
    }

    /** @return true if the last snippet was stopped because it ran past the timeout */
    boolean lastTimedOut() {
        return timedOut;
    }

    /** @return true if the last snippet was stopped by {@link #stop()} */
    boolean lastStopped() {
        return stopRequested;
    }

    /** Forgets the last value, before a new snippet runs. */
    void clearLastValue() {
        lastValue = null;
    }

    /** JShell reads a bare variable reference ({@code table} on its own) through here. */
    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        String text = super.varValue(className, varName);
        try {
            java.lang.reflect.Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastValue = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            lastValue = text;
        }
        return text;
    }

    /** Clears the stop flags before a new cell. */
    void resetStopState() {
        stopRequested = false;
        timedOut = false;
        abandoned = false;
    }

    /**
     * What the error of a stopped cell should add when its thread could not be killed: the
     * explanation the first time, a one-line reminder after that, nothing if the thread ended.
     *
     * @return lines to append to the cell's error report
     */
    List<String> takeStopNote() {
        if (!abandoned) {
            return List.of();
        }
        if (!killUnsupportedExplained) {
            killUnsupportedExplained = true;
            return List.of("note: this Java (" + Runtime.version().feature() + ") cannot force a thread to stop"
                            + " (Thread.stop is unsupported from Java 20 on), so interrupts and IJAVA_TIMEOUT only interrupt"
                            + " the cell's thread.",
                    "The cell's code did not react to the interrupt within " + STOP_GRACE_MILLIS
                            + " ms: it keeps running in the background until it ends or the kernel is restarted."
                            + " Loops that check Thread.currentThread().isInterrupted() (as the solver's run loops do) stop.");
        }
        return List.of("the cell's thread ignored the interrupt and keeps running in the background (no Thread.stop on this Java)");
    }

    @Override
    protected String invoke(Method doItMethod) throws Exception {
        lastValue = null;
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = doItMethod.invoke(null);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "notebook-cell");
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        Thread outer = running;  // eval(...) inside a cell runs a snippet while the cell's own one runs
        running = thread;
        try {
            thread.start();
            long started = System.nanoTime();
            // wait in slices, so that a stop() that abandons the thread (Java 20+) ends the wait
            while (thread.isAlive() && !abandoned) {
                long wait = 100;
                if (timeoutMillis > 0 && !timedOut) {
                    long left = timeoutMillis - (System.nanoTime() - started) / 1_000_000;
                    if (left <= 0) {
                        timedOut = true;
                        halt(thread);
                        continue;
                    }
                    wait = Math.min(left, wait);
                }
                thread.join(wait);
            }
        } finally {
            running = outer;
        }
        if (abandoned) {
            throw new StoppedException();
        }
        if (failure[0] != null) {
            if (stopRequested || timedOut) {
                throw new StoppedException();
            }
            if (failure[0] instanceof InvocationTargetException ite) {
                throw ite;
            }
            if (failure[0] instanceof Exception e) {
                throw e;
            }
            throw new InvocationTargetException(failure[0]);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    /** Stops the running snippet, if any: interrupt, then kill after the grace period. */
    @Override
    public void stop() {
        Thread thread = running;
        if (thread == null) {
            return;
        }
        stopRequested = true;
        halt(thread);
    }

    /**
     * Interrupts, waits {@link #STOP_GRACE_MILLIS}, then kills; where killing is unsupported,
     * marks the snippet abandoned so that {@link #invoke} stops waiting for it.
     */
    private void halt(Thread thread) {
        thread.interrupt();
        try {
            thread.join(STOP_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            return;
        }
        if (!killUnsupported) {
            try {
                killer.kill(thread);
                return;
            } catch (UnsupportedOperationException | LinkageError e) {
                // Java 20+: Thread.stop throws (or, once removed, is missing); remember, do not retry
                killUnsupported = true;
            }
        }
        abandoned = true;
    }
}
