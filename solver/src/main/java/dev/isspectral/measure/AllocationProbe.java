package dev.isspectral.measure;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Reads the JVM's per-thread allocation counters ({@code com.sun.management.ThreadMXBean}) around a measured
 * operation and turns two readings into an {@link Allocation}. The measuring thread is read with
 * {@code getCurrentThreadAllocatedBytes()}, which allocates nothing; the other threads through one snapshot of all
 * live thread ids, taken outside the operation's window. Per-thread differences are summed, so a thread that ended
 * in the window cannot make the total negative (the sum of live threads' counters can drop when one ends; that was
 * the old bug): its bytes are left out and the figure marked as a lower bound. A thread that started and ended
 * wholly inside the window is detected from the JVM's started-thread count and marks the figure the same way.
 */
final class AllocationProbe {

    private final com.sun.management.ThreadMXBean bean;
    private final long self;
    private final long selfOverhead;

    private AllocationProbe(com.sun.management.ThreadMXBean bean) {
        this.bean = bean;
        this.self = Thread.currentThread().getId();
        this.selfOverhead = bean == null ? 0 : calibrate(bean);
    }

    /** A probe for the calling thread (the measuring thread); unavailable where the JVM has no counters. */
    static AllocationProbe forCurrentThread() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
                && b.isThreadAllocatedMemorySupported()) {
            if (!b.isThreadAllocatedMemoryEnabled()) {
                b.setThreadAllocatedMemoryEnabled(true);
            }
            return new AllocationProbe(b);
        }
        return new AllocationProbe(null);
    }

    boolean available() {
        return bean != null;
    }

    /** The smallest count the measuring thread's own reading pair adds (normally 0). */
    private static long calibrate(com.sun.management.ThreadMXBean b) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long a = b.getCurrentThreadAllocatedBytes();
            long c = b.getCurrentThreadAllocatedBytes();
            min = Math.min(min, c - a);
        }
        return Math.max(0, min);
    }

    /** Reading of the other threads; call before {@link #selfBytes()} at the start, after it at the end. */
    Snapshot others() {
        if (bean == null) {
            return null;
        }
        long started = bean.getTotalStartedThreadCount();
        long[] ids = bean.getAllThreadIds();
        long[] bytes = bean.getThreadAllocatedBytes(ids);
        return new Snapshot(ids, bytes, started);
    }

    /** The measuring thread's counter; allocates nothing. */
    long selfBytes() {
        return bean == null ? 0 : bean.getCurrentThreadAllocatedBytes();
    }

    /**
     * The allocation between two readings: {@code selfStart}/{@code selfEnd} of the measuring thread, and
     * {@code start}/{@code end} of all threads (the measuring thread's entries ignored there).
     */
    Allocation between(Snapshot start, long selfStart, long selfEnd, Snapshot end, long operations) {
        if (bean == null || start == null || end == null) {
            return Allocation.unavailable(operations);
        }
        long own = Math.max(0, selfEnd - selfStart - selfOverhead);
        long total = own;
        boolean exact = true;
        long[] sortedStartIds = start.ids.clone();
        long[] startBytesBySorted = new long[sortedStartIds.length];
        Integer[] order = new Integer[start.ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(start.ids[x], start.ids[y]));
        for (int i = 0; i < order.length; i++) {
            sortedStartIds[i] = start.ids[order[i]];
            startBytesBySorted[i] = start.bytes[order[i]];
        }
        int seenFromStart = 0;
        int newThreads = 0;
        for (int i = 0; i < end.ids.length; i++) {
            if (end.ids[i] == self || end.bytes[i] < 0) {
                continue;                           // −1: the thread ended between the two calls of the reading
            }
            int k = Arrays.binarySearch(sortedStartIds, end.ids[i]);
            long before = 0;
            if (k >= 0) {
                seenFromStart++;
                before = Math.max(0, startBytesBySorted[k]);
            } else {
                newThreads++;
            }
            total += Math.max(0, end.bytes[i] - before);
        }
        int startOthers = 0;
        for (int i = 0; i < start.ids.length; i++) {
            if (start.ids[i] != self && start.bytes[i] >= 0) {
                startOthers++;
            }
        }
        if (seenFromStart < startOthers) {
            exact = false;                          // a thread ended in the window: its last bytes are unseen
        }
        if (end.started - start.started > newThreads) {
            exact = false;                          // a thread started and ended inside the window
        }
        for (long b : end.bytes) {
            if (b < 0) {
                exact = false;
            }
        }
        return new Allocation(total, own, operations, exact, true);
    }

    /** Thread ids and their allocated bytes at one moment. */
    static final class Snapshot {
        final long[] ids;
        final long[] bytes;
        final long started;

        Snapshot(long[] ids, long[] bytes, long started) {
            this.ids = ids;
            this.bytes = bytes;
            this.started = started;
        }
    }
}
