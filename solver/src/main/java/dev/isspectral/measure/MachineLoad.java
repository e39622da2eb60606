package dev.isspectral.measure;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What else the machine did during a measured window: the 1-minute load average at its start and end
 * ({@code /proc/loadavg}), the share of all CPU time that was stolen by the hypervisor and the share that
 * other processes used ({@code /proc/stat} against this process's {@code /proc/self/stat}, whose CPU time includes the
 * children it has waited for: forks of {@link Forks}, benchmark workers and JMH's JVMs that ended inside the window
 * count as this process's own, not as other processes), and this JVM's
 * garbage collections, JIT compilation time and heap. NaN (shown "n/a") where the OS does not show a value.
 *
 * <p>Shares are of the whole machine's CPU time over the window (all cores): with two cores, a process that keeps
 * one core busy is a share of 0.5. The kernel counts CPU time in clock ticks (usually 10 ms), so a window shorter
 * than about 0.2 s of CPU time has no shares ("n/a").
 *
 * @param seconds         the window's wall time
 * @param cores           available processors
 * @param loadBefore      1-minute load average at the start
 * @param loadAfter       1-minute load average at the end
 * @param stealShare      stolen CPU time / all CPU time in the window
 * @param otherShare      CPU time of other processes / all CPU time in the window
 * @param ownShare        this process's CPU time / all CPU time in the window
 * @param gcCount         collections in the window (all collectors)
 * @param gcMillis        collection time in the window, ms
 * @param jitMillis       JIT compilation time in the window, ms (NaN where not supported)
 * @param heapUsedBefore  heap in use at the start, bytes
 * @param heapUsedAfter   heap in use at the end, bytes
 * @param heapMax         maximum heap, bytes
 */
public record MachineLoad(double seconds, int cores, double loadBefore, double loadAfter, double stealShare,
                          double otherShare, double ownShare, long gcCount, long gcMillis, double jitMillis,
                          long heapUsedBefore, long heapUsedAfter, long heapMax) implements Presentable {

    /** Other processes above this share of all CPU time mark a window as measured on a busy machine. */
    public static final double BUSY_OTHER_SHARE = 0.10;
    /** Fewer clock ticks than this over all CPUs (0.2 s of one core at 100 Hz) give no shares: too coarse. */
    static final long MIN_TICKS = 20;
    /** Steal above this share marks a window as busy. */
    public static final double BUSY_STEAL_SHARE = 0.05;

    /** Whether other processes or the hypervisor took enough CPU that absolute times are suspect. */
    public boolean busy() {
        return otherShare > BUSY_OTHER_SHARE || stealShare > BUSY_STEAL_SHARE;
    }

    /** Whether the OS showed the CPU shares (Linux {@code /proc}). */
    public boolean sharesKnown() {
        return Double.isFinite(otherShare);
    }

    /** A reading of the machine's counters now; two readings make a {@link MachineLoad} with {@link #between}. */
    public static Sample sample() {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long[] cpu = procStatCpu();
        return new Sample(System.nanoTime(), loadAverage(), cpu, ownTicks(), gcCount, gcMillis, jitMillisNow(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The window from {@code start} to {@code end}. */
    public static MachineLoad between(Sample start, Sample end) {
        double steal = Double.NaN;
        double other = Double.NaN;
        double own = Double.NaN;
        if (start.cpu != null && end.cpu != null && start.ownTicks >= 0 && end.ownTicks >= 0) {
            long total = 0;
            long[] d = new long[Math.min(start.cpu.length, end.cpu.length)];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.max(0, end.cpu[i] - start.cpu[i]);
            }
            // user nice system idle iowait irq softirq steal (guest and guest_nice are inside user and nice)
            for (int i = 0; i < Math.min(8, d.length); i++) {
                total += d[i];
            }
            if (total >= MIN_TICKS) {
                long idle = d[3] + (d.length > 4 ? d[4] : 0);
                long stolen = d.length > 7 ? d[7] : 0;
                long ownDelta = Math.max(0, end.ownTicks - start.ownTicks);
                long busy = total - idle - stolen;
                steal = (double) stolen / total;
                own = Math.min(1, (double) ownDelta / total);
                other = Math.max(0, (double) (busy - ownDelta) / total);
            }
        }
        double jit = Double.isFinite(start.jitMillis) && Double.isFinite(end.jitMillis) ? end.jitMillis - start.jitMillis
                : Double.NaN;
        return new MachineLoad((end.nanos - start.nanos) / 1e9, Runtime.getRuntime().availableProcessors(), start.load,
                end.load, steal, other, own, end.gcCount - start.gcCount, end.gcMillis - start.gcMillis, jit,
                start.heapUsed, end.heapUsed, Runtime.getRuntime().maxMemory());
    }

    /** The 1-minute load average now, NaN where the OS gives none. */
    public static double loadAverage() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
            return Double.parseDouble(s.substring(0, s.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? Double.NaN : l;
        }
    }

    /** Total JIT compilation time so far, ms; NaN where the JVM does not monitor it. */
    public static double jitMillisNow() {
        var c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : Double.NaN;
    }

    /** The aggregate "cpu" line of /proc/stat, in clock ticks; null where there is none. */
    private static long[] procStatCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long[] v = new long[f.length - 1];
                    for (int i = 1; i < f.length; i++) {
                        v[i - 1] = Long.parseLong(f[i]);
                    }
                    return v.length >= 4 ? v : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * utime + stime of this process and cutime + cstime of the children it has waited for (e.g. JMH's forked JVMs, which
     * are this measurement's own work, not other processes), from /proc/self/stat, in clock ticks; −1 where there is none.
     */
    private static long ownTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields 14-17 of the whole line: utime, stime, cutime, cstime
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A reading of the counters; opaque. */
    public static final class Sample {
        private final long nanos;
        private final double load;
        private final long[] cpu;
        private final long ownTicks;
        private final long gcCount;
        private final long gcMillis;
        private final double jitMillis;
        private final long heapUsed;

        private Sample(long nanos, double load, long[] cpu, long ownTicks, long gcCount, long gcMillis, double jitMillis,
                       long heapUsed) {
            this.nanos = nanos;
            this.load = load;
            this.cpu = cpu;
            this.ownTicks = ownTicks;
            this.gcCount = gcCount;
            this.gcMillis = gcMillis;
            this.jitMillis = jitMillis;
            this.heapUsed = heapUsed;
        }

        /** The load average when read. */
        public double loadAverage() {
            return load;
        }
    }

    private static String share(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1f%%", 100 * s) : "n/a";
    }

    private static String load(double l) {
        return Double.isFinite(l) ? String.format(Locale.ROOT, "%.2f", l) : "n/a";
    }

    /**
     * "busy: other processes 48.0% of CPU" or "quiet: other processes 1.2% of CPU"; without shares, why: a window
     * too short for the kernel's clock ticks, or no {@code /proc/stat} (off Linux).
     */
    public String busyText() {
        if (!sharesKnown()) {
            // at the usual 100 ticks per second, a window of fewer than MIN_TICKS over all cores gives no shares
            return seconds * Math.max(1, cores) * 100 < MIN_TICKS
                    ? String.format(Locale.ROOT, "CPU shares not read (a %.2f s window is too short for the kernel's "
                            + "10 ms ticks)", seconds)
                    : "CPU shares n/a (no /proc/stat)";
        }
        return (busy() ? "BUSY machine: " : "quiet: ") + "other processes " + share(otherShare) + " of CPU, steal "
                + share(stealShare);
    }

    /**
     * The "other CPU" cell of the bench tables: other processes' share of all CPU over the window, "48% (busy: flagged)"
     * above {@link #BUSY_OTHER_SHARE} (or with steal above {@link #BUSY_STEAL_SHARE}), "n/a" where the OS does not show it.
     */
    public String otherCpuText() {
        if (!sharesKnown()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f%%%s", 100 * otherShare, busy() ? " (busy: flagged)" : "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f s on %d cores: load %s → %s; %s; own %s; GC %d (%d ms); JIT %s ms; heap in use %.0f → %.0f MB (max %.0f MB)",
                seconds, cores, load(loadBefore), load(loadAfter), busyText(), share(ownShare), gcCount, gcMillis,
                Double.isFinite(jitMillis) ? String.format(Locale.ROOT, "%.0f", jitMillis) : "n/a", heapUsedBefore / 1e6,
                heapUsedAfter / 1e6, heapMax / 1e6);
    }

    @Override
    public String toHtml() {
        return "<p class=\"is-spectral-load\"" + (busy() ? " style=\"color:#a40\"" : "") + ">Machine load: "
                + Presentable.escape(toString()) + "</p>";
    }
}
