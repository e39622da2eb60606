package dev.isspectral.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the cores went while a solver stepped (issue 13's thread placement: one team for pointwise work and
 * transforms, no oversubscription): CPU time of this process and of each of its Java threads, summed over the steps
 * of one configuration, in four groups — the stepping thread, the step team's workers ({@code is-spectral-worker-N}),
 * other Java threads (JTransforms' own pool when a transform is split over its threads) and the rest of the process
 * (threads the JVM does not list: FFTW's native threads, the garbage collector, the JIT compilers). Divided by the wall
 * time of the same steps, each group is the number of cores it kept busy on average. A team of T threads that shares
 * its cores with no other pool shows about T cores busy, nearly all of it in the first two groups; a second pool
 * computing beside the team shows as busy cores above T (oversubscription), a team waiting on one thread as cores
 * well below T. Spinning counts as busy: the team spins briefly before it parks.
 *
 * <p>Not a measurement of time (that is the interleaved {@link dev.isspectral.measure.Measure} beside it): one reading
 * per step, summed; ThreadMXBean's thread CPU time and the process CPU time of the platform's
 * {@code com.sun.management.OperatingSystemMXBean}. Mutable; one per configuration, used on one thread.
 */
final class CoreUse {

    /** Groups, in the order of {@link #busyCores()}. */
    static final String[] GROUPS = {"stepping thread", "team workers", "other Java threads",
        "not listed (native FFT threads, GC, JIT)"};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long[] cpuNanos = new long[GROUPS.length];
    private final Map<Long, Long> threadStart = new HashMap<>();
    private long wallNanos;
    private long processStart;
    private long wallStart;
    private boolean available = processCpuNanos() >= 0 && THREADS.isThreadCpuTimeSupported();
    private int steps;

    /**
     * The readings as one line ("available steps wall cpu0 cpu1 cpu2 cpu3", nanoseconds), to come back from a fork;
     * {@link #parse} reads it.
     */
    String format() {
        StringBuilder sb = new StringBuilder().append(available).append(' ').append(steps).append(' ').append(wallNanos);
        for (long c : cpuNanos) {
            sb.append(' ').append(c);
        }
        return sb.toString();
    }

    /** The readings {@link #format} wrote. */
    static CoreUse parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 3 + GROUPS.length) {
            throw new IllegalArgumentException("core use = \"" + line + "\"; must be available, steps, wall and "
                    + GROUPS.length + " CPU times");
        }
        CoreUse u = new CoreUse();
        u.available = Boolean.parseBoolean(f[0]);
        u.steps = Integer.parseInt(f[1]);
        u.wallNanos = Long.parseLong(f[2]);
        for (int g = 0; g < GROUPS.length; g++) {
            u.cpuNanos[g] = Long.parseLong(f[3 + g]);
        }
        return u;
    }

    /** The readings of several forks together: their CPU and wall times summed (available only if all were). */
    static CoreUse sum(List<CoreUse> uses) {
        CoreUse u = new CoreUse();
        for (CoreUse x : uses) {
            u.available &= x.available;
            u.steps += x.steps;
            u.wallNanos += x.wallNanos;
            for (int g = 0; g < GROUPS.length; g++) {
                u.cpuNanos[g] += x.cpuNanos[g];
            }
        }
        return u;
    }

    /** Call just before a step, on the stepping thread. */
    void begin() {
        if (!available) {
            return;
        }
        threadStart.clear();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                threadStart.put(id, cpu);
            }
        }
        processStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    /** Call just after the step, on the stepping thread. */
    void end() {
        if (!available) {
            return;
        }
        long wall = System.nanoTime() - wallStart;
        long process = processCpuNanos() - processStart;
        long self = Thread.currentThread().getId();
        long listed = 0;
        long[] group = new long[GROUPS.length];
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            Long start = threadStart.get(id);
            if (cpu < 0) {
                continue;
            }
            long used = cpu - (start == null ? 0 : start);     // a thread started inside the step: all of its time
            listed += used;
            var info = THREADS.getThreadInfo(id);
            String name = info == null ? "" : info.getThreadName();
            group[id == self ? 0 : name.startsWith("is-spectral-worker-") ? 1 : 2] += used;
        }
        group[3] = Math.max(0, process - listed);
        for (int g = 0; g < GROUPS.length; g++) {
            cpuNanos[g] += group[g];
        }
        wallNanos += wall;
        steps++;
    }

    /** Whether the platform gives process and thread CPU times. */
    boolean available() {
        return available && steps > 0;
    }

    /** Steps read. */
    int steps() {
        return steps;
    }

    /** Cores each group kept busy on average over the steps read: its CPU time over their wall time. */
    double[] busyCores() {
        double[] b = new double[GROUPS.length];
        for (int g = 0; g < GROUPS.length; g++) {
            b[g] = wallNanos == 0 ? Double.NaN : (double) cpuNanos[g] / wallNanos;
        }
        return b;
    }

    /** All groups together. */
    double totalBusyCores() {
        double sum = 0;
        for (double b : busyCores()) {
            sum += b;
        }
        return sum;
    }

    /** "1.93 cores: stepping thread 0.98, team workers 0.95, …", or "n/a". */
    String text() {
        if (!available()) {
            return "n/a";
        }
        double[] b = busyCores();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.2f cores", totalBusyCores()));
        for (int g = 0; g < GROUPS.length; g++) {
            sb.append(g == 0 ? ": " : ", ").append(GROUPS[g]).append(String.format(Locale.ROOT, " %.2f", b[g]));
        }
        return sb.toString();
    }

    /** CPU time of this process in ns, or −1 where the platform does not give it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * NUMA nodes Linux lists ({@code /sys/devices/system/node/node*}); 0 where it lists none (another OS). With one
     * node every core reaches all memory alike, so where a page was first touched cannot matter.
     */
    static int numaNodes() {
        Path dir = Path.of("/sys/devices/system/node");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().matches("node\\d+")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
