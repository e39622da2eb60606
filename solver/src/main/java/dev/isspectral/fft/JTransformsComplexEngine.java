package dev.isspectral.fft;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.DoubleFFT_3D;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * The "complex transforms" engine: the real field is copied into a full complex array of 2·NX·NY·NZ values,
 * transformed by JTransforms' 3-D complex FFT, and the half spectrum is copied out; the inverse rebuilds the
 * full spectrum by Hermitian symmetry. Twice the work and memory of {@link JTransformsEngine}; kept as the
 * baseline path and as the float32 path (precision {@link FftSettings.Precision#FLOAT} converts at the boundary;
 * the mean of the field is taken out before the conversion and its coefficient kept in double, so float32's
 * seven digits go to the field's variation, not to its background).
 * JTransforms' own 3-D threading applies (JVM-wide {@code CommonUtils} settings) in double precision.
 *
 * <p>In float32 the 3-D complex transform is done here as three passes of JTransforms 1-D complex transforms
 * (z lines in place, then y lines and x lines through a per-thread line buffer), in the order and with the
 * per-axis scaling of JTransforms' {@code FloatFFT_3D}/{@code _2D}, so the result is bit for bit the same as
 * {@code FloatFFT_3D.complexForward}/{@code complexInverse(a, true)}, but nothing is allocated per call (those
 * allocate a gather buffer on every call: 125–241 KB per solver step at 32×16×16). The passes are split over the
 * process-wide {@link dev.isspectral.parallel.Workers} team of {@code threads} when the field has at least
 * JTransforms' {@code CommonUtils.getThreadsBeginN_3D()} points at construction (JTransforms' own rule).
 *
 * <p>Axes of length 1 are exact no-ops of a DFT, and the row-major layout of an {@code NX×1×NZ} array is that of
 * an {@code NX×NZ} array, so the transform is done by JTransforms' 2-D (or 1-D) complex FFT over the axes longer
 * than 1 (JTransforms' 3-D classes reject length-1 axes); a {@code 1×1×1} field is its own transform.
 */
public final class JTransformsComplexEngine implements FftEngine {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int nzh;
    private final int threads;
    private final boolean single;
    private final ComplexTransform fftDouble;
    private final FloatComplexTransform fftFloat;
    private final double[] fullDouble;
    private final float[] fullFloat;

    /** A single-threaded engine for {@code nx × ny × nz} fields computing in the given precision. */
    public JTransformsComplexEngine(int nx, int ny, int nz, FftSettings.Precision precision) {
        this(nx, ny, nz, precision, 1);
    }

    /**
     * An engine for {@code nx × ny × nz} fields computing in the given precision; {@code threads} is the thread
     * count JTransforms was given ({@code ConcurrencyUtils}, JVM-wide), reported by {@link #threads()}.
     */
    public JTransformsComplexEngine(int nx, int ny, int nz, FftSettings.Precision precision, int threads) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nzh = nz / 2 + 1;
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads = " + threads + "; must be in 1..256");
        }
        this.threads = threads;
        this.single = precision == FftSettings.Precision.FLOAT;
        int n = 2 * nx * ny * nz;
        int[] axes = longAxes(nx, ny, nz);
        this.fftDouble = single ? null : doubleTransform(axes);
        this.fftFloat = single ? new FloatLinePasses(nx, ny, nz, threads) : null;
        this.fullDouble = single ? null : new double[n];
        this.fullFloat = single ? new float[n] : null;
    }

    @Override
    public String backend() {
        return FftSettings.JTRANSFORMS;
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public int ny() {
        return ny;
    }

    @Override
    public int nz() {
        return nz;
    }

    /** The full complex array: 2·NX·NY·NZ doubles, or floats in single precision. */
    @Override
    public long bytesHeld() {
        return single ? 4L * fullFloat.length : 8L * fullDouble.length;
    }

    /** Threads JTransforms may use inside a transform (it starts them only above its own size thresholds). */
    @Override
    public int threads() {
        return threads;
    }

    @Override
    public boolean realToComplex() {
        return false;
    }

    @Override
    public boolean singlePrecision() {
        return single;
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        checkLengths(real, spectrum);
        int n = real.length;
        double sum = 0;
        if (single) {
            // float32 keeps ~7 digits of each value: transform the deviation from the mean, so a small wave on a
            // large background (a sound wave of amplitude 1e-6 on ε = 1) keeps 7 digits of the wave, not of ε
            for (int p = 0; p < n; p++) {
                sum += real[p];
            }
            double mean = sum / n;
            for (int p = 0; p < n; p++) {
                fullFloat[2 * p] = (float) (real[p] - mean);
                fullFloat[2 * p + 1] = 0f;
            }
            fftFloat.forward(fullFloat);
        } else {
            for (int p = 0; p < n; p++) {
                fullDouble[2 * p] = real[p];
                fullDouble[2 * p + 1] = 0.0;
            }
            fftDouble.forward(fullDouble);
        }
        for (int line = 0; line < nx * ny; line++) {
            int from = 2 * line * nz;
            int to = 2 * line * nzh;
            for (int q = 0; q < 2 * nzh; q++) {
                spectrum[to + q] = single ? fullFloat[from + q] : fullDouble[from + q];
            }
        }
        if (single) {   // the mean mode, in double
            spectrum[0] = sum;
            spectrum[1] = 0.0;
        }
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        checkLengths(real, spectrum);
        for (int i = 0; i < nx; i++) {
            int ic = (nx - i) % nx;
            for (int j = 0; j < ny; j++) {
                int jc = (ny - j) % ny;
                int to = 2 * (i * ny + j) * nz;
                int from = 2 * (i * ny + j) * nzh;
                int conj = 2 * (ic * ny + jc) * nzh;
                for (int m = 0; m < nz; m++) {
                    double re;
                    double im;
                    if (m < nzh) {
                        re = spectrum[from + 2 * m];
                        im = spectrum[from + 2 * m + 1];
                    } else {  // X(i,j,m) = conj X(−i,−j,NZ−m) for a real field
                        re = spectrum[conj + 2 * (nz - m)];
                        im = -spectrum[conj + 2 * (nz - m) + 1];
                    }
                    if (single) {
                        fullFloat[to + 2 * m] = (float) re;
                        fullFloat[to + 2 * m + 1] = (float) im;
                    } else {
                        fullDouble[to + 2 * m] = re;
                        fullDouble[to + 2 * m + 1] = im;
                    }
                }
            }
        }
        int n = real.length;
        if (single) {   // the mean mode added back in double (see forward)
            double mean = spectrum[0] / n;
            fullFloat[0] = 0f;
            fullFloat[1] = 0f;
            fftFloat.inverse(fullFloat);
            for (int p = 0; p < n; p++) {
                real[p] = fullFloat[2 * p] + mean;
            }
        } else {
            fftDouble.inverse(fullDouble);
            for (int p = 0; p < n; p++) {
                real[p] = fullDouble[2 * p];
            }
        }
    }

    /** JTransforms' complex transform over the axes longer than 1, in place on interleaved (re, im) pairs. */
    private interface ComplexTransform {
        void forward(double[] a);

        void inverse(double[] a);
    }

    /** The float32 counterpart of {@link ComplexTransform}. */
    interface FloatComplexTransform {
        void forward(float[] a);

        void inverse(float[] a);
    }

    /**
     * The float32 3-D complex transform as 1-D passes: z (contiguous, in place), then y, then x; for the inverse
     * the same order, each 1-D inverse scaling by 1/n as JTransforms' 3-D inverse does. Buffers and 1-D FFT
     * objects per thread, built once.
     */
    private static final class FloatLinePasses implements FloatComplexTransform {
        private final int nx;
        private final int ny;
        private final int nz;
        private final dev.isspectral.parallel.Workers team;
        private final Line[] lines;
        private final dev.isspectral.parallel.Workers.Chunk chunk = this::runChunk;
        private float[] arg;
        private int pass;     // 0 z, 1 y, 2 x
        private boolean forward;

        FloatLinePasses(int nx, int ny, int nz, int threads) {
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            int t = threads > 1 && (long) nx * ny * nz >= org.jtransforms.utils.CommonUtils.getThreadsBeginN_3D()
                    ? threads : 1;
            this.team = dev.isspectral.parallel.Workers.shared(t);
            this.lines = new Line[t];
            for (int i = 0; i < t; i++) {
                lines[i] = new Line();
            }
        }

        public void forward(float[] a) {
            transform(a, true);
        }

        public void inverse(float[] a) {
            transform(a, false);
        }

        private void transform(float[] a, boolean fwd) {
            arg = a;
            forward = fwd;
            if (nz > 1) {
                pass = 0;
                team.forEachChunk(nx * ny, chunk);
            }
            if (ny > 1) {
                pass = 1;
                team.forEachChunk(nx, chunk);
            }
            if (nx > 1) {
                pass = 2;
                team.forEachChunk(ny, chunk);
            }
            arg = null;
        }

        private void runChunk(int id, int from, int to) {
            Line w = lines[id];
            float[] a = arg;
            switch (pass) {
                case 0 -> {
                    for (int line = from; line < to; line++) {
                        if (forward) {
                            w.fftZ.complexForward(a, 2 * line * nz);
                        } else {
                            w.fftZ.complexInverse(a, 2 * line * nz, true);
                        }
                    }
                }
                case 1 -> {
                    for (int i = from; i < to; i++) {
                        for (int k = 0; k < nz; k++) {
                            w.strided(a, 2 * (i * ny * nz + k), 2 * nz, ny, w.fftY);
                        }
                    }
                }
                default -> {
                    for (int j = from; j < to; j++) {
                        for (int k = 0; k < nz; k++) {
                            w.strided(a, 2 * (j * nz + k), 2 * ny * nz, nx, w.fftX);
                        }
                    }
                }
            }
        }

        /** One thread's 1-D transforms and line buffer. */
        private final class Line {
            final FloatFFT_1D fftX = nx > 1 ? new FloatFFT_1D(nx) : null;
            final FloatFFT_1D fftY = ny > 1 ? new FloatFFT_1D(ny) : null;
            final FloatFFT_1D fftZ = nz > 1 ? new FloatFFT_1D(nz) : null;
            final float[] buffer = new float[2 * Math.max(nx, ny)];

            /** Gathers {@code n} complex values from {@code start} every {@code stride}, transforms, scatters back. */
            void strided(float[] a, int start, int stride, int n, FloatFFT_1D fft) {
                for (int q = 0, p = start; q < n; q++, p += stride) {
                    buffer[2 * q] = a[p];
                    buffer[2 * q + 1] = a[p + 1];
                }
                if (forward) {
                    fft.complexForward(buffer);
                } else {
                    fft.complexInverse(buffer, true);
                }
                for (int q = 0, p = start; q < n; q++, p += stride) {
                    a[p] = buffer[2 * q];
                    a[p + 1] = buffer[2 * q + 1];
                }
            }
        }
    }

    /** The float32 transform the engine uses (for tests). */
    static FloatComplexTransform linePassesFloat(int nx, int ny, int nz, int threads) {
        return new FloatLinePasses(nx, ny, nz, threads);
    }

    /** JTransforms' own float32 3-D (or 2-D, 1-D) complex transform, which allocates per call: the reference. */
    static FloatComplexTransform jtransformsFloat(int nx, int ny, int nz) {
        return floatTransform(longAxes(nx, ny, nz));
    }

    private static int[] longAxes(int nx, int ny, int nz) {
        return java.util.stream.IntStream.of(nx, ny, nz).filter(n -> n > 1).toArray();
    }

    private static ComplexTransform doubleTransform(int[] n) {
        switch (n.length) {
            case 3 -> {
                DoubleFFT_3D f = new DoubleFFT_3D(n[0], n[1], n[2]);
                return new ComplexTransform() {
                    public void forward(double[] a) { f.complexForward(a); }
                    public void inverse(double[] a) { f.complexInverse(a, true); }
                };
            }
            case 2 -> {
                DoubleFFT_2D f = new DoubleFFT_2D(n[0], n[1]);
                return new ComplexTransform() {
                    public void forward(double[] a) { f.complexForward(a); }
                    public void inverse(double[] a) { f.complexInverse(a, true); }
                };
            }
            case 1 -> {
                DoubleFFT_1D f = new DoubleFFT_1D(n[0]);
                return new ComplexTransform() {
                    public void forward(double[] a) { f.complexForward(a); }
                    public void inverse(double[] a) { f.complexInverse(a, true); }
                };
            }
            default -> {
                return new ComplexTransform() {  // a single point is its own transform
                    public void forward(double[] a) { }
                    public void inverse(double[] a) { }
                };
            }
        }
    }

    private static FloatComplexTransform floatTransform(int[] n) {
        switch (n.length) {
            case 3 -> {
                FloatFFT_3D f = new FloatFFT_3D(n[0], n[1], n[2]);
                return new FloatComplexTransform() {
                    public void forward(float[] a) { f.complexForward(a); }
                    public void inverse(float[] a) { f.complexInverse(a, true); }
                };
            }
            case 2 -> {
                FloatFFT_2D f = new FloatFFT_2D(n[0], n[1]);
                return new FloatComplexTransform() {
                    public void forward(float[] a) { f.complexForward(a); }
                    public void inverse(float[] a) { f.complexInverse(a, true); }
                };
            }
            case 1 -> {
                FloatFFT_1D f = new FloatFFT_1D(n[0]);
                return new FloatComplexTransform() {
                    public void forward(float[] a) { f.complexForward(a); }
                    public void inverse(float[] a) { f.complexInverse(a, true); }
                };
            }
            default -> {
                return new FloatComplexTransform() {
                    public void forward(float[] a) { }
                    public void inverse(float[] a) { }
                };
            }
        }
    }

    private void checkLengths(double[] real, double[] spectrum) {
        FftEngines.checkLengths(this, real, spectrum);
    }

    @Override
    public String toString() {
        return "JTransformsComplexEngine[" + nx + "x" + ny + "x" + nz + ", c2c, " + (single ? "float" : "double") + ", " + threads + " thread(s)]";
    }
}
