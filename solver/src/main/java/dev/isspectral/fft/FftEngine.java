package dev.isspectral.fft;

import dev.isspectral.parallel.Workers;

/**
 * A 3-D discrete Fourier transform of real fields on one fixed {@code NX×NY×NZ} shape.
 *
 * <p>Whatever it does inside (real-to-complex or complex-to-complex, double or float, one thread
 * or many, JTransforms or FFTW), every engine speaks one layout, so the spectral operators never
 * depend on the backend:
 * <ul>
 *   <li>a real field is a {@code double[NX·NY·NZ]}, point (i, j, k) at {@code (i·NY + j)·NZ + k};</li>
 *   <li>its spectrum is the half spectrum of a real-to-complex transform, a {@code double[2·NX·NY·(NZ/2+1)]}
 *       of interleaved (re, im) pairs, coefficient (i, j, m) at {@code 2·((i·NY + j)·(NZ/2+1) + m)},
 *       where i, j are storage indices of the full x and y axes and m = 0..NZ/2 is the z mode number.</li>
 * </ul>
 * The forward transform is unnormalised, {@code F(n) = Σ_x f(x) e^{−i k·x}}; the inverse divides by
 * NX·NY·NZ, so {@code inverse(forward(f)) = f}.
 *
 * <p>Engines are not thread-safe: one caller at a time (an engine may use threads inside).
 */
public interface FftEngine extends AutoCloseable {

    /** The backend, e.g. {@code "jtransforms"} or {@code "fftw"}. */
    String backend();

    int nx();

    int ny();

    int nz();

    /** Length of a real field: NX·NY·NZ. */
    default int realLength() {
        return nx() * ny() * nz();
    }

    /** Length of a spectrum array: 2·NX·NY·(NZ/2+1). */
    default int spectrumLength() {
        return 2 * nx() * ny() * (nz() / 2 + 1);
    }

    /** Threads this engine uses inside one transform. */
    default int threads() {
        return 1;
    }

    /** Whether the engine transforms real data directly (true) or as complex data (false). */
    default boolean realToComplex() {
        return true;
    }

    /** Whether the engine computes in single precision (float32) internally. */
    default boolean singlePrecision() {
        return false;
    }

    /**
     * Forward transform of the real field {@code real} into {@code spectrum}.
     * {@code real} is left unchanged.
     */
    void forward(double[] real, double[] spectrum);

    /**
     * Inverse transform of {@code spectrum} into the real field {@code real}, normalised by 1/(NX·NY·NZ).
     * The imaginary part of the result, if any, is discarded. {@code spectrum} may be overwritten.
     */
    void inverse(double[] spectrum, double[] real);

    /**
     * This engine's lanes for whole one-thread transforms side by side ({@link #forwardEach}), or null if it has
     * none (the default: every transform then runs by {@link #forward} / {@link #inverse}).
     */
    default Lanes lanes() {
        return null;
    }

    /**
     * Forward transforms of {@code count} independent fields, {@code reals[i]} into {@code spectra[i]} for
     * {@code i < count} (the arrays are distinct; extra entries are ignored). Each result is what {@link #forward}
     * gives for that field, to the bit where the engine's lanes run the same code as its own transforms
     * (JTransforms), to round-off otherwise (FFTW's one-thread plans may be other algorithms). With {@link #lanes()}
     * and a team of two or more threads, the largest multiple of the team's width of the fields run as whole
     * one-thread transforms side by side, one lane per thread ("batched transforms"), whatever the engine's own
     * thread count; the rest, and every field on an engine without lanes, one after the other.
     */
    default void forwardEach(double[][] reals, double[][] spectra, int count, Workers team) {
        Lanes lanes = lanes();
        int done = lanes == null ? 0 : lanes.run(reals, spectra, count, team, true);
        for (int i = done; i < count; i++) {
            forward(reals[i], spectra[i]);
        }
    }

    /** Inverse transforms of {@code count} independent spectra, as {@link #forwardEach}; each spectrum may be overwritten. */
    default void inverseEach(double[][] spectra, double[][] reals, int count, Workers team) {
        Lanes lanes = lanes();
        int done = lanes == null ? 0 : lanes.run(reals, spectra, count, team, false);
        for (int i = done; i < count; i++) {
            inverse(spectra[i], reals[i]);
        }
    }

    /** Whether {@link #inverseEachFrom} can run any transform (the engine's lanes fill their inputs). */
    default boolean fillsInverseInput() {
        Lanes lanes = lanes();
        return lanes != null && lanes.fillsInverseInput();
    }

    /**
     * Inverse transforms into {@code reals[0 … count)} whose input spectra {@code source} writes block by block into
     * the engine's own input ({@link SpectrumSource}), as many as the engine's lanes run side by side on {@code team};
     * returns how many it ran, from index 0 (0 where the engine cannot: the caller then makes those spectra itself
     * and calls {@link #inverseEach}). The results are those of {@link #inverseEach} of the same spectra, to the bit.
     * {@code scratch}: at least {@code team.size()} spectrum-sized arrays the engine may overwrite, one per lane
     * (engines that transform in place work in them; FFTW does not touch them).
     */
    default int inverseEachFrom(SpectrumSource source, double[][] reals, int count, Workers team, double[][] scratch) {
        Lanes lanes = lanes();
        return lanes == null ? 0 : lanes.runFrom(source, reals, count, team, scratch);
    }

    /**
     * Bytes of working buffers this engine holds between calls, on the heap and in native memory, not counting
     * the caller's fields and spectra nor the FFT library's own twiddle tables; 0 for an engine that holds none.
     */
    default long bytesHeld() {
        return 0;
    }

    /** Releases native memory or threads, if any. The default does nothing. */
    @Override
    default void close() {
    }
}
