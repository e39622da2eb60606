package dev.isspectral.spectral;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.SpectrumSource;
import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

/**
 * Fourier pseudo-spectral operators on a periodic {@link Grid}: first derivatives, gradient,
 * divergence, Laplacian, 2/3-rule dealiasing and the exponential filter (physics.md §0, §6.5).
 *
 * <p>Every operator works in place on caller-owned {@code double[]} fields of {@code grid.size()}
 * points and uses spectra held here, allocated once. One forward transform of a field feeds all
 * of its derivatives ({@link #gradient}); a divergence sums in k-space and needs one inverse
 * transform. The Nyquist coefficient of an even axis is zeroed in first derivatives, so they are
 * exact (to round-off) on every trigonometric polynomial the grid resolves.
 *
 * <p>Two switches keep the naive way as a working code path (for the baseline tuning, same
 * results): without {@code preallocated} every call allocates its spectra afresh; without
 * {@code shareForwardTransform} a gradient transforms its field again for each component.
 *
 * <p>The k-space multiplications (i·k, the filter, −|k|²) are single passes over the spectrum, split
 * by rows over a {@link Workers} team when the spectrum is large enough; every coefficient is computed
 * by the same arithmetic whatever the split, so results do not depend on the team size.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class SpectralOperators {

    private final Grid grid;
    private final FftEngine engine;
    private final Tracer tracer;
    private final int nx;
    private final int ny;
    private final int nzh;
    private final double[] kx;
    private final double[] ky;
    private final double[] kz;
    private final double[] kxSquared;
    private final double[] kySquared;
    private final double[] kzSquared;
    private final double[] spectrum;
    private final double[] scratch;
    private final double[] accumulator;
    private final double[][] tensorAccumulators;
    private final boolean preallocated;
    private final boolean shareForwardTransform;
    /**
     * Most threads batched transforms are used on: the largest group has twelve transforms (the inverse transforms of
     * the four gradients), so on more threads no transform would run side by side.
     */
    public static final int MAX_BATCH = 12;
    /**
     * Fewest points per field for which a one-thread engine's transforms are batched on the team: below it a whole
     * transform takes a few microseconds, about what handing it to another thread costs, so they run one after the
     * other (the same size from which JTransforms' engine splits a transform over threads,
     * {@code JTransformsEngine.DEFAULT_THREADS_BEGIN_N}). A many-threaded engine's are batched at every size.
     */
    public static final int MIN_BATCH_POINTS = 32768;

    /**
     * Whether transforms are batched: asked for (with preallocated workspaces, shared forward transforms and an
     * engine with lanes), a team of 2 … {@link #MAX_BATCH} threads, and an engine that splits its transforms over
     * threads itself or fields of at least {@link #MIN_BATCH_POINTS} points.
     */
    public static boolean batches(boolean asked, int teamThreads, int engineThreads, long points) {
        return asked && teamThreads > 1 && teamThreads <= MAX_BATCH && (engineThreads > 1 || points >= MIN_BATCH_POINTS);
    }

    /** Transforms per batch when groups of independent transforms go to the engine together; 0 when they do not. */
    private final int batch;
    /** Spectra for batched transforms: spectrum, scratch, accumulator and max(0, batch − 3) more. */
    private final double[][] pool;
    // argument holders of the batched calls (filled per call, never allocated in the step)
    private final double[][] batchReals;
    private final double[][] batchSpectra;
    private final Workers workers;
    private final int rowGrain;
    private double[] filterMask;
    private long forwardTransforms;
    // arguments of the k-space pass in progress, read by kspaceChunk
    private static final int DERIVATIVE = 0;
    private static final int ACCUMULATE = 1;
    private static final int SET = 2;
    private static final int FILTER = 3;
    private static final int LAPLACIAN = 4;
    private final KSpacePass kspaceTask = new KSpacePass();
    /**
     * Rows of a tile when several k-space passes run as one sweep ({@link KSpacePass}): about 512 doubles of each array,
     * so the handful of arrays a batch's passes touch stay in the first-level cache between passes.
     */
    private final int tileRows;
    private final Derivatives derivatives = new Derivatives();
    /** Batched, and the engine's lanes fill their inverse transforms' input ({@link FftEngine#inverseEachFrom}). */
    private final boolean fills;
    private long inverseTransforms;

    /**
     * Operators on {@code grid} using {@code engine} (which must have the grid's shape); spans are
     * reported to {@code tracer}.
     */
    public SpectralOperators(Grid grid, FftEngine engine, Tracer tracer) {
        this(grid, engine, tracer, true, true);
    }

    /**
     * Operators with the two reuse switches: {@code preallocated} keeps spectra allocated once
     * (otherwise each call allocates its own), {@code shareForwardTransform} lets one forward
     * transform feed every component of a gradient (otherwise each component transforms again).
     */
    public SpectralOperators(Grid grid, FftEngine engine, Tracer tracer, boolean preallocated,
                             boolean shareForwardTransform) {
        this(grid, engine, tracer, preallocated, shareForwardTransform, Workers.create(1));
    }

    /** As above, with the k-space passes split by rows over {@code workers}. */
    public SpectralOperators(Grid grid, FftEngine engine, Tracer tracer, boolean preallocated,
                             boolean shareForwardTransform, Workers workers) {
        this(grid, engine, tracer, preallocated, shareForwardTransform, workers, false);
    }

    /**
     * As above; with {@code batchedTransforms} (and preallocated workspaces, shared forward transforms, an engine
     * with {@link FftEngine#lanes() lanes} and a team of 2 … {@link #MAX_BATCH} threads) each group of independent
     * transforms (the nine forward and four inverse of {@link #symmetricDivergence}, the three inverse of a
     * {@link #gradient}, the four forward and twelve inverse of {@link #gradients}) goes to the engine in batches of
     * the team's width ({@link FftEngine#forwardEach}), which runs them as whole one-thread transforms side by side,
     * one per thread of the team, whatever the engine's own thread count (a one-thread engine on a two-thread team
     * batches too). The lanes are opened here. The k-space sums are taken in the same order, so results are what the
     * engine's single transforms give (bit-identical with JTransforms). Holds max(0, team − 3) spectra more than the
     * unbatched path.
     */
    public SpectralOperators(Grid grid, FftEngine engine, Tracer tracer, boolean preallocated,
                             boolean shareForwardTransform, Workers workers, boolean batchedTransforms) {
        if (engine.nx() != grid.nx() || engine.ny() != grid.ny() || engine.nz() != grid.nz()) {
            throw new IllegalArgumentException("FFT engine shape " + engine.nx() + "x" + engine.ny() + "x"
                    + engine.nz() + " does not match grid " + grid.boxNotation());
        }
        this.grid = grid;
        this.engine = engine;
        this.tracer = tracer;
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nzh = grid.nzHalf();
        this.kx = grid.derivativeWaveNumbers(0);
        this.ky = grid.derivativeWaveNumbers(1);
        this.kz = grid.derivativeWaveNumbers(2);
        this.kxSquared = squares(grid.waveNumbers(0));
        this.kySquared = squares(grid.waveNumbers(1));
        this.kzSquared = squares(grid.waveNumbers(2));
        this.preallocated = preallocated;
        this.shareForwardTransform = shareForwardTransform;
        this.spectrum = preallocated ? new double[engine.spectrumLength()] : null;
        this.scratch = preallocated ? new double[engine.spectrumLength()] : null;
        this.accumulator = preallocated ? new double[engine.spectrumLength()] : null;
        this.tensorAccumulators = preallocated ? new double[4][engine.spectrumLength()] : null;
        this.batch = batches(batchedTransforms && preallocated && shareForwardTransform && engine.lanes() != null,
                workers.size(), engine.threads(), grid.size()) ? workers.size() : 0;
        if (batch > 0) {
            engine.lanes().open(batch);   // lane workspaces now, not in the step
        }
        if (batch > 0) {
            this.pool = new double[Math.max(3, batch)][];
            pool[0] = spectrum;
            pool[1] = scratch;
            pool[2] = accumulator;
            for (int b = 3; b < pool.length; b++) {
                pool[b] = new double[engine.spectrumLength()];
            }
        } else {
            this.pool = null;
        }
        this.fills = batch > 0 && engine.fillsInverseInput();
        this.batchReals = new double[Math.max(3, batch)][];
        this.batchSpectra = new double[Math.max(3, batch)][];
        this.workers = workers;
        // a k-space row is nzh complex values, 2·nzh doubles: the grain counts doubles, as a pointwise pass's counts
        // points, so a 64×32×32 spectrum is split too (counted in complex values it ran on the caller alone, 13 passes
        // per full pass, the other thread parked meanwhile and woken late for the next transforms)
        this.rowGrain = Math.max(1, Workers.STREAMING_GRAIN / (2 * nzh));
        this.tileRows = Math.max(1, 512 / (2 * nzh));
    }

    public Grid grid() {
        return grid;
    }

    public FftEngine engine() {
        return engine;
    }

    /** Forward transforms done so far. */
    public long forwardTransforms() {
        return forwardTransforms;
    }

    /** Inverse transforms done so far. */
    public long inverseTransforms() {
        return inverseTransforms;
    }

    /**
     * Doubles held in spectra by operators on {@code grid}: seven spectra of the real-to-complex
     * length 2·nx·ny·(nz/2 + 1) when preallocated, none otherwise (each call allocates its own).
     */
    public static long spectrumDoubles(Grid grid, boolean preallocated) {
        return preallocated ? 7L * 2 * grid.spectrumSize() : 0L;
    }

    /** Whether groups of independent transforms go to the engine in batches ({@link FftEngine#forwardEach}). */
    public boolean batchedTransforms() {
        return batch > 0;
    }

    /**
     * Doubles held in spectra beyond {@link #spectrumDoubles} by batched transforms on a team of {@code teamThreads}
     * threads: max(0, threads − 3) spectra when batches are used (an engine with lanes, a team of 2 …
     * {@link #MAX_BATCH} threads, preallocated workspaces), none otherwise.
     */
    public static long batchSpectrumDoubles(Grid grid, boolean preallocated, int teamThreads) {
        boolean used = preallocated && teamThreads > 1 && teamThreads <= MAX_BATCH;
        return used ? Math.max(0, teamThreads - 3) * 2L * grid.spectrumSize() : 0L;
    }

    /** Bytes held by this object's spectra and masks. */
    public long bytesHeld() {
        long doubles = (preallocated ? 7L * spectrum.length : 0L) + (batch > 0 ? (pool.length - 3L) * spectrum.length : 0L) + kx.length + ky.length + kz.length
                + kxSquared.length + kySquared.length + kzSquared.length
                + (filterMask == null ? 0 : filterMask.length);
        return 8 * doubles;
    }

    /** ∂f/∂x_axis into {@code out} (axis 0 = x, 1 = y, 2 = z). */
    public void derivative(double[] f, int axis, double[] out) {
        try (Span s = tracer.open("derivative")) {
            double[] spec = buffer(spectrum);
            forward(f, spec);
            derivativeFromSpectrum(spec, axis, out);
        }
    }

    /** The gradient (∂_x f, ∂_y f, ∂_z f) from one forward and three inverse transforms. */
    public void gradient(double[] f, double[] dx, double[] dy, double[] dz) {
        try (Span s = tracer.open("gradient")) {
            if (batch > 0) {
                double[] spec = tensorAccumulators[0];
                forward(f, spec);
                derivatives.add(spec, 0, dx);
                derivatives.add(spec, 1, dy);
                derivatives.add(spec, 2, dz);
                derivatives.run();
                return;
            }
            double[] spec = buffer(spectrum);
            forward(f, spec);
            derivativeFromSpectrum(spec, 0, dx);
            if (!shareForwardTransform) {
                spec = buffer(spectrum);
                forward(f, spec);
            }
            derivativeFromSpectrum(spec, 1, dy);
            if (!shareForwardTransform) {
                spec = buffer(spectrum);
                forward(f, spec);
            }
            derivativeFromSpectrum(spec, 2, dz);
        }
    }

    /**
     * The gradients of {@code count} (1 … 4) fields: {@code out[f][axis]} = ∂_axis {@code fields[f]}. The same
     * results as {@link #gradient} field by field; with batched transforms the forward transforms of the fields
     * and then the inverse transforms of the derivatives go to the engine in batches.
     */
    public void gradients(int count, double[][] fields, double[][][] out) {
        if (count < 1 || count > 4) {
            throw new IllegalArgumentException("count = " + count + "; must be in 1..4");
        }
        if (batch == 0) {
            for (int f = 0; f < count; f++) {
                gradient(fields[f], out[f][0], out[f][1], out[f][2]);
            }
            return;
        }
        try (Span s = tracer.open("gradient")) {
            forwardTransforms += count;
            engine.forwardEach(fields, tensorAccumulators, count, workers);
            for (int f = 0; f < count; f++) {
                for (int axis = 0; axis < 3; axis++) {
                    derivatives.add(tensorAccumulators[f], axis, out[f][axis]);
                }
            }
            derivatives.run();
        }
    }

    /**
     * The inverse transforms of a group of derivative spectra i k_axis f̂ (batched transforms only): those the
     * engine's lanes run side by side get their input written block by block into the lane's own buffer
     * ({@link FftEngine#inverseEachFrom}; FFTW: one pass over f̂ instead of a pass writing i k f̂ to an array and a copy
     * reading it back), the rest as before, {@link #batch} at a time: the derivative into a pool array, then
     * {@link #inverseEach}. The same multiplications either way, and the same transforms on the same lanes, so the
     * same bits. The sources are never {@link #pool} arrays: the pure-Java lanes work in those.
     */
    private final class Derivatives implements SpectrumSource {
        private final double[][] sources = new double[3 * 4][];
        private final int[] axes = new int[3 * 4];
        private final double[][] reals = new double[3 * 4][];
        private int count;

        void add(double[] source, int axis, double[] real) {
            sources[count] = source;
            axes[count] = axis;
            reals[count] = real;
            count++;
        }

        void run() {
            try {
                int done = fills ? engine.inverseEachFrom(this, reals, count, workers, pool) : 0;
                inverseTransforms += done;
                int n = 0;
                for (int d = done; d < count; d++) {
                    kspace(DERIVATIVE, sources[d], axes[d], pool[n], false);
                    batchSpectra[n] = pool[n];
                    batchReals[n] = reals[d];
                    n++;
                    if (n == batch || d == count - 1) {
                        inverseEach(n);
                        n = 0;
                    }
                }
            } finally {
                java.util.Arrays.fill(sources, null);
                java.util.Arrays.fill(reals, null);
                count = 0;
            }
        }

        @Override
        public void fill(int index, int from, int to, double[] block) {
            derivativeRange(sources[index], axes[index], from, to, block);
        }
    }

    /**
     * Doubles [from, to) (even: whole complex values) of i k_axis · {@code src} into {@code block[0 … to − from)}, row
     * by row: the arithmetic of {@link #kspaceChunk}'s DERIVATIVE, so the same bits.
     */
    private void derivativeRange(double[] src, int axis, int from, int to, double[] block) {
        int rowLength = 2 * nzh;
        int row = from / rowLength;
        int p = from;
        while (p < to) {
            int rowEnd = Math.min(to, (row + 1) * rowLength);
            int i = row / ny;
            int j = row - i * ny;
            if (axis == 2) {
                for (int m = (p - row * rowLength) / 2, q = p - from; p < rowEnd; m++, p += 2, q += 2) {
                    double k = kz[m];
                    double re = src[p];
                    block[q] = -k * src[p + 1];
                    block[q + 1] = k * re;
                }
            } else {
                double k = axis == 0 ? kx[i] : ky[j];
                for (int q = p - from; p < rowEnd; p += 2, q += 2) {
                    double re = src[p];
                    block[q] = -k * src[p + 1];
                    block[q + 1] = k * re;
                }
            }
            row++;
        }
    }

    /** ∂_x fx + ∂_y fy + ∂_z fz into {@code out}: three forward transforms and one inverse. */
    public void divergence(double[] fx, double[] fy, double[] fz, double[] out) {
        divergence(fx, fy, fz, out, null, null, null);
    }

    /** As above, naming each component for an observer ({@link Tracer#operand}) when the names are not null. */
    private void divergence(double[] fx, double[] fy, double[] fz, double[] out, String nx, String ny, String nz) {
        try (Span s = tracer.open("divergence")) {
            double[] sum = buffer(accumulator);
            double[] spec = buffer(spectrum);
            if (nx != null) {
                tracer.operand(nx);
            }
            forward(fx, spec);
            kspace(SET, spec, 0, sum, false);
            if (ny != null) {
                tracer.operand(ny);
            }
            forward(fy, spec);
            kspace(ACCUMULATE, spec, 1, sum, false);
            if (nz != null) {
                tracer.operand(nz);
            }
            forward(fz, spec);
            kspace(ACCUMULATE, spec, 2, sum, false);
            inverse(sum, out);
        }
    }

    /**
     * The four divergences d^ν = ∂_i T^{iν} of a symmetric tensor T (physics.md eq. 4.1), given its
     * components T^{i0} ({@code t0[i]}) and T^{ij} ({@code xx, yy, zz, xy, xz, yz}). With shared
     * forward transforms each of the nine distinct components is transformed once (9 forward, 4
     * inverse transforms); otherwise each divergence transforms its three components (12 forward).
     * Either way the sums are taken in the same order, so the results are identical.
     */
    public void symmetricDivergence(double[][] t0, double[] xx, double[] yy, double[] zz,
                                    double[] xy, double[] xz, double[] yz, double[][] out) {
        symmetricDivergence(t0, xx, yy, zz, xy, xz, yz, out, false);
    }

    /**
     * As above; with {@code negated} the four results are −d^ν, the sign flipped in k-space on the last
     * sum into each spectrum (the inverse transform is odd, so this is −d^ν to the bit, with no extra
     * pass). Without shared forward transforms the naive path negates in a separate pass afterwards.
     */
    public void symmetricDivergence(double[][] t0, double[] xx, double[] yy, double[] zz,
                                    double[] xy, double[] xz, double[] yz, double[][] out, boolean negated) {
        if (!shareForwardTransform) {
            divergence(t0[0], t0[1], t0[2], out[0], "T0x", "T0y", "T0z");
            divergence(xx, xy, xz, out[1], "Txx", "Txy", "Txz");
            divergence(xy, yy, yz, out[2], "Txy", "Tyy", "Tyz");
            divergence(xz, yz, zz, out[3], "Txz", "Tyz", "Tzz");
            if (negated) {
                for (double[] o : out) {
                    for (int p = 0; p < o.length; p++) {
                        o[p] = -o[p];
                    }
                }
            }
            return;
        }
        if (batch > 0) {
            batchedSymmetricDivergence(t0, xx, yy, zz, xy, xz, yz, out, negated);
            return;
        }
        try (Span s = tracer.open("divergence")) {
            double[][] acc = preallocated ? tensorAccumulators : new double[4][engine.spectrumLength()];
            double[] spec = buffer(spectrum);
            // the first term into each sum sets it (0 − a and 0 + a, as if added to zeros)
            tracer.operand("T0x");
            forward(t0[0], spec);
            kspace(SET, spec, 0, acc[0], false);
            tracer.operand("T0y");
            forward(t0[1], spec);
            kspace(ACCUMULATE, spec, 1, acc[0], false);
            tracer.operand("T0z");
            forward(t0[2], spec);
            kspace(ACCUMULATE, spec, 2, acc[0], negated);
            tracer.operand("Txx");
            forward(xx, spec);
            kspace(SET, spec, 0, acc[1], false);
            tracer.operand("Txy");
            forward(xy, spec);
            kspace(ACCUMULATE, spec, 1, acc[1], false);
            kspace(SET, spec, 0, acc[2], false);
            tracer.operand("Txz");
            forward(xz, spec);
            kspace(ACCUMULATE, spec, 2, acc[1], negated);
            kspace(SET, spec, 0, acc[3], false);
            tracer.operand("Tyy");
            forward(yy, spec);
            kspace(ACCUMULATE, spec, 1, acc[2], false);
            tracer.operand("Tyz");
            forward(yz, spec);
            kspace(ACCUMULATE, spec, 2, acc[2], negated);
            kspace(ACCUMULATE, spec, 1, acc[3], false);
            tracer.operand("Tzz");
            forward(zz, spec);
            kspace(ACCUMULATE, spec, 2, acc[3], negated);
            for (int nu = 0; nu < 4; nu++) {
                inverse(acc[nu], out[nu]);
            }
        }
    }

    /**
     * {@link #symmetricDivergence} with its nine forward transforms in batches (in the order of the unbatched
     * path, each batch's k-space sums taken in that order too) and its four inverse transforms as one batch.
     */
    private void batchedSymmetricDivergence(double[][] t0, double[] xx, double[] yy, double[] zz,
                                            double[] xy, double[] xz, double[] yz, double[][] out, boolean negated) {
        try (Span s = tracer.open("divergence")) {
            double[][] acc = tensorAccumulators;
            int n = 0;
            for (int c = 0; c < 9; c++) {
                batchReals[n] = switch (c) {
                    case 0, 1, 2 -> t0[c];
                    case 3 -> xx;
                    case 4 -> xy;
                    case 5 -> xz;
                    case 6 -> yy;
                    case 7 -> yz;
                    default -> zz;
                };
                batchSpectra[n] = pool[n];
                n++;
                if (n < batch && c < 8) {
                    continue;
                }
                tracer.operand("T");
                forwardTransforms += n;
                engine.forwardEach(batchReals, batchSpectra, n, workers);
                // the batch's k-space passes, in the unbatched path's order, as one sweep tile by tile
                KSpacePass q = kspaceTask;   // empty: every sweep clears it (kspaceQueued)
                for (int b = 0; b < n; b++) {
                    double[] spec = batchSpectra[b];
                    switch (c - n + 1 + b) {
                        case 0 -> q.add(SET, spec, 0, acc[0], false);
                        case 1 -> q.add(ACCUMULATE, spec, 1, acc[0], false);
                        case 2 -> q.add(ACCUMULATE, spec, 2, acc[0], negated);
                        case 3 -> q.add(SET, spec, 0, acc[1], false);
                        case 4 -> {
                            q.add(ACCUMULATE, spec, 1, acc[1], false);
                            q.add(SET, spec, 0, acc[2], false);
                        }
                        case 5 -> {
                            q.add(ACCUMULATE, spec, 2, acc[1], negated);
                            q.add(SET, spec, 0, acc[3], false);
                        }
                        case 6 -> q.add(ACCUMULATE, spec, 1, acc[2], false);
                        case 7 -> {
                            q.add(ACCUMULATE, spec, 2, acc[2], negated);
                            q.add(ACCUMULATE, spec, 1, acc[3], false);
                        }
                        default -> q.add(ACCUMULATE, spec, 2, acc[3], negated);
                    }
                }
                kspaceQueued();
                n = 0;
            }
            inverseTransforms += 4;
            engine.inverseEach(acc, out, 4, workers);
        } finally {
            java.util.Arrays.fill(batchReals, null);
        }
    }

    /** Inverse transforms of {@code batchSpectra[0..n)} into {@code batchReals[0..n)}, as one batch. */
    private void inverseEach(int n) {
        inverseTransforms += n;
        try {
            engine.inverseEach(batchSpectra, batchReals, n, workers);
        } finally {
            java.util.Arrays.fill(batchReals, null);
        }
    }

    /** ∇²f = −|k|² f̂ into {@code out}. */
    public void laplacian(double[] f, double[] out) {
        try (Span s = tracer.open("laplacian")) {
            double[] spectrum = buffer(this.spectrum);
            forward(f, spectrum);
            kspace(LAPLACIAN, spectrum, 0, spectrum, false);
            inverse(spectrum, out);
        }
    }

    /**
     * Sets the filter applied by {@link #filter}: the 2/3 rule (zero every coefficient with
     * |n_d| > N_d/3 on any axis) if {@code dealias}, times the exponential filter
     * σ(n) = Π_d exp(−α (|n_d|/(N_d/2))^p) if {@code exponential} (physics.md §6.5).
     * Both leave the k = 0 coefficient unchanged.
     */
    public void configureFilter(boolean dealias, boolean exponential, double strength, double order) {
        if (!dealias && !exponential) {
            filterMask = null;
            return;
        }
        double[] mask = new double[nx * ny * nzh];
        double[] sx = axisFilter(0, nx, dealias, exponential, strength, order);
        double[] sy = axisFilter(1, ny, dealias, exponential, strength, order);
        double[] sz = axisFilter(2, grid.nz(), dealias, exponential, strength, order);
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int row = (i * ny + j) * nzh;
                for (int m = 0; m < nzh; m++) {
                    mask[row + m] = sx[i] * sy[j] * sz[m];
                }
            }
        }
        filterMask = mask;
    }

    /** Whether {@link #filter} does anything. */
    public boolean filterEnabled() {
        return filterMask != null;
    }

    /** Applies the configured filter to {@code f} in place; does nothing when none is configured. */
    public void filter(double[] f) {
        if (filterMask == null) {
            return;
        }
        try (Span s = tracer.open("filter")) {
            double[] spectrum = buffer(this.spectrum);
            forward(f, spectrum);
            kspace(FILTER, spectrum, 0, spectrum, false);
            inverse(spectrum, f);
        }
    }

    /** Forward transform into a caller-owned spectrum (see {@link FftEngine} for the layout). */
    public void forward(double[] f, double[] out) {
        forwardTransforms++;
        engine.forward(f, out);
    }

    /** Inverse transform of a caller-owned spectrum, which is overwritten. */
    public void inverse(double[] in, double[] out) {
        inverseTransforms++;
        engine.inverse(in, out);
    }

    private void derivativeFromSpectrum(double[] source, int axis, double[] out) {
        double[] work = buffer(scratch);
        kspace(DERIVATIVE, source, axis, work, false);
        inverse(work, out);
    }

    /** The preallocated spectrum, or a fresh one when workspaces are not preallocated. */
    private double[] buffer(double[] preallocatedBuffer) {
        return preallocated ? preallocatedBuffer : new double[engine.spectrumLength()];
    }

    /** One k-space pass of {@code kind} over all rows (split over the team when large enough). */
    private void kspace(int kind, double[] source, int axis, double[] target, boolean negate) {
        kspaceTask.prepare(kind, source, axis, target, negate);
        kspaceQueued();
    }

    /**
     * K-space passes as one prepared worker task: {@link #prepare} takes one pass's arguments, {@link #add} queues
     * further passes to run in the same sweep, {@link #clear} drops them. Several passes run tile by tile: each thread
     * takes a tile of {@link #tileRows} rows through every queued pass in order before the next tile, so a sum that
     * several passes update stays in cache between them instead of streaming from memory once per pass. Each value gets
     * the same operations in the same order as in separate passes: the same bits.
     */
    private final class KSpacePass implements Workers.Chunk {
        /** At most this many passes are queued (the nine components' passes of a batch of spectra, two per spectrum). */
        static final int MAX_PASSES = 18;
        private final int[] kinds = new int[MAX_PASSES];
        private final int[] axes = new int[MAX_PASSES];
        private final boolean[] negates = new boolean[MAX_PASSES];
        private final double[][] sources = new double[MAX_PASSES][];
        private final double[][] targets = new double[MAX_PASSES][];
        private int count;

        void prepare(int kind, double[] source, int axis, double[] target, boolean negate) {
            count = 0;
            add(kind, source, axis, target, negate);
        }

        void add(int kind, double[] source, int axis, double[] target, boolean negate) {
            kinds[count] = kind;
            sources[count] = source;
            axes[count] = axis;
            targets[count] = target;
            negates[count] = negate;
            count++;
        }

        void clear() {
            java.util.Arrays.fill(sources, 0, count, null);
            java.util.Arrays.fill(targets, 0, count, null);
            count = 0;
        }

        @Override
        public void run(int chunk, int fromRow, int toRow) {
            if (count == 1) {
                kspaceChunk(kinds[0], sources[0], axes[0], targets[0], negates[0], fromRow, toRow);
                return;
            }
            for (int from = fromRow; from < toRow; from += tileRows) {
                int to = Math.min(toRow, from + tileRows);
                for (int c = 0; c < count; c++) {
                    kspaceChunk(kinds[c], sources[c], axes[c], targets[c], negates[c], from, to);
                }
            }
        }
    }

    /** Runs the passes queued in {@link #kspaceTask} (after {@link KSpacePass#prepare} and its adds) as one sweep. */
    private void kspaceQueued() {
        try {
            workers.forEachPiece(nx * ny, rowGrain, kspaceTask);
        } finally {
            kspaceTask.clear();
        }
    }

    /**
     * Rows [fromRow, toRow) of the pass in progress: DERIVATIVE target = i k·source; ACCUMULATE
     * target += i k·source; SET target = 0 + i k·source (the bits of adding to zeros); FILTER and
     * LAPLACIAN multiply the source in place by the mask or −|k|². With {@code negate} the
     * accumulated value is negated as it is stored.
     */
    private void kspaceChunk(int kind, double[] src, int axis, double[] out, boolean negate, int fromRow, int toRow) {
        double sign = negate ? -1.0 : 1.0;   // ±1 multiplies exactly: the bits of a negation
        for (int row = fromRow; row < toRow; row++) {
            int i = row / ny;
            int j = row - i * ny;
            int begin = 2 * row * nzh;
            int end = begin + 2 * nzh;
            if (kind == FILTER) {
                for (int m = 0, p = begin; p < end; m++, p += 2) {
                    double factor = filterMask[row * nzh + m];
                    out[p] *= factor;
                    out[p + 1] *= factor;
                }
            } else if (kind == LAPLACIAN) {
                double kk = kxSquared[i] + kySquared[j];
                for (int m = 0, p = begin; p < end; m++, p += 2) {
                    double factor = -(kk + kzSquared[m]);
                    out[p] *= factor;
                    out[p + 1] *= factor;
                }
            } else if (axis == 2) {
                // k varies along the row
                if (kind == DERIVATIVE) {
                    for (int m = 0, p = begin; p < end; m++, p += 2) {
                        double k = kz[m];
                        double re = src[p];
                        out[p] = -k * src[p + 1];
                        out[p + 1] = k * re;
                    }
                } else if (kind == SET) {
                    for (int m = 0, p = begin; p < end; m++, p += 2) {
                        double k = kz[m];
                        out[p] = 0.0 - k * src[p + 1];
                        out[p + 1] = 0.0 + k * src[p];
                    }
                } else {
                    for (int m = 0, p = begin; p < end; m++, p += 2) {
                        double k = kz[m];
                        out[p] = sign * (out[p] - k * src[p + 1]);
                        out[p + 1] = sign * (out[p + 1] + k * src[p]);
                    }
                }
            } else {
                // k is constant along the row
                double k = axis == 0 ? kx[i] : ky[j];
                if (kind == DERIVATIVE) {
                    for (int p = begin; p < end; p += 2) {
                        double re = src[p];
                        out[p] = -k * src[p + 1];
                        out[p + 1] = k * re;
                    }
                } else if (kind == SET) {
                    for (int p = begin; p < end; p += 2) {
                        out[p] = 0.0 - k * src[p + 1];
                        out[p + 1] = 0.0 + k * src[p];
                    }
                } else {
                    for (int p = begin; p < end; p += 2) {
                        out[p] = sign * (out[p] - k * src[p + 1]);
                        out[p + 1] = sign * (out[p + 1] + k * src[p]);
                    }
                }
            }
        }
    }

    private static double[] axisFilter(int axis, int n, boolean dealias, boolean exponential,
                                       double strength, double order) {
        int length = axis == 2 ? n / 2 + 1 : n;
        double[] sigma = new double[length];
        double half = n / 2.0;
        for (int i = 0; i < length; i++) {
            int mode = Math.abs(Grid.modeNumber(i, n));
            double value = 1.0;
            if (dealias && 3 * mode > n) {
                value = 0.0;
            }
            if (exponential && n > 1) {
                value *= Math.exp(-strength * Math.pow(mode / half, order));
            }
            sigma[i] = value;
        }
        return sigma;
    }

    private static double[] squares(double[] k) {
        double[] out = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = k[i] * k[i];
        }
        return out;
    }
}
