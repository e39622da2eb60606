package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.FFTW_ESTIMATE;
import static org.bytedeco.fftw.global.fftw3.FFTW_MEASURE;
import static org.bytedeco.fftw.global.fftw3.FFTW_PATIENT;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_c2r;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_r2c;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_c2r_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_with_nthreads;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.parallel.Workers;
import java.nio.DoubleBuffer;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A double-precision real-to-complex 3-D FFTW engine. FFTW's r2c output for an {@code NX×NY×NZ} row-major
 * array is exactly the solver's half-spectrum layout, so no reordering is needed; the data are copied once
 * into and once out of native buffers per transform (the copy time is counted in {@link #copyNanos()}).
 * Both plans are made once at construction, with the requested rigour and threads, and reused. The copies
 * (and the 1/N scaling of the inverse, folded into its copy-out) are split over the shared {@link Workers}
 * team of the engine's thread count on large grids, so they do not stay serial beside FFTW's threads.
 */
public final class FftwEngine implements FftEngine {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int threads;
    private final DoublePointer realBuffer;
    private final DoublePointer spectrumBuffer;
    private final fftw_plan forwardPlan;
    private final fftw_plan inversePlan;
    private final double scale;
    private final long planningNanos;
    private long copyNanos;
    private boolean closed;
    private final DoubleBuffer realView;
    private final DoubleBuffer spectrumView;
    private final Workers team;
    // the copy in progress, read by copyChunk
    private static final int REAL_IN = 0;
    private static final int SPECTRUM_OUT = 1;
    private static final int SPECTRUM_IN = 2;
    private static final int REAL_OUT_SCALED = 3;
    /** Doubles scaled per block of the copy-out, so the scaling reads what the copy just wrote, from L1. */
    private static final int SCALE_BLOCK = 1024;
    private int copyKind;
    private double[] copyArray;
    private final Workers.Chunk copyTask = this::copyChunk;

    FftwEngine(int nx, int ny, int nz, int threads, FftSettings.Rigour rigour) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.threads = threads;
        this.realBuffer = new DoublePointer((long) nx * ny * nz);
        this.spectrumBuffer = new DoublePointer(2L * nx * ny * (nz / 2 + 1));
        this.scale = 1.0 / ((double) nx * ny * nz);
        this.realView = realBuffer.asBuffer();
        this.spectrumView = spectrumBuffer.asBuffer();
        this.team = Workers.shared(threads);
        int flags = flags(rigour);
        long start = System.nanoTime();
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftw_plan_with_nthreads(threads);
            this.forwardPlan = fftw_plan_dft_r2c_3d(nx, ny, nz, realBuffer, spectrumBuffer, flags);
            this.inversePlan = fftw_plan_dft_c2r_3d(nx, ny, nz, spectrumBuffer, realBuffer, flags);
        }
        this.planningNanos = System.nanoTime() - start;
        if (forwardPlan == null || forwardPlan.isNull() || inversePlan == null || inversePlan.isNull()) {
            throw new IllegalStateException("FFTW could not plan " + nx + "x" + ny + "x" + nz);
        }
    }

    /** FFTW planner flags for a rigour. */
    static int flags(FftSettings.Rigour rigour) {
        return switch (rigour) {
            case ESTIMATE -> FFTW_ESTIMATE;
            case MEASURE -> FFTW_MEASURE;
            case PATIENT -> FFTW_PATIENT;
        };
    }

    @Override
    public String backend() {
        return FftSettings.FFTW;
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

    @Override
    public int threads() {
        return threads;
    }

    /** FFTW's native real and spectrum buffers. */
    @Override
    public long bytesHeld() {
        return 8L * (realLength() + spectrumLength());
    }

    /** Wall time spent making the two plans, in nanoseconds. */
    public long planningNanos() {
        return planningNanos;
    }

    /** Accumulated time spent copying between Java arrays and native buffers, in nanoseconds. */
    public long copyNanos() {
        return copyNanos;
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        checkLengths(real, spectrum);
        long t0 = System.nanoTime();
        copy(REAL_IN, real);
        long t1 = System.nanoTime();
        fftw_execute_dft_r2c(forwardPlan, realBuffer, spectrumBuffer);
        long t2 = System.nanoTime();
        copy(SPECTRUM_OUT, spectrum);
        copyNanos += (t1 - t0) + (System.nanoTime() - t2);
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        checkLengths(real, spectrum);
        long t0 = System.nanoTime();
        copy(SPECTRUM_IN, spectrum);
        long t1 = System.nanoTime();
        fftw_execute_dft_c2r(inversePlan, spectrumBuffer, realBuffer);  // destroys spectrumBuffer, not the caller's array
        long t2 = System.nanoTime();
        copy(REAL_OUT_SCALED, real);
        copyNanos += (t1 - t0) + (System.nanoTime() - t2);
    }

    private void copy(int kind, double[] array) {
        copyKind = kind;
        copyArray = array;
        try {
            team.forEachChunk(array.length, Workers.STREAMING_GRAIN, copyTask);
        } finally {
            copyArray = null;
        }
    }

    /** Elements [from, to) of the copy in progress (absolute buffer operations: safe on disjoint ranges). */
    private void copyChunk(int chunk, int from, int to) {
        double[] array = copyArray;
        int length = to - from;
        switch (copyKind) {
            case REAL_IN -> realView.put(from, array, from, length);
            case SPECTRUM_OUT -> spectrumView.get(from, array, from, length);
            case SPECTRUM_IN -> spectrumView.put(from, array, from, length);
            default -> {
                for (int block = from; block < to; block += SCALE_BLOCK) {
                    int end = Math.min(to, block + SCALE_BLOCK);
                    realView.get(block, array, block, end - block);
                    for (int p = block; p < end; p++) {
                        array[p] *= scale;
                    }
                }
            }
        }
    }

    private void checkLengths(double[] real, double[] spectrum) {
        checkLengths(this, real, spectrum);
    }

    /** Lengths of a field and a spectrum for {@code engine}'s shape, or an error naming them. */
    static void checkLengths(FftEngine engine, double[] real, double[] spectrum) {
        if (real.length != engine.realLength()) {
            throw new IllegalArgumentException("real field length = " + real.length + "; must be "
                    + engine.realLength() + " for " + engine.nx() + "x" + engine.ny() + "x" + engine.nz());
        }
        if (spectrum.length != engine.spectrumLength()) {
            throw new IllegalArgumentException("spectrum length = " + spectrum.length + "; must be "
                    + engine.spectrumLength() + " for " + engine.nx() + "x" + engine.ny() + "x" + engine.nz());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftw_destroy_plan(forwardPlan);
            fftw_destroy_plan(inversePlan);
        }
        realBuffer.close();
        spectrumBuffer.close();
    }

    @Override
    public String toString() {
        return "FftwEngine[" + nx + "x" + ny + "x" + nz + ", r2c, double, " + threads + " thread(s)]";
    }
}
