package dev.isspectral.profile;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated so far, by the calling thread and by all live threads together.
 * The JVM implementation reads {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 */
public interface AllocationCounter {

    /** Bytes allocated so far by the calling thread. */
    long currentThread();

    /** Sum over every live thread of the bytes it allocated so far. */
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
            @Override
            public long currentThread() {
                return bean.getCurrentThreadAllocatedBytes();
            }

            @Override
            public long allThreads() {
                long sum = 0;
                long[] ids = bean.getAllThreadIds();
                long[] bytes = bean.getThreadAllocatedBytes(ids);
                for (int i = 0; i < ids.length; i++) {
                    if (bytes[i] > 0 && !contains(excluded, ids[i])) {
                        sum += bytes[i];
                    }
                }
                return sum;
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
