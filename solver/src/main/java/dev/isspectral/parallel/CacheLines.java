package dev.isspectral.parallel;

import java.lang.reflect.Field;

/**
 * Where a {@code double[]}'s elements lie relative to 64-byte boundaries (a cache line, and one AVX-512 vector of eight
 * doubles), and new arrays whose first element starts a line: the java transforms ({@code fft.ColumnFftEngine}) keep
 * every row of their blocks so.
 *
 * <p>Why: C2 turns a butterfly loop over four rows into vector instructions aligned to one of the rows; the others are
 * read and written wherever the heap put them. On this project's 2-core AMD EPYC (AVX-512) a radix-2 transform ran up
 * to 2.5 times slower with its rows at mixed offsets modulo 64 bytes than with all rows at one offset, and where the
 * allocator and the garbage collector place the rows differs from one JVM to the next (a collection copies them into
 * its own buffers): whole runs of the pure-Java backend came out 2.5 times slower than others (BENCHMARKS.md, "Limits
 * of the method"). Java gives no control over an array's address, C2 does not vectorize a loop over one array at two
 * offsets, nor one whose four rows each have an offset of their own; so the rows stay separate arrays, allocated on
 * lines as a {@link Group} and allocated anew when a collection moved any of them off.
 *
 * <p>The address is read with {@code sun.misc.Unsafe} (module {@code jdk.unsupported}, open to class path code on
 * Java 17): the reference is stored in a one-element holder and read back as the raw or compressed pointer. Only speed
 * depends on it: when it cannot be read ({@link #available()} false) nothing is checked or reallocated, as before.
 */
public final class CacheLines {

    /** Bytes per cache line and per AVX-512 vector. */
    public static final int LINE = 64;

    private static final java.lang.invoke.MethodHandle GET_INT;
    private static final java.lang.invoke.MethodHandle GET_LONG;
    private static final long HOLDER_BASE;
    private static final long DOUBLE_BASE;
    private static final boolean COMPRESSED;
    private static final int SHIFT;
    private static final boolean AVAILABLE;

    static {
        Object unsafe = null;
        java.lang.invoke.MethodHandle getInt = null;
        java.lang.invoke.MethodHandle getLong = null;
        long holderBase = 0;
        long doubleBase = 0;
        boolean compressed = false;
        int shift = -1;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field f = type.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            var lookup = java.lang.invoke.MethodHandles.publicLookup();
            getInt = lookup.findVirtual(type, "getInt",
                    java.lang.invoke.MethodType.methodType(int.class, Object.class, long.class)).bindTo(unsafe);
            getLong = lookup.findVirtual(type, "getLong",
                    java.lang.invoke.MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
            var arrayBase = lookup.findVirtual(type, "arrayBaseOffset",
                    java.lang.invoke.MethodType.methodType(int.class, Class.class)).bindTo(unsafe);
            var arrayScale = lookup.findVirtual(type, "arrayIndexScale",
                    java.lang.invoke.MethodType.methodType(int.class, Class.class)).bindTo(unsafe);
            holderBase = (int) arrayBase.invokeExact((Class<?>) Object[].class);
            doubleBase = (int) arrayBase.invokeExact((Class<?>) double[].class);
            int scale = (int) arrayScale.invokeExact((Class<?>) Object[].class);
            compressed = scale == 4;
            shift = compressed ? compressedShift(getInt, holderBase) : 0;
        } catch (Throwable e) {
            shift = -1;
        }
        GET_INT = getInt;
        GET_LONG = getLong;
        HOLDER_BASE = holderBase;
        DOUBLE_BASE = doubleBase;
        COMPRESSED = compressed;
        SHIFT = shift;
        AVAILABLE = shift >= 0;
    }

    private CacheLines() {
    }

    /** Whether addresses can be read here; if not, every offset is 0. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Bytes from the start of a 64-byte line to {@code a[0]} (0 … 56), read through {@code holder} (a one-element array
     * of the caller's, so that nothing is allocated); 0 when addresses cannot be read.
     */
    public static int misalignment(double[] a, Object[] holder) {
        if (!AVAILABLE) {
            return 0;
        }
        holder[0] = a;
        long address;
        try {
            address = COMPRESSED ? ((int) GET_INT.invokeExact((Object) holder, HOLDER_BASE) & 0xffffffffL) << SHIFT
                    : (long) GET_LONG.invokeExact((Object) holder, HOLDER_BASE);
        } catch (Throwable e) {
            return 0;
        } finally {
            holder[0] = null;
        }
        return (int) ((address + DOUBLE_BASE) & (LINE - 1));
    }

    /**
     * A new {@code double[length]} whose first element starts a 64-byte line where addresses can be read: an array
     * that lands off a line is dropped and the next is allocated after a filler that takes up the difference (new
     * objects follow each other in the thread's allocation buffer); after 8 tries, or without addresses, the last one.
     */
    public static double[] allocate(int length, Object[] holder) {
        double[] a = new double[length];
        for (int attempt = 0; attempt < 8 && AVAILABLE; attempt++) {
            int off = misalignment(a, holder);
            if (off == 0) {
                return a;
            }
            // where the first element of an array allocated next would start, and a filler (double[k]: 16 + 8k bytes)
            // that moves it onto a line
            int next = (int) ((off + 8L * length + DOUBLE_BASE) & (LINE - 1));
            int gap = (LINE - next) & (LINE - 1);
            if (gap != 0) {
                holder[0] = new double[(gap < 16 ? gap + LINE : gap) / Double.BYTES - 2];
                holder[0] = null;
            }
            a = new double[length];
        }
        return a;
    }

    /**
     * Arrays allocated on lines together and checked together, such as one thread's block rows or tile arrays:
     * {@link #onLines} tells whether a garbage collection moved any of them off its line since (the owner then builds
     * them anew). Neither allocates after the arrays are made.
     */
    public static final class Group {
        private final java.util.List<double[]> arrays = new java.util.ArrayList<>();
        private final Object[] holder = new Object[1];

        /** A new array of {@code length} doubles on a line ({@link CacheLines#allocate}), one of the group. */
        public double[] allocate(int length) {
            double[] a = CacheLines.allocate(length, holder);
            arrays.add(a);
            return a;
        }

        /** Whether every array of the group still starts a line (true where addresses cannot be read). */
        public boolean onLines() {
            for (int k = 0; k < arrays.size(); k++) {
                if (misalignment(arrays.get(k), holder) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The shift of compressed references: 0 when they are addresses themselves (a heap below 4 GB), else log2 of the
     * object alignment. Read from the distance between two small arrays allocated one after the other: 24 bytes apart,
     * so 24 or 24 >> shift apart as references; -1 when eleven pairs out of sixteen do not agree.
     */
    private static int compressedShift(java.lang.invoke.MethodHandle getInt, long holderBase) throws Throwable {
        Object[] holder = new Object[1];
        int[] votes = new int[5];
        for (int trial = 0; trial < 16; trial++) {
            long[] first = new long[1];
            long[] second = new long[1];
            holder[0] = first;
            long a = (int) getInt.invokeExact((Object) holder, holderBase) & 0xffffffffL;
            holder[0] = second;
            long b = (int) getInt.invokeExact((Object) holder, holderBase) & 0xffffffffL;
            long distance = b - a;
            for (int s = 0; s < votes.length; s++) {
                if (distance == (24 >> s) && 24 % (1 << s) == 0) {
                    votes[s]++;
                }
            }
        }
        for (int s = 0; s < votes.length; s++) {
            if (votes[s] >= 11) {
                return s;
            }
        }
        return -1;
    }
}
