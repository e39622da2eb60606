package dev.isspectral.ensemble;

import java.io.Serializable;

/**
 * Mode numbers (n_x, n_y, n_z) of a plane wave, k_d = 2π n_d / L_d (physics.md §7.0); not all zero.
 *
 * @param nx mode number along x
 * @param ny mode number along y
 * @param nz mode number along z
 */
public record Mode(int nx, int ny, int nz) implements Serializable {

    public Mode {
        if (nx == 0 && ny == 0 && nz == 0) {
            throw new IllegalArgumentException("mode = (0, 0, 0); at least one mode number must be non-zero");
        }
    }

    /** Mode n along x: (n, 0, 0). */
    public static Mode alongX(int n) {
        return new Mode(n, 0, 0);
    }

    /** |k| = 2π sqrt((n_x/L_x)² + (n_y/L_y)² + (n_z/L_z)²). */
    public double waveNumber(double lx, double ly, double lz) {
        double kx = 2 * Math.PI * nx / lx;
        double ky = 2 * Math.PI * ny / ly;
        double kz = 2 * Math.PI * nz / lz;
        return Math.sqrt(kx * kx + ky * ky + kz * kz);
    }

    @Override
    public String toString() {
        return "(" + nx + ", " + ny + ", " + nz + ")";
    }
}
