package dev.isspectral.fft;

/**
 * The input spectra of a group of inverse transforms, written block by block where the engine wants them
 * ({@link FftEngine#inverseEachFrom}): an engine that copies its input into a buffer of its own (FFTW's native
 * memory) has the caller compute each block of the spectrum straight into a small block array, from which it is
 * copied (FFTW) or gathered (the java transforms' first pass) while still in cache, instead of the caller first writing the whole spectrum to an array of its own and the
 * engine then reading it back. Used for the spectral derivatives {@code i k f̂}: one pass over the source spectrum
 * instead of a pass that writes the derivative and a copy that reads it again.
 */
@FunctionalInterface
public interface SpectrumSource {

    /**
     * Writes the doubles {@code [from, to)} of input spectrum {@code index} (in the engine's r2c layout: interleaved
     * re, im, rows of {@code 2 (nz/2 + 1)} doubles) into {@code block[0 … to − from)}. {@code from} and {@code to} are
     * even (whole complex values; FFTW asks for whole rows, the java transforms for the runs their first pass
     * gathers). Called concurrently for distinct {@code index}es from the threads of the team; must touch nothing
     * shared but what it only reads.
     */
    void fill(int index, int from, int to, double[] block);
}
