package dev.isspectral.physics;

import dev.isspectral.parallel.CacheLines;

/**
 * One thread's tile arrays for {@link PointwiseKernel}: the intermediate quantities of a tile of points, reused for every
 * tile that thread runs; index q = p − (first point of the tile). Every array starts on a 64-byte line
 * ({@link CacheLines}): the vectorized short loops read several at once, and an FFTW step took 13% less time with the
 * tile arrays on lines than at the heap's mixed offsets (BENCHMARKS.md, "Cache lines"); the kernel builds a new tile
 * when {@link #onLines} finds that a garbage collection moved them.
 */
final class KernelTile {
    /** ε of the tile's points, copied in by the state phase (as v is, into {@link #velocity}). */
    final double[] energy;
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

    /** Every distinct array of the tile, on lines. */
    private final CacheLines.Group lines = new CacheLines.Group();

    KernelTile(int n) {
        energy = line(n);
        pressure = line(n);
        cs2 = line(n);
        enthalpy = line(n);
        inverseGamma = line(n);
        entropy = line(n);
        theta = line(n);
        eta = line(n);
        phi7OverTau = line(n);
        piSigma = line(n);
        piPi = line(n);
        bulkPressure = line(n);
        projector = line(n);
        productA = line(n);
        productB = line(n);
        second = line(n);
        result = line(n);
        zero = line(n);
        gamma3 = line(n);
        energyRate = line(n);
        pressureRate = line(n);
        inverseEnthalpyGamma2 = line(n);
        for (int k = 0; k < 3; k++) {
            velocity[k] = line(n);
            gradEnergy[k] = line(n);
            scratch[k] = line(n);
            velocityRate[k] = line(n);
        }
        for (int k = 0; k < 9; k++) {
            gradVelocity[k] = line(n);
        }
        for (int mu = 0; mu < 4; mu++) {
            gammaDerivative[mu] = line(n);
            for (int j = 1; j < 4; j++) {
                du[4 * mu + j] = line(n);
            }
        }
        for (int mu = 0; mu < 4; mu++) {
            u[mu] = line(n);
            comoving[mu] = line(n);
            w[mu] = mu == 0 ? zero : line(n);
            sigma[5 * mu] = line(n);
            pi[5 * mu] = line(n);
            omega[5 * mu] = zero;
            for (int nu = mu + 1; nu < 4; nu++) {
                sigma[4 * mu + nu] = sigma[4 * nu + mu] = line(n);
                pi[4 * mu + nu] = pi[4 * nu + mu] = line(n);
                omega[4 * mu + nu] = line(n);
                omega[4 * nu + mu] = line(n);
            }
        }
    }

    /** A tile array whose first element starts a 64-byte line ({@link CacheLines}). */
    private double[] line(int n) {
        return lines.allocate(n);
    }

    /**
     * Whether every array of the tile still starts a 64-byte line: a garbage collection may have moved them (the short
     * loops read several tile arrays at once, vectorized, and run slower with the arrays at mixed offsets).
     */
    boolean onLines() {
        return lines.onLines();
    }

    /** Doubles held per tile point. */
    static int doubles() {
        return 6 + 4 + 1 + 4 + 10 + 12 + 1 + 10 + 4 + 3 + 6 + 3 + 3 + 9 + 1 + 3 + 3 + 3 + 4 + 12;
    }
}
