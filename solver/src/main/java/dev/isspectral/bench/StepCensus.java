package dev.isspectral.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The bytes one thread allocates in each of a run of steps, read around every step, and grouped into windows of
 * consecutive steps: what the steady-state allocation rows report.
 *
 * <p>The figure is the <em>least</em> any window allocated per step. An allocation that recurs, every step or every
 * few steps up to a window's length, is in every window and so in the figure; a one-off (a step that runs code the
 * JIT has not yet compiled to its final tier, for instance) lands in one window and leaves the others at
 * zero. The census beside it (how many steps allocated anything, the largest, every window's figure) shows which of
 * the two a reader is looking at. Probes on 2026-12-05: 20x32x32x16 stepped 1500 times after 20 warm-up steps
 * allocated in 4 steps of 1500 with FFTW (56-240 B each) and 6 with the java backend (56-752 B), none of them a
 * step with a Flight Recorder {@code jdk.Deoptimization} event on the stepping thread: not the deoptimizations the
 * rows used to name; code on an early JIT tier is the likeliest cause, not shown.
 */
public final class StepCensus {

    /** One step of the thing measured. */
    @FunctionalInterface
    public interface Step {
        void run();
    }

    private final long[] windowBytes;
    private final int window;
    private final int allocating;
    private final long largest;

    private StepCensus(long[] windowBytes, int window, int allocating, long largest) {
        this.windowBytes = windowBytes;
        this.window = window;
        this.allocating = allocating;
        this.largest = largest;
    }

    /**
     * Runs {@code windows × window} steps on the calling thread and reads that thread's allocation counter around each.
     * Returns {@code null} where the JVM cannot count a thread's allocation.
     */
    public static StepCensus take(Step step, int windows, int window) {
        if (windows < 1) {
            throw new IllegalArgumentException("windows = " + windows + "; must be at least 1");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window = " + window + "; must be at least 1 step");
        }
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean counter) || !counter.isThreadAllocatedMemorySupported()
                || !counter.isThreadAllocatedMemoryEnabled()) {
            return null;
        }
        long id = Thread.currentThread().getId();
        long[] bytes = new long[windows];
        int allocating = 0;
        long largest = 0;
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < window; i++) {
                long before = counter.getThreadAllocatedBytes(id);
                step.run();
                long b = counter.getThreadAllocatedBytes(id) - before;
                if (b > 0) {
                    allocating++;
                    largest = Math.max(largest, b);
                    bytes[w] += b;
                }
            }
        }
        return new StepCensus(bytes, window, allocating, largest);
    }

    /** The least bytes per step over the windows: the allocation that recurs at least once per window. */
    public double recurringPerStep() {
        return (double) Arrays.stream(windowBytes).min().orElse(0) / window;
    }

    /** All bytes over all steps, per step (one-offs included). */
    public double allPerStep() {
        return (double) Arrays.stream(windowBytes).sum() / steps();
    }

    /** Steps read. */
    public int steps() {
        return windowBytes.length * window;
    }

    /** Steps that allocated anything. */
    public int allocatingSteps() {
        return allocating;
    }

    /** The most one step allocated. */
    public long largestStep() {
        return largest;
    }

    /** Each window's bytes per step, in order. */
    public double[] windowsPerStep() {
        return Arrays.stream(windowBytes).mapToDouble(b -> (double) b / window).toArray();
    }

    /** One sentence for a row's note. */
    public String describe() {
        StringBuilder each = new StringBuilder();
        for (double v : windowsPerStep()) {
            each.append(each.length() == 0 ? "" : ", ").append(dev.isspectral.measure.Estimate.number(v));
        }
        return String.format(Locale.ROOT, "%d steps read one by one on the stepping thread in %d windows of %d; the least a "
                + "window allocated is the figure (an allocation that recurs within %d steps is in every window, a one-off "
                + "in one): windows %s B/step; %d of %d steps allocated anything, the largest %d B, %s B/step over all",
                steps(), windowBytes.length, window, window, each, allocating, steps(), largest,
                dev.isspectral.measure.Estimate.number(allPerStep()));
    }
}
