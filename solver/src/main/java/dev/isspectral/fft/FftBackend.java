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
}
