package dev.isspectral.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs snippets in the kernel's own JVM, each on a fresh thread, and keeps the live value of the
 * last one so that the kernel can render the real object (a table, a chart), not its string.
 *
 * <p>Stopping a snippet (interrupt or timeout) first interrupts its thread, which is enough for
 * code that checks {@link Thread#isInterrupted()} or blocks (sleep, wait, I/O); if the thread is
 * still running after {@link #STOP_GRACE_MILLIS}, it is killed with {@link Thread#stop()}, which
 * ends even a pure-Java loop. {@code Thread.stop} exists (deprecated) in Java 17 but throws
 * {@code UnsupportedOperationException} from Java 20 on, where only cooperative stopping works.
 */
final class KernelExecutionControl extends DirectExecutionControl {

    /** How long an interrupted snippet gets to finish by itself before it is killed. */
    static final long STOP_GRACE_MILLIS = 500;

    private final UserClassLoader loader;
    private final long timeoutMillis;

    private volatile Thread running;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;
    private volatile Object lastValue;

    /**
     * @param loader        the loader snippets are defined in
     * @param timeoutMillis the longest a snippet may run; {@code <= 0} for no limit
     */
    KernelExecutionControl(UserClassLoader loader, long timeoutMillis) {
        super(loader.delegate());
        this.loader = loader;
        this.timeoutMillis = timeoutMillis;
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
        running = thread;
        try {
            thread.start();
            if (timeoutMillis > 0) {
                thread.join(timeoutMillis);
                if (thread.isAlive()) {
                    timedOut = true;
                    halt(thread);
                }
            }
            thread.join();
        } finally {
            running = null;
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

    @SuppressWarnings({"deprecation", "removal"})
    private static void halt(Thread thread) {
        thread.interrupt();
        try {
            thread.join(STOP_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.stop();
        }
    }
}
