package dev.isspectral.physics;

import dev.isspectral.parallel.Workers;
import dev.isspectral.state.Field;
import dev.isspectral.time.Relaxation;

/**
 * The one pointwise kernel of the Israel–Stewart right-hand side: from the primitives, their
 * spectral gradients and the evolved state it writes the fluxes T^{iν} (physics.md eq. 1.2), the
 * stiff data K, X_NS (eq. 4.15) and the explicit sources of eqs. 4.10 and 4.12 (without advection).
 * It composes the small functions of {@link Kinematics}, {@link StressTensor}, {@link Viscosity} and
 * {@link Transport} in phases, each a loop over a tile of points whose intermediate values (u^μ, θ,
 * Du, σ, ω, the full π, …) live in per-thread tile arrays:
 * <ol>
 *   <li>state: P, c_s², ε + P, 1/γ, u^μ, s;</li>
 *   <li>kinematics (4.2)–(4.8): θ, Du^ν, σ^{μν}, ω^{μν};</li>
 *   <li>the full π^{μν} (1.3)–(1.5);</li>
 *   <li>fluxes (1.2);</li>
 *   <li>shear scalars: η, τ_π, K_π; then π:σ, π:π, w^i (4.13);</li>
 *   <li>bulk (4.10);</li>
 *   <li>the five shear components (4.12)–(4.14), one loop each.</li>
 * </ol>
 * The optimized tuning runs all phases tile by tile ({@link #TILE} points, so the tile arrays stay in
 * cache); the baseline runs the flux phases and the source phases as two passes, over blocks of
 * {@link #ARRAY_PASS} points (intermediate arrays larger than L2, the separate passes over memory of
 * the naive path). Each point's arithmetic is the same either way, and the same as that of the two
 * hand-written kernels this replaces, so every tuning gives the same bits.
 */
public final class PointwiseKernel {

    /**
     * Points per tile of the fused kernel: about 54 tile arrays of this length (110 kB at 256) stay in
     * L2 with the streamed inputs. System property {@code isspectral.kernel.tile} overrides it (for
     * measuring; the bits do not depend on it).
     */
    public static final int TILE = Integer.getInteger("isspectral.kernel.tile", 256);

    /**
     * Points per block of the unfused (baseline) kernel's separate passes: 4096 points make 1.8 MB of
     * intermediate arrays, beyond L2, so the passes stream through memory as the naive path should.
     * Larger blocks are no more naive and were measured to leave the phase loops to on-stack-replacement
     * code that ran 3–5× slower in some JVMs (one block per pass: too few calls for a normal compile).
     * System property {@code isspectral.kernel.arrayPass} overrides it.
     */
    public static final int ARRAY_PASS = Integer.getInteger("isspectral.kernel.arrayPass", 4096);

    /** (i, j) of the five evolved shear components xx, yy, xy, xz, yz, as 4-vector indices. */
    private static final int[] SHEAR_ROW = {1, 2, 1, 1, 2};
    private static final int[] SHEAR_COLUMN = {1, 2, 2, 3, 3};

    /** What a pass writes. */
    public enum Terms {
        /** Fluxes T^{iν} only. */
        FLUXES,
        /** Stiff data and (if output arrays are given) explicit sources only. */
        SOURCES,
        /** Both, in one pass over the points. */
        FLUXES_AND_SOURCES;

        boolean fluxes() {
            return this != SOURCES;
        }

        boolean sources() {
            return this != FLUXES;
        }
    }

    private final Eos eos;
    private final Transport transport;
    private final boolean shear;
    private final boolean bulk;
    private final boolean secondOrder;
    private final boolean phi7;
    private final boolean vorticity;
    private final int tileSize;
    private final KernelTile[] tiles;
    private final boolean lean;

    /**
     * The kernel for {@code transport} and {@code eos}, with tile arrays for a team of {@code threads}
     * and tiles of {@code tileSize} points (at most {@code points}).
     */
    public PointwiseKernel(Eos eos, Transport transport, int threads, int tileSize, int points) {
        this(eos, transport, threads, tileSize, points, false);
    }

