package dev.isspectral.profile;

import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The recording {@link Tracer}: keeps, per span path ({@code step/rhs/fluxes}), calls, total and
 * self time, min/max per call and bytes allocated on the opening thread; per step, wall time and
 * bytes allocated by every live thread (FFT workers included).
 *
 * <p>Self time = total − time of direct children. Allocation per span is measured with
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} of the thread that opened the
 * span; allocation per step sums that counter over all live threads at step start and step end,
 * so bytes allocated by pool threads working for the step are counted too (threads that die
 * inside a step are not). Not thread-safe across steps: one solver thread opens the spans.
 */
public final class SpanRecorder implements Tracer {

    /** Statistics of one span path; times in nanoseconds, sizes in bytes. */
    public static final class Node {
        final String path;
        final int depth;
        final Map<String, Node> children = new LinkedHashMap<>();
        long calls;
        long totalNanos;
        long childNanos;
        long minNanos = Long.MAX_VALUE;
        long maxNanos;
        long bytes;

        Node(String path, int depth) {
            this.path = path;
            this.depth = depth;
        }

        public String path() { return path; }
        public int depth() { return depth; }
        public long calls() { return calls; }
        public long totalNanos() { return totalNanos; }
        /** Total minus the time of direct children. */
        public long selfNanos() { return totalNanos - childNanos; }
        public long minNanos() { return calls == 0 ? 0 : minNanos; }
        public long maxNanos() { return maxNanos; }
        public long bytes() { return bytes; }
        public List<Node> children() { return List.copyOf(children.values()); }
    }

    /** What one recorded step cost. */
    public record StepRecord(long step, long wallNanos, long bytesAllThreads, long heapUsedBytes) {
    }

    private final LongSupplier clock;
    private final AllocationCounter allocation;
    private final Node root = new Node("", 0);
    private final ThreadLocal<Deque<Node>> stacks = ThreadLocal.withInitial(ArrayDeque::new);
    private final List<StepRecord> steps = new ArrayList<>();
    private long stepStartNanos;
    private long stepStartBytes;

    /** A recorder on {@link System#nanoTime()} and the JVM's allocation counters. */
    public SpanRecorder() {
        this(System::nanoTime, AllocationCounter.jvm());
    }

    /** A recorder on the given clock (nanoseconds) and allocation counter; for tests. */
    public SpanRecorder(LongSupplier clock, AllocationCounter allocation) {
        this.clock = clock;
        this.allocation = allocation;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Span open(String name) {
        Deque<Node> stack = stacks.get();
        Node parent = stack.isEmpty() ? root : stack.peek();
        Node node;
        synchronized (this) {
            node = parent.children.computeIfAbsent(name,
                    n -> new Node(parent == root ? n : parent.path + "/" + n, parent.depth + 1));
        }
        stack.push(node);
        long bytes0 = allocation.currentThread();
        long t0 = clock.getAsLong();
        return () -> {
            long elapsed = clock.getAsLong() - t0;
            long bytes = allocation.currentThread() - bytes0;
            stack.pop();
            synchronized (this) {
                node.calls++;
                node.totalNanos += elapsed;
                node.minNanos = Math.min(node.minNanos, elapsed);
                node.maxNanos = Math.max(node.maxNanos, elapsed);
                node.bytes += bytes;
                if (parent != root) {
                    parent.childNanos += elapsed;
                }
            }
        };
    }

    @Override
    public void stepStarted(long step) {
        stepStartBytes = allocation.allThreads();
        stepStartNanos = clock.getAsLong();
    }

    @Override
    public void stepFinished(long step) {
        long wall = clock.getAsLong() - stepStartNanos;
        long bytes = allocation.allThreads() - stepStartBytes;
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        synchronized (this) {
            steps.add(new StepRecord(step, wall, bytes, heap));
        }
    }

    /** The path of the span open on the calling thread, or "" if none. */
    public String currentPath() {
        Node top = stacks.get().peek();
        return top == null ? "" : top.path;
    }

    /** Forgets everything recorded so far (after warm-up). */
    public synchronized void reset() {
        root.children.clear();
        steps.clear();
    }

    /** Every span path, depth first in first-opened order. */
    public synchronized List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return Collections.unmodifiableList(out);
    }

    /** The top-level spans. */
    public synchronized List<Node> roots() {
        return List.copyOf(root.children.values());
    }

    public synchronized List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    private static void collect(Node node, List<Node> out) {
        for (Node child : node.children.values()) {
            out.add(child);
            collect(child, out);
        }
    }
}
