package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Style rule 5: hot paths allocate nothing. After three warm-up steps an optimized step allocates
 * (almost) nothing on the stepping thread, while the baseline allocates its temporaries per call.
 */
class AllocationBudgetTest {

    private static long bytesPerStep(Tuning tuning) {
        return bytesPerStep(tuning, "10x16x16x8");
    }

    private static long bytesPerStep(Tuning tuning, String grid) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Solver s = Simulation.builder().grid(grid).tuning(tuning).build().start();
        s.advance(3);
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        s.advance(10);
        long after = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        return (after - before) / 10;
    }

    /**
     * Issue 13: 0 B per optimized step, {@code step()} with the time-step rule included (a method reference made per
     * call in {@code nextTimeStep()} was 16 B/step). The least over five windows of 20 steps, so a one-off JIT event
     * in one window does not count; any allocation made on every step shows in every window.
     */
    static long leastBytesPerStep(Solver s) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        s.advance(60);
        long least = Long.MAX_VALUE;
        for (int w = 0; w < 5; w++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) {
                s.step();
            }
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / 20);
        }
        return least;
    }

    @Test
    void optimizedStepAllocatesZeroBytesOnTheSteppingThread() {
        Solver s = Simulation.builder().grid("10x16x16x8").tuning(Tuning.optimized()).build().start();
        assertEquals(0, leastBytesPerStep(s), "optimized step (jtransforms) allocated bytes per step");
    }

    @Test
    void optimizedStepAllocatesAlmostNothing() {
        long bytes = bytesPerStep(Tuning.optimized());
        assertTrue(bytes <= 256, "optimized step allocated " + bytes + " bytes");
    }

    @Test
    void float32OptimizedStepAllocatesNoMoreThanDouble() {
        // JTransforms' FloatFFT_3D allocated a gather buffer per call: 237 KB per step at 32x16x16 before the
        // float32 path did its own 1-D passes
        long doubles = bytesPerStep(Tuning.optimized(), "10x32x16x16");
        long floats = bytesPerStep(Tuning.optimized().withSinglePrecision(true), "10x32x16x16");
        assertTrue(floats <= Math.max(doubles, 256), "float32 step allocated " + floats + " bytes, double " + doubles);
    }

    /** Batched transforms side by side (2 threads: even batches; 5 threads: batches with a remainder) allocate nothing. */
    @Test
    void batchedTransformsAllocateNothingPerStep() {
        for (int threads : new int[] {2, 5}) {
            Tuning batched = Tuning.optimized().withThreads(threads)
                    .withFftSettings(dev.isspectral.fft.FftSettings.optimized().withThreads(threads).withJTransformsThreadsBeginN(1))
                    .withBatchedTransforms(true);
            long bytes = bytesPerStep(batched);
            assertTrue(bytes <= 256, threads + " threads, batched step allocated " + bytes + " bytes");
        }
    }

    @Test
    void baselineStepAllocatesItsTemporaries() {
        long bytes = bytesPerStep(Tuning.baseline());
        // 48 forward and 80 inverse transforms, each with its own spectrum, plus stage storage
        assertTrue(bytes > 1_000_000, "baseline step allocated only " + bytes + " bytes");
    }

    @Test
    void memoryEstimateMatchesWhatTheSolverHolds() {
        Tuning batchedOnFive = Tuning.optimized().withThreads(5).withBatchedTransforms(true)
                .withFftSettings(dev.isspectral.fft.FftSettings.optimized().withThreads(5).withJTransformsThreadsBeginN(1));
        for (Tuning tuning : new Tuning[] {Tuning.optimized(), Tuning.baseline(), batchedOnFive}) {
            for (var integrator : dev.isspectral.time.Integrators.all()) {
                Simulation sim = Simulation.builder().grid("1x16x8x8").tuning(tuning).integrator(integrator)
                        .transport(dev.isspectral.physics.Transport.etaOverS(0.1)).build();
                Solver solver = sim.start();
                long held = solver.bytesHeld();
                long spectral = solver.memory().stream().filter(m -> m.component().startsWith("spectral"))
                        .mapToLong(Solver.MemoryUse::bytes).sum();
                long wavenumbers = 8L * 2 * (16 + 8 + 8);
                assertTrue(Math.abs(sim.estimatedBytes() - (held - wavenumbers)) <= 8L * 16 * 8 * 8 / 100 + 64,
                        tuning.name() + " " + integrator.name() + ": estimate " + sim.estimatedBytes() + " vs held " + held
                                + " (spectral " + spectral + ")");
            }
        }
    }
}