    /**
     * As above; a {@code lean} kernel skips, in a pass of stiff data alone (no fluxes, no explicit
     * output), the phases whose results only the explicit sources read: the full π^{μν} (1.3)–(1.5), π:σ,
     * π:π and w^i. K and X_NS come out with the same bits.
     */
    public PointwiseKernel(Eos eos, Transport transport, int threads, int tileSize, int points, boolean lean) {
        this.lean = lean;
        this.eos = eos;
        this.transport = transport;
        this.shear = transport.hasShear();
        this.bulk = transport.hasBulk();
        this.secondOrder = transport.variant() == Transport.Variant.DNMR;
        this.phi7 = transport.phi7();
        this.vorticity = transport.vorticity();
        this.tileSize = Math.max(1, Math.min(tileSize, points));
        this.tiles = new KernelTile[threads];
        for (int t = 0; t < threads; t++) {
            tiles[t] = new KernelTile(this.tileSize);   // a few hundred kB at most: cache-resident, NUMA placement moot
        }
    }

    /** Bytes of tile arrays per thread, for a tile of {@code tileSize} points. */
    public static long tileBytes(int tileSize) {
        return 8L * KernelTile.doubles() * tileSize;
    }

    /** Bytes held by the tile arrays. */
    public long bytesHeld() {
        return tiles.length * tileBytes(tileSize);
    }

    /**
     * The arguments of one pass, set by {@link #prepare} before the team runs it: a worker task whose
     * inputs are explicit fields, reused from pass to pass (nothing is allocated per pass).
     */
    public final class Pass implements Workers.Chunk {
        private Terms terms;
        private double[][] y;
        private Primitives primitives;
        private double[][] gradEnergy;
        private double[][][] gradVelocity;
        private double[][] flux;
        private double[] bulkRate;
        private double[] bulkTarget;
        private double[] bulkOut;
        private double[] shearRate;
        private final double[][] shearTarget = new double[5][];
        private final double[][] shearOut = new double[5][];

        /**
         * Prepares a pass over state {@code y} with primitives {@code primitives}, gradients
         * ∂_iε = {@code gradEnergy[i]}, ∂_iv^j = {@code gradVelocity[i][j]}; writes the fluxes
         * T^{iν} into {@code flux[4(i−1) + ν]}, the stiff data into {@code relaxation}, and the explicit
         * sources into {@code explicit} (by field ordinal; null for a pass of stiff data only).
         */
        public Pass prepare(Terms terms, double[][] y, Primitives primitives, double[][] gradEnergy,
                            double[][][] gradVelocity, double[][] flux, Relaxation relaxation, double[][] explicit) {
            this.terms = terms;
            this.y = y;
            this.primitives = primitives;
            this.gradEnergy = gradEnergy;
            this.gradVelocity = gradVelocity;
            this.flux = flux;
            int b = Field.BULK.ordinal();
            bulkRate = bulk ? relaxation.rate(b) : null;
            bulkTarget = bulk ? relaxation.target(b) : null;
            bulkOut = bulk && explicit != null ? explicit[b] : null;
            shearRate = shear ? relaxation.rate(Field.PI_XX.ordinal()) : null;
            for (int c = 0; c < 5; c++) {
                int f = Field.SHEAR[c].ordinal();
                shearTarget[c] = shear ? relaxation.target(f) : null;
                shearOut[c] = shear && explicit != null ? explicit[f] : null;
            }
            return this;
        }

        /** Drops the references of the last pass. */
        public void clear() {
            y = null;
            primitives = null;
            flux = null;
        }

        @Override
        public void run(int chunk, int from, int to) {
            KernelTile tile = tiles[chunk];
            for (int start = from; start < to; start += tileSize) {
                runTile(tile, start, Math.min(to, start + tileSize));
            }
        }

