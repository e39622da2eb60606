package dev.isspectral.profile;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.Lanes;
import dev.isspectral.parallel.Workers;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Times and counts every transform of the engines it wraps ({@link #decorator()}), keyed by
 * backend, shape, direction, real/complex, precision and threads, and (when asked) sorts out the
 * forward transforms a solver could have skipped, in two classes:
 * <ul>
 *   <li><b>constant input</b>: every value of the input is the same (a zero field is the common case:
 *       v^y of a sound wave along x); its transform is known without computing it;</li>
 *   <li><b>repeat</b>: a non-constant input array (by identity) holding the same contents as at its
 *       previous forward transform, with no inverse transform into it between: the result could have
 *       been kept.</li>
 * </ul>
 * Each is counted by the span path that asked for it and the field the solver named
 * ({@link dev.isspectral.trace.Tracer#operand}). Each transform also opens a span {@code fft.forward} /
 * {@code fft.inverse} on the tracer, so it appears in the hierarchy. Results are unchanged: the
 * wrapped engine is called with the caller's arrays as they are.
 *
 * <p>Redundancy detection reads every input value once per forward transform ({@link #contentHash},
 * about a third of the cost of {@link Arrays#hashCode(double[])}; the constancy check stops at the
 * first value that differs from the first, so it reads a whole array only when it is constant); it is on by default and can be
 * switched off ({@link #FftRecorder(Tracer, LongSupplier, boolean)}) when only timing is wanted.
 * Off, a recorded transform costs one span, two clock reads and one lock, and allocates nothing.
 */
public final class FftRecorder {

    /** Totals of one kind of transform. */
    public static final class Kind {
        final String backend;
        final String shape;
        final String direction;
        final boolean realToComplex;
        final boolean singlePrecision;
        final int threads;
        final long points;
        long calls;
        long totalNanos;
        long redundant;
        long constantInputs;

        Kind(FftEngine e, String direction) {
            this.backend = e.backend();
            this.shape = e.nx() + "x" + e.ny() + "x" + e.nz();
            this.direction = direction;
            this.realToComplex = e.realToComplex();
            this.singlePrecision = e.singlePrecision();
            this.threads = e.threads();
            this.points = (long) e.nx() * e.ny() * e.nz();
        }

        public String backend() { return backend; }
        public String shape() { return shape; }
        public String direction() { return direction; }
        public boolean realToComplex() { return realToComplex; }
        public boolean singlePrecision() { return singlePrecision; }
        public int threads() { return threads; }
        /** N = NX·NY·NZ. */
        public long points() { return points; }
        public long calls() { return calls; }
        public long totalNanos() { return totalNanos; }
        /** Forward transforms of unchanged, non-constant input (repeats). */
        public long redundant() { return redundant; }
        /** Forward transforms of an input whose values are all equal (e.g. a zero field). */
        public long constantInputs() { return constantInputs; }

        /**
         * Nominal floating-point operations of one transform: 5·N·log2 N for a complex transform
         * of N points (2.5·N·log2 N for a real one, half the work).
         */
        public double flopsPerCall() {
            double f = 5.0 * points * (Math.log(points) / Math.log(2));
            return realToComplex ? f / 2 : f;
        }

        /** Nominal GFLOP/s: calls·flopsPerCall / total time. */
        public double gflops() {
            return totalNanos == 0 ? 0 : calls * flopsPerCall() / totalNanos;
        }
    }

    private final Tracer tracer;
    private final LongSupplier clock;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final boolean detectRedundancy;
    // last content hash of each forward input, in a one-element array so updates do not box
    private final Map<double[], long[]> lastForwardHash = new IdentityHashMap<>();
    private final Map<String, Long> redundantBySpan = new LinkedHashMap<>();
    private final Map<Avoidable, long[]> avoidable = new LinkedHashMap<>();

    /** What a skippable forward transform was: {@link #REPEAT}, {@link #ZERO} or {@link #CONSTANT}. */
    public static final String REPEAT = "repeat";
    /** A transform of a field that is zero everywhere. */
    public static final String ZERO = "zero field";
    /** A transform of a field that is one non-zero constant everywhere. */
    public static final String CONSTANT = "constant field";

    /**
     * A class of forward transforms that could have been skipped.
     *
     * @param span  the span path that asked for them
     * @param field the field the solver named ({@link dev.isspectral.trace.Tracer#operand}), "" if none
     * @param kind  {@link #REPEAT}, {@link #ZERO} or {@link #CONSTANT}
     */
    public record Avoidable(String span, String field, String kind) {

        // written out: a record's own equals and hashCode are linked through method handles, whose first calls (and
        // their switch to compiled forms after a number of calls) load classes and compile code in the steps they meet
        @Override
        public boolean equals(Object o) {
            return o instanceof Avoidable a && java.util.Objects.equals(span, a.span) && java.util.Objects.equals(field, a.field)
                    && java.util.Objects.equals(kind, a.kind);
        }

        @Override
        public int hashCode() {
            return (31 * java.util.Objects.hashCode(span) + java.util.Objects.hashCode(field)) * 31 + java.util.Objects.hashCode(kind);
        }
    }

    /** A recorder with redundancy detection, on {@link System#nanoTime()}. */
    public FftRecorder(Tracer tracer) {
        this(tracer, System::nanoTime, true);
    }

    /** A recorder with redundancy detection on the given clock. */
    public FftRecorder(Tracer tracer, LongSupplier clock) {
        this(tracer, clock, true);
    }

    /**
     * @param tracer           receives the {@code fft.forward} / {@code fft.inverse} spans
     * @param clock            nanoseconds
     * @param detectRedundancy whether to hash each forward input to count repeated transforms
     */
    public FftRecorder(Tracer tracer, LongSupplier clock, boolean detectRedundancy) {
        if (tracer == null || clock == null) {
            throw new IllegalArgumentException("tracer and clock must not be null; use Tracer.OFF for no spans");
        }
        this.tracer = tracer;
        this.clock = clock;
        this.detectRedundancy = detectRedundancy;
    }

    /** Whether forward inputs are hashed to count repeated transforms. */
    public boolean detectsRedundancy() {
        return detectRedundancy;
    }

    /** Wraps each engine so its transforms are recorded here. */
    public UnaryOperator<FftEngine> decorator() {
        return this::wrap;
    }

    /** Wraps one engine. */
    public FftEngine wrap(FftEngine engine) {
        Kind forward = kind(engine, "forward");
        Kind inverse = kind(engine, "inverse");
        return new FftEngine() {
            @Override public String backend() { return engine.backend(); }
            @Override public int nx() { return engine.nx(); }
            @Override public int ny() { return engine.ny(); }
            @Override public int nz() { return engine.nz(); }
            @Override public int threads() { return engine.threads(); }
            @Override public boolean realToComplex() { return engine.realToComplex(); }
            @Override public boolean singlePrecision() { return engine.singlePrecision(); }
            @Override public Lanes lanes() { return engine.lanes(); }

            @Override
            public void forward(double[] real, double[] spectrum) {
                if (detectRedundancy) {
                    checkRedundant(real, forward);
                }
                try (Span s = tracer.open("fft.forward")) {
                    long t0 = clock.getAsLong();
                    engine.forward(real, spectrum);
                    record(forward, clock.getAsLong() - t0);
                }
            }

            /** A batch passes to the engine as one (so it can run side by side), timed as one span, counted per transform. */
            @Override
            public void forwardEach(double[][] reals, double[][] spectra, int count, Workers team) {
                if (detectRedundancy) {
                    for (int i = 0; i < count; i++) {
                        checkRedundant(reals[i], forward);
                    }
                }
                try (Span s = tracer.open("fft.forward")) {
                    long t0 = clock.getAsLong();
                    engine.forwardEach(reals, spectra, count, team);
                    record(forward, clock.getAsLong() - t0, count);
                }
            }

            @Override
            public void inverseEach(double[][] spectra, double[][] reals, int count, Workers team) {
                try (Span s = tracer.open("fft.inverse")) {
                    long t0 = clock.getAsLong();
                    engine.inverseEach(spectra, reals, count, team);
                    record(inverse, clock.getAsLong() - t0, count);
                }
                if (detectRedundancy) {
                    synchronized (FftRecorder.this) {
                        for (int i = 0; i < count; i++) {
                            long[] last = lastForwardHash.get(reals[i]);
                            if (last != null) {
                                last[1] = 0;
                            }
                        }
                    }
                }
            }

            /** Filled inverses, timed and counted as {@link #inverseEach} (the filling, the k-space pass, inside the span). */
            @Override
            public int inverseEachFrom(dev.isspectral.fft.SpectrumSource source, double[][] reals, int count, Workers team,
                                       double[][] scratch) {
                int done;
                try (Span s = tracer.open("fft.inverse")) {
                    long t0 = clock.getAsLong();
                    done = engine.inverseEachFrom(source, reals, count, team, scratch);
                    if (done > 0) {
                        record(inverse, clock.getAsLong() - t0, done);
                    }
                }
                if (detectRedundancy) {
                    synchronized (FftRecorder.this) {
                        for (int i = 0; i < done; i++) {
                            long[] last = lastForwardHash.get(reals[i]);
                            if (last != null) {
                                last[1] = 0;
                            }
                        }
                    }
                }
                return done;
            }

            @Override
            public void inverse(double[] spectrum, double[] real) {
                try (Span s = tracer.open("fft.inverse")) {
                    long t0 = clock.getAsLong();
                    engine.inverse(spectrum, real);
                    record(inverse, clock.getAsLong() - t0);
                }
                // the inverse rewrote `real`; its next forward transform is not a repeat
                if (detectRedundancy) {
                    synchronized (FftRecorder.this) {
                        long[] last = lastForwardHash.get(real);
                        if (last != null) {
                            last[1] = 0;
                        }
                    }
                }
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }

    private synchronized Kind kind(FftEngine e, String direction) {
        String key = e.backend() + "|" + e.nx() + "x" + e.ny() + "x" + e.nz() + "|" + direction + "|"
                + e.realToComplex() + "|" + e.singlePrecision() + "|" + e.threads();
        return kinds.computeIfAbsent(key, k -> new Kind(e, direction));
    }

    private synchronized void record(Kind kind, long nanos) {
        record(kind, nanos, 1);
    }

    private synchronized void record(Kind kind, long nanos, int transforms) {
        kind.calls += transforms;
        kind.totalNanos += nanos;
    }

    private void checkRedundant(double[] input, Kind kind) {
        if (constant(input)) {
            String what = input.length == 0 || input[0] == 0 ? ZERO : CONSTANT;
            synchronized (this) {
                kind.constantInputs++;
                // a constant input is not also a repeat; forget its hash so the next non-constant content starts afresh
                lastForwardHash.remove(input);
                count(what);
            }
            return;
        }
        long hash = contentHash(input);
        synchronized (this) {
            // slot 0: the hash at the last forward transform; slot 1: 1 while that hash is valid
            long[] last = lastForwardHash.get(input);
            if (last == null) {
                lastForwardHash.put(input, new long[] {hash, 1});
                return;
            }
            boolean repeat = last[1] == 1 && last[0] == hash;
            last[0] = hash;
            last[1] = 1;
            if (repeat) {
                kind.redundant++;
                String where = tracer instanceof SpanRecorder r ? r.currentPath() : "";
                redundantBySpan.merge(where, 1L, Long::sum);
                count(REPEAT);
            }
        }
    }

    private void count(String what) {
        String span = "";
        String field = "";
        if (tracer instanceof SpanRecorder r) {
            span = r.currentPath();
            String operand = r.currentOperand();
            field = operand == null ? "" : operand;
        }
        avoidable.computeIfAbsent(new Avoidable(span, field, what), k -> new long[1])[0]++;
    }

    /** Whether every value equals the first (bit for bit, or both ±0); stops at the first that differs. */
    static boolean constant(double[] values) {
        if (values.length == 0) {
            return true;
        }
        double first = values[0];
        for (int i = 1; i < values.length; i++) {
            if (values[i] != first && !(Double.isNaN(values[i]) && Double.isNaN(first))) {
                return false;
            }
        }
        return true;
    }
    /**
     * A 64-bit hash of the exact bits of {@code values}: Σ_i bits(values[i])·M^(n−i) mod 2^64 with
     * odd M, evaluated in four independent lanes so the multiplications overlap. Because M is odd
     * every power of M is invertible mod 2^64, so changing any single value always changes the hash;
     * several simultaneous changes collide with probability about 2^-64.
     */
    static long contentHash(double[] values) {
        final long m = 0x9E3779B97F4A7C15L;
        long h0 = 1;
        long h1 = 2;
        long h2 = 3;
        long h3 = 4;
        int n = values.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            h0 = (h0 + Double.doubleToRawLongBits(values[i])) * m;
            h1 = (h1 + Double.doubleToRawLongBits(values[i + 1])) * m;
            h2 = (h2 + Double.doubleToRawLongBits(values[i + 2])) * m;
            h3 = (h3 + Double.doubleToRawLongBits(values[i + 3])) * m;
        }
        for (; i < n; i++) {
            h0 = (h0 + Double.doubleToRawLongBits(values[i])) * m;
        }
        long h = h0;
        h = (h ^ (h >>> 29)) * m + h1;
        h = (h ^ (h >>> 29)) * m + h2;
        h = (h ^ (h >>> 29)) * m + h3;
        return h ^ (h >>> 32) ^ n;
    }

    /** Every kind of transform seen, in first-seen order (kinds with zero calls included). */
    public synchronized List<Kind> kinds() {
        return List.copyOf(kinds.values());
    }

    /** Nanoseconds spent in every transform recorded so far, all kinds together. */
    public synchronized long totalNanos() {
        long nanos = 0;
        for (Kind k : kinds.values()) {
            nanos += k.totalNanos;
        }
        return nanos;
    }

    /** Skippable forward transforms (repeats and constant inputs) by span, field and kind, in first-seen order. */
    public synchronized Map<Avoidable, Long> avoidable() {
        Map<Avoidable, Long> out = new LinkedHashMap<>();
        avoidable.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    /** Repeated forward transforms (non-constant input) by the span path that asked for them. */
    public synchronized Map<String, Long> redundantBySpan() {
        return Map.copyOf(redundantBySpan);
    }

    /** Forgets counts (after warm-up); keeps the content hashes, so repeats across the boundary count. */
    public synchronized void reset() {
        for (Kind k : kinds.values()) {
            k.calls = 0;
            k.totalNanos = 0;
            k.redundant = 0;
            k.constantInputs = 0;
        }
        redundantBySpan.clear();
        avoidable.clear();
    }
}
