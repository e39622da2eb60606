package dev.isspectral.profile;

import dev.isspectral.trace.Span;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanRecorderTest {

    /** A clock that advances only when told. */
    private static final class FakeClock {
        long now;
    }

    private static Map<String, SpanRecorder.Node> byPath(SpanRecorder r) {
        return r.nodes().stream().collect(Collectors.toMap(SpanRecorder.Node::path, Function.identity()));
    }

    @Test
    void selfTimeIsTotalMinusDirectChildren() {
        FakeClock clock = new FakeClock();
        SpanRecorder r = new SpanRecorder(() -> clock.now, AllocationCounter.NONE);
        try (Span step = r.open("step")) {
            clock.now += 5;
            try (Span rhs = r.open("rhs")) {
                clock.now += 7;
                try (Span f = r.open("fluxes")) {
                    clock.now += 11;
                }
                clock.now += 3;
            }
            try (Span rhs = r.open("rhs")) {
                clock.now += 2;
            }
            clock.now += 1;
        }
        Map<String, SpanRecorder.Node> n = byPath(r);
        assertEquals(29, n.get("step").totalNanos());
        assertEquals(6, n.get("step").selfNanos());
        assertEquals(2, n.get("step/rhs").calls());
        assertEquals(23, n.get("step/rhs").totalNanos());
        assertEquals(12, n.get("step/rhs").selfNanos());
        assertEquals(2, n.get("step/rhs").minNanos());
        assertEquals(21, n.get("step/rhs").maxNanos());
        assertEquals(11, n.get("step/rhs/fluxes").selfNanos());
        assertEquals(3, n.get("step/rhs/fluxes").depth());
    }

    @Test
    void childrenLieWithinTheirParentOnARealClock() throws InterruptedException {
        SpanRecorder r = new SpanRecorder();
        for (int i = 0; i < 3; i++) {
            try (Span step = r.open("step")) {
                try (Span a = r.open("a")) {
                    Thread.sleep(2);
                }
                try (Span b = r.open("b")) {
                    Thread.sleep(1);
                }
            }
        }
        Map<String, SpanRecorder.Node> n = byPath(r);
        long children = n.get("step/a").totalNanos() + n.get("step/b").totalNanos();
        assertTrue(children <= n.get("step").totalNanos());
        assertEquals(n.get("step").totalNanos() - children, n.get("step").selfNanos());
    }

    @Test
    void eightMebibytesAllocatedInASpanAreAttributedToItWithinOnePercent() {
        SpanRecorder r = new SpanRecorder();
        long size = 8L << 20;
        byte[][] keep = new byte[1][];
        try (Span outer = r.open("outer")) {
            try (Span big = r.open("big")) {
                keep[0] = new byte[(int) size];
            }
        }
        Map<String, SpanRecorder.Node> n = byPath(r);
        long bytes = n.get("outer/big").bytes();
        assertTrue(Math.abs(bytes - size) < 0.01 * size, "bytes = " + bytes);
        assertTrue(n.get("outer").bytes() >= bytes);
        assertEquals(size, keep[0].length);
    }

    @Test
    void stepAllocationCountsOtherLiveThreads() throws InterruptedException {
        SpanRecorder r = new SpanRecorder();
        long size = 4L << 20;
        long[] sink = new long[1];
        java.util.concurrent.CountDownLatch allocated = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch measured = new java.util.concurrent.CountDownLatch(1);
        Thread worker = new Thread(() -> {
            sink[0] = new byte[(int) size].length;
            allocated.countDown();
            try {
                measured.await(); // stay alive, like a pool thread, until the step is measured
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        r.stepStarted(1);
        worker.start();
        allocated.await();
        r.stepFinished(1);
        measured.countDown();
        worker.join();
        assertTrue(r.steps().get(0).bytesAllThreads() >= size * 0.99, "bytes = " + r.steps().get(0).bytesAllThreads());
        assertEquals(size, sink[0]);
    }

    @Test
    void resetForgetsWarmup() {
        SpanRecorder r = new SpanRecorder();
        r.stepStarted(1);
        try (Span s = r.open("step")) {
            assertEquals("step", r.currentPath());
        }
        r.stepFinished(1);
        r.reset();
        assertTrue(r.nodes().isEmpty());
        assertTrue(r.steps().isEmpty());
    }

    @Test
    void peakHeapOfAStepSeesAnEightMebibyteArrayHeldDuringIt() {
        HeapPeak heap = HeapPeak.jvm();
        SpanRecorder r = new SpanRecorder(System::nanoTime, AllocationCounter.jvm(), heap);
        long size = 8L << 20;
        r.stepStarted(1);
        byte[] held = new byte[(int) size];
        r.stepFinished(1);
        SpanRecorder.StepRecord step = r.steps().get(0);
        // the array is live at step end: in use then, so within the peak
        assertTrue(step.heapUsedBytes() >= size, step.toString());
        assertTrue(step.peakHeapBytes() >= step.heapUsedBytes(), step.toString());
        assertEquals(size, held.length);
    }

    @Test
    void openingASpanAllocatesNothingOnceItsPathExists() {
        SpanRecorder r = new SpanRecorder();
        AllocationCounter counter = AllocationCounter.jvm();
        for (int i = 0; i < 20_000; i++) { // warm: paths created, frames grown, code compiled
            try (Span a = r.open("a")) {
                try (Span b = r.open("b")) {
                    assertTrue(b != a);
                }
            }
        }
        long before = counter.currentThread();
        for (int i = 0; i < 10_000; i++) {
            try (Span a = r.open("a")) {
                try (Span b = r.open("b")) {
                    assertTrue(b != a);
                }
            }
        }
        long bytes = counter.currentThread() - before;
        // 20 000 spans: a per-span object of even 16 bytes would show as 320 000 bytes
        assertTrue(bytes < 20_000, "bytes = " + bytes);
    }

    @Test
    void stepTotalsHoldEachSpansTimeInsideEachStep() {
        FakeClock clock = new FakeClock();
        SpanRecorder r = new SpanRecorder(() -> clock.now, AllocationCounter.NONE, HeapPeak.NONE);
        for (int s = 1; s <= 3; s++) {
            r.stepStarted(s);
            try (Span step = r.open("step")) {
                clock.now += 10 * s;
                try (Span rhs = r.open("rhs")) {
                    clock.now += s;
                }
            }
            r.stepFinished(s);
            try (Span between = r.open("observe")) {
                clock.now += 1000; // between steps: in no step's totals
            }
        }
        Map<String, SpanRecorder.Node> n = byPath(r);
        java.util.List<long[]> totals = r.stepTotals();
        assertEquals(3, totals.size());
        for (int s = 1; s <= 3; s++) {
            long[] t = totals.get(s - 1);
            assertEquals(11L * s, t[n.get("step").id()]);
            assertEquals(s, t[n.get("step/rhs").id()]);
            long observe = n.get("observe").id() < t.length ? t[n.get("observe").id()] : 0;
            assertEquals(0, observe);
        }
    }

    @Test
    void anOperandHoldsUntilTheSpanItWasNamedInCloses() {
        SpanRecorder r = new SpanRecorder();
        try (Span k = r.open("kinematics")) {
            r.operand("v_y");
            try (Span g = r.open("gradient")) {
                assertEquals("v_y", r.currentOperand());
            }
            assertEquals("v_y", r.currentOperand());
            r.operand("v_z");
            assertEquals("v_z", r.currentOperand());
        }
        assertEquals(null, r.currentOperand());
    }
}
