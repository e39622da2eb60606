package dev.isspectral.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a team splits a range: contiguous chunks, and the caller's thread alone below the grain. */
class WorkersTest {

    private record Call(Thread thread, int chunk, int from, int to) {
    }

    private static List<Call> record(Workers team, int n, int grain) {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        team.forEachChunk(n, grain, (chunk, from, to) -> calls.add(new Call(Thread.currentThread(), chunk, from, to)));
        List<Call> sorted = new ArrayList<>(calls);
        sorted.sort((a, b) -> Integer.compare(a.chunk(), b.chunk()));
        return sorted;
    }

    @Test
    void belowTheGrainTheCallersThreadRunsTheWholeRange() {
        try (Workers team = Workers.create(2)) {
            List<Call> calls = record(team, 16, Workers.HEAVY_GRAIN);
            assertEquals(List.of(new Call(Thread.currentThread(), 0, 0, 16)), calls);
            assertFalse(team.splits(16, Workers.HEAVY_GRAIN));
            int justBelow = 2 * Workers.HEAVY_GRAIN - 1;
            assertEquals(List.of(new Call(Thread.currentThread(), 0, 0, justBelow)), record(team, justBelow, Workers.HEAVY_GRAIN));
        }
    }

    @Test
    void atTheGrainEveryThreadTakesOneContiguousChunk() {
        try (Workers team = Workers.create(2)) {
            int n = 2 * Workers.HEAVY_GRAIN + 3;
            List<Call> calls = record(team, n, Workers.HEAVY_GRAIN);
            assertTrue(team.splits(n, Workers.HEAVY_GRAIN));
            assertEquals(2, calls.size());
            assertEquals(0, calls.get(0).from());
            assertEquals(calls.get(0).to(), calls.get(1).from());
            assertEquals(n, calls.get(1).to());
            assertEquals(n / 2, calls.get(0).to());
            assertSame(Thread.currentThread(), calls.get(0).thread());
            assertNotSame(Thread.currentThread(), calls.get(1).thread());
        }
    }

    @Test
    void theGrainMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workers.create(1).forEachChunk(4, 0, (c, f, t) -> { }));
        assertEquals("grain = 0; must be >= 1", e.getMessage());
    }

    /** Whole items (e.g. 3-D transforms): split as soon as every thread gets one, else all on the caller's thread. */
    @Test
    void itemsSplitOncePerThreadIsReached() {
        try (Workers team = Workers.create(3)) {
            for (int n = 0; n <= 7; n++) {
                List<Call> calls = Collections.synchronizedList(new ArrayList<>());
                team.forEachItem(n, (chunk, from, to) -> calls.add(new Call(Thread.currentThread(), chunk, from, to)));
                List<Call> sorted = new ArrayList<>(calls);
                sorted.sort((a, b) -> Integer.compare(a.chunk(), b.chunk()));
                if (n < 3) {
                    assertEquals(List.of(new Call(Thread.currentThread(), 0, 0, n)), sorted, "n = " + n);
                    continue;
                }
                assertEquals(3, sorted.size(), "n = " + n);
                assertSame(Thread.currentThread(), sorted.get(0).thread());
                int next = 0;
                for (int c = 0; c < 3; c++) {
                    Call call = sorted.get(c);
                    assertEquals(c, call.chunk());
                    assertEquals(next, call.from(), "contiguous, n = " + n);
                    assertTrue(call.to() > call.from(), "every thread gets at least one item, n = " + n);
                    next = call.to();
                    if (c > 0) {
                        assertNotSame(Thread.currentThread(), call.thread());
                    }
                }
                assertEquals(n, next, "the whole range, n = " + n);
            }
        }
    }

    /**
     * The process-wide team of a size is made once and starts size − 1 threads: checking the size made (and leaked) a
     * second team of parked threads before.
     */
    @Test
    void theSharedTeamStartsItsThreadsOnce() {
        int size = 7;   // a size nothing else in the tests shares
        long before = workerThreads();
        Workers team = Workers.shared(size);
        assertSame(team, Workers.shared(size));
        assertEquals(size - 1, workerThreads() - before, "threads started by the first Workers.shared(" + size + ")");
        assertThrows(IllegalArgumentException.class, () -> Workers.shared(257));
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("is-spectral-worker-")).count();
    }
}
