package dev.isspectral.profile;

import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The recording {@link Tracer}: keeps, per span path ({@code step/rhs/fluxes}), calls, total and
 * self time, min/max per call and bytes allocated on the opening thread; per step, wall time,
 * bytes allocated by every live thread (FFT workers included) and peak heap.
 *
 * <p>Self time = total − time of direct children. Allocation per span is measured with
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} of the thread that opened the
 * span; allocation per step sums that counter over all live threads at step start and step end,
 * so bytes allocated by pool threads working for the step are counted too (threads that die
 * inside a step are not). Peak heap per step: see {@link HeapPeak}.
 *
 * <p>Cost: opening a span allocates nothing. Each thread keeps a stack of reusable frames, one per
 * nesting level, and {@link #open} hands out the frame itself as the {@link Span}; a span is two
 * clock reads, two allocation-counter reads and one uncontended lock. Not thread-safe across
 * steps: one solver thread opens the step spans (other threads may open spans of their own).
 */
public final class SpanRecorder implements Tracer {

    /** Statistics of one span path; times in nanoseconds, sizes in bytes. */
    public static final class Node {
        final String name;
        final String path;
        final int depth;
        final int id;
        final Node parent;
        final Map<String, Node> children = new LinkedHashMap<>();
        // the child opened last, checked by identity first: span names are constants
        Node lastChild;
        long calls;
        long totalNanos;
        long childNanos;
        long minNanos = Long.MAX_VALUE;
        long maxNanos;
        long bytes;
        long childBytes;

        Node(String name, Node parent, int id) {
            this.name = name;
            this.parent = parent;
            this.id = id;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.path = parent == null ? "" : parent.depth == 0 ? name : parent.path + "/" + name;
        }

        /** The last part of the path, e.g. {@code fluxes}. */
        public String name() { return name; }
        /** The full path, e.g. {@code step/rhs/fluxes}. */
        public String path() { return path; }
        /** 1 for a top-level span. */
        public int depth() { return depth; }
        /** The path of the enclosing span, "" for a top-level span. */
        public String parentPath() { return parent == null ? "" : parent.path; }
        public long calls() { return calls; }
        public long totalNanos() { return totalNanos; }
        /** Total minus the time of direct children. */
        public long selfNanos() { return totalNanos - childNanos; }
        public long minNanos() { return calls == 0 ? 0 : minNanos; }
        public long maxNanos() { return maxNanos; }
        public long bytes() { return bytes; }
        /** Bytes minus those of direct children: what the span's own code allocated. */
        public long selfBytes() { return bytes - childBytes; }
        public List<Node> children() { return List.copyOf(children.values()); }
        /** The node's index in the per-step totals of {@link #stepTotals()}, in creation order. */
        public int id() { return id; }

        Node child(String childName, List<Node> core) {
            Node last = lastChild;
            if (last != null && last.name == childName) {
                return last;
            }
            Node c = children.get(childName);
            if (c == null) {
                c = new Node(childName, this, core.size());
                core.add(c);
                children.put(childName, c);
            }
            lastChild = c;
            return c;
        }
    }

    /**
     * What one recorded step cost.
     *
     * @param step            step number
     * @param wallNanos       wall time
     * @param bytesAllThreads bytes allocated during the step by every live thread
     * @param heapUsedBytes   heap in use at the end of the step
     * @param peakHeapBytes   peak heap during the step (see {@link HeapPeak}; -1 if unknown)
     */
    public record StepRecord(long step, long wallNanos, long bytesAllThreads, long heapUsedBytes, long peakHeapBytes) {
    }

    /**
     * What the frames need of the recorder. Frames live in a {@link ThreadLocal} of the recorder;
     * they must not reach the recorder itself, or the thread's map would keep the ThreadLocal (its
     * key) alive through its value and never let a finished recorder go.
     */
    private static final class Core {
        final LongSupplier clock;
        final AllocationCounter allocation;
        final Node root = new Node("", null, -1);
        // every node by id, for the per-step snapshots of total time
        final List<Node> byId = new ArrayList<>();

        Core(LongSupplier clock, AllocationCounter allocation) {
            this.clock = clock;
            this.allocation = allocation;
        }
    }

    /** One open span on one thread; reused for every span opened at its nesting level. */
    private static final class Frame implements Span {
        final ThreadFrames owner;
        final Core core;
        Node node;
        long startNanos;
        long startBytes;

        Frame(ThreadFrames owner) {
            this.owner = owner;
            this.core = owner.core;
        }

        @Override
        public void close() {
            long elapsed = core.clock.getAsLong() - startNanos;
            long bytes = core.allocation.currentThread() - startBytes;
            owner.size--;
            if (owner.size < owner.operandDepth) {
                owner.operand = null;
            }
            Node n = node;
            synchronized (core) {
                n.calls++;
                n.totalNanos += elapsed;
                if (elapsed < n.minNanos) {
                    n.minNanos = elapsed;
                }
                if (elapsed > n.maxNanos) {
                    n.maxNanos = elapsed;
                }
                n.bytes += bytes;
                if (n.parent != core.root) {
                    n.parent.childNanos += elapsed;
                    n.parent.childBytes += bytes;
                }
            }
        }
    }

    /** The frame stack of one thread. */
    private static final class ThreadFrames {
        final Core core;
        Frame[] frames = new Frame[0];
        int size;
        // the field named by Tracer.operand, valid while the span open at the call is open
        String operand;
        int operandDepth;

        ThreadFrames(Core core) {
            this.core = core;
        }

        Frame push() {
            if (size == frames.length) {
                Frame[] grown = java.util.Arrays.copyOf(frames, Math.max(8, 2 * frames.length));
                for (int i = size; i < grown.length; i++) {
                    grown[i] = new Frame(this);
                }
                frames = grown;
            }
            return frames[size++];
        }

        Node top() {
            return size == 0 ? core.root : frames[size - 1].node;
        }
    }

    private final LongSupplier clock;
    private final AllocationCounter allocation;
    private final HeapPeak heap;
    private final Core core;
    private final Node root;
    private final ThreadLocal<ThreadFrames> stacks;
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<long[]> stepTotals = new ArrayList<>();
    private long[] stepStartTotals = new long[0];
    private long stepStartNanos;
    private long stepStartBytes;

    /** A recorder on {@link System#nanoTime()}, the JVM's allocation counters and heap pools. */
    public SpanRecorder() {
        this(System::nanoTime, AllocationCounter.jvm());
    }

    /** A recorder on the given clock (nanoseconds) and allocation counter; for tests. */
    public SpanRecorder(LongSupplier clock, AllocationCounter allocation) {
        this(clock, allocation, HeapPeak.jvm());
    }

    /** A recorder on the given clock (nanoseconds), allocation counter and heap-peak probe. */
    public SpanRecorder(LongSupplier clock, AllocationCounter allocation, HeapPeak heap) {
        this.clock = clock;
        this.allocation = allocation;
        this.heap = heap;
        Core shared = new Core(clock, allocation);
        this.core = shared;
        this.root = shared.root;
        this.stacks = ThreadLocal.withInitial(() -> new ThreadFrames(shared));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Span open(String name) {
        ThreadFrames stack = stacks.get();
        Node parent = stack.top();
        Node node;
        synchronized (core) {
            node = parent.child(name, core.byId);
        }
        Frame frame = stack.push();
        frame.node = node;
        frame.startBytes = allocation.currentThread();
        frame.startNanos = clock.getAsLong();
        return frame;
    }

    @Override
    public void stepStarted(long step) {
        // outside the step's time and allocation windows: the totals so far, to subtract at its end
        synchronized (core) {
            stepStartTotals = totals();
        }
        heap.reset();
        stepStartBytes = allocation.allThreads();
        stepStartNanos = clock.getAsLong();
    }

    @Override
    public void stepFinished(long step) {
        long wall = clock.getAsLong() - stepStartNanos;
        long bytes = allocation.allThreads() - stepStartBytes;
        long used = heap.used();
        long peak = heap.peak();
        synchronized (core) {
            steps.add(new StepRecord(step, wall, bytes, used, peak));
            long[] end = totals();
            for (int i = 0; i < stepStartTotals.length && i < end.length; i++) {
                end[i] -= stepStartTotals[i];
            }
            stepTotals.add(end);
        }
    }

    private long[] totals() {
        long[] t = new long[core.byId.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = core.byId.get(i).totalNanos;
        }
        return t;
    }

    @Override
    public void operand(String name) {
        ThreadFrames stack = stacks.get();
        stack.operand = name;
        stack.operandDepth = stack.size;
    }

    /** The field last named by {@link #operand} on the calling thread while still valid, or null. */
    public String currentOperand() {
        return stacks.get().operand;
    }

    /**
     * Per recorded step, the total nanoseconds of each span path inside that step, indexed by
     * {@link Node#id()}; an array may be shorter than the node count (paths first seen later: 0).
     */
    public List<long[]> stepTotals() {
        synchronized (core) {
            return List.copyOf(stepTotals);
        }
    }

    /** The path of the span open on the calling thread, or "" if none. */
    public String currentPath() {
        return stacks.get().top().path;
    }

    /** Forgets everything recorded so far (after warm-up). */
    public void reset() {
        synchronized (core) {
            root.children.clear();
            root.lastChild = null;
            core.byId.clear();
            steps.clear();
            stepTotals.clear();
            stepStartTotals = new long[0];
        }
    }

    /** Every span path, depth first in first-opened order. */
    public List<Node> nodes() {
        synchronized (core) {
            List<Node> out = new ArrayList<>();
            collect(root, out);
            return Collections.unmodifiableList(out);
        }
    }

    /** The top-level spans. */
    public List<Node> roots() {
        synchronized (core) {
            return List.copyOf(root.children.values());
        }
    }

    /** The recorded steps, in order. */
    public List<StepRecord> steps() {
        synchronized (core) {
            return List.copyOf(steps);
        }
    }

    private static void collect(Node node, List<Node> out) {
        for (Node child : node.children.values()) {
            out.add(child);
            collect(child, out);
        }
    }
}
