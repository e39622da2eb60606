package dev.isspectral.measure;

import java.util.Locale;

/**
 * Bytes allocated on the heap during measured operations, by every thread that ran in the window (the measuring
 * thread and pool threads alike). Never negative. Where it cannot be exact it says so: {@link #exact()} is false
 * when a thread ended inside the window (its bytes after the last reading are not visible: the figure is then a
 * lower bound), and {@link #available()} is false where the JVM keeps no per-thread counters ("n/a").
 *
 * @param bytes      total bytes over the measured operations, all threads (a lower bound unless {@code exact})
 * @param ownBytes   the part allocated by the measuring thread (always exact)
 * @param operations operations measured
 * @param exact      whether every thread's allocation was seen
 * @param available  whether the JVM counts allocation per thread at all
 */
public record Allocation(long bytes, long ownBytes, long operations, boolean exact, boolean available) {

    public Allocation {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes = " + bytes + "; must be >= 0");
        }
        if (ownBytes < 0 || ownBytes > bytes) {
            throw new IllegalArgumentException("ownBytes = " + ownBytes + "; must be in 0.." + bytes);
        }
        if (operations < 0) {
            throw new IllegalArgumentException("operations = " + operations + "; must be >= 0");
        }
    }

    /** Allocation that could not be measured. */
    public static Allocation unavailable(long operations) {
        return new Allocation(0, 0, operations, false, false);
    }

    /** Mean bytes per operation; NaN when unavailable or no operation ran. */
    public double perOperation() {
        return available && operations > 0 ? (double) bytes / operations : Double.NaN;
    }

    /** Mean bytes per operation of the measuring thread alone; NaN when unavailable or no operation ran. */
    public double ownPerOperation() {
        return available && operations > 0 ? (double) ownBytes / operations : Double.NaN;
    }

    /** This and {@code other} together. */
    public Allocation plus(Allocation other) {
        return new Allocation(bytes + other.bytes, ownBytes + other.ownBytes, operations + other.operations,
                exact && other.exact, available && other.available);
    }

    /** "0 B/op", "≥ 1.2 kB/op" (lower bound), "n/a". */
    public String format() {
        if (!available || operations == 0) {
            return "n/a";
        }
        return (exact ? "" : "≥ ") + bytes(perOperation()) + "/op";
    }

    /** Bytes with a decimal prefix: "0 B", "512 B", "1.23 kB", "40.9 MB". */
    public static String bytes(double b) {
        if (!Double.isFinite(b)) {
            return "n/a";
        }
        if (b < 1000) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        int u = -1;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.3g %s", b, units[u]);
    }

    @Override
    public String toString() {
        return format();
    }
}
