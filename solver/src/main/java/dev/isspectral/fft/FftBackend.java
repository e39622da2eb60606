package dev.isspectral.fft;

/**
 * Service interface through which optional FFT backends (the GPL FFTW module) plug in with
 * {@link java.util.ServiceLoader}; the solver never depends on them.
 */
public interface FftBackend {

    /** The backend name matched against {@link FftSettings#backend()}. */
    String name();

    /** Whether the backend can run here (e.g. its native library loads). */
    boolean available();

    /** Why {@link #available()} is false, for the one warning line; empty when available. */
    String unavailableReason();

    /** An engine for the given shape with these settings. */
    FftEngine create(FftSettings settings, int nx, int ny, int nz);

    /** The backend's accumulated planner wisdom as a string (FFTW wisdom), or "" if it has none. */
    default String exportWisdom() {
        return "";
    }

    /** Feeds saved wisdom back to the backend; false if it rejects it. The default accepts only "". */
    default boolean importWisdom(String wisdom) {
        return wisdom.isEmpty();
    }
}
