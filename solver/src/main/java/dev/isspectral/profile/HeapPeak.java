package dev.isspectral.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap over an interval (one step), from the JVM's heap memory pools.
 *
 * <p>Method: {@link #reset()} calls {@link MemoryPoolMXBean#resetPeakUsage()} on every heap pool
 * (eden, survivor, old or the G1/ZGC equivalents) at step start; {@link #peak()} sums
 * {@code getPeakUsage().getUsed()} over those pools at step end. The JVM updates a pool's peak
 * whenever it samples the pool's usage, which includes every garbage collection, so a step whose
 * garbage forced a collection reports the pre-collection high-water mark.
 *
 * <p>Bounds: the sum of per-pool peaks is an <em>upper</em> bound of the true peak of total heap
 * use (the pools may peak at different moments, e.g. eden just before a collection and old just
 * after it), and it is at least the heap in use at step start and at step end. Between
 * collections eden's peak is only refreshed when the pool is sampled, so without a collection in
 * the step the figure is the larger of the start and end readings: allocation that was garbage
 * before the step ended and was never collected still counts, because eden is not emptied until a
 * collection. The figure is for the whole JVM, so other threads' heap use counts too.
 */
public interface HeapPeak {

    /** Starts a new interval. */
    void reset();

    /** Heap in use now, bytes. */
    long used();

    /** Peak heap in use since the last {@link #reset()}, bytes; -1 if unknown. */
    long peak();

    /** A probe that knows nothing: used 0, peak -1. */
    HeapPeak NONE = new HeapPeak() {
        @Override
        public void reset() {
        }

        @Override
        public long used() {
            return 0;
        }

        @Override
        public long peak() {
            return -1;
        }
    };

    /** The JVM's heap pools. */
    static HeapPeak jvm() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        return new HeapPeak() {
            @Override
            public void reset() {
                for (MemoryPoolMXBean p : pools) {
                    p.resetPeakUsage();
                }
            }

            @Override
            public long used() {
                long sum = 0;
                for (MemoryPoolMXBean p : pools) {
                    sum += p.getUsage().getUsed();
                }
                return sum;
            }

            @Override
            public long peak() {
                long sum = 0;
                for (MemoryPoolMXBean p : pools) {
                    sum += p.getPeakUsage().getUsed();
                }
                return sum;
            }
        };
    }
}
