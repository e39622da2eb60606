package dev.isspectral.fft;

import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jtransforms.utils.CommonUtils;

/** Builds the {@link FftEngine} a {@link FftSettings} value describes. */
public final class FftEngines {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private FftEngines() {
    }

    /**
     * An engine for {@code nx × ny × nz} fields. When a backend other than JTransforms is asked for but is
     * not on the class path or cannot load, one warning line is printed (once per JVM) and a JTransforms
     * engine with the same other settings is returned.
     */
    public static FftEngine create(FftSettings settings, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        if (!FftSettings.JTRANSFORMS.equals(settings.backend())) {
            String reason = "no FftBackend named '" + settings.backend() + "' on the class path";
            for (FftBackend backend : ServiceLoader.load(FftBackend.class)) {
                if (backend.name().equals(settings.backend())) {
                    if (backend.available()) {
                        return backend.create(settings, nx, ny, nz);
                    }
                    reason = backend.unavailableReason();
                }
            }
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("WARNING: FFT backend '" + settings.backend() + "' unavailable (" + reason
                        + "); using jtransforms");
            }
            settings = settings.withBackend(FftSettings.JTRANSFORMS);
        }
        return createJTransforms(settings, nx, ny, nz);
    }

    /** The optional backend of that name if it is on the class path and loads here. */
    public static java.util.Optional<FftBackend> backend(String name) {
        for (FftBackend backend : ServiceLoader.load(FftBackend.class)) {
            if (backend.name().equals(name) && backend.available()) {
                return java.util.Optional.of(backend);
            }
        }
        return java.util.Optional.empty();
    }

    private static FftEngine createJTransforms(FftSettings s, int nx, int ny, int nz) {
        // JTransforms' own threading is JVM-wide: every engine created sets it, so the last created engine's
        // settings hold (0 restores JTransforms' default thresholds); its thread count follows s.threads().
        if (s.jtransformsThreadsBeginN() > 0) {
            CommonUtils.setThreadsBeginN_1D_FFT_2Threads(s.jtransformsThreadsBeginN());
            CommonUtils.setThreadsBeginN_1D_FFT_4Threads(s.jtransformsThreadsBeginN());
            CommonUtils.setThreadsBeginN_3D(s.jtransformsThreadsBeginN());
        } else {
            CommonUtils.resetThreadsBeginN_FFT();
            CommonUtils.resetThreadsBeginN();
        }
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(s.threads());
        if (!s.reusePlans()) {
            FftSettings reused = s.withReusePlans(true);
            return new NewPlanPerCallEngine(() -> createJTransforms(reused, nx, ny, nz), reused.withReusePlans(false));
        }
        if (s.realToComplex() && s.precision() == FftSettings.Precision.DOUBLE) {
            return new JTransformsEngine(nx, ny, nz, s.threads());
        }
        return new JTransformsComplexEngine(nx, ny, nz, s.precision());
    }
}
