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
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return NONE;
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        return new AllocationCounter() {
            @Override
            public long currentThread() {
                return bean.getCurrentThreadAllocatedBytes();
            }

            @Override
            public long allThreads() {
                long sum = 0;
                for (long b : bean.getThreadAllocatedBytes(bean.getAllThreadIds())) {
                    if (b > 0) {
                        sum += b;
                    }
                }
                return sum;
            }
        };
    }
}
