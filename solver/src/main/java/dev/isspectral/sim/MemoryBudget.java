package dev.isspectral.sim;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The check made before any large allocation: {@link Simulation.Builder#build()} (initial data and
 * state) and {@link Simulation#start()} (the solver's state copy, integrator stages, workspaces, FFT
 * spectra and observed primitives; for FFTW also its native buffers) compare what they are about to
 * allocate with what the JVM may still allocate, and fail with an {@link InsufficientMemoryException}
 * giving the estimate, the limit and the largest grid of the same shape that would fit, instead of an
 * {@code OutOfMemoryError} half-way through.
 *
 * <p>Heap: the limit is {@code Runtime.maxMemory()} (-Xmx) minus what is in use now; when the estimate
 * does not fit, one {@code System.gc()} is asked for and the heap measured again, so garbage never causes
 * a false refusal. Native memory (FFTW): the limit is JavaCPP's own ceiling
 * ({@code org.bytedeco.javacpp.maxBytes}, by default equal to -Xmx) and the machine's physical memory.
 */
final class MemoryBudget {

    /** Doubles per point of the primitive initial data: ε, v (3), Π, π (5). */
    static final int INITIAL_DATA_DOUBLES = 10;

    /** Doubles per point of the observed primitives a solver allocates on the first observation. */
    static final int OBSERVED_DOUBLES = 9;

    private MemoryBudget() {
    }

    /**
     * Headroom asked for on top of the counted arrays: the FFT library's own scratch and the collector's room to move
     * large arrays (measured: a 2x128x64x64 run peaks about 30% above what the solver counts).
     */
    static final double HEAP_MARGIN = 1.3;

    /** Fails if {@code bytes} (times {@link #HEAP_MARGIN}) more of heap cannot be allocated; {@code what} names the allocation. */
    static void requireHeap(long counted, Grid grid, String what) {
        long bytes = (long) (counted * HEAP_MARGIN);
        long limit = Runtime.getRuntime().maxMemory();
        long available = availableHeap();
        if (bytes <= available) {
            return;
        }
        System.gc();
        available = availableHeap();
        if (bytes <= available) {
            return;
        }
        throw new InsufficientMemoryException(String.format(Locale.ROOT,
                "grid = %s: %s needs ~%s of heap (%d bytes per point, with 30%% headroom) but this JVM can allocate only %s more"
                        + " (maximum heap -Xmx = %s, %s in use); %s, or raise -Xmx",
                grid.notation(), what, mib(bytes), bytes / Math.max(1, grid.size()), mib(available), mib(limit),
                mib(limit - available), largestFitting(grid, bytes, available)));
    }

    /** Fails if the FFTW backend's native buffers of {@code bytes} cannot be allocated. */
    static void requireNative(long bytes, Grid grid, String backend) {
        long javacpp = javacppMaxBytes();
        long physical = physicalMemory();
        long limit = Math.min(javacpp, physical);
        if (bytes <= limit) {
            return;
        }
        throw new InsufficientMemoryException(String.format(Locale.ROOT,
                "grid = %s: the %s FFT buffers need ~%s of native memory but the limit is %s"
                        + " (JavaCPP org.bytedeco.javacpp.maxBytes = %s, physical memory %s); %s, or use the jtransforms backend",
                grid.notation(), backend, mib(bytes), mib(limit), mib(javacpp), mib(physical),
                largestFitting(grid, bytes, limit)));
    }

    /** Native bytes the FFTW engines hold for {@code settings} on {@code grid} (0 for JTransforms). */
    static long nativeFftBytes(FftSettings settings, Grid grid) {
        if (!FftSettings.FFTW.equals(settings.backend())) {
            return 0;
        }
        long n = grid.size();
        long precision = settings.precision() == FftSettings.Precision.FLOAT ? 4 : 8;
        return settings.realToComplex()
                ? precision * (n + 2L * grid.spectrumSize())   // real buffer + half spectrum
                : precision * 2 * n;                             // one in-place complex buffer
    }

    static long availableHeap() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * "the largest grid of this shape that fits is NTxAxBxC": the longest axis halved (then the next) until
     * the points fit, assuming bytes scale with the number of points.
     */
    static String largestFitting(Grid grid, long bytes, long available) {
        double perPoint = (double) bytes / grid.size();
        int[] n = {grid.nx(), grid.ny(), grid.nz()};
        while ((double) n[0] * n[1] * n[2] * perPoint > available) {
            int longest = n[0] >= n[1] && n[0] >= n[2] ? 0 : n[1] >= n[2] ? 1 : 2;
            if (n[longest] == 1) {
                return "not even a 1x1x1 grid fits";
            }
            n[longest] = Math.max(1, n[longest] / 2);
        }
        return "the largest grid of this shape that fits is " + grid.steps() + "x" + n[0] + "x" + n[1] + "x" + n[2];
    }

    private static long javacppMaxBytes() {
        String p = System.getProperty("org.bytedeco.javacpp.maxBytes", System.getProperty("org.bytedeco.javacpp.maxbytes"));
        if (p != null) {
            try {
                long v = parseSize(p.strip());
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // JavaCPP itself falls back to its default then
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static long parseSize(String s) {
        long unit = 1;
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : last == 'g' ? 1L << 30 : 1L << 40;
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * unit;
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return Long.MAX_VALUE;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
