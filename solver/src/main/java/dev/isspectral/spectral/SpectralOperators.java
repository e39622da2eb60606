package dev.isspectral.spectral;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.grid.Grid;
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
    private double[] filterMask;
    private long forwardTransforms;
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

    /** Bytes held by this object's spectra and masks. */
    public long bytesHeld() {
        long doubles = (preallocated ? 7L * spectrum.length : 0L) + kx.length + ky.length + kz.length
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

    /** ∂_x fx + ∂_y fy + ∂_z fz into {@code out}: three forward transforms and one inverse. */
    public void divergence(double[] fx, double[] fy, double[] fz, double[] out) {
        try (Span s = tracer.open("divergence")) {
            double[] sum = buffer(accumulator);
            java.util.Arrays.fill(sum, 0.0);
            double[] spec = buffer(spectrum);
            forward(fx, spec);
            accumulateDerivative(spec, 0, sum);
            forward(fy, spec);
            accumulateDerivative(spec, 1, sum);
            forward(fz, spec);
            accumulateDerivative(spec, 2, sum);
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
        if (!shareForwardTransform) {
            divergence(t0[0], t0[1], t0[2], out[0]);
            divergence(xx, xy, xz, out[1]);
            divergence(xy, yy, yz, out[2]);
            divergence(xz, yz, zz, out[3]);
            return;
        }
        try (Span s = tracer.open("divergence")) {
            double[][] acc = preallocated ? tensorAccumulators : new double[4][engine.spectrumLength()];
            for (double[] a : acc) {
                java.util.Arrays.fill(a, 0.0);
            }
            double[] spec = buffer(spectrum);
            forward(t0[0], spec);
            accumulateDerivative(spec, 0, acc[0]);
            forward(t0[1], spec);
            accumulateDerivative(spec, 1, acc[0]);
            forward(t0[2], spec);
            accumulateDerivative(spec, 2, acc[0]);
            forward(xx, spec);
            accumulateDerivative(spec, 0, acc[1]);
            forward(xy, spec);
            accumulateDerivative(spec, 1, acc[1]);
            accumulateDerivative(spec, 0, acc[2]);
            forward(xz, spec);
            accumulateDerivative(spec, 2, acc[1]);
            accumulateDerivative(spec, 0, acc[3]);
            forward(yy, spec);
            accumulateDerivative(spec, 1, acc[2]);
            forward(yz, spec);
            accumulateDerivative(spec, 2, acc[2]);
            accumulateDerivative(spec, 1, acc[3]);
            forward(zz, spec);
            accumulateDerivative(spec, 2, acc[3]);
            for (int nu = 0; nu < 4; nu++) {
                inverse(acc[nu], out[nu]);
            }
        }
    }

    /** ∇²f = −|k|² f̂ into {@code out}. */
    public void laplacian(double[] f, double[] out) {
        try (Span s = tracer.open("laplacian")) {
            double[] spectrum = buffer(this.spectrum);
            forward(f, spectrum);
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    int row = (i * ny + j) * nzh;
                    double kk = kxSquared[i] + kySquared[j];
                    for (int m = 0; m < nzh; m++) {
                        double factor = -(kk + kzSquared[m]);
                        int p = 2 * (row + m);
                        spectrum[p] *= factor;
                        spectrum[p + 1] *= factor;
                    }
                }
            }
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
            for (int c = 0; c < filterMask.length; c++) {
                spectrum[2 * c] *= filterMask[c];
                spectrum[2 * c + 1] *= filterMask[c];
            }
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
        System.arraycopy(source, 0, work, 0, source.length);
        multiplyByIk(work, axis);
        inverse(work, out);
    }

    /** The preallocated spectrum, or a fresh one when workspaces are not preallocated. */
    private double[] buffer(double[] preallocatedBuffer) {
        return preallocated ? preallocatedBuffer : new double[engine.spectrumLength()];
    }

    /** out += i k_axis · source. */
    private void accumulateDerivative(double[] source, int axis, double[] out) {
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int row = (i * ny + j) * nzh;
                for (int m = 0; m < nzh; m++) {
                    double k = axis == 0 ? kx[i] : axis == 1 ? ky[j] : kz[m];
                    int p = 2 * (row + m);
                    out[p] -= k * source[p + 1];
                    out[p + 1] += k * source[p];
                }
            }
        }
    }

    /** data ← i k_axis · data. */
    private void multiplyByIk(double[] data, int axis) {
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int row = (i * ny + j) * nzh;
                for (int m = 0; m < nzh; m++) {
                    double k = axis == 0 ? kx[i] : axis == 1 ? ky[j] : kz[m];
                    int p = 2 * (row + m);
                    double re = data[p];
                    data[p] = -k * data[p + 1];
                    data[p + 1] = k * re;
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
