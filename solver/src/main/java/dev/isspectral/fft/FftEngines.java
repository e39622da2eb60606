package dev.isspectral.fft;

import java.util.ServiceLoader;
import org.jtransforms.utils.CommonUtils;

/** Builds the {@link FftEngine} a {@link FftSettings} value describes. */
public final class FftEngines {

    /** Fallback warnings already printed, so each is printed once per JVM. */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FftEngines() {
    }

    /**
     * An engine for {@code nx × ny × nz} fields. When a backend other than JTransforms is asked for but is
     * not on the class path or cannot load, one warning line is printed (once per JVM) and a JTransforms
     * engine with the same other settings is returned (see {@link #resolve}). With
     * {@link FftSettings#reusePlans()} false, every transform builds a new engine of the chosen backend.
     */
    public static FftEngine create(FftSettings settings, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        FftSettings s = resolve(settings);
        if (FftSettings.JTRANSFORMS.equals(s.backend())) {
            return createJTransforms(s, nx, ny, nz);
        }
        if (FftSettings.JAVA.equals(s.backend())) {
            return createColumns(s, nx, ny, nz);
        }
        FftBackend backend = backend(s.backend()).orElseThrow();
        if (!s.reusePlans()) {
            FftSettings reused = s.withReusePlans(true);
            return new NewPlanPerCallEngine(() -> backend.create(reused, nx, ny, nz), s);
        }
        return backend.create(s, nx, ny, nz);
    }

    /**
     * The settings an engine will really be built with: {@code settings} itself, or, when its backend is not
     * JTransforms and is not on the class path or cannot load here, the same settings with backend JTransforms
     * (one warning line naming the backend and the reason is printed, once per JVM for each backend and reason).
     */
    public static FftSettings resolve(FftSettings settings) {
        java.util.Optional<String> reason = unavailableReason(settings.backend());
        if (reason.isEmpty()) {
            return settings;
        }
        String warning = "WARNING: FFT backend '" + settings.backend() + "' unavailable (" + reason.get()
                + "); using jtransforms";
        if (WARNED.add(warning)) {
            System.err.println(warning);
        }
        return settings.withBackend(FftSettings.JTRANSFORMS);
    }

    /**
     * The points per field below which the engine {@code s} builds runs each transform on the calling thread alone: the
     * threads threshold of the pure-Java real-to-complex double engines (JTransforms' and {@value FftSettings#JAVA}:
     * {@link FftSettings#jtransformsThreadsBeginN()}, or {@link JTransformsEngine#DEFAULT_THREADS_BEGIN_N} when 0);
     * 0 for every other engine, which uses its threads at every size.
     */
    public static long oneThreadBelow(FftSettings s) {
        boolean pureJava = FftSettings.JTRANSFORMS.equals(s.backend()) || FftSettings.JAVA.equals(s.backend());
        if (!pureJava || !s.realToComplex() || s.precision() != FftSettings.Precision.DOUBLE) {
            return 0;
        }
        return s.jtransformsThreadsBeginN() > 0 ? s.jtransformsThreadsBeginN() : JTransformsEngine.DEFAULT_THREADS_BEGIN_N;
    }

    /**
     * Checks that {@code real} and {@code spectrum} have the lengths of {@code engine}'s shape (the one layout every engine
     * speaks); otherwise an error naming the array, its length and the length required.
     */
    public static void checkLengths(FftEngine engine, double[] real, double[] spectrum) {
        if (real.length != engine.realLength()) {
            throw new IllegalArgumentException("real field length = " + real.length + "; must be "
                    + engine.realLength() + " for " + engine.nx() + "x" + engine.ny() + "x" + engine.nz());
        }
        if (spectrum.length != engine.spectrumLength()) {
            throw new IllegalArgumentException("spectrum length = " + spectrum.length + "; must be "
                    + engine.spectrumLength() + " for " + engine.nx() + "x" + engine.ny() + "x" + engine.nz());
        }
    }

    /** Forgets which fallback warnings were printed (for tests of the "once" rule). */
    static void forgetWarnings() {
        WARNED.clear();
    }

    /** Why backend {@code name} cannot be used here, or empty if it can (the pure-Java backends always can). */
    public static java.util.Optional<String> unavailableReason(String name) {
        if (FftSettings.JTRANSFORMS.equals(name) || FftSettings.JAVA.equals(name)) {
            return java.util.Optional.empty();
        }
        String reason = "no FftBackend named '" + name + "' on the class path";
        for (FftBackend backend : backends()) {
            if (backend.name().equals(name)) {
                if (backend.available()) {
                    return java.util.Optional.empty();
                }
                reason = backend.unavailableReason();
            }
        }
        return java.util.Optional.of(reason);
    }

