package dev.isspectral.measure;

import java.util.List;
import java.util.Locale;

/**
 * How fast the machine ran at one moment, in absolute terms, read on the calling thread in about a fifth of a second:
 * <ul>
 *   <li><b>stream</b>: GB/s of a[i] = b[i] + s·c[i] over three arrays of {@value #STREAM_DOUBLES} doubles (32 MiB each,
 *       beyond the caches; 24 bytes counted per element), the best of {@value #REPEATS} sweeps;</li>
 *   <li><b>arithmetic</b>: GFLOP/s of eight independent multiply-add chains in registers (16 flops per round, each
 *       chain waiting on its own last result: it follows the core's clock), the best of {@value #REPEATS} runs.</li>
 * </ul>
 * It first pauses {@value #PAUSE_MS} ms, so that this JVM's own other threads (the JIT's compilers after a set-up, a
 * thread team before it parks) leave the cores, and keeps the best of the repeats: a reading is what the host gave
 * this thread, not what this JVM's other threads took from it (the medians without a pause spread by 2× inside one
 * run, BENCHMARKS.md "Limits of the method").
 * Ratios measured in one run do not need it; absolute times compared between runs do. On a shared host the same
 * code's step time moved 30% between two quiet runs an hour apart (BENCHMARKS.md, "Limits of the method"): each fork
 * of a forked measurement reads this before and after its rounds ({@link Forks}), and the report prints the range,
 * so a reader can tell a slower host from slower code. One thread only: it says what a core and the memory gave,
 * not how threads scale ({@code bench scaling} measures that).
 */
public record MachineSpeed(double streamGBs, double arithmeticGflops) {

    /** Doubles per streamed array: 32 MiB each. */
    public static final int STREAM_DOUBLES = 1 << 22;
    /** Rounds of the eight multiply-add chains per arithmetic run. */
    public static final int ARITHMETIC_ROUNDS = 1 << 22;
    /** Timed repetitions of each loop (after one untimed run of each). */
    public static final int REPEATS = 5;
    /** Milliseconds of pause before a reading. */
    public static final int PAUSE_MS = 200;

    /** Key of the reading taken before a fork's rounds, in its extras. */
    public static final String BEFORE = "machine speed before";
    /** Key of the reading taken after a fork's rounds, in its extras. */
    public static final String AFTER = "machine speed after";

    private static volatile double sink;

