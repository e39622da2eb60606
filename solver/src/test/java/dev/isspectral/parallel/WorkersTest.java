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
     * second team of parked threads before. Counted as the threads that appear: a count of the live ones read 5 in one
     * clean-clone CI run, likeliest a thread of a team closed just before, ending in between.
     */
    @Test
    void theSharedTeamStartsItsThreadsOnce() {
        int size = 7;   // a size nothing else in the tests shares
        // the threads that appear, not a count of the live ones: a team another test closed may still be ending
        java.util.Set<Thread> before = workerThreads();
        Workers team = Workers.shared(size);
        java.util.Set<Thread> started = workerThreads();
        started.removeAll(before);
        assertSame(team, Workers.shared(size));
        java.util.Set<Thread> afterSecond = workerThreads();
        afterSecond.removeAll(before);
        assertEquals(size - 1, started.size(), "threads started by the first Workers.shared(" + size + ")");
        assertEquals(started, afterSecond, "the second Workers.shared(" + size + ") starts none");
        assertThrows(IllegalArgumentException.class, () -> Workers.shared(257));
    }

    private static java.util.Set<Thread> workerThreads() {
        java.util.Set<Thread> live = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("is-spectral-worker-")) {
                live.add(t);
            }
        }
        return live;
    }

    /** Pieces: every element once, boundaries on multiples of 8, about eight pieces per thread, none below the grain. */
    @Test
    void piecesCoverTheRangeOnceOnAlignedBoundaries() {
        try (Workers team = Workers.create(3)) {
            int n = 10_007;
            int[] hits = new int[n];
            List<int[]> pieces = Collections.synchronizedList(new ArrayList<>());
            team.forEachPiece(n, 100, (thread, from, to) -> {
                assertTrue(thread >= 0 && thread < 3, "thread index " + thread);
                pieces.add(new int[] {from, to});
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits[i], "element " + i);
            }
            int length = -Math.floorDiv(-n, 3 * Workers.PIECES_PER_THREAD);   // 417, rounded up to 424
            assertEquals(-Math.floorDiv(-n, 424), pieces.size(), "pieces of " + length + " elements rounded up to 424");
            for (int[] piece : pieces) {
                assertEquals(0, piece[0] % 8, "piece start " + piece[0]);
                assertTrue(piece[1] - piece[0] == 424 || piece[1] == n, "piece " + piece[0] + ".." + piece[1]);
            }
            // below the grain per thread: the caller's thread alone, one piece
            List<Call> alone = Collections.synchronizedList(new ArrayList<>());
            team.forEachPiece(n, 4000, (thread, from, to) -> alone.add(new Call(Thread.currentThread(), thread, from, to)));
            assertEquals(List.of(new Call(Thread.currentThread(), 0, 0, n)), alone);
        }
    }

    /**
     * A thread held up in its first piece does not hold up the rest: the other thread does its own share, then takes
     * the held thread's remaining pieces (with a static split it could not, and the latch below would time out).
     */
    @Test
    void aSlowThreadLeavesItsPiecesToTheOthers() throws Exception {
        try (Workers team = Workers.create(2)) {
            int n = 1 << 16;
            int count = -Math.floorDiv(-n, n / (2 * Workers.PIECES_PER_THREAD));
            java.util.concurrent.CountDownLatch othersDone = new java.util.concurrent.CountDownLatch(count - 1);
            java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger(-1);
            int[] heldFrom = new int[1];
            int[] byThread = new int[2];
            team.forEachPiece(n, 1, (thread, from, to) -> {
                if (held.compareAndSet(-1, thread)) {
                    heldFrom[0] = from;
                    try {   // the first piece taken waits until the other thread has done all the rest
                        assertTrue(othersDone.await(60, java.util.concurrent.TimeUnit.SECONDS), "the rest were not taken");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    othersDone.countDown();
                }
                synchronized (byThread) {
                    byThread[thread]++;
                }
            });
            assertEquals(1, byThread[held.get()], "the held thread ran its first piece only");
            // the first piece anyone takes is the first of that thread's own share (the static split's half)
            assertEquals(held.get() == 0 ? 0 : n / 2, heldFrom[0]);
            assertEquals(count - 1, byThread[1 - held.get()], "the other thread ran all the others");
        }
    }

    /** Of several failing pieces, the first in index order is reported, as a pass over them in order would. */
    @Test
    void theFirstFailingPieceInIndexOrderIsThrown() {
        try (Workers team = Workers.create(2)) {
            int n = 1 << 14;
            int length = n / (2 * Workers.PIECES_PER_THREAD);
            for (int round = 0; round < 20; round++) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.forEachPiece(n, 1,
                        (thread, from, to) -> {
                            if (from == 3 * length || from == 11 * length || from == 15 * length) {
                                throw new IllegalStateException("piece at " + from);
                            }
                        }));
                assertEquals("piece at " + 3 * length, e.getMessage());
            }
            // the team is usable after a failed pass
            int[] sum = new int[1];
            team.forEachItemPiece(4, (thread, from, to) -> {
                synchronized (sum) {
                    sum[0] += to - from;
                }
            });
            assertEquals(4, sum[0]);
        }
    }

    /**
     * The caller's wait for the others is counted per split pass: a worker that finishes 200 ms after the caller's
     * part makes the caller wait at least 100 ms; a pass the caller runs alone is not a split pass and waits for nobody.
     */
    @Test
    void theCallersWaitForTheOthersIsCounted() throws Exception {
        try (Workers team = Workers.create(2)) {
            long waited = team.waitNanos();
            long passes = team.splitPasses();
            team.forEachChunk(1000, 1, (chunk, from, to) -> { });   // split: 500 elements per thread
            assertEquals(passes + 1, team.splitPasses());
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            team.forEachChunk(4, 1, (chunk, from, to) -> {
                try {
                    if (chunk == 1) {
                        started.countDown();
                        Thread.sleep(200);
                    } else {   // the caller's part ends after the worker's began
                        assertTrue(started.await(60, java.util.concurrent.TimeUnit.SECONDS), "the worker never started");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(passes + 2, team.splitPasses());
            assertTrue(team.waitNanos() - waited >= 100_000_000L, "waited " + (team.waitNanos() - waited) + " ns");
            long before = team.waitNanos();
            team.forEachChunk(1000, 600, (chunk, from, to) -> { });   // below the grain: the caller alone
            assertEquals(passes + 2, team.splitPasses());
            assertEquals(before, team.waitNanos());
            assertEquals(0, Workers.create(1).waitNanos(), "a one-thread team never waits");
        }
    }
}
