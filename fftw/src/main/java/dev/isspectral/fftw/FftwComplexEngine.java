package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.FFTW_BACKWARD;
import static org.bytedeco.fftw.global.fftw3.FFTW_FORWARD;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_3d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_with_nthreads;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftSettings;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;

/**
 * FFTW's complex-to-complex 3-D transform of the real field (the "complex transforms" knob with the FFTW backend):
 * the field goes in as a full complex array of 2·NX·NY·NZ values, the half spectrum is copied out, and the inverse
 * rebuilds the full spectrum by Hermitian symmetry. Twice the work and memory of {@link FftwEngine}; both plans
 * are made once, with the requested rigour and threads (one thread under
 * {@value FftwEngine#TEAM_SPLIT_MIN_POINTS_PER_THREAD} points per thread, as {@link FftwEngine}).
 */
public final class FftwComplexEngine implements FftEngine {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int nzh;
    private final int threads;
    /** Whether a transform runs on one thread although {@link #threads} > 1 (a grid too small to split). */
    private final boolean alone;
    private final double[] full;
    private final DoublePointer buffer;
    private final fftw_plan forwardPlan;
    private final fftw_plan inversePlan;
    private boolean closed;

    FftwComplexEngine(int nx, int ny, int nz, int threads, FftSettings.Rigour rigour) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nzh = nz / 2 + 1;
        this.threads = threads;
        this.full = new double[2 * nx * ny * nz];
        this.buffer = new DoublePointer(full.length);
        // as the double r2c engine: under FftwEngine.TEAM_SPLIT_MIN_POINTS_PER_THREAD points per thread one transform
        // runs on one thread (FFTW's threads on 2 cores took 5-6x the one-thread time at 32x16x16, notebook 04's tuner)
        this.alone = FftwEngine.onOneThread((long) nx * ny * nz, threads, FftwEngine.TEAM_SPLIT_MIN_POINTS_PER_THREAD);
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftw_plan_with_nthreads(alone ? 1 : threads);
            this.forwardPlan = fftw_plan_dft_3d(nx, ny, nz, buffer, buffer, FFTW_FORWARD, FftwEngine.flags(rigour));
            this.inversePlan = fftw_plan_dft_3d(nx, ny, nz, buffer, buffer, FFTW_BACKWARD, FftwEngine.flags(rigour));
        }
        if (forwardPlan == null || forwardPlan.isNull() || inversePlan == null || inversePlan.isNull()) {
            throw new IllegalStateException("FFTW could not plan complex " + nx + "x" + ny + "x" + nz);
        }
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

    /** The full complex array on the heap and its native copy. */
    @Override
    public long bytesHeld() {
        return 2L * 8 * full.length;
    }

    @Override
    public boolean realToComplex() {
        return false;
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        FftwEngine.checkLengths(this, real, spectrum);
        int n = real.length;
        for (int p = 0; p < n; p++) {
            full[2 * p] = real[p];
            full[2 * p + 1] = 0.0;
        }
        buffer.put(full);
        fftw_execute_dft(forwardPlan, buffer, buffer);
        buffer.get(full);
        for (int line = 0; line < nx * ny; line++) {
            System.arraycopy(full, 2 * line * nz, spectrum, 2 * line * nzh, 2 * nzh);
        }
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        FftwEngine.checkLengths(this, real, spectrum);
        for (int i = 0; i < nx; i++) {
            int ic = (nx - i) % nx;
            for (int j = 0; j < ny; j++) {
                int jc = (ny - j) % ny;
                int to = 2 * (i * ny + j) * nz;
                int from = 2 * (i * ny + j) * nzh;
                int conj = 2 * (ic * ny + jc) * nzh;
                System.arraycopy(spectrum, from, full, to, 2 * nzh);
                for (int m = nzh; m < nz; m++) {   // X(i,j,m) = conj X(−i,−j,NZ−m) for a real field
                    full[to + 2 * m] = spectrum[conj + 2 * (nz - m)];
                    full[to + 2 * m + 1] = -spectrum[conj + 2 * (nz - m) + 1];
                }
            }
        }
        buffer.put(full);
        fftw_execute_dft(inversePlan, buffer, buffer);
        buffer.get(full);
        double scale = 1.0 / real.length;
        for (int p = 0; p < real.length; p++) {
            real[p] = full[2 * p] * scale;
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
        buffer.close();
    }

    @Override
    public String toString() {
        return "FftwComplexEngine[" + nx + "x" + ny + "x" + nz + ", c2c, double, " + threads + " thread(s)"
                + FftwEngine.threadsNote(threads, alone, ", FFTW's threads") + "]";
    }
}
