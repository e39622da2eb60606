package dev.isspectral.fft;

import java.util.Objects;

/**
 * Immutable choice of how 3-D transforms are done: backend, threads, real-to-complex or complex,
 * precision, plan reuse, JTransforms' parallel threshold, FFTW's planner rigour and who splits a many-threaded
 * FFTW transform over threads.
 * Every {@code with…} method returns a new value and validates eagerly, naming parameter, value and
 * what is allowed. Built engines come from {@link FftEngines#create(FftSettings, int, int, int)}.
 */
public final class FftSettings {

    /** Arithmetic precision inside the transform; fields stay {@code double[]} at the boundary. */
    public enum Precision { DOUBLE, FLOAT }

    /** FFTW planner rigour (FFTW_ESTIMATE, FFTW_MEASURE, FFTW_PATIENT); ignored by JTransforms. */
    public enum Rigour { ESTIMATE, MEASURE, PATIENT }

    /**
     * Backend name of JTransforms (pure Java): the baseline's, and the optimized tuning's where {@link #JAVA} cannot
     * take the box (the optimized tuning leaves the backend unchosen; {@code sim.FftEngineFactory} picks).
     */
    public static final String JTRANSFORMS = "jtransforms";
    /** Backend name of the optional FFTW module (found through {@link FftBackend}). */
    public static final String FFTW = "fftw";
    /**
     * Backend name of IS-Spectral's own pure-Java transform ({@link ColumnFftEngine}): blocks of lines transformed
     * together, power-of-two sizes only.
     */
    public static final String JAVA = "java";
    /** Every backend name {@link #withBackend} accepts. */
    public static final java.util.List<String> BACKENDS = java.util.List.of(JTRANSFORMS, JAVA, FFTW);

    private final String backend;
    private final int threads;
    private final boolean realToComplex;
    private final Precision precision;
    private final boolean reusePlans;
    private final long jtransformsThreadsBeginN;
    private final Rigour rigour;
    private final boolean teamSplit;

    private FftSettings(String backend, int threads, boolean realToComplex, Precision precision,
                        boolean reusePlans, long jtransformsThreadsBeginN, Rigour rigour, boolean teamSplit) {
        this.backend = backend;
        this.threads = threads;
        this.realToComplex = realToComplex;
        this.precision = precision;
        this.reusePlans = reusePlans;
        this.jtransformsThreadsBeginN = jtransformsThreadsBeginN;
        this.rigour = rigour;
        this.teamSplit = teamSplit;
    }

    /** The naive baseline: JTransforms, complex transforms, a new plan and new temporaries per call, one thread, double. */
    public static FftSettings baseline() {
        return new FftSettings(JTRANSFORMS, 1, false, Precision.DOUBLE, false, 0, Rigour.ESTIMATE, true);
    }

    /**
     * The optimized settings: real-to-complex, plans reused, all available cores, double, FFTW rigour MEASURE if FFTW
     * is chosen. The backend named here is JTransforms, but {@code Tuning.optimized()} leaves it unchosen and runs
     * {@link #JAVA} wherever that can take the box.
     */
    public static FftSettings optimized() {
        return new FftSettings(JTRANSFORMS, Runtime.getRuntime().availableProcessors(), true, Precision.DOUBLE,
                true, 0, Rigour.MEASURE, true);
    }

    /** Backend by name: {@value #JTRANSFORMS}, {@value #JAVA} or {@value #FFTW}. */
    public FftSettings withBackend(String backend) {
        if (backend == null || !BACKENDS.contains(backend)) {   // List.of(...).contains(null) throws
            throw new IllegalArgumentException("backend = " + (backend == null ? "null" : "\"" + backend + "\"")
                    + "; must be one of " + BACKENDS);
        }
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    /** Threads used inside one transform, 1..256. */
    public FftSettings withThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads = " + threads + "; must be in 1..256");
        }
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    /** Real-to-complex transforms (true) or full complex transforms of the real field (false). */
    public FftSettings withRealTransforms(boolean realToComplex) {
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    /**
     * Internal precision. With the JTransforms backend, FLOAT runs on the complex (c2c) path whatever
     * {@link #realToComplex()} says: the engine's {@link FftEngine#realToComplex()} reports the truth.
     */
    public FftSettings withPrecision(Precision precision) {
        Objects.requireNonNull(precision, "precision = null; must be one of [DOUBLE, FLOAT]");
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    /** Reuse FFT objects and buffers across calls (true) or build them anew on every call (false, the baseline). */
    public FftSettings withReusePlans(boolean reusePlans) {
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    /**
     * The size above which JTransforms transforms start threads: for the r2c engine the number of points of a
     * field below which it runs on one thread ({@link JTransformsEngine#DEFAULT_THREADS_BEGIN_N} when 0); for the
     * complex engines JTransforms' own {@code CommonUtils.setThreadsBeginN_1D_FFT_2Threads}, {@code _3D}
     * (0 keeps JTransforms' defaults), a JVM-wide setting of JTransforms applied when an engine is created.
     */
    public FftSettings withJTransformsThreadsBeginN(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("jtransformsThreadsBeginN = " + n + "; must be >= 0 (0 = JTransforms default)");
        }
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, n, rigour, teamSplit);
    }

    /** FFTW planner rigour. */
    public FftSettings withRigour(Rigour rigour) {
        Objects.requireNonNull(rigour, "rigour = null; must be one of [ESTIMATE, MEASURE, PATIENT]");
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    /**
     * Who splits one FFTW transform over its {@link #threads()} (the double real-to-complex engine; the complex and
     * float32 engines always use FFTW's threads): the step's own thread team (true, the default), taking one-thread
     * plans of x-planes (each plane copied in and transformed while in cache), then of groups of x-columns, each piece
     * by whichever thread is free (from 32768 points per thread; a smaller transform runs on the calling thread); or
     * FFTW's own threads (false), a second pool of threads beside the team.
     */
    public FftSettings withTeamSplit(boolean teamSplit) {
        return new FftSettings(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour,
                teamSplit);
    }

    public String backend() { return backend; }

    public int threads() { return threads; }

    public boolean realToComplex() { return realToComplex; }

    public Precision precision() { return precision; }

    public boolean reusePlans() { return reusePlans; }

    public long jtransformsThreadsBeginN() { return jtransformsThreadsBeginN; }

    public Rigour rigour() { return rigour; }

    public boolean teamSplit() { return teamSplit; }

    /** A short label for tables, e.g. {@code jtransforms r2c double t2 reuse}. */
    public String label() {
        return backend + (realToComplex ? " r2c " : " c2c ") + precision.name().toLowerCase()
                + " t" + threads + (reusePlans ? "" : " new-plan-per-call")
                + (jtransformsThreadsBeginN > 0 ? " jtBegin=" + jtransformsThreadsBeginN : "")
                + (FFTW.equals(backend) ? " " + rigour.name().toLowerCase() + (teamSplit ? "" : " fftw-threads") : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FftSettings s && backend.equals(s.backend) && threads == s.threads
                && realToComplex == s.realToComplex && precision == s.precision && reusePlans == s.reusePlans
                && jtransformsThreadsBeginN == s.jtransformsThreadsBeginN && rigour == s.rigour
                && teamSplit == s.teamSplit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, threads, realToComplex, precision, reusePlans, jtransformsThreadsBeginN, rigour, teamSplit);
    }

    @Override
    public String toString() {
        return "FftSettings[" + label() + "]";
    }
}
