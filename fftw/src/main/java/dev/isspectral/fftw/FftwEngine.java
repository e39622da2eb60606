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
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A double-precision real-to-complex 3-D FFTW engine. FFTW's r2c output for an {@code NX×NY×NZ} row-major
 * array is exactly the solver's half-spectrum layout, so no reordering is needed; the data are copied once
 * into and once out of native buffers per transform (the copy time is counted in {@link #copyNanos()}).
 * Both plans are made once at construction, with the requested rigour and threads, and reused.
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
        realBuffer.put(real);
        long t1 = System.nanoTime();
        fftw_execute_dft_r2c(forwardPlan, realBuffer, spectrumBuffer);
        long t2 = System.nanoTime();
        spectrumBuffer.get(spectrum);
        copyNanos += (t1 - t0) + (System.nanoTime() - t2);
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        checkLengths(real, spectrum);
        long t0 = System.nanoTime();
        spectrumBuffer.put(spectrum);
        long t1 = System.nanoTime();
        fftw_execute_dft_c2r(inversePlan, spectrumBuffer, realBuffer);  // destroys spectrumBuffer, not the caller's array
        long t2 = System.nanoTime();
        realBuffer.get(real);
        for (int p = 0; p < real.length; p++) {
            real[p] *= scale;
        }
        copyNanos += (t1 - t0) + (System.nanoTime() - t2);
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
