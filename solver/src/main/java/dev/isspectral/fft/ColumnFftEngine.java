package dev.isspectral.fft;

import dev.isspectral.parallel.CacheLines;

/**
 * IS-Spectral's own pure-Java engine (backend {@value FftSettings#JAVA}): a real-to-complex 3-D transform of
 * power-of-two sizes whose every pass transforms a block of up to {@link #BLOCK} lines at once with
 * {@link ColumnFft}, so the butterflies run over adjacent values in plain vectorisable loops.
 * <ul>
 *   <li>z (real to complex): two real lines are the real and imaginary parts of one complex line; after one complex
 *       transform their half spectra are separated by Hermitian symmetry, A_m = (Z_m + conj Z_{N−m})/2 and
 *       B_m = (Z_m − conj Z_{N−m})/(2i). The inverse builds Z = A + iB (the imaginary parts of the self-conjugate
 *       modes m = 0 and N/2 are dropped, as a complex-to-real transform does) and takes the two lines back from its
 *       real and imaginary parts;</li>
 *   <li>y and x: up to {@link #BLOCK} neighbouring columns of a row of the half spectrum are gathered into the block
 *       and put back in place.</li>
 * </ul>
 * With {@code threads > 1} the lines of each pass are split over the process-wide team of that size ({@link LinePassEngine});
 * every thread and every lane has its own block, allocated once. Each line gets the same arithmetic whatever the
 * split, so results do not depend on the thread count (bit for bit).
 */
public final class ColumnFftEngine extends LinePassEngine {

    /**
     * Columns per block, about: 128 columns of 128 complex points are 256 kB, so a block stays in L2 through every
     * stage of its transform, and each butterfly's loop over adjacent values is long enough for the JIT's vector loop.
     * A hand harness during development (one core, not the project's measurement method; the step-level comparison is
     * the lever "own column FFT" in BENCHMARKS.md) gave about 0.65 ns per radix-2 butterfly at 16 columns, 0.50 at 32,
     * 0.40 at 64 and 0.37 at 128, and a forward and inverse pair at 128×64×64 of 8.4, 6.6, 5.4, 5.1 and 4.7 ms with
     * blocks of 16, 32, 64, 128 and 256 (in a 2-thread step 128 and 256 were not told apart). System property
     * {@code isspectral.columns.block} overrides it (for measuring; only the round-off depends on it).
     */
    static final int BLOCK = Math.max(1, Integer.getInteger("isspectral.columns.block", 128));

    private final int block;
    private final int zWidth;       // complex columns per z group (2·zWidth real lines)
    private final int zGroups;
    private final int yPlanes;      // whole planes per y block, or 0 when a plane's columns are split into runs
    private final int yRuns;        // runs per plane when yPlanes == 0
    private final int yRunWidth;
    private final int yBlocks;
    private final int xWidth;
    private final int xBlocks;
    private final int rowLength;
    private final ColumnFft fftX;
    private final ColumnFft fftY;
    private final ColumnFft fftZ;
    private volatile long realigned;   // rows allocated anew by the workers (diagnostic; racy increments are fine)

    /** Whether {@code nx × ny × nz} fields can be transformed by this engine: every size a power of two, NZ ≥ 2. */
    public static boolean supports(int nx, int ny, int nz) {
        return nx >= 1 && ny >= 1 && nz >= 2 && Integer.bitCount(nx) == 1 && Integer.bitCount(ny) == 1
                && Integer.bitCount(nz) == 1;
    }

    /**
     * An engine for {@code nx × ny × nz} fields using {@code threads} threads (1..256) when the field has at least
     * {@code threadsBeginN} points ({@code 0}: {@link JTransformsEngine#DEFAULT_THREADS_BEGIN_N}), else one.
     */
    public ColumnFftEngine(int nx, int ny, int nz, int threads, long threadsBeginN) {
        this(nx, ny, nz, threads, threadsBeginN, BLOCK);
    }