        private void runTile(KernelTile t, int from, int to) {
            state(t, from, to);
            // the full π enters the fluxes and the explicit sources only: a pass of stiff data alone
            // (K, X_NS) skips it when the kernel is lean
            boolean explicitSources = terms.sources() && (bulkOut != null || shearOut[0] != null);
            boolean needStress = !lean || terms.fluxes() || explicitSources;
            if (shear && needStress) {
                stress(t, from, to);
            }
            if (terms.sources()) {
                // before the fluxes: the fused pass writes T^{iν} over the gradient arrays it reads here
                kinematics(t, from, to);
            }
            if (terms.fluxes()) {
                fluxes(t, from, to);
            }
            if (terms.sources()) {
                if (shear) {
                    shearRates(t, from, to);
                    if (needStress) {
                        shearScalars(t, from, to);
                    }
                }
                if (bulk) {
                    bulk(t, from, to);
                }
                if (shear) {
                    for (int c = 0; c < 5; c++) {
                        shearComponent(t, from, to, c);
                    }
                }
            }
        }

        /** Phase 1: P, c_s², ε + P, 1/γ = sqrt(1 − v²), u^μ = γ(1, v), s = (ε + P)/T. */
        private void state(KernelTile t, int from, int to) {
            double[] energy = primitives.energyDensity;
            double[] velocityX = primitives.vx;
            double[] velocityY = primitives.vy;
            double[] velocityZ = primitives.vz;
            for (int p = from, q = 0; p < to; p++, q++) {
                double e = energy[p];
                double pressure = eos.pressure(e);
                double h = e + pressure;
                double vx = velocityX[p];
                double vy = velocityY[p];
                double vz = velocityZ[p];
                double inverseGamma = Kinematics.inverseLorentzFactor(vx, vy, vz);
                double gamma = 1.0 / inverseGamma;
                t.pressure[q] = pressure;
                t.cs2[q] = eos.soundSpeedSquared(e);
                t.enthalpy[q] = h;
                t.inverseGamma[q] = inverseGamma;
                t.u[0][q] = gamma;
                t.u[1][q] = gamma * vx;
                t.u[2][q] = gamma * vy;
                t.u[3][q] = gamma * vz;
                t.entropy[q] = h / eos.temperature(e);
            }
        }

        /** Phase 2: the full π^{μν}, the five evolved components and physics.md eqs. 1.3–1.5. */
        private void stress(KernelTile t, int from, int to) {
            double[] pxx = y[Field.PI_XX.ordinal()];
            double[] pyy = y[Field.PI_YY.ordinal()];
            double[] pxy = y[Field.PI_XY.ordinal()];
            double[] pxz = y[Field.PI_XZ.ordinal()];
            double[] pyz = y[Field.PI_YZ.ordinal()];
            double[] velocityX = primitives.vx;
            double[] velocityY = primitives.vy;
            double[] velocityZ = primitives.vz;
            double[][] pi = t.pi;
            for (int p = from, q = 0; p < to; p++, q++) {
                double xx = pxx[p];
                double yy = pyy[p];
                double xy = pxy[p];
                double xz = pxz[p];
                double yz = pyz[p];
                double zz;
                double p0x = 0.0;
                double p0y = 0.0;
                double p0z = 0.0;
                double p00 = 0.0;
                if (StressTensor.anyShear(xx, yy, xy, xz, yz)) {
                    double vx = velocityX[p];
                    double vy = velocityY[p];
                    double vz = velocityZ[p];
                    zz = StressTensor.zz(vx, vy, vz, xx, yy, xy, xz, yz);
                    p0x = StressTensor.timeComponent(xx, xy, xz, vx, vy, vz);
                    p0y = StressTensor.timeComponent(xy, yy, yz, vx, vy, vz);
                    p0z = StressTensor.timeComponent(xz, yz, zz, vx, vy, vz);
                    p00 = StressTensor.timeComponent(p0x, p0y, p0z, vx, vy, vz);
                } else {
                    zz = StressTensor.zzAtRest(xx, yy);
                }
                pi[0][q] = p00;
                pi[1][q] = p0x;
                pi[2][q] = p0y;
                pi[3][q] = p0z;
                pi[5][q] = xx;
                pi[6][q] = xy;
                pi[7][q] = xz;
                pi[10][q] = yy;
                pi[11][q] = yz;
                pi[15][q] = zz;
            }
        }

