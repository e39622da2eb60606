package dev.isspectral.fft;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The pure-Java engine: a real-to-complex 3-D transform built from JTransforms 1-D transforms,
 * a real transform along z and complex transforms along y and x, the y and x columns gathered
 * up to 64 at a time ({@link #LINE_BLOCK}) into a small buffer. With {@code threads > 1} the line loops of each pass are split in contiguous
 * blocks over the process-wide {@link dev.isspectral.parallel.Workers} team of that size (created once, shared with the solver's
 * pointwise kernels); every thread has its own 1-D FFT objects and line buffers, allocated once at
 * construction. A transform allocates nothing, and each line is transformed by the same code whatever
 * the thread count, so results do not depend on it (bit for bit).
 */
public final class JTransformsEngine extends LinePassEngine {

    private final int lineBlock;

    /**
     * Below this many points per field a transform runs on the calling thread alone, whatever the thread
     * count: handing six passes of a small transform to other threads costs more than it saves (and far more
     * on a loaded machine, where waking a thread can take a scheduler tick).
     */
    public static final long DEFAULT_THREADS_BEGIN_N = 32768;

    /**
     * At most this many (64) neighbouring columns are gathered together in the y and x passes, the NZ/2 + 1 columns of a
     * row split into blocks of even width ({@link #blockWidth}): a row's values are adjacent in memory, so each strided
     * access of a gather uses the whole cache lines it fetches (one column at a time used 16 bytes of each, and the x
     * pass's stride of 2·NY·(NZ/2+1) doubles put every value on another page). Measured at 128×64×64 on one thread
     * (interleaved, 95% intervals, shared machine): a forward and inverse pair 1.65× faster at width 8 than one column
     * at a time, and 8% faster again with all 33 columns of a row at once. The same 1-D transforms on the same values:
     * the bits do not depend on the width. System property {@code isspectral.jtransforms.lineBlock} overrides it (1 = one
     * column at a time, as before; for measuring).
     */
    static final int LINE_BLOCK = Math.max(1, Integer.getInteger("isspectral.jtransforms.lineBlock", 64));

    /** The width of the blocks {@code columns} columns are split into: at most {@code max}, all as even as they go. */
    static int blockWidth(int columns, int max) {
        int blocks = (columns + max - 1) / max;
        return (columns + blocks - 1) / blocks;
    }

    /** A single-threaded engine for fields of {@code nx × ny × nz} points. */
    public JTransformsEngine(int nx, int ny, int nz) {
        this(nx, ny, nz, 1, 1);
    }

    /** An engine for fields of {@code nx × ny × nz} points using {@code threads} threads (1..256) at every size. */
    public JTransformsEngine(int nx, int ny, int nz, int threads) {
        this(nx, ny, nz, threads, 1);
    }

    /**
     * An engine for fields of {@code nx × ny × nz} points using {@code threads} threads (1..256) if the field has
     * at least {@code threadsBeginN} points ({@code 0} means {@link #DEFAULT_THREADS_BEGIN_N}), else one.
     */
    public JTransformsEngine(int nx, int ny, int nz, int threads, long threadsBeginN) {
        this(nx, ny, nz, threads, threadsBeginN, LINE_BLOCK);
    }

    /** As above, gathering at most {@code lineBlock} (>= 1) columns at a time in the y and x passes (tests compare widths). */
    JTransformsEngine(int nx, int ny, int nz, int threads, long threadsBeginN, int lineBlock) {
        super(nx, ny, nz, threads, threadsBeginN);
        if (lineBlock < 1) {
            throw new IllegalArgumentException("lineBlock = " + lineBlock + "; must be >= 1");
        }
        this.lineBlock = blockWidth(nzh, lineBlock);
        startWorkers();
    }

    @Override
    public String backend() {
        return FftSettings.JTRANSFORMS;
    }

    /** Items: z lines, then x planes of y columns, then y rows of x columns. */
    @Override
    int items(int axis) {
        return switch (axis) {
            case Z -> nx * ny;
            case Y -> nx;
            default -> ny;
        };
    }

    @Override
    LineWorker newWorker() {
        return new Worker();
    }

    /** Each thread's and each lane's line buffers. */
    @Override
    public long bytesHeld() {
        return 8L * workerCount() * (nz + 2L * lineBlock * Math.max(nx, ny) + 2L * lineBlock);
    }

    /** Nothing to release: the thread team is process-wide. */
    @Override
    public void close() {
    }

    /** One thread's FFT objects and buffers. */
    private final class Worker implements LineWorker {
        private final DoubleFFT_1D fftX = nx > 1 ? new DoubleFFT_1D(nx) : null;
        private final DoubleFFT_1D fftY = ny > 1 ? new DoubleFFT_1D(ny) : null;
        private final DoubleFFT_1D fftZ = nz > 1 ? new DoubleFFT_1D(nz) : null;
        private final double[] realLine = new double[nz];
        private final double[] block = new double[lineBlock * 2 * Math.max(nx, ny)];
        /** One row's run of a filled x pass's input (see {@link #xLinesFrom}). */
        private final double[] run = new double[2 * lineBlock];

        @Override
        public void zLines(double[] real, double[] spectrum, int from, int to, boolean forward) {
            if (forward) {
                for (int line = from; line < to; line++) {
                    System.arraycopy(real, line * nz, realLine, 0, nz);
                    if (fftZ != null) {
                        fftZ.realForward(realLine);
                    }
                    unpackHalfSpectrum(realLine, spectrum, 2 * line * nzh);
                }
            } else {
                double scale = 1.0 / ((double) nx * ny);  // the z transform below scales by 1/NZ itself
                for (int line = from; line < to; line++) {
                    packHalfSpectrum(spectrum, 2 * line * nzh, realLine);
                    if (fftZ != null) {
                        fftZ.realInverse(realLine, true);
                    }
                    int base = line * nz;
                    for (int k = 0; k < nz; k++) {
                        real[base + k] = realLine[k] * scale;
                    }
                }
            }
        }

        @Override
        public void yLines(double[] spectrum, int iFrom, int iTo, boolean forward) {
            int stride = 2 * nzh;
            for (int i = iFrom; i < iTo; i++) {
                for (int m = 0; m < nzh; m += lineBlock) {
                    columns(spectrum, 2 * (i * ny * nzh + m), stride, ny, Math.min(lineBlock, nzh - m), fftY, forward);
                }
            }
        }

        @Override
        public void xLines(double[] spectrum, int jFrom, int jTo, boolean forward) {
            int stride = 2 * ny * nzh;
            for (int j = jFrom; j < jTo; j++) {
                for (int m = 0; m < nzh; m += lineBlock) {
                    columns(spectrum, 2 * (j * nzh + m), stride, nx, Math.min(lineBlock, nzh - m), fftX, forward);
                }
            }
        }

        @Override
        public boolean fillsX() {
            return true;
        }

        /** {@link #xLines}' inverse with each row's run of a column block written by {@code source}, gathered from there. */
        @Override
        public void xLinesFrom(SpectrumSource source, int index, double[] spectrum, int jFrom, int jTo) {
            int stride = 2 * ny * nzh;
            int line = 2 * nx;
            for (int j = jFrom; j < jTo; j++) {
                for (int m = 0; m < nzh; m += lineBlock) {
                    int width = Math.min(lineBlock, nzh - m);
                    int start = 2 * (j * nzh + m);
                    for (int k = 0, p = start; k < nx; k++, p += stride) {
                        source.fill(index, p, p + 2 * width, run);
                        for (int b = 0, q = 2 * k; b < width; b++, q += line) {
                            block[q] = run[2 * b];
                            block[q + 1] = run[2 * b + 1];
                        }
                    }
                    transformAndScatter(spectrum, start, stride, nx, width, fftX, false);
                }
            }
        }

        /**
         * Transforms {@code width} neighbouring complex columns of {@code length} points, column b's point k at
         * {@code start + k·stride + 2b}: gathered row by row (each row's {@code width} values are adjacent in memory,
         * so a strided access fetches whole cache lines instead of one value each), transformed one by one, put back.
         */
        private void columns(double[] spectrum, int start, int stride, int length, int width, DoubleFFT_1D fft,
                             boolean forward) {
            int line = 2 * length;
            for (int k = 0, p = start; k < length; k++, p += stride) {
                for (int b = 0, q = 2 * k; b < width; b++, q += line) {
                    block[q] = spectrum[p + 2 * b];
                    block[q + 1] = spectrum[p + 2 * b + 1];
                }
            }
            transformAndScatter(spectrum, start, stride, length, width, fft, forward);
        }

        /** The gathered block's {@code width} columns transformed one by one, then put back where {@link #columns} took them. */
        private void transformAndScatter(double[] spectrum, int start, int stride, int length, int width, DoubleFFT_1D fft,
                                         boolean forward) {
            int line = 2 * length;
            for (int b = 0; b < width; b++) {
                if (forward) {
                    fft.complexForward(block, b * line);
                } else {
                    fft.complexInverse(block, b * line, false);
                }
            }
            for (int k = 0, p = start; k < length; k++, p += stride) {
                for (int b = 0, q = 2 * k; b < width; b++, q += line) {
                    spectrum[p + 2 * b] = block[q];
                    spectrum[p + 2 * b + 1] = block[q + 1];
                }
            }
        }
    }

    /** JTransforms' packed real-FFT output of one z line → (re, im) pairs for m = 0..NZ/2. */
    private void unpackHalfSpectrum(double[] packed, double[] spectrum, int offset) {
        spectrum[offset] = packed[0];
        spectrum[offset + 1] = 0.0;
        if (nz == 1) {
            return;
        }
        int interior = (nz % 2 == 0) ? nz / 2 : (nz - 1) / 2;  // modes 1 .. interior-1 are stored in pairs
        for (int m = 1; m < interior; m++) {
            spectrum[offset + 2 * m] = packed[2 * m];
            spectrum[offset + 2 * m + 1] = packed[2 * m + 1];
        }
        if (nz % 2 == 0) {
            spectrum[offset + nz] = packed[1];          // Nyquist, real
            spectrum[offset + nz + 1] = 0.0;
        } else {
            int last = (nz - 1) / 2;
            spectrum[offset + 2 * last] = packed[nz - 1];
            spectrum[offset + 2 * last + 1] = packed[1];
        }
    }

    /** Inverse of {@link #unpackHalfSpectrum}; imaginary parts of self-conjugate modes are dropped. */
    private void packHalfSpectrum(double[] spectrum, int offset, double[] packed) {
        packed[0] = spectrum[offset];
        if (nz == 1) {
            return;
        }
        int interior = (nz % 2 == 0) ? nz / 2 : (nz - 1) / 2;
        for (int m = 1; m < interior; m++) {
            packed[2 * m] = spectrum[offset + 2 * m];
            packed[2 * m + 1] = spectrum[offset + 2 * m + 1];
        }
        if (nz % 2 == 0) {
            packed[1] = spectrum[offset + nz];
        } else {
            int last = (nz - 1) / 2;
            packed[nz - 1] = spectrum[offset + 2 * last];
            packed[1] = spectrum[offset + 2 * last + 1];
        }
    }

    @Override
    public String toString() {
        return "JTransformsEngine[" + nx + "x" + ny + "x" + nz + ", r2c, double, " + threads + " thread(s)]";
    }
}
