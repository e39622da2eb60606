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
    // Δ^{ij}, two metric products (the kinematics' ∇^μu^ν, ∇^νu^μ of a pair too), the second-order terms and the
    // result before it is copied to the grid
    final double[] bulkPressure;
    final double[] projector;
    final double[] productA;
    final double[] productB;
    final double[] second;
    final double[] result;
    final double[] zero;
    // the kinematics phase's short loops (PointwiseKernel.kinematics): its grid inputs copied into the tile (v, ∂_iε,
    // ∂_iv^j at [3i + j]), γ³ (γ is u^0), scratch for the ideal time derivatives, ∂_tv^j, ∂_μγ and ∂_μu^j at [4μ + j]
    final double[][] velocity = new double[3][];
    final double[][] gradEnergy = new double[3][];
    final double[][] gradVelocity = new double[9][];
    final double[] gamma3;
    final double[][] scratch = new double[3][];
    final double[] energyRate;
    final double[] pressureRate;
    final double[] inverseEnthalpyGamma2;
    final double[][] velocityRate = new double[3][];
    final double[][] gammaDerivative = new double[4][];
    final double[][] du = new double[16][];

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
        gamma3 = new double[n];
        energyRate = new double[n];
        pressureRate = new double[n];
        inverseEnthalpyGamma2 = new double[n];
        for (int k = 0; k < 3; k++) {
            velocity[k] = new double[n];
            gradEnergy[k] = new double[n];
            scratch[k] = new double[n];
            velocityRate[k] = new double[n];
        }
        for (int k = 0; k < 9; k++) {
            gradVelocity[k] = new double[n];
        }
        for (int mu = 0; mu < 4; mu++) {
            gammaDerivative[mu] = new double[n];
            for (int j = 1; j < 4; j++) {
                du[4 * mu + j] = new double[n];
            }
        }
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
        return 5 + 4 + 1 + 4 + 10 + 12 + 1 + 10 + 4 + 3 + 6 + 3 + 3 + 9 + 1 + 3 + 3 + 3 + 4 + 12;
    }
}