        /** Phase 3: T^{iν} = (ε + P + Π) u^i u^ν + (P + Π) g^{iν} + π^{iν}, physics.md eq. 1.2. */
        private void fluxes(KernelTile t, int from, int to) {
            double[] bulkField = y[Field.BULK.ordinal()];
            double[][] u = t.u;
            double[][] pi = t.pi;
            for (int i = 1; i <= 3; i++) {
                for (int nu = 0; nu < 4; nu++) {
                    double[] out = flux[4 * (i - 1) + nu];
                    double[] ui = u[i];
                    double[] uNu = u[nu];
                    double[] piINu = pi[4 * i + nu];
                    boolean diagonal = i == nu;
                    for (int p = from, q = 0; p < to; p++, q++) {
                        double bulkPressure = bulk ? bulkField[p] : 0.0;
                        double enthalpy = t.enthalpy[q] + bulkPressure;
                        double value = diagonal
                                ? StressTensor.idealDiagonalFlux(enthalpy, ui[q], t.pressure[q] + bulkPressure)
                                : StressTensor.idealFlux(enthalpy, ui[q], uNu[q]);
                        out[p] = shear ? value + piINu[q] : value;
                    }
                }
            }
        }

        /**
         * Phase 4: θ, Du^ν, σ^{μν}, ω^{μν} from the ideal time derivatives, physics.md eqs. 4.2–4.8. Lane-wise: a
         * short loop per intermediate quantity over the tile (one index, no branch), which C2 unrolls and vectorizes;
         * each point's arithmetic is the same calls with the same operands as one long loop per point, so the same bits.
         */
        private void kinematics(KernelTile t, int from, int to) {
            int n = to - from;
            double[] vx = primitives.vx;
            double[] vy = primitives.vy;
            double[] vz = primitives.vz;
            double[][] dE = gradEnergy;
            double[][][] gv = gradVelocity;   // gv[i][j] = ∂_i v^j
            double[] cs2 = t.cs2;
            double[] h = t.enthalpy;
            double[] inverseGamma = t.inverseGamma;
            double[] gamma = t.u[0];
            double[] dtP = t.dtP;
            double[] inverseHg2 = t.inverseHg2;
            // (4.2): ∂_t ε, then ∂_t P and 1/((ε + P) γ²)
            double[] dEx = dE[0];
            double[] dEy = dE[1];
            double[] dEz = dE[2];
            double[] divX = gv[0][0];
            double[] divY = gv[1][1];
            double[] divZ = gv[2][2];
            for (int q = 0; q < n; q++) {
                int p = from + q;
                double x = vx[p];
                double y = vy[p];
                double z = vz[p];
                double dtE = Kinematics.energyTimeDerivative(cs2[q], h[q], x * x + y * y + z * z,
                        Kinematics.dot(x, y, z, dEx[p], dEy[p], dEz[p]), divX[p] + divY[p] + divZ[p]);
                dtP[q] = cs2[q] * dtE;
                inverseHg2[q] = inverseGamma[q] * inverseGamma[q] / h[q];
            }
            // (4.3): ∂_t v^j, held in du[1 + j] until row 0 of du is computed from it
            for (int j = 0; j < 3; j++) {
                double[] dtV = t.du[1 + j];
                double[] vj = j == 0 ? vx : j == 1 ? vy : vz;
                double[] dEj = dE[j];
                double[] gx = gv[0][j];
                double[] gy = gv[1][j];
                double[] gz = gv[2][j];
                for (int q = 0; q < n; q++) {
                    int p = from + q;
                    dtV[q] = Kinematics.velocityTimeDerivative(Kinematics.dot(vx[p], vy[p], vz[p], gx[p], gy[p], gz[p]),
                            cs2[q], dEj[p], vj[p], dtP[q], inverseHg2[q]);
                }
            }
            // (4.4): row μ of du_μν = ∂_μ u^ν: du[4μ] = ∂_μ γ, then the three ν = j
            for (int mu = 0; mu < 4; mu++) {
                double[] ax = mu == 0 ? t.du[1] : gv[mu - 1][0];
                double[] ay = mu == 0 ? t.du[2] : gv[mu - 1][1];
                double[] az = mu == 0 ? t.du[3] : gv[mu - 1][2];
                int a0 = mu == 0 ? 0 : from;   // row 0 reads ∂_t v^j from tile arrays, the others the grid's gradients
                double[] g = t.du[4 * mu];
                double[] d1 = t.du[4 * mu + 1];
                double[] d2 = t.du[4 * mu + 2];
                double[] d3 = t.du[4 * mu + 3];
                for (int q = 0; q < n; q++) {
                    int p = from + q;
                    double gm = gamma[q];
                    double x = ax[a0 + q];
                    double y = ay[a0 + q];
                    double z = az[a0 + q];
                    double gq = Kinematics.lorentzFactorDerivative(gm * gm * gm, vx[p], vy[p], vz[p], x, y, z);
                    g[q] = gq;
                    d1[q] = Kinematics.fourVelocityDerivative(gm, x, vx[p], gq);
                    d2[q] = Kinematics.fourVelocityDerivative(gm, y, vy[p], gq);
                    d3[q] = Kinematics.fourVelocityDerivative(gm, z, vz[p], gq);
                }
            }
            // (4.5): θ and Du^ν
            double[][] du = t.du;
            double[] u0 = t.u[0];
            double[] u1 = t.u[1];
            double[] u2 = t.u[2];
            double[] u3 = t.u[3];
            double[] theta = t.theta;
            double[] d00 = du[0];
            double[] d11 = du[5];
            double[] d22 = du[10];
            double[] d33 = du[15];
            for (int q = 0; q < n; q++) {
                theta[q] = Kinematics.expansion(d00[q], d11[q], d22[q], d33[q]);
            }
            for (int nu = 0; nu < 4; nu++) {
                double[] c = t.comoving[nu];
                double[] r0 = du[nu];
                double[] r1 = du[4 + nu];
                double[] r2 = du[8 + nu];
                double[] r3 = du[12 + nu];
                for (int q = 0; q < n; q++) {
                    c[q] = Kinematics.comovingDerivative(u0[q], u1[q], u2[q], u3[q], r0[q], r1[q], r2[q], r3[q]);
                }
            }
            // (4.6)–(4.8), ∇^μu^ν = g^μμ du_μν + u^μ Du^ν
            for (int mu = 0; mu < 4; mu++) {
                double metric = mu == 0 ? -1.0 : 1.0;
                double[] uMu = t.u[mu];
                double[] dMuMu = du[5 * mu];
                double[] cMu = t.comoving[mu];
                double[] sigmaMuMu = t.sigma[5 * mu];
                for (int q = 0; q < n; q++) {
                    double nabla = Kinematics.projectedGradient(metric, dMuMu[q], uMu[q], cMu[q]);
                    sigmaMuMu[q] = Kinematics.shearDiagonal(nabla, metric, uMu[q], theta[q] * Kinematics.THIRD);
                }
                for (int nu = mu + 1; nu < 4; nu++) {
                    double[] uNu = t.u[nu];
                    double[] dMuNu = du[4 * mu + nu];
                    double[] dNuMu = du[4 * nu + mu];
                    double[] cNu = t.comoving[nu];
                    double[] sigma = t.sigma[4 * mu + nu];
                    double[] omega = t.omega[4 * mu + nu];
                    double[] omegaT = t.omega[4 * nu + mu];
                    for (int q = 0; q < n; q++) {
                        double muNu = Kinematics.projectedGradient(metric, dMuNu[q], uMu[q], cNu[q]);
                        double nuMu = Kinematics.projectedGradient(1.0, dNuMu[q], uNu[q], cMu[q]);
                        sigma[q] = Kinematics.shearOffDiagonal(muNu, nuMu, uMu[q], uNu[q], theta[q] * Kinematics.THIRD);
                        double w = Kinematics.vorticity(muNu, nuMu);
                        omega[q] = w;
                        omegaT[q] = -w;
                    }
                }
            }
        }

