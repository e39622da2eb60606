package dev.isspectral.profile;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Large allocations (at or above a threshold, 1 MiB by default) with their allocation site, from
 * Java Flight Recorder event streaming ({@link RecordingStream}).
 *
 * <p>Method: the stream enables {@code jdk.ObjectAllocationOutsideTLAB} (an object too large for
 * the thread's allocation buffer, which is where large arrays go) and
 * {@code jdk.ObjectAllocationInNewTLAB} (an object that opened a new buffer), both with stack
 * traces and without a threshold of their own, and keeps those whose {@code allocationSize} is at
 * least the threshold. Both events fire on the allocating thread for the object that triggered
 * them. The site is the top frames of the stack trace ({@code Class.method:line}, innermost first),
 * so the first frame names the allocating method.
 *
 * <p>Bounds: an object that fits the free rest of the thread's current allocation buffer (TLAB)
 * raises neither event. Objects of at least {@link #completeAbove()} bytes never fit a buffer (with
 * G1, the default collector, that is the humongous size, half a heap region: 0.5–16 MiB depending on
 * the heap size), so from there on counts and bytes are exact; between the threshold and that size
 * they are a lower bound (each buffer refill catches the object that caused it).
 *
 * <p>Events arrive asynchronously (the JVM flushes the stream about once a second). A window of
 * interest is fenced by marker events committed from the measuring thread
 * ({@link #beginMeasurement()}, {@link #finish()}), whose timestamps come from the same clock as
 * the allocation events; {@link #finish()} waits (at most {@link #FLUSH_TIMEOUT}) until its marker
 * has been delivered, so every event committed before it has been seen.
 *
 * <p>Cost: recording starts a stream thread and an event per buffer refill with a stack trace;
 * {@link #threadIds()} names the stream's threads so per-step allocation can leave them out.
 */
public final class LargeAllocationRecorder implements AutoCloseable {

    /** The default threshold, 1 MiB. */
    public static final long DEFAULT_THRESHOLD = 1L << 20;
    /** The default number of stack frames kept per site. */
    public static final int DEFAULT_FRAMES = 4;
    /** How long {@link #finish()} waits for the stream to deliver its marker. */
    public static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    /** One allocation site: counts and sizes of the large allocations made there. */
    public record Site(String site, String topFrame, String objectClass, long count, long bytes, long maxBytes) {
    }

    /** Fences a window of interest in the event stream; carries no data of its own but its id. */
    @Name("dev.isspectral.ProfileMarker")
    @Label("IS-Spectral profile marker")
    @Category("IS-Spectral")
    @StackTrace(false)
    static final class Marker extends Event {
        @Label("id")
        long id;
    }

    private record Allocation(Instant time, String site, String topFrame, String objectClass, long bytes) {
    }

    private final long threshold;
    private final int frames;
    private final RecordingStream stream;
    private final List<Allocation> allocations = new ArrayList<>();
    private final Map<Long, Instant> markers = new ConcurrentHashMap<>();
    private final AtomicLong nextMarker = new AtomicLong();
    private final Set<Long> threadIds;
    private volatile long startMarker = -1;
    private volatile String unavailable;
    private boolean closed;

    private LargeAllocationRecorder(long threshold, int frames) {
        this.threshold = threshold;
        this.frames = frames;
        Set<Long> before = liveThreadIds();
        RecordingStream s = null;
        try {
            s = new RecordingStream();
            s.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            s.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
            s.enable(Marker.class);
            s.onEvent("jdk.ObjectAllocationOutsideTLAB", this::allocation);
            s.onEvent("jdk.ObjectAllocationInNewTLAB", this::allocation);
            s.onEvent("dev.isspectral.ProfileMarker", e -> {
                markers.put(e.getLong("id"), e.getStartTime());
            });
            s.startAsync();
            // the first marker loads the event class, which the Flight Recorder then instruments (it writes the
            // class's event writer with its own bytecode library and changes JVMTI state, which deoptimizes compiled
            // code): that happens here, before the caller warms up, and not in the first marker of a measured window
            mark();
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            s = null;
            unavailable = "Flight Recorder unavailable: " + e;
        }
        this.stream = s;
        Set<Long> mine = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t.getId()) && t.getName().startsWith("JFR")) {
                mine.add(t.getId());
            }
        }
        this.threadIds = Set.copyOf(mine);
    }

    /**
     * Starts recording allocations of at least {@code thresholdBytes}, keeping {@code frames} stack
     * frames per site. Never fails: where the JVM has no Flight Recorder the recorder records
     * nothing and {@link #unavailable()} says why.
     */
    public static LargeAllocationRecorder start(long thresholdBytes, int frames) {
        if (thresholdBytes < 1) {
            throw new IllegalArgumentException("largeAllocationThreshold = " + thresholdBytes + "; must be >= 1 byte");
        }
        if (frames < 1 || frames > 64) {
            throw new IllegalArgumentException("frames = " + frames + "; must be in [1, 64]");
        }
        return new LargeAllocationRecorder(thresholdBytes, frames);
    }

    /**
     * The size from which every allocation is seen: with G1, half of {@code G1HeapRegionSize} (an
     * object that large is humongous and never placed in a TLAB); -1 where unknown (other collectors).
     */
    public static long completeAbove() {
        try {
            var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            if (diagnostics == null || !"true".equals(diagnostics.getVMOption("UseG1GC").getValue())) {
                return -1;
            }
            return Long.parseLong(diagnostics.getVMOption("G1HeapRegionSize").getValue()) / 2;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The threshold in bytes. */
    public long threshold() {
        return threshold;
    }

    /** Why nothing is recorded, or null when recording works. */
    public String unavailable() {
        return unavailable;
    }

    /**
     * Ids of the threads that started with the stream (its dispatcher and the Flight Recorder's own
     * Java threads): they do not work for the solver.
     */
    public Set<Long> threadIds() {
        return threadIds;
    }

    /** Allocations from now on count; earlier ones (warm-up) do not. */
    public void beginMeasurement() {
        if (stream == null) {
            return;
        }
        // the window starts at the marker's own timestamp once it arrives (same clock as the events)
        startMarker = mark();
    }

    /**
     * Waits until every event committed so far has been delivered, closes the stream and returns
     * the sites of the allocations made since {@link #beginMeasurement()} (or since start), largest
     * total first.
     */
    public List<Site> finish() {
        if (stream == null || closed) {
            return sites(Instant.MIN, Instant.MAX);
        }
        long end = mark();
        long deadline = System.nanoTime() + FLUSH_TIMEOUT.toNanos();
        while (!markers.containsKey(end) && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Instant stop = markers.getOrDefault(end, Instant.MAX);
        if (!markers.containsKey(end)) {
            unavailable = "Flight Recorder stream did not flush within " + FLUSH_TIMEOUT.toSeconds() + " s; sites may be missing";
        }
        close();
        Instant startAt = startMarker < 0 ? Instant.MIN : markers.getOrDefault(startMarker, Instant.MIN);
        return sites(startAt, stop);
    }

    @Override
    public void close() {
        if (stream != null && !closed) {
            closed = true;
            stream.close();
        }
    }

    private long mark() {
        Marker m = new Marker();
        m.id = nextMarker.incrementAndGet();
        m.commit();
        return m.id;
    }

    private void allocation(RecordedEvent e) {
        long bytes = e.getLong("allocationSize");
        if (bytes < threshold) {
            return;
        }
        StringBuilder site = new StringBuilder();
        String top = "";
        if (e.getStackTrace() != null) {
            List<RecordedFrame> stack = e.getStackTrace().getFrames();
            for (int i = 0; i < Math.min(frames, stack.size()); i++) {
                String frame = frame(stack.get(i));
                if (i == 0) {
                    top = frame;
                } else {
                    site.append(" < ");
                }
                site.append(frame);
            }
        }
        RecordedClass type = e.getClass("objectClass");
        String objectClass = type == null ? "" : readable(type.getName());
        synchronized (allocations) {
            allocations.add(new Allocation(e.getStartTime(), site.toString(), top, objectClass, bytes));
        }
    }

    private static String frame(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String type = m.getType() == null ? "?" : typeName(m.getType().getName());
        int line = f.getLineNumber();
        return type + "." + m.getName() + (line > 0 ? ":" + line : "");
    }

    /**
     * A frame's class as a reader wants it: a lambda's hidden class ({@code Foo$$Lambda$575/0x00007f…}, which Flight
     * Recorder may print with {@code +} and an id appended) becomes {@code Foo$$Lambda}, the class whose code the
     * lambda is, without the JVM's run-specific number and address.
     */
    static String typeName(String name) {
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda";
    }

    /** {@code [D} → {@code double[]}, {@code [Ljava.lang.String;} → {@code java.lang.String[]}. */
    static String readable(String jvmName) {
        int dims = 0;
        while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return jvmName;
        }
        String element = jvmName.substring(dims);
        String base = switch (element) {
            case "B" -> "byte";
            case "C" -> "char";
            case "D" -> "double";
            case "F" -> "float";
            case "I" -> "int";
            case "J" -> "long";
            case "S" -> "short";
            case "Z" -> "boolean";
            default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dims);
    }

    private List<Site> sites(Instant from, Instant to) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        synchronized (allocations) {
            for (Allocation a : allocations) {
                if (a.time().isBefore(from) || a.time().isAfter(to)) {
                    continue;
                }
                String key = a.site() + "|" + a.objectClass();
                long[] t = totals.computeIfAbsent(key, k -> new long[3]);
                t[0]++;
                t[1] += a.bytes();
                t[2] = Math.max(t[2], a.bytes());
                names.putIfAbsent(key, new String[] {a.site(), a.topFrame(), a.objectClass()});
            }
        }
        List<Site> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            String[] n = names.get(e.getKey());
            long[] t = e.getValue();
            out.add(new Site(n[0], n[1], n[2], t[0], t[1], t[2]));
        }
        out.sort(Comparator.comparingLong(Site::bytes).reversed());
        return out;
    }

    private static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ids.add(t.getId());
        }
        return ids;
    }
}