    /**
     * The optional backends on the class path: those seen by the loader of {@link FftBackend} itself (in a JShell
     * notebook the solver and its backends are loaded by the notebook's class loader, which the thread's context
     * class loader does not see), then any further ones the context class loader sees.
     */
    private static java.util.List<FftBackend> backends() {
        var found = new java.util.ArrayList<FftBackend>();
        var names = new java.util.HashSet<String>();
        ClassLoader own = FftBackend.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader[] loaders = {own, context == own ? null : context};   // the context loader only if it is another
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            var providers = ServiceLoader.load(FftBackend.class, loader).iterator();
            while (true) {
                FftBackend backend;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    backend = providers.next();
                } catch (java.util.ServiceConfigurationError e) {
                    // a provider that does not load here (a broken jar, or one seen through a loader whose
                    // FftBackend is another class) is skipped, said once; the others are still found
                    String warning = "WARNING: FFT backend provider skipped: " + e.getMessage();
                    if (WARNED.add(warning)) {
                        System.err.println(warning);
                    }
                    continue;
                }
                if (names.add(backend.getClass().getName())) {
                    found.add(backend);
                }
            }
        }
        return found;
    }

    /** The optional backend of that name if it is on the class path and loads here. */
    public static java.util.Optional<FftBackend> backend(String name) {
        for (FftBackend backend : backends()) {
            if (backend.name().equals(name) && backend.available()) {
                return java.util.Optional.of(backend);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * IS-Spectral's own engine: real-to-complex double on power-of-two sizes only; anything else is refused naming the
     * setting, since the engine has no other path to fall back on.
     */
    /**
     * Whether the {@value FftSettings#JAVA} backend can run {@code s} on an {@code nx × ny × nz} box: real-to-complex
     * double transforms, every size a power of two and NZ ≥ 2 ({@link ColumnFftEngine#supports}).
     */
    public static boolean javaApplies(FftSettings s, int nx, int ny, int nz) {
        return s.realToComplex() && s.precision() == FftSettings.Precision.DOUBLE && ColumnFftEngine.supports(nx, ny, nz);
    }

    private static FftEngine createColumns(FftSettings s, int nx, int ny, int nz) {
        if (!s.realToComplex() || s.precision() != FftSettings.Precision.DOUBLE) {
            throw new IllegalArgumentException("backend = " + FftSettings.JAVA + " with " + s.label()
                    + "; it has real-to-complex double transforms only (complex or float32: use "
                    + FftSettings.JTRANSFORMS + " or " + FftSettings.FFTW + ")");
        }
        if (!ColumnFftEngine.supports(nx, ny, nz)) {
            throw new IllegalArgumentException("backend = " + FftSettings.JAVA + " on a " + nx + "x" + ny + "x" + nz
                    + " box; it needs every size a power of two and NZ >= 2 (other sizes: " + FftSettings.JTRANSFORMS
                    + " or " + FftSettings.FFTW + ")");
        }
        if (!s.reusePlans()) {
            FftSettings reused = s.withReusePlans(true);
            return new NewPlanPerCallEngine(() -> createColumns(reused, nx, ny, nz), s);
        }
        return new ColumnFftEngine(nx, ny, nz, s.threads(), s.jtransformsThreadsBeginN());
    }

    private static FftEngine createJTransforms(FftSettings s, int nx, int ny, int nz) {
        if (!s.reusePlans()) {
            FftSettings reused = s.withReusePlans(true);
            return new NewPlanPerCallEngine(() -> createJTransforms(reused, nx, ny, nz), s);
        }
        boolean ownThreading = s.realToComplex() && s.precision() == FftSettings.Precision.DOUBLE;
        applyJTransformsGlobals(s);
        if (ownThreading) {
            return new JTransformsEngine(nx, ny, nz, s.threads(), s.jtransformsThreadsBeginN());
        }
        return new JTransformsComplexEngine(nx, ny, nz, s.precision(), s.threads());
    }

    /**
     * Sets JTransforms' JVM-wide settings that the engine {@code settings} describe expects (done by
     * {@link #create} for JTransforms engines): the thread count ({@code ConcurrencyUtils}) and the thread
     * thresholds ({@code CommonUtils}). Returns an action that puts back the values found before. Does nothing
     * (and restores nothing) for other backends. Used by {@link FftTuner} around each candidate's timed runs so
     * candidates do not leak settings into each other.
     */
    static Runnable applyJTransformsGlobals(FftSettings settings) {
        if (!FftSettings.JTRANSFORMS.equals(settings.backend())) {
            return () -> { };
        }
        long begin1d2 = CommonUtils.getThreadsBeginN_1D_FFT_2Threads();
        long begin1d4 = CommonUtils.getThreadsBeginN_1D_FFT_4Threads();
        long begin2d = CommonUtils.getThreadsBeginN_2D();
        long begin3d = CommonUtils.getThreadsBeginN_3D();
        int threads = pl.edu.icm.jlargearrays.ConcurrencyUtils.getNumberOfThreads();
        boolean ownThreading = settings.realToComplex() && settings.precision() == FftSettings.Precision.DOUBLE;
        // JTransforms' own threading is JVM-wide: every engine created sets it, so the last created engine's
        // settings hold. The r2c engine threads over lines itself and wants JTransforms' 1-D transforms serial
        // (its defaults start threads only on lines of 8192 points or more), so it restores the defaults and
        // uses the threshold for its own threading; the complex engines hand the threshold to JTransforms.
        if (settings.jtransformsThreadsBeginN() > 0 && !ownThreading) {
            CommonUtils.setThreadsBeginN_1D_FFT_2Threads(settings.jtransformsThreadsBeginN());
            CommonUtils.setThreadsBeginN_1D_FFT_4Threads(settings.jtransformsThreadsBeginN());
            CommonUtils.setThreadsBeginN_3D(settings.jtransformsThreadsBeginN());
        } else {
            CommonUtils.resetThreadsBeginN_FFT();
            CommonUtils.resetThreadsBeginN();
        }
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(settings.threads());
        return () -> {
            CommonUtils.setThreadsBeginN_1D_FFT_2Threads(begin1d2);
            CommonUtils.setThreadsBeginN_1D_FFT_4Threads(begin1d4);
            CommonUtils.setThreadsBeginN_2D(begin2d);
            CommonUtils.setThreadsBeginN_3D(begin3d);
            pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads);
        };
    }
}
