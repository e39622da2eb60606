package dev.isspectral.jmh;

import dev.isspectral.fft.FftSettings;

/** Shared helpers of the benchmarks and {@link SideBySide}: sizes, settings, input fields. */
final class Shapes {

    private Shapes() {
    }

    /** "NXxNYxNZ" as {nx, ny, nz}. */
    static int[] parse(String size) {
        String[] p = size.split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("size = \"" + size + "\"; must be NXxNYxNZ, e.g. 64x32x32");
        }
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }

    /** {@code FftSettings.optimized()} on {@code backend}. */
    static FftSettings settings(String backend) {
        return FftSettings.optimized().withBackend(backend);
    }

    /** A smooth deterministic field of {@code n} points. */
    static double[] field(int n) {
        double[] f = new double[n];
        for (int p = 0; p < n; p++) {
            f[p] = Math.sin(0.37 * p) + 0.1 * Math.cos(1.3 * p);
        }
        return f;
    }
}
