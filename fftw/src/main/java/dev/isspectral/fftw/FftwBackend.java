package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.fftw_export_wisdom_to_string;
import static org.bytedeco.fftw.global.fftw3.fftw_import_wisdom_from_string;
import static org.bytedeco.fftw.global.fftw3.fftw_init_threads;
import static org.bytedeco.fftw.global.fftw3.fftwf_init_threads;

import dev.isspectral.fft.FftBackend;
import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftSettings;
import org.bytedeco.fftw.global.fftw3;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * The FFTW backend, found by {@link dev.isspectral.fft.FftEngines} through {@link java.util.ServiceLoader}.
 * Loads FFTW's native library from the JavaCPP preset jar once; if that fails, {@link #available()} is false
 * and {@link #unavailableReason()} says why. Setting the system property {@value #DISABLE_PROPERTY} to anything
 * but {@code false} makes the backend unavailable without trying to load (for machines where loading native
 * code is unwanted, and to test the fallback); it is read on every call.
 *
 * <p>Engines: {@link FftwEngine} (double, real-to-complex), {@link FftwComplexEngine} (double, complex-to-complex,
 * when {@link FftSettings#realToComplex()} is false) and {@link FftwFloatEngine} (float32, real-to-complex,
 * whatever {@link FftSettings#realToComplex()} says; the engine reports the truth). Wisdom export and import
 * cover FFTW's double-precision planner, the one the tuner can choose.
 */
public final class FftwBackend implements FftBackend {

    /** System property that, unless {@code false}, makes this backend unavailable. */
    public static final String DISABLE_PROPERTY = "isspectral.fftw.disable";

    /** FFTW's planner is not thread-safe: every planner call in this JVM holds this lock (the bench programs' too). */
    public static final Object PLANNER_LOCK = new Object();

    private static final String LOAD_ERROR = load();

    private static String load() {
        try {
            Loader.load(fftw3.class);
            if (fftw_init_threads() == 0 || fftwf_init_threads() == 0) {
                return "fftw_init_threads failed";
            }
            return "";
        } catch (Throwable e) {  // UnsatisfiedLinkError, NoClassDefFoundError: report, never crash
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Override
    public String name() {
        return FftSettings.FFTW;
    }

    @Override
    public boolean available() {
        return unavailableReason().isEmpty();
    }

    @Override
    public String unavailableReason() {
        String disabled = System.getProperty(DISABLE_PROPERTY);
        if (disabled != null && !disabled.equals("false")) {
            return "disabled by system property " + DISABLE_PROPERTY + "=" + disabled;
        }
        return LOAD_ERROR;
    }

    @Override
    public FftEngine create(FftSettings settings, int nx, int ny, int nz) {
        if (!available()) {
            throw new IllegalStateException("FFTW unavailable: " + unavailableReason());
        }
        if (settings.precision() == FftSettings.Precision.FLOAT) {
            return new FftwFloatEngine(nx, ny, nz, settings.threads(), settings.rigour());
        }
        if (!settings.realToComplex()) {
            return new FftwComplexEngine(nx, ny, nz, settings.threads(), settings.rigour());
        }
        return new FftwEngine(nx, ny, nz, settings.threads(), settings.rigour(), settings.teamSplit());
    }

    /** FFTW's accumulated wisdom (plans it has measured) as a string, to save with the tuning file. */
    @Override
    public String exportWisdom() {
        synchronized (PLANNER_LOCK) {
            BytePointer p = fftw_export_wisdom_to_string();
            try {
                return p.getString();
            } finally {
                org.bytedeco.javacpp.Pointer.free(p);
            }
        }
    }

    /** Feeds saved wisdom back to FFTW; returns false if FFTW rejects the string. */
    @Override
    public boolean importWisdom(String wisdom) {
        synchronized (PLANNER_LOCK) {
            return fftw_import_wisdom_from_string(wisdom) != 0;
        }
    }
}