    /** As above with blocks of at most {@code block} (>= 1) lines (tests compare widths). */
    ColumnFftEngine(int nx, int ny, int nz, int threads, long threadsBeginN, int block) {
        super(nx, ny, nz, threads, threadsBeginN);
        if (!supports(nx, ny, nz)) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; backend '" + FftSettings.JAVA
                    + "' needs every size a power of two and NZ >= 2 (use backend '" + FftSettings.JTRANSFORMS
                    + "' for other sizes)");
        }
        if (block < 1) {
            throw new IllegalArgumentException("block = " + block + "; must be >= 1");
        }
        this.block = block;
        this.zWidth = Math.max(1, block / 2);
        this.zGroups = (nx * ny + 2 * zWidth - 1) / (2 * zWidth);
        if (nzh < block) {
            this.yPlanes = Math.max(1, Math.min(nx, (block + nzh / 2) / nzh));
            this.yRuns = 1;
            this.yRunWidth = nzh;
            this.yBlocks = (nx + yPlanes - 1) / yPlanes;
        } else {
            this.yPlanes = 0;
            this.yRuns = (nzh + block - 1) / block;
            this.yRunWidth = (nzh + yRuns - 1) / yRuns;
            this.yBlocks = nx * yRuns;
        }
        int plane = ny * nzh;
        int xRuns = (plane + block - 1) / block;
        xRuns = Math.min(plane, (xRuns + this.threads - 1) / this.threads * this.threads);   // whole rounds of the team
        this.xWidth = (plane + xRuns - 1) / xRuns;
        this.xBlocks = xRuns;
        this.rowLength = Math.max(zWidth, Math.max(yPlanes > 0 ? yPlanes * nzh : yRunWidth, xWidth));
        this.fftX = new ColumnFft(nx);
        this.fftY = new ColumnFft(ny);
        this.fftZ = new ColumnFft(nz);
        startWorkers();
    }

    @Override
    public String backend() {
        return FftSettings.JAVA;
    }

    /** Each thread's and each lane's block. */
    @Override
    public long bytesHeld() {
        return 16L * workerCount() * (rowLength * Math.max(nz, Math.max(nx, ny)) + xWidth);
    }

    /** Items: groups of 2·zWidth z lines, then y blocks, then x blocks. */
    @Override
    int items(int axis) {
        return switch (axis) {
            case Z -> zGroups;
            case Y -> yBlocks;
            default -> xBlocks;
        };
    }

    @Override
    LineWorker newWorker() {
        return new Worker();
    }

    /**
     * One thread's block: real and imaginary parts, max(NX, NY, NZ) rows of up to {@link #rowLength} columns each, every
     * row starting on a cache line ({@link CacheLines}: the vectorized butterflies run up to 2.5 times slower with rows
     * at mixed offsets). A garbage collection may move rows off their lines; {@link #realign} checks before each pass.
     */
    private final class Worker implements LineWorker {
        private final double[][] re = new double[Math.max(nz, Math.max(nx, ny))][];
        private final double[][] im = new double[re.length][];
        /** A run of the filled x pass's input, interleaved (2 xWidth doubles). */
        private double[] run;
        private CacheLines.Group lines;

        Worker() {
            realign();
        }

        /**
         * Allocates all rows anew, on cache lines, when any is off its line (at first; later only after a garbage
         * collection moved them, so a steady run allocates nothing). The rows hold no data between passes.
         */
        private void realign() {
            if (lines != null && lines.onLines()) {
                return;
            }
            lines = new CacheLines.Group();
            for (int r = 0; r < re.length; r++) {
                re[r] = lines.allocate(rowLength);
                im[r] = lines.allocate(rowLength);
            }
            run = lines.allocate(2 * xWidth);
            realigned += 2L * re.length;
        }

        /** The z lines of groups [from, to): group g is lines 2·zWidth·g … (two real lines per complex column). */
        @Override
        public void zLines(double[] real, double[] spectrum, int from, int to, boolean forward) {
            realign();
            int lines = nx * ny;
            for (int g = from; g < to; g++) {
                int first = g * 2 * zWidth;
                int count = Math.min(2 * zWidth, lines - first);
                int width = (count + 1) / 2;     // column c: line first + c (real part), first + width + c (imaginary)
                if (forward) {
                    zForward(real, spectrum, first, count, width);
                } else {
                    zInverse(real, spectrum, first, count, width);
                }
            }
        }

        private void zForward(double[] real, double[] spectrum, int first, int count, int width) {
            int[] slot = fftZ.slots();
            for (int c = 0; c < width; c++) {
                int a = (first + c) * nz;
                for (int k = 0; k < nz; k++) {
                    re[slot[k]][c] = real[a + k];
                }
                if (width + c < count) {
                    int b = (first + width + c) * nz;
                    for (int k = 0; k < nz; k++) {
                        im[slot[k]][c] = real[b + k];
                    }
                } else {
                    for (int k = 0; k < nz; k++) {
                        im[k][c] = 0.0;
                    }
                }
            }
            fftZ.transform(re, im, width, false);
            for (int c = 0; c < width; c++) {
                int a = 2 * (first + c) * nzh;
                boolean pair = width + c < count;
                int b = 2 * (first + width + c) * nzh;
                for (int m = 0; m < nzh; m++) {
                    int q = (nz - m) & (nz - 1);
                    double zr = re[m][c];
                    double zi = im[m][c];
                    double nr = re[q][c];
                    double ni = im[q][c];
                    spectrum[a + 2 * m] = 0.5 * (zr + nr);
                    spectrum[a + 2 * m + 1] = 0.5 * (zi - ni);
                    if (pair) {
                        spectrum[b + 2 * m] = 0.5 * (zi + ni);
                        spectrum[b + 2 * m + 1] = 0.5 * (nr - zr);
                    }
                }
            }
        }

        private void zInverse(double[] real, double[] spectrum, int first, int count, int width) {
            int[] slot = fftZ.slots();
            int nyquist = nz / 2;
            for (int c = 0; c < width; c++) {
                int a = 2 * (first + c) * nzh;
                boolean pair = width + c < count;
                int b = 2 * (first + width + c) * nzh;
                for (int m = 0; m <= nyquist; m++) {
                    double ar = spectrum[a + 2 * m];
                    double ai = spectrum[a + 2 * m + 1];
                    double br = pair ? spectrum[b + 2 * m] : 0.0;
                    double bi = pair ? spectrum[b + 2 * m + 1] : 0.0;
                    if (m == 0 || m == nyquist) {   // self-conjugate modes: real parts only
                        ai = 0.0;
                        bi = 0.0;
                    }
                    // Z_m = A_m + i B_m; Z_{N−m} = conj(A_m) + i conj(B_m)
                    int p = slot[m];
                    re[p][c] = ar - bi;
                    im[p][c] = ai + br;
                    if (m != 0 && m != nyquist) {
                        int q = slot[nz - m];
                        re[q][c] = ar + bi;
                        im[q][c] = br - ai;
                    }
                }
            }
            fftZ.transform(re, im, width, true);
            double scale = 1.0 / ((double) nx * ny * nz);
            for (int c = 0; c < width; c++) {
                int a = (first + c) * nz;
                for (int k = 0; k < nz; k++) {
                    real[a + k] = re[k][c] * scale;
                }
                if (width + c < count) {
                    int b = (first + width + c) * nz;
                    for (int k = 0; k < nz; k++) {
                        real[b + k] = im[k][c] * scale;
                    }
                }
            }
        }

        /**
         * The y columns of blocks [from, to): block g is planes yPlanes·g … (all their NZ/2 + 1 columns) when a plane's
         * columns are fewer than {@link #BLOCK}, else a run of at most {@link #BLOCK} columns of one plane.
         */
        @Override
        public void yLines(double[] spectrum, int from, int to, boolean forward) {
            realign();
            int[] slot = fftY.slots();
            for (int g = from; g < to; g++) {
                int i0;
                int planes;
                int m0;
                int width;
                if (yPlanes > 0) {
                    i0 = g * yPlanes;
                    planes = Math.min(yPlanes, nx - i0);
                    m0 = 0;
                    width = nzh;
                } else {
                    i0 = g / yRuns;
                    planes = 1;
                    m0 = (g % yRuns) * yRunWidth;
                    width = Math.min(yRunWidth, nzh - m0);
                }
                for (int j = 0; j < ny; j++) {
                    double[] rr = re[slot[j]];
                    double[] ri = im[slot[j]];
                    for (int pl = 0, c = 0; pl < planes; pl++) {
                        int p = 2 * (((i0 + pl) * ny + j) * nzh + m0);
                        for (int k = 0; k < width; k++, c++, p += 2) {
                            rr[c] = spectrum[p];
                            ri[c] = spectrum[p + 1];
                        }
                    }
                }
                fftY.transform(re, im, planes * width, !forward);
                for (int j = 0; j < ny; j++) {
                    double[] rr = re[j];
                    double[] ri = im[j];
                    for (int pl = 0, c = 0; pl < planes; pl++) {
                        int p = 2 * (((i0 + pl) * ny + j) * nzh + m0);
                        for (int k = 0; k < width; k++, c++, p += 2) {
                            spectrum[p] = rr[c];
                            spectrum[p + 1] = ri[c];
                        }
                    }
                }
            }
        }

        /**
         * The x columns of blocks [from, to): block g is complex values xWidth·g … of a plane's NY·(NZ/2 + 1), which
         * are adjacent in memory, at every x.
         */
        @Override
        public void xLines(double[] spectrum, int from, int to, boolean forward) {
            realign();
            int[] slot = fftX.slots();
            int plane = ny * nzh;
            for (int g = from; g < to; g++) {
                int c0 = g * xWidth;
                int width = Math.min(xWidth, plane - c0);
                for (int i = 0; i < nx; i++) {
                    double[] rr = re[slot[i]];
                    double[] ri = im[slot[i]];
                    for (int c = 0, p = 2 * (i * plane + c0); c < width; c++, p += 2) {
                        rr[c] = spectrum[p];
                        ri[c] = spectrum[p + 1];
                    }
                }
                fftX.transform(re, im, width, !forward);
                scatterX(spectrum, plane, c0, width);
            }
        }

        /** The transformed x block (rows 0 … NX − 1, {@code width} columns) back to its place in the spectrum. */
        private void scatterX(double[] spectrum, int plane, int c0, int width) {
            for (int i = 0; i < nx; i++) {
                double[] rr = re[i];
                double[] ri = im[i];
                for (int c = 0, p = 2 * (i * plane + c0); c < width; c++, p += 2) {
                    spectrum[p] = rr[c];
                    spectrum[p + 1] = ri[c];
                }
            }
        }

        @Override
        public boolean fillsX() {
            return true;
        }

        /** {@link #xLines}' inverse with each run of a plane's values written by {@code source} and gathered from there. */
        @Override
        public void xLinesFrom(SpectrumSource source, int index, double[] spectrum, int from, int to) {
            realign();
            int[] slot = fftX.slots();
            int plane = ny * nzh;
            double[] values = run;
            for (int g = from; g < to; g++) {
                int c0 = g * xWidth;
                int width = Math.min(xWidth, plane - c0);
                for (int i = 0; i < nx; i++) {
                    double[] rr = re[slot[i]];
                    double[] ri = im[slot[i]];
                    int start = 2 * (i * plane + c0);
                    source.fill(index, start, start + 2 * width, values);
                    for (int c = 0; c < width; c++) {
                        rr[c] = values[2 * c];
                        ri[c] = values[2 * c + 1];
                    }
                }
                fftX.transform(re, im, width, true);
                scatterX(spectrum, plane, c0, width);
            }
        }
    }

    /** How many block rows the workers have allocated, the first ones included ({@link Worker#realign}). */
    long rowsAllocated() {
        return realigned;
    }

    /**
     * Whether every thread's block rows start on cache lines now (for checks: a thread puts its rows back on lines at
     * the start of each pass it runs, so a thread that had no work since a collection may still have them off).
     */
    boolean rowsOnLines() {
        for (int t = 0; t < threads; t++) {
            if (!((Worker) worker(t)).lines.onLines()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ColumnFftEngine[" + nx + "x" + ny + "x" + nz + ", r2c, double, " + threads + " thread(s), blocks of "
                + block + "]";
    }
}