    /** Reads both loops now, on this thread, after the pause (allocates three 32 MiB arrays, garbage afterwards). */
    public static MachineSpeed read() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double[][] abc = streamArrays();
        double[] a = abc[0];
        double[] b = abc[1];
        double[] c = abc[2];
        double[] stream = new double[REPEATS];
        double[] arithmetic = new double[REPEATS];
        triad(a, b, c, 0, STREAM_DOUBLES);
        double s = chains(ARITHMETIC_ROUNDS, 0);
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            triad(a, b, c, 0, STREAM_DOUBLES);
            long t1 = System.nanoTime();
            s += chains(ARITHMETIC_ROUNDS, r);
            long t2 = System.nanoTime();
            stream[r] = 24.0 * STREAM_DOUBLES / Math.max(1, t1 - t0);
            arithmetic[r] = 16.0 * ARITHMETIC_ROUNDS / Math.max(1, t2 - t1);
        }
        sink = s + a[STREAM_DOUBLES - 1];
        return new MachineSpeed(max(stream), max(arithmetic));
    }

    private static double max(double[] values) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            best = Math.max(best, v);
        }
        return best;
    }

    /** The three arrays of the streaming loop, {@value #STREAM_DOUBLES} doubles each: a, then b[i] = i, c[i] = i/2. */
    public static double[][] streamArrays() {
        double[] a = new double[STREAM_DOUBLES];
        double[] b = new double[STREAM_DOUBLES];
        double[] c = new double[STREAM_DOUBLES];
        for (int i = 0; i < STREAM_DOUBLES; i++) {
            b[i] = i;
            c[i] = 0.5 * i;
        }
        return new double[][] {a, b, c};
    }

    /** The streaming loop a[i] = b[i] + 1.5·c[i] over [from, to) (also {@code bench scaling}'s memory ceiling). */
    public static void triad(double[] a, double[] b, double[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = b[i] + 1.5 * c[i];
        }
    }

    /**
     * Eight independent multiply-add chains of {@code rounds} rounds each, seeded by {@code seed}: each round waits on
     * the chain's last result, so the time follows the core's clock and the arithmetic units it really gets (also
     * {@code bench scaling}'s arithmetic ceiling).
     */
    public static double chains(long rounds, int seed) {
        double x0 = 1.0 + seed * 1e-9;
        double x1 = x0 + 1e-9;
        double x2 = x0 + 2e-9;
        double x3 = x0 + 3e-9;
        double x4 = x0 + 4e-9;
        double x5 = x0 + 5e-9;
        double x6 = x0 + 6e-9;
        double x7 = x0 + 7e-9;
        for (long r = 0; r < rounds; r++) {
            x0 = x0 * 0.999999999 + 1e-9;
            x1 = x1 * 0.999999999 + 1e-9;
            x2 = x2 * 0.999999999 + 1e-9;
            x3 = x3 * 0.999999999 + 1e-9;
            x4 = x4 * 0.999999999 + 1e-9;
            x5 = x5 * 0.999999999 + 1e-9;
            x6 = x6 * 0.999999999 + 1e-9;
            x7 = x7 * 0.999999999 + 1e-9;
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }

    /** The reading as one line that {@link #parse} reads back: {@code "31.25 3.912"}. */
    public String line() {
        return String.format(Locale.ROOT, "%.6g %.6g", streamGBs, arithmeticGflops);
    }

    /** A reading from {@link #line()}. */
    public static MachineSpeed parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 2) {
            throw new IllegalArgumentException("machine speed line = \"" + line + "\"; must be two numbers, stream GB/s and"
                    + " arithmetic GFLOP/s");
        }
        return new MachineSpeed(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
    }

    /**
     * The range of {@code readings} in one phrase, e.g. {@code "stream 27.9–31.4 GB/s, arithmetic 2.95–3.02 GFLOP/s"};
     * empty for none.
     */
    public static String range(List<MachineSpeed> readings) {
        if (readings.isEmpty()) {
            return "";
        }
        double sLo = Double.POSITIVE_INFINITY;
        double sHi = Double.NEGATIVE_INFINITY;
        double aLo = Double.POSITIVE_INFINITY;
        double aHi = Double.NEGATIVE_INFINITY;
        for (MachineSpeed m : readings) {
            sLo = Math.min(sLo, m.streamGBs);
            sHi = Math.max(sHi, m.streamGBs);
            aLo = Math.min(aLo, m.arithmeticGflops);
            aHi = Math.max(aHi, m.arithmeticGflops);
        }
        return String.format(Locale.ROOT, "stream %s GB/s, arithmetic %s GFLOP/s", span(sLo, sHi), span(aLo, aHi));
    }

    /**
     * Each fork's readings before and after its rounds, in fork order, e.g. {@code "arithmetic 6.90→6.85, 6.80→6.71,
     * 5.75→5.80 GFLOP/s, stream 40.2→38.0, 41.0→39.9, 30.4→31.1 GB/s"}, so that a fork whose median stands apart can
     * be set beside what the host gave it; a fork without both readings is a dash. Empty where no fork read any.
     */
    public static String byFork(List<MachineSpeed[]> beforeAfter) {
        if (beforeAfter.stream().allMatch(p -> p[0] == null && p[1] == null)) {
            return "";
        }
        StringBuilder arithmetic = new StringBuilder("arithmetic ");
        StringBuilder stream = new StringBuilder(", stream ");
        for (int k = 0; k < beforeAfter.size(); k++) {
            MachineSpeed before = beforeAfter.get(k)[0];
            MachineSpeed after = beforeAfter.get(k)[1];
            String sep = k == 0 ? "" : ", ";
            if (before == null || after == null) {
                arithmetic.append(sep).append('\u2014');
                stream.append(sep).append('\u2014');
            } else {
                arithmetic.append(sep).append(String.format(Locale.ROOT, "%.3g→%.3g", before.arithmeticGflops, after.arithmeticGflops));
                stream.append(sep).append(String.format(Locale.ROOT, "%.3g→%.3g", before.streamGBs, after.streamGBs));
            }
        }
        return arithmetic.append(" GFLOP/s").append(stream).append(" GB/s").toString();
    }

    private static String span(double lo, double hi) {
        String l = String.format(Locale.ROOT, "%.3g", lo);
        String h = String.format(Locale.ROOT, "%.3g", hi);
        return l.equals(h) ? l : l + "–" + h;
    }
}
