package dev.isspectral.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The all-threads counter is a running total: a thread that ends cannot make it go down (the old negative bytes). */
class AllocationCounterTest {

    private static volatile Object sink;

    @Test
    void aThreadThatEndsNeverMakesTheTotalDecrease() throws Exception {
        AllocationCounter counter = AllocationCounter.jvm();
        if (counter == AllocationCounter.NONE) {
            return;                                     // no per-thread counters on this JVM: nothing to check
        }
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            sink = new byte[4_000_000];
            allocated.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long before = counter.allThreads();
        worker.start();
        allocated.await();
        long whileAlive = counter.allThreads();
        release.countDown();
        worker.join();
        long afterEnd = counter.allThreads();
        assertTrue(whileAlive - before >= 4_000_000, "the live worker's 4 MB counted: " + (whileAlive - before));
        assertTrue(afterEnd >= whileAlive, "a plain sum over live threads would drop by 4 MB here: " + (afterEnd - whileAlive));
    }
}
