package dev.isspectral.fft;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The pure-Java engine: a real-to-complex 3-D transform built from JTransforms 1-D transforms,
 * a real transform along z and complex transforms along y and x, each done line by line through
 * a small gather buffer. Single-threaded; all buffers are allocated once at construction.
 */
public final class JTransformsEngine implements FftEngine {

    private final int nx;
    private final int ny;
    private final int nz;
    private final int nzh;
    private final DoubleFFT_1D fftX;
    private final DoubleFFT_1D fftY;
    private final DoubleFFT_1D fftZ;
    private final double[] realLine;
    private final double[] complexLine;

    /** An engine for fields of {@code nx × ny × nz} points. */
    public JTransformsEngine(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nzh = nz / 2 + 1;
        this.fftX = nx > 1 ? new DoubleFFT_1D(nx) : null;
        this.fftY = ny > 1 ? new DoubleFFT_1D(ny) : null;
        this.fftZ = nz > 1 ? new DoubleFFT_1D(nz) : null;
        this.realLine = new double[nz];
        this.complexLine = new double[2 * Math.max(nx, ny)];
    }

    @Override
    public String backend() {
        return "jtransforms";
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
    public void forward(double[] real, double[] spectrum) {
        checkLengths(real, spectrum);
        for (int line = 0; line < nx * ny; line++) {
            System.arraycopy(real, line * nz, realLine, 0, nz);
            if (fftZ != null) {
                fftZ.realForward(realLine);
            }
            unpackHalfSpectrum(realLine, spectrum, 2 * line * nzh);
        }
        if (fftY != null) {
            transformY(spectrum, true);
        }
        if (fftX != null) {
            transformX(spectrum, true);
        }
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        checkLengths(real, spectrum);
        if (fftX != null) {
            transformX(spectrum, false);
        }
        if (fftY != null) {
            transformY(spectrum, false);
        }
        double scale = 1.0 / ((double) nx * ny);  // the z transform below scales by 1/NZ itself
        for (int line = 0; line < nx * ny; line++) {
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

    private void transformY(double[] spectrum, boolean forward) {
        int stride = 2 * nzh;
        for (int i = 0; i < nx; i++) {
            for (int m = 0; m < nzh; m++) {
                int start = 2 * (i * ny * nzh + m);
                for (int j = 0, p = start; j < ny; j++, p += stride) {
                    complexLine[2 * j] = spectrum[p];
                    complexLine[2 * j + 1] = spectrum[p + 1];
                }
                if (forward) {
                    fftY.complexForward(complexLine);
                } else {
                    fftY.complexInverse(complexLine, false);
                }
                for (int j = 0, p = start; j < ny; j++, p += stride) {
                    spectrum[p] = complexLine[2 * j];
                    spectrum[p + 1] = complexLine[2 * j + 1];
                }
            }
        }
    }

    private void transformX(double[] spectrum, boolean forward) {
        int stride = 2 * ny * nzh;
        for (int j = 0; j < ny; j++) {
            for (int m = 0; m < nzh; m++) {
                int start = 2 * (j * nzh + m);
                for (int i = 0, p = start; i < nx; i++, p += stride) {
                    complexLine[2 * i] = spectrum[p];
                    complexLine[2 * i + 1] = spectrum[p + 1];
                }
                if (forward) {
                    fftX.complexForward(complexLine);
                } else {
                    fftX.complexInverse(complexLine, false);
                }
                for (int i = 0, p = start; i < nx; i++, p += stride) {
                    spectrum[p] = complexLine[2 * i];
                    spectrum[p + 1] = complexLine[2 * i + 1];
                }
            }
        }
    }

    private void checkLengths(double[] real, double[] spectrum) {
        if (real.length != realLength()) {
            throw new IllegalArgumentException("real field length = " + real.length + "; must be "
                    + realLength() + " for " + nx + "x" + ny + "x" + nz);
        }
        if (spectrum.length != spectrumLength()) {
            throw new IllegalArgumentException("spectrum length = " + spectrum.length + "; must be "
                    + spectrumLength() + " for " + nx + "x" + ny + "x" + nz);
        }
    }

    @Override
    public String toString() {
        return "JTransformsEngine[" + nx + "x" + ny + "x" + nz + ", r2c, double, 1 thread]";
    }
}