        /** Phase 5a: η and K_π = 1/(γ τ_π) (stiff data, physics.md eq. 4.15). */
        private void shearRates(KernelTile t, int from, int to) {
            for (int p = from, q = 0; p < to; p++, q++) {
                double eta = transport.shearViscosity(t.entropy[q]);
                double tau = transport.shearRelaxationTime(eta, t.enthalpy[q]);
                shearRate[p] = Viscosity.relaxationRate(t.inverseGamma[q], tau);
                t.eta[q] = eta;
            }
        }

        /** Phase 5b: π:σ, π:π with φ_7/τ_π, and w^i of physics.md eq. 4.13 (for the explicit sources). */
        private void shearScalars(KernelTile t, int from, int to) {
            double[][] pi = t.pi;
            double[][] s = t.sigma;
            for (int p = from, q = 0; p < to; p++, q++) {
                double p00 = pi[0][q];
                double p01 = pi[1][q];
                double p02 = pi[2][q];
                double p03 = pi[3][q];
                double p11 = pi[5][q];
                double p12 = pi[6][q];
                double p13 = pi[7][q];
                double p22 = pi[10][q];
                double p23 = pi[11][q];
                double p33 = pi[15][q];
                t.piSigma[q] = StressTensor.contraction(p00, p01, p02, p03, p11, p12, p13, p22, p23, p33,
                        s[0][q], s[1][q], s[2][q], s[3][q], s[5][q], s[6][q], s[7][q], s[10][q], s[11][q], s[15][q]);
                if (secondOrder && phi7) {
                    t.piPi[q] = StressTensor.contraction(p00, p01, p02, p03, p11, p12, p13, p22, p23, p33,
                            p00, p01, p02, p03, p11, p12, p13, p22, p23, p33);
                    t.phi7OverTau[q] = Viscosity.phi7OverTau(t.pressure[q],
                            transport.shearRelaxationTime(t.eta[q], t.enthalpy[q]));
                }
                double c0 = t.comoving[0][q];
                double c1 = t.comoving[1][q];
                double c2 = t.comoving[2][q];
                double c3 = t.comoving[3][q];
                t.w[1][q] = Viscosity.transverseFlow(p01, p11, p12, p13, c0, c1, c2, c3);
                t.w[2][q] = Viscosity.transverseFlow(p02, p12, p22, p23, c0, c1, c2, c3);
                t.w[3][q] = Viscosity.transverseFlow(p03, p13, p23, p33, c0, c1, c2, c3);
            }
        }

