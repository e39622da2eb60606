package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.fftw_export_wisdom_to_string;
import static org.bytedeco.fftw.global.fftw3.fftw_import_wisdom_from_string;
import static org.bytedeco.fftw.global.fftw3.fftw_init_threads;

import dev.isspectral.fft.FftBackend;
import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftSettings;
import org.bytedeco.fftw.global.fftw3;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * The FFTW backend, found by {@link dev.isspectral.fft.FftEngines} through {@link java.util.ServiceLoader}.
 * Loads FFTW's native library from the JavaCPP preset jar once; if that fails, {@link #available()} is false
 * and {@link #unavailableReason()} says why.
 */
public final class FftwBackend implements FftBackend {

    /** FFTW's planner is not thread-safe: every planner call in this JVM holds this lock. */
    static final Object PLANNER_LOCK = new Object();

    private static final String LOAD_ERROR = load();

    private static String load() {
        try {
            Loader.load(fftw3.class);
            if (fftw_init_threads() == 0) {
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
        return LOAD_ERROR.isEmpty();
    }

    @Override
    public String unavailableReason() {
        return LOAD_ERROR;
    }

    @Override
    public FftEngine create(FftSettings settings, int nx, int ny, int nz) {
        if (!available()) {
            throw new IllegalStateException("FFTW unavailable: " + LOAD_ERROR);
        }
        return new FftwEngine(nx, ny, nz, settings.threads(), settings.rigour());
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
