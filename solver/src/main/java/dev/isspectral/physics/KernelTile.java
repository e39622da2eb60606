package dev.isspectral.physics;

/**
 * One thread's tile arrays for {@link PointwiseKernel}: the intermediate quantities of a tile of points, reused for every
 * tile that thread runs; index q = p − (first point of the tile).
 */
final class KernelTile {
    final double[] pressure;
    final double[] cs2;
    final double[] enthalpy;
    final double[] inverseGamma;
    final double[] entropy;
    final double[][] u = new double[4][];
    final double[] theta;
    final double[][] comoving = new double[4][];
    /** σ^{μν} at [4μ + ν] (symmetric pairs share an array). */
    final double[][] sigma = new double[16][];
    /** ω^{μν} at [4μ + ν] (the diagonal is a zero array). */
    final double[][] omega = new double[16][];
    /** π^{μν} at [4μ + ν] (symmetric pairs share an array). */
    final double[][] pi = new double[16][];
    final double[] eta;
    final double[] phi7OverTau;
    final double[] piSigma;
    final double[] piPi;
    final double[][] w = new double[4][];
    // the shear components' short loops (PointwiseKernel.shearComponent): Π at the tile's points (zero without bulk),
    // Δ^{ij}, two metric products, the second-order terms and the result before it is copied to the grid
    final double[] bulkPressure;
    final double[] projector;
    final double[] productA;
    final double[] productB;
    final double[] second;
    final double[] result;
    final double[] zero;

    KernelTile(int n) {
        pressure = new double[n];
        cs2 = new double[n];
        enthalpy = new double[n];
        inverseGamma = new double[n];
        entropy = new double[n];
        theta = new double[n];
        eta = new double[n];
        phi7OverTau = new double[n];
        piSigma = new double[n];
        piPi = new double[n];
        bulkPressure = new double[n];
        projector = new double[n];
        productA = new double[n];
        productB = new double[n];
        second = new double[n];
        result = new double[n];
        zero = new double[n];
        for (int mu = 0; mu < 4; mu++) {
            u[mu] = new double[n];
            comoving[mu] = new double[n];
            w[mu] = mu == 0 ? zero : new double[n];
            sigma[5 * mu] = new double[n];
            pi[5 * mu] = new double[n];
            omega[5 * mu] = zero;
            for (int nu = mu + 1; nu < 4; nu++) {
                sigma[4 * mu + nu] = sigma[4 * nu + mu] = new double[n];
                pi[4 * mu + nu] = pi[4 * nu + mu] = new double[n];
                omega[4 * mu + nu] = new double[n];
                omega[4 * nu + mu] = new double[n];
            }
        }
    }

    /** Doubles held per tile point. */
    static int doubles() {
        return 5 + 4 + 1 + 4 + 10 + 12 + 1 + 10 + 4 + 3 + 6;
    }
}