        /** Phase 6: K_Π, Π_NS and the explicit bulk source, physics.md eq. 4.10. */
        private void bulk(KernelTile t, int from, int to) {
            double[] bulkField = y[Field.BULK.ordinal()];
            for (int p = from, q = 0; p < to; p++, q++) {
                double zeta = transport.bulkViscosity(t.entropy[q]);
                double tau = transport.bulkRelaxationTime(zeta, t.cs2[q], t.enthalpy[q]);
                bulkRate[p] = Viscosity.relaxationRate(t.inverseGamma[q], tau);
                bulkTarget[p] = Viscosity.bulkNavierStokes(zeta, t.theta[q]);
                if (bulkOut != null) {
                    double source = 0.0;
                    if (secondOrder) {
                        source = Viscosity.bulkSecondOrder(bulkField[p], t.theta[q], t.cs2[q], shear ? t.piSigma[q] : 0.0);
                    }
                    bulkOut[p] = Viscosity.explicitRate(source, t.inverseGamma[q]);
                }
            }
        }

        /** Phase 7: π_NS^{ij} and the explicit rate of shear component c = (i, j), physics.md eqs. 4.12–4.14. */
        private void shearComponent(KernelTile t, int from, int to, int c) {
            int i = SHEAR_ROW[c];
            int j = SHEAR_COLUMN[c];
            double[] target = shearTarget[c];
            double[] out = shearOut[c];
            double[] sigmaIJ = t.sigma[4 * i + j];
            double[] eta = t.eta;
            for (int p = from, q = 0; p < to; p++, q++) {
                target[p] = Viscosity.shearNavierStokes(eta[q], sigmaIJ[q]);
            }
            if (out == null) {
                return;
            }
            double[][] pi = t.pi;
            double[][] s = t.sigma;
            double[][] o = t.omega;
            double[] bulkField = y[Field.BULK.ordinal()];
            double[] ui = t.u[i];
            double[] uj = t.u[j];
            double[] wi = t.w[i];
            double[] wj = t.w[j];
            double kronecker = i == j ? 1.0 : 0.0;
            for (int p = from, q = 0; p < to; p++, q++) {
                double second = 0.0;
                if (secondOrder) {
                    double projector = Viscosity.spatialProjector(kronecker, ui[q], uj[q]);
                    double a = Viscosity.removeTrace(Viscosity.symmetrize(
                            Kinematics.metricProduct(pi[4 * i][q], pi[4 * i + 1][q], pi[4 * i + 2][q], pi[4 * i + 3][q],
                                    s[j][q], s[4 + j][q], s[8 + j][q], s[12 + j][q]),
                            Kinematics.metricProduct(pi[4 * j][q], pi[4 * j + 1][q], pi[4 * j + 2][q], pi[4 * j + 3][q],
                                    s[i][q], s[4 + i][q], s[8 + i][q], s[12 + i][q])), projector, t.piSigma[q]);
                    second = Viscosity.shearSecondOrder(pi[4 * i + j][q], t.theta[q], a, bulk ? bulkField[p] : 0.0,
                            sigmaIJ[q]);
                    if (phi7) {
                        double b = Viscosity.removeTrace(
                                Kinematics.metricProduct(pi[4 * i][q], pi[4 * i + 1][q], pi[4 * i + 2][q], pi[4 * i + 3][q],
                                        pi[j][q], pi[4 + j][q], pi[8 + j][q], pi[12 + j][q]), projector, t.piPi[q]);
                        second -= t.phi7OverTau[q] * b;
                    }
                    if (vorticity) {
                        second += Viscosity.rotation(
                                Kinematics.metricProduct(o[4 * i][q], o[4 * i + 1][q], o[4 * i + 2][q], o[4 * i + 3][q],
                                        pi[j][q], pi[4 + j][q], pi[8 + j][q], pi[12 + j][q]),
                                Kinematics.metricProduct(pi[4 * i][q], pi[4 * i + 1][q], pi[4 * i + 2][q], pi[4 * i + 3][q],
                                        o[j][q], o[4 + j][q], o[8 + j][q], o[12 + j][q]));
                    }
                }
                out[p] = Viscosity.explicitRate(Viscosity.transversality(ui[q], wj[q], uj[q], wi[q]) + second,
                        t.inverseGamma[q]);
            }
        }
    }

    /** σ^{μν}, σ^{νμ} and ω^{μν} = −ω^{νμ} of pair k = 4μ + ν (μ < ν) from ∇^μu^ν and ∇^νu^μ, eqs. 4.7–4.8. */
    private static void pair(KernelTile t, int q, int k, double nablaMuNu, double nablaNuMu, double uMu, double uNu,
                             double thetaThird) {
        int mu = k / 4;
        int nu = k % 4;
        t.sigma[k][q] = Kinematics.shearOffDiagonal(nablaMuNu, nablaNuMu, uMu, uNu, thetaThird);
        double omega = Kinematics.vorticity(nablaMuNu, nablaNuMu);
        t.omega[k][q] = omega;
        t.omega[4 * nu + mu][q] = -omega;
    }
}
