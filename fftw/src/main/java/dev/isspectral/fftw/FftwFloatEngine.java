package dev.isspectral.fftw;

import static org.bytedeco.fftw.global.fftw3.fftwf_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftwf_execute_dft_c2r;
import static org.bytedeco.fftw.global.fftw3.fftwf_execute_dft_r2c;
import static org.bytedeco.fftw.global.fftw3.fftwf_plan_dft_c2r_3d;
import static org.bytedeco.fftw.global.fftw3.fftwf_plan_dft_r2c_3d;
import static org.bytedeco.fftw.global.fftw3.fftwf_plan_with_nthreads;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftSettings;
import org.bytedeco.fftw.global.fftw3.fftwf_plan;
import org.bytedeco.javacpp.FloatPointer;

/**
 * FFTW's single-precision real-to-complex 3-D transform (the float32 knob with the FFTW backend). Fields and
 * spectra stay {@code double[]} at the boundary; as in the JTransforms float path, the field's mean is taken out
 * before rounding to float and its coefficient is kept in double, so float32's seven digits go to the field's
 * variation. Plans are made once, with the requested rigour and threads (one thread under
 * {@value FftwEngine#TEAM_SPLIT_MIN_POINTS_PER_THREAD} points per thread, as {@link FftwEngine}); the conversion
 * to and from float is written straight into FFTW's native buffers (no staging copy).
 */
public final class FftwFloatEngine implements FftEngine {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int threads;
    /** Whether a transform runs on one thread although {@link #threads} > 1 (a grid too small to split). */
    private final boolean alone;
    private final FloatPointer realBuffer;
    private final FloatPointer spectrumBuffer;
    private final java.nio.FloatBuffer realView;       // the native buffers seen from Java, written in place
    private final java.nio.FloatBuffer spectrumView;
    private final fftwf_plan forwardPlan;
    private final fftwf_plan inversePlan;
    private boolean closed;

    FftwFloatEngine(int nx, int ny, int nz, int threads, FftSettings.Rigour rigour) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.threads = threads;
        this.realBuffer = new FloatPointer((long) nx * ny * nz);
        this.spectrumBuffer = new FloatPointer(2L * nx * ny * (nz / 2 + 1));
        this.realView = realBuffer.asBuffer();
        this.spectrumView = spectrumBuffer.asBuffer();
        // as the double r2c engine: under FftwEngine.TEAM_SPLIT_MIN_POINTS_PER_THREAD points per thread one transform
        // runs on one thread (FFTW's threads on 2 cores took 5-6x the one-thread time at 32x16x16, notebook 04's tuner)
        this.alone = FftwEngine.onOneThread((long) nx * ny * nz, threads, FftwEngine.TEAM_SPLIT_MIN_POINTS_PER_THREAD);
        int flags = FftwEngine.flags(rigour);
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftwf_plan_with_nthreads(alone ? 1 : threads);
            this.forwardPlan = fftwf_plan_dft_r2c_3d(nx, ny, nz, realBuffer, spectrumBuffer, flags);
            this.inversePlan = fftwf_plan_dft_c2r_3d(nx, ny, nz, spectrumBuffer, realBuffer, flags);
        }
        if (forwardPlan == null || forwardPlan.isNull() || inversePlan == null || inversePlan.isNull()) {
            throw new IllegalStateException("FFTW could not plan float " + nx + "x" + ny + "x" + nz);
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

    /** FFTW's native float buffers. */
    @Override
    public long bytesHeld() {
        return 4L * (realLength() + spectrumLength());
    }

    @Override
    public boolean singlePrecision() {
        return true;
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        FftwEngine.checkLengths(this, real, spectrum);
        int n = real.length;
        double sum = 0;
        for (int p = 0; p < n; p++) {
            sum += real[p];
        }
        double mean = sum / n;
        for (int p = 0; p < n; p++) {
            realView.put(p, (float) (real[p] - mean));
        }
        fftwf_execute_dft_r2c(forwardPlan, realBuffer, spectrumBuffer);
        for (int q = 0; q < spectrum.length; q++) {
            spectrum[q] = spectrumView.get(q);
        }
        spectrum[0] = sum;   // the mean mode, in double
        spectrum[1] = 0.0;
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        FftwEngine.checkLengths(this, real, spectrum);
        int n = real.length;
        double mean = spectrum[0] / n;
        spectrumView.put(0, 0f);
        spectrumView.put(1, 0f);
        for (int q = 2; q < spectrum.length; q++) {
            spectrumView.put(q, (float) spectrum[q]);
        }
        fftwf_execute_dft_c2r(inversePlan, spectrumBuffer, realBuffer);
        double scale = 1.0 / n;
        for (int p = 0; p < n; p++) {
            real[p] = realView.get(p) * scale + mean;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftwf_destroy_plan(forwardPlan);
            fftwf_destroy_plan(inversePlan);
        }
        realBuffer.close();
        spectrumBuffer.close();
    }

    @Override
    public String toString() {
        return "FftwFloatEngine[" + nx + "x" + ny + "x" + nz + ", r2c, float, " + threads + " thread(s)"
                + FftwEngine.threadsNote(threads, alone, ", FFTW's threads") + "]";
    }
}
