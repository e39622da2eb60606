package dev.isspectral.physics;

/**
 * T^{μν} and π^{μν} at one point (physics.md §1): the dependent shear components π^zz, π^0i, π^00
 * of (1.3)–(1.5) given v and the five evolved ones, the fluxes T^{iν} of (1.2), and the double
 * contraction A:B of symmetric tensors. Every place that needs one of these relations calls it here.
 */
public final class StressTensor {

    private StressTensor() {
    }

    /**
     * The bracket of physics.md eq. 1.3, (v_x²−1)π^xx + (v_y²−1)π^yy + 2v_xv_yπ^xy + 2v_xv_zπ^xz
     * + 2v_yv_zπ^yz, which divided by 1 − v_z² is π^zz.
     */
    public static double zzNumerator(double vx, double vy, double vz,
                                     double xx, double yy, double xy, double xz, double yz) {
        return zzNumeratorRest(vx, vy, vz, xz, yz, zzNumeratorHead(vx, vy, xx, yy, xy));
    }

    /**
     * The first three terms of {@link #zzNumerator}, (v_x²−1)π^xx + (v_y²−1)π^yy + 2v_xv_yπ^xy: the bracket in
     * two parts, so that a loop over points evaluating it reads few enough arrays for C2 to vectorize it.
     */
    public static double zzNumeratorHead(double vx, double vy, double xx, double yy, double xy) {
        return (vx * vx - 1) * xx + (vy * vy - 1) * yy + 2 * vx * vy * xy;
    }

    /** {@link #zzNumerator} from its first three terms {@code head}: head + 2v_xv_zπ^xz + 2v_yv_zπ^yz. */
    public static double zzNumeratorRest(double vx, double vy, double vz, double xz, double yz, double head) {
        return head + 2 * vx * vz * xz + 2 * vy * vz * yz;
    }

    /** π^zz from tracelessness and transversality, physics.md eq. 1.3. */
    public static double zz(double vx, double vy, double vz, double xx, double yy, double xy, double xz, double yz) {
        return zzNumerator(vx, vy, vz, xx, yy, xy, xz, yz) / transverseFactor(vz);
    }

    /** 1 − v_z², the denominator of π^zz (physics.md eq. 1.3) and of the recovery's q = π^0·/(1 − v_z²). */
    public static double transverseFactor(double vz) {
        return 1 - vz * vz;
    }

    /** π^zz at v = 0: −π^xx − π^yy (physics.md §1, below eq. 1.5). */
    public static double zzAtRest(double xx, double yy) {
        return -xx - yy;
    }

    /**
     * π^{0ν} = Σ_i v^i π^{iν} from column ν of the spatial π: physics.md eq. 1.4 (ν = i, giving π^{0i})
     * and eq. 1.5 (with the π^{0i}, giving π^00).
     */
    public static double timeComponent(double x, double y, double z, double vx, double vy, double vz) {
        return x * vx + y * vy + z * vz;
    }

    /** Whether any of the five evolved shear components is non-zero (else π^{μν} is π^zz = −π^xx − π^yy = 0). */
    public static boolean anyShear(double xx, double yy, double xy, double xz, double yz) {
        return xx != 0 || yy != 0 || xy != 0 || xz != 0 || yz != 0;
    }

    /**
     * The five dependent components at velocity v into {@code out} = (π^zz, π^0x, π^0y, π^0z, π^00),
     * by physics.md eqs. 1.3–1.5 (or their v-independent values when the evolved five are zero).
     */
    public static void dependent(double vx, double vy, double vz, double xx, double yy, double xy, double xz, double yz,
                                 double[] out) {
        double zz = 0;
        double p0x = 0;
        double p0y = 0;
        double p0z = 0;
        double p00 = 0;
        if (anyShear(xx, yy, xy, xz, yz)) {
            zz = zz(vx, vy, vz, xx, yy, xy, xz, yz);
            p0x = timeComponent(xx, xy, xz, vx, vy, vz);
            p0y = timeComponent(xy, yy, yz, vx, vy, vz);
            p0z = timeComponent(xz, yz, zz, vx, vy, vz);
            p00 = timeComponent(p0x, p0y, p0z, vx, vy, vz);
        } else {
            zz = zzAtRest(xx, yy);
        }
        out[0] = zz;
        out[1] = p0x;
        out[2] = p0y;
        out[3] = p0z;
        out[4] = p00;
    }

    /** The ideal part of an off-diagonal flux, (ε + P + Π) u^i u^ν (physics.md eq. 1.2). */
    public static double idealFlux(double enthalpyWithBulk, double ui, double uNu) {
        return enthalpyWithBulk * ui * uNu;
    }

    /** The ideal part of a diagonal flux, (ε + P + Π) u^i u^i + P + Π (physics.md eq. 1.2). */
    public static double idealDiagonalFlux(double enthalpyWithBulk, double ui, double pressureWithBulk) {
        return enthalpyWithBulk * ui * ui + pressureWithBulk;
    }

    /**
     * The components [4μ + ν] of {@link #contraction}'s terms after the first (00), in its row-major order over all
     * sixteen, each symmetric pair by its stored component (μ ≤ ν).
     */
    private static final int[] CONTRACTION_TERMS = {1, 2, 3, 1, 5, 6, 7, 2, 6, 10, 11, 3, 7, 11, 15};

    /**
     * A:B = Σ_{μν} g_μμ g_νν A^{μν}B^{μν} for symmetric 4×4 tensors given by their ten independent components 00, 01,
     * 02, 03, 11, 12, 13, 22, 23, 33 at [4μ + ν] of {@code a} and {@code b}, at each of n points into {@code out}: the
     * sixteen terms added in row-major order (the time-space ones subtracted), one short loop per term so that C2
     * vectorizes them (the π:σ of physics.md eq. 4.10 and 4.14, the π:π of eq. 4.14).
     */
    public static void contraction(int n, double[][] a, double[][] b, double[] out) {
        double[] a00 = a[0];
        double[] b00 = b[0];
        for (int q = 0; q < n; q++) {
            out[q] = 0.0 + a00[q] * b00[q];
        }
        for (int c : CONTRACTION_TERMS) {
            double[] x = a[c];
            double[] y = b[c];
            if (c < 4) {
                for (int q = 0; q < n; q++) {
                    out[q] = out[q] - x[q] * y[q];
                }
            } else {
                for (int q = 0; q < n; q++) {
                    out[q] = out[q] + x[q] * y[q];
                }
            }
        }
    }
}
