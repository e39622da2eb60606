package dev.isspectral.profile;

import dev.isspectral.fft.FftEngine;
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
 * backend, shape, direction, real/complex, precision and threads, and counts redundant forward
 * transforms: a forward transform whose input array (by identity) holds the same contents
 * (hash of all values) as at its previous forward transform. Each transform also opens a span
 * {@code fft.forward} / {@code fft.inverse} on the tracer, so it appears in the hierarchy.
 * Results are unchanged: the wrapped engine is called with the caller's arrays as they are.
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
        /** Forward transforms of unchanged input. */
        public long redundant() { return redundant; }

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
    private final Map<double[], Integer> lastForwardHash = new IdentityHashMap<>();
    private final Map<String, Long> redundantBySpan = new LinkedHashMap<>();

    public FftRecorder(Tracer tracer) {
        this(tracer, System::nanoTime);
    }

    public FftRecorder(Tracer tracer, LongSupplier clock) {
        this.tracer = tracer;
        this.clock = clock;
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

            @Override
            public void forward(double[] real, double[] spectrum) {
                checkRedundant(real, forward);
                try (Span s = tracer.open("fft.forward")) {
                    long t0 = clock.getAsLong();
                    engine.forward(real, spectrum);
                    record(forward, clock.getAsLong() - t0);
                }
            }

            @Override
            public void inverse(double[] spectrum, double[] real) {
                try (Span s = tracer.open("fft.inverse")) {
                    long t0 = clock.getAsLong();
                    engine.inverse(spectrum, real);
                    record(inverse, clock.getAsLong() - t0);
                }
                // the inverse rewrote `real`; its next forward transform is not a repeat
                synchronized (FftRecorder.this) {
                    lastForwardHash.remove(real);
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
        kind.calls++;
        kind.totalNanos += nanos;
    }

    private synchronized void checkRedundant(double[] input, Kind kind) {
        int hash = Arrays.hashCode(input);
        Integer previous = lastForwardHash.put(input, hash);
        if (previous != null && previous == hash) {
            kind.redundant++;
            String where = tracer instanceof SpanRecorder r ? r.currentPath() : "";
            redundantBySpan.merge(where, 1L, Long::sum);
        }
    }

    /** Every kind of transform seen, in first-seen order (kinds with zero calls included). */
    public synchronized List<Kind> kinds() {
        return List.copyOf(kinds.values());
    }

    /** Redundant forward transforms by the span path that asked for them. */
    public synchronized Map<String, Long> redundantBySpan() {
        return Map.copyOf(redundantBySpan);
    }

    /** Forgets counts (after warm-up); keeps the content hashes, so repeats across the boundary count. */
    public synchronized void reset() {
        for (Kind k : kinds.values()) {
            k.calls = 0;
            k.totalNanos = 0;
            k.redundant = 0;
        }
        redundantBySpan.clear();
    }
}
