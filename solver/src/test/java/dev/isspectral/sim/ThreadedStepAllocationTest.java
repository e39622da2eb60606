package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 §5 "steady-state allocation of an optimized step: zero bytes from solver code; report the total
 * including the thread pool's machinery": with the FFT and the pointwise kernels on two threads (threaded at
 * every size, so this small grid exercises the thread team), neither the stepping thread nor the team's worker
 * threads allocate per step. The team hands work over with park/unpark and volatile fields, no futures or
 * queue nodes.
 */
class ThreadedStepAllocationTest {

    @Test
    void threadedOptimizedStepAllocatesNothingOnAnyOfItsThreads() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tuning threaded = Tuning.optimized().withThreads(2).withFftSettings(FftSettings.optimized().withThreads(2)
                .withJTransformsThreadsBeginN(1));
        Solver s = Simulation.builder().grid("10x16x16x8").tuning(threaded).build().start();
        assertEquals(2, s.fftEngine().threads());
        s.advance(30);   // past the JIT's first compilations: steady-state allocation is what is budgeted
        long[] workers = workerThreadIds();
        assertTrue(workers.length >= 1, "the two-thread team has a worker thread");
        long self = Thread.currentThread().getId();
        long selfBefore = mx.getThreadAllocatedBytes(self);
        long workersBefore = sum(mx.getThreadAllocatedBytes(workers));
        s.advance(10);
        long selfPerStep = (mx.getThreadAllocatedBytes(self) - selfBefore) / 10;
        long workersPerStep = (sum(mx.getThreadAllocatedBytes(workers)) - workersBefore) / 10;
        System.out.printf("threaded optimized step, 16x16x8: stepping thread %d B/step, team workers %d B/step%n",
                selfPerStep, workersPerStep);
        assertTrue(selfPerStep <= 256, "stepping thread allocated " + selfPerStep + " bytes per step");
        assertTrue(workersPerStep <= 256, "worker threads allocated " + workersPerStep + " bytes per step");
    }

    private static long[] workerThreadIds() {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("is-spectral-worker-")) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long sum(long[] bytes) {
        long total = 0;
        for (long b : bytes) {
            total += Math.max(0, b);
        }
        return total;
    }
}
