package dev.isspectral.profile;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated so far, by the calling thread and by all live threads together.
 * The JVM implementation reads {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 */
public interface AllocationCounter {

    /** Bytes allocated so far by the calling thread. */
    long currentThread();

    /**
     * Bytes allocated so far by all threads: a running total that never decreases. Each reading adds, per live thread,
     * what it allocated since the previous reading (a new thread: all it allocated), so a thread that ends keeps what
     * was counted of it; what it allocated after the last reading before it ended is missed (an undercount, never a
     * negative difference, which a plain sum over live threads gives when a thread ends).
     */
    long allThreads();

    /** A counter that always reads zero. */
    AllocationCounter NONE = new AllocationCounter() {
        @Override
        public long currentThread() { return 0; }

        @Override
        public long allThreads() { return 0; }
    };

    /** The JVM's per-thread allocation counters, or {@link #NONE} where the JVM has none. */
    static AllocationCounter jvm() {
        return jvmExcluding(java.util.Set.of());
    }

    /**
     * The JVM's per-thread allocation counters, leaving the threads {@code excludedThreadIds} out of
     * {@link #allThreads()}: the profiler's own threads (the Flight Recorder stream) do not work for
     * the step, so their allocation is not the step's.
     */
    static AllocationCounter jvmExcluding(java.util.Set<Long> excludedThreadIds) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return NONE;
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        // a plain array: boxing thread ids here would allocate inside the measured step
        long[] excluded = excludedThreadIds.stream().mapToLong(Long::longValue).toArray();
        return new AllocationCounter() {
            // per-thread last readings, sorted by id; rebuilt only when the set of threads changes
            private long[] knownIds = new long[0];
            private long[] knownBytes = new long[0];
            private long total;

            @Override
            public long currentThread() {
                return bean.getCurrentThreadAllocatedBytes();
            }

            @Override
            public synchronized long allThreads() {
                long[] ids = bean.getAllThreadIds();
                long[] bytes = bean.getThreadAllocatedBytes(ids);
                boolean same = ids.length == knownIds.length;
                for (int i = 0; i < ids.length; i++) {
                    if (bytes[i] < 0 || contains(excluded, ids[i])) {
                        continue;
                    }
                    int k = java.util.Arrays.binarySearch(knownIds, ids[i]);
                    if (k >= 0) {
                        total += Math.max(0, bytes[i] - knownBytes[k]);
                        knownBytes[k] = Math.max(knownBytes[k], bytes[i]);
                    } else {
                        total += bytes[i];
                        same = false;
                    }
                }
                if (!same) {
                    remember(ids, bytes);
                }
                return total;
            }

            private void remember(long[] ids, long[] bytes) {
                Integer[] order = new Integer[ids.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
                knownIds = new long[ids.length];
                knownBytes = new long[ids.length];
                for (int i = 0; i < order.length; i++) {
                    knownIds[i] = ids[order[i]];
                    knownBytes[i] = Math.max(0, bytes[order[i]]);
                }
            }
        };
    }

    private static boolean contains(long[] values, long value) {
        for (long v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
