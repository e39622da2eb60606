package dev.isspectral.fft;

import dev.isspectral.parallel.Workers;

/**
 * An engine's lanes: per-thread workspaces (line buffers and 1-D FFT objects, or native buffers and one-thread
 * plans) on which whole one-thread transforms run side by side, one lane per thread of a {@link Workers} team
 * ({@link FftEngine#forwardEach}). The width of a batch is the team's, not the engine's own thread count: an engine
 * that runs each transform on one thread (a small grid, or a tuner that found one-thread transforms fastest) still
 * runs a group of transforms side by side on a two-thread step team.
 *
 * <p>The loop that hands the transforms to the team lives here once; an engine says how to {@link #allocate} lanes
 * and how to run one whole {@link #transform} on a lane. Lanes are allocated by {@link #open} (a solver opens them
 * at setup, so the step allocates nothing); a batch on a team wider than the lanes opened opens more first. Not
 * thread-safe: one caller at a time, like the engine.
 */
public abstract class Lanes {

    private int width;
    // the side-by-side transforms in progress, read by runChunk
    private double[][] reals;
    private double[][] spectra;
    private boolean forward;
    private SpectrumSource source;
    private double[][] scratch;
    private final Workers.Chunk chunk = this::runChunk;
    private final Workers.Chunk fromChunk = this::runFromChunk;

    /** Makes lanes 0 … {@code width − 1} ready (allocates what is missing); a narrower or equal width does nothing. */
    public final void open(int width) {
        if (width < 1 || width > 256) {
            throw new IllegalArgumentException("lane width = " + width + "; must be in [1, 256]");
        }
        if (width > this.width) {
            allocate(width);
            this.width = width;
        }
    }

    /** Lanes opened so far. */
    public final int width() {
        return width;
    }

    /** Allocates the workspaces of lanes 0 … {@code width − 1} (those already there may be kept). */
    protected abstract void allocate(int width);

    /**
     * One whole transform on lane {@code lane} by the calling thread alone: forward {@code real → spectrum}, or
     * inverse {@code spectrum → real} (normalised, as {@link FftEngine#inverse}). Called concurrently for distinct
     * lanes; must touch nothing shared but the caller's arrays.
     */
    protected abstract void transform(int lane, double[] real, double[] spectrum, boolean forward);

    /**
     * Whether {@link #inverseFrom} is implemented: an inverse transform whose input the lane fills block by block from
     * a {@link SpectrumSource} (false unless an engine says otherwise).
     */
    public boolean fillsInverseInput() {
        return false;
    }

    /**
     * One whole inverse transform on lane {@code lane} by the calling thread alone, its input spectrum written by
     * {@code source.fill(index, …)} block by block into the lane's own input; the result as {@link #transform}'s
     * inverse. {@code scratch} is a spectrum-sized array of this lane's to work in (engines that transform in place
     * need one; its contents are overwritten). Implemented where {@link #fillsInverseInput} is true.
     */
    protected void inverseFrom(int lane, SpectrumSource source, int index, double[] real, double[] scratch) {
        throw new UnsupportedOperationException("these lanes do not fill an inverse transform's input");
    }

    /**
     * As {@link #run} for inverse transforms whose input spectra {@code source} writes ({@link #inverseFrom}): runs
     * the largest multiple of {@code team.size()} of the {@code count} transforms side by side and returns how many
     * (0 where the lanes do not fill inputs, on a one-thread team, or with fewer transforms than threads); the
     * caller makes the rest's spectra itself and runs them as usual.
     */
    final int runFrom(SpectrumSource source, double[][] reals, int count, Workers team, double[][] scratch) {
        int size = team.size();
        int sideBySide = size < 2 || !fillsInverseInput() ? 0 : count / size * size;
        if (sideBySide == 0) {
            return 0;
        }
        open(size);
        if (scratch.length < size) {
            throw new IllegalArgumentException("scratch spectra = " + scratch.length + "; must be at least the team's "
                    + size + " (one per lane)");
        }
        this.reals = reals;
        this.source = source;
        this.scratch = scratch;
        try {
            team.forEachItemPiece(sideBySide, fromChunk);
        } finally {
            this.reals = null;
            this.source = null;
            this.scratch = null;
        }
        return sideBySide;
    }

    /**
     * Runs the largest multiple of {@code team.size()} of the {@code count} transforms side by side, each on the lane
     * of the thread that takes it (each thread its own share first, then the others' remaining ones,
     * {@link Workers#forEachItemPiece}),
     * and returns how many it ran (0 on a one-thread team or with fewer transforms than threads); the caller runs the
     * rest one at a time. Every lane runs the same one-thread transform, so the bits do not depend on the lane.
     */
    final int run(double[][] reals, double[][] spectra, int count, Workers team, boolean forward) {
        int size = team.size();
        int sideBySide = size < 2 ? 0 : count / size * size;
        if (sideBySide == 0) {
            return 0;
        }
        open(size);
        this.reals = reals;
        this.spectra = spectra;
        this.forward = forward;
        try {
            team.forEachItemPiece(sideBySide, chunk);
        } finally {
            this.reals = null;
            this.spectra = null;
        }
        return sideBySide;
    }

    private void runChunk(int lane, int from, int to) {
        for (int i = from; i < to; i++) {
            transform(lane, reals[i], spectra[i], forward);
        }
    }

    private void runFromChunk(int lane, int from, int to) {
        for (int i = from; i < to; i++) {
            inverseFrom(lane, source, i, reals[i], scratch[lane]);
        }
    }
}
