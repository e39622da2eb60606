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
 *   <li>the five shear components (4.12)–(4.14).</li>
 * </ol>
 * The two largest phases, kinematics and the shear components, are sequences of short loops over the tile:
 * C2 (JDK 17) vectorizes a loop only when it can unroll it, which a body of more than about 60 nodes (in
 * practice about seven array accesses) prevents, and not when it indexes the grid's arrays at p beside the
 * tile's at q. So their grid inputs are copied into the tile first and each loop computes one quantity from a
 * few others, the results going to the grid by array copies; the point functions split into parts where a
 * formula reads more (e.g. {@link Kinematics#metricProductHead}), each part in the formula's own order.
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
            if (!tile.onLines()) {
                // a collection moved the tile's arrays off their lines: a new tile (it holds nothing between calls)
                tile = new KernelTile(tileSize);
                tiles[chunk] = tile;
            }
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
                    if (bulk && secondOrder && shearOut[0] != null) {
                        System.arraycopy(y[Field.BULK.ordinal()], from, t.bulkPressure, 0, to - from);
                    }
                    for (int c = 0; c < 5; c++) {
                        shearComponent(t, from, to, c);
                    }
                }
            }
        }

        /**
         * Phase 1: P, c_s², ε + P, 1/γ = sqrt(1 − v²), u^μ = γ(1, v), s = (ε + P)/T, as short loops over the tile
         * (ε and v copied into it first, v for the kinematics too), each point's arithmetic as in the one-point formulas.
         */
        private void state(KernelTile t, int from, int to) {
            int n = to - from;
            double[] e = t.energy;
            double[] vx = t.velocity[0];
            double[] vy = t.velocity[1];
            double[] vz = t.velocity[2];
            System.arraycopy(primitives.energyDensity, from, e, 0, n);
            System.arraycopy(primitives.vx, from, vx, 0, n);
            System.arraycopy(primitives.vy, from, vy, 0, n);
            System.arraycopy(primitives.vz, from, vz, 0, n);
            double[] pressure = t.pressure;
            double[] h = t.enthalpy;
            double[] inverseGamma = t.inverseGamma;
            double[] gamma = t.u[0];
            for (int q = 0; q < n; q++) {
                pressure[q] = eos.pressure(e[q]);
            }
            for (int q = 0; q < n; q++) {
                t.cs2[q] = eos.soundSpeedSquared(e[q]);
            }
            for (int q = 0; q < n; q++) {
                h[q] = e[q] + pressure[q];
            }
            for (int q = 0; q < n; q++) {
                inverseGamma[q] = Kinematics.inverseLorentzFactor(vx[q], vy[q], vz[q]);
            }
            for (int q = 0; q < n; q++) {
                gamma[q] = 1.0 / inverseGamma[q];
            }
            for (int q = 0; q < n; q++) {
                t.u[1][q] = gamma[q] * vx[q];
                t.u[2][q] = gamma[q] * vy[q];
                t.u[3][q] = gamma[q] * vz[q];
            }
            for (int q = 0; q < n; q++) {
                t.entropy[q] = h[q] / eos.temperature(e[q]);
            }
        }

        /**
         * Phase 2: the full π^{μν}, the five evolved components and physics.md eqs. 1.3–1.5, as short loops over the
         * tile for every point as if its shear stress were nonzero (the one-point formulas' operations in their order),
         * then π^zz = −π^xx − π^yy and π^0ν = 0 for the points without any.
         */
        private void stress(KernelTile t, int from, int to) {
            int n = to - from;
            double[][] pi = t.pi;
            double[] xx = pi[5];
            double[] xy = pi[6];
            double[] xz = pi[7];
            double[] yy = pi[10];
            double[] yz = pi[11];
            double[] zz = pi[15];
            System.arraycopy(y[Field.PI_XX.ordinal()], from, xx, 0, n);
            System.arraycopy(y[Field.PI_XY.ordinal()], from, xy, 0, n);
            System.arraycopy(y[Field.PI_XZ.ordinal()], from, xz, 0, n);
            System.arraycopy(y[Field.PI_YY.ordinal()], from, yy, 0, n);
            System.arraycopy(y[Field.PI_YZ.ordinal()], from, yz, 0, n);
            double[] vx = t.velocity[0];   // from the state phase
            double[] vy = t.velocity[1];
            double[] vz = t.velocity[2];
            for (int q = 0; q < n; q++) {
                zz[q] = StressTensor.zzNumeratorHead(vx[q], vy[q], xx[q], yy[q], xy[q]);
            }
            for (int q = 0; q < n; q++) {
                zz[q] = StressTensor.zzNumeratorRest(vx[q], vy[q], vz[q], xz[q], yz[q], zz[q]);
            }
            for (int q = 0; q < n; q++) {
                zz[q] = zz[q] / StressTensor.transverseFactor(vz[q]);
            }
            timeComponents(n, xx, xy, xz, vx, vy, vz, pi[1]);
            timeComponents(n, xy, yy, yz, vx, vy, vz, pi[2]);
            timeComponents(n, xz, yz, zz, vx, vy, vz, pi[3]);
            timeComponents(n, pi[1], pi[2], pi[3], vx, vy, vz, pi[0]);
            for (int q = 0; q < n; q++) {
                if (!StressTensor.anyShear(xx[q], yy[q], xy[q], xz[q], yz[q])) {
                    zz[q] = StressTensor.zzAtRest(xx[q], yy[q]);
                    pi[0][q] = 0.0;
                    pi[1][q] = 0.0;
                    pi[2][q] = 0.0;
                    pi[3][q] = 0.0;
                }
            }
        }

        /** {@link StressTensor#timeComponent} of (a, b, c) and v into {@code out}, entries [0, n). */
        private static void timeComponents(int n, double[] a, double[] b, double[] c, double[] vx, double[] vy,
                                           double[] vz, double[] out) {
            for (int q = 0; q < n; q++) {
                out[q] = StressTensor.timeComponent(a[q], b[q], c[q], vx[q], vy[q], vz[q]);
            }
        }

        /**
         * Phase 3: T^{iν} = (ε + P + Π) u^i u^ν + (P + Π) g^{iν} + π^{iν}, physics.md eq. 1.2, each component computed
         * over the tile in a loop of its own (without bulk pressure ε + P and P themselves: adding Π = 0 to
         * these positive values changes no bit) and copied into its flux array.
         */
        private void fluxes(KernelTile t, int from, int to) {
            int n = to - from;
            double[] h = t.enthalpy;
            double[] pressure = t.pressure;
            if (bulk) {
                double[] bulkPressure = t.bulkPressure;
                System.arraycopy(y[Field.BULK.ordinal()], from, bulkPressure, 0, n);
                h = t.productA;
                pressure = t.productB;
                for (int q = 0; q < n; q++) {
                    h[q] = t.enthalpy[q] + bulkPressure[q];
                    pressure[q] = t.pressure[q] + bulkPressure[q];
                }
            }
            double[][] u = t.u;
            double[] value = t.result;
            for (int i = 1; i <= 3; i++) {
                for (int nu = 0; nu < 4; nu++) {
                    double[] ui = u[i];
                    double[] uNu = u[nu];
                    if (i == nu) {
                        for (int q = 0; q < n; q++) {
                            value[q] = StressTensor.idealDiagonalFlux(h[q], ui[q], pressure[q]);
                        }
                    } else {
                        for (int q = 0; q < n; q++) {
                            value[q] = StressTensor.idealFlux(h[q], ui[q], uNu[q]);
                        }
                    }
                    if (shear) {
                        double[] piINu = t.pi[4 * i + nu];
                        for (int q = 0; q < n; q++) {
                            value[q] = value[q] + piINu[q];
                        }
                    }
                    System.arraycopy(value, 0, flux[4 * (i - 1) + nu], from, n);
                }
            }
        }

        /**
         * Phase 4: θ, Du^ν, σ^{μν}, ω^{μν} from the ideal time derivatives, physics.md eqs. 4.2–4.8, as short loops
         * over the tile (see {@link #shearComponent}): v and the gradients are first copied into the tile, then each
         * loop writes one quantity for every point from a few others, each point's arithmetic in the order of the
         * one-point formulas of {@link Kinematics}.
         */
        private void kinematics(KernelTile t, int from, int to) {
            int n = to - from;   // v is in the tile since the state phase
            for (int i = 0; i < 3; i++) {
                System.arraycopy(gradEnergy[i], from, t.gradEnergy[i], 0, n);
                for (int j = 0; j < 3; j++) {
                    System.arraycopy(gradVelocity[i][j], from, t.gradVelocity[3 * i + j], 0, n);   // ∂_i v^j
                }
            }
            idealTimeDerivatives(t, n);
            double[][] dv = t.gradVelocity;
            double[][] du = t.du;
            double[][] g = t.gammaDerivative;
            // (4.4): rows μ = t, x, y, z of du_μν = ∂_μ u^ν, and ∂_μγ
            fourVelocityRow(t, n, t.velocityRate[0], t.velocityRate[1], t.velocityRate[2], 0);
            fourVelocityRow(t, n, dv[0], dv[1], dv[2], 1);
            fourVelocityRow(t, n, dv[3], dv[4], dv[5], 2);
            fourVelocityRow(t, n, dv[6], dv[7], dv[8], 3);
            // (4.5)
            double[] theta = t.theta;
            double[] du11 = du[5];
            double[] du22 = du[10];
            double[] du33 = du[15];
            double[] g0 = g[0];
            for (int q = 0; q < n; q++) {
                theta[q] = Kinematics.expansion(g0[q], du11[q], du22[q], du33[q]);
            }
            comoving(t, n, g[0], g[1], g[2], g[3], t.comoving[0]);
            for (int nu = 1; nu < 4; nu++) {
                comoving(t, n, du[nu], du[4 + nu], du[8 + nu], du[12 + nu], t.comoving[nu]);
            }
            // (4.6)-(4.8), ∇^μu^ν = g^μμ du_μν + u^μ Du^ν; du_μ0 = ∂_μγ
            shearDiagonal(t, n, -1.0, g[0], 0);
            for (int mu = 1; mu < 4; mu++) {
                shearDiagonal(t, n, 1.0, du[5 * mu], mu);
            }
            for (int nu = 1; nu < 4; nu++) {
                pair(t, n, 0, nu, du[nu], g[nu]);
            }
            pair(t, n, 1, 2, du[6], du[9]);
            pair(t, n, 1, 3, du[7], du[13]);
            pair(t, n, 2, 3, du[11], du[14]);
        }

        /** (4.2)-(4.3): ∂_tε, ∂_tP and ∂_t v^j from the ideal equations of motion, into {@code t.velocityRate}. */
        private void idealTimeDerivatives(KernelTile t, int n) {
            double[] vx = t.velocity[0];
            double[] vy = t.velocity[1];
            double[] vz = t.velocity[2];
            double[] inverseGamma = t.inverseGamma;
            double[] gamma = t.u[0];   // γ = 1/(1/γ), from the state phase
            double[] gamma3 = t.gamma3;
            for (int q = 0; q < n; q++) {
                gamma3[q] = gamma[q] * gamma[q] * gamma[q];
            }
            double[] v2 = t.scratch[0];
            double[] vGradEnergy = t.scratch[1];
            double[] divergence = t.scratch[2];
            double[][] dv = t.gradVelocity;
            double[][] de = t.gradEnergy;
            for (int q = 0; q < n; q++) {
                v2[q] = vx[q] * vx[q] + vy[q] * vy[q] + vz[q] * vz[q];
            }
            dot(n, vx, vy, vz, de[0], de[1], de[2], vGradEnergy);
            double[] dxVx = dv[0];
            double[] dyVy = dv[4];
            double[] dzVz = dv[8];
            for (int q = 0; q < n; q++) {
                divergence[q] = dxVx[q] + dyVy[q] + dzVz[q];
            }
            double[] cs2 = t.cs2;
            double[] h = t.enthalpy;
            double[] dtE = t.energyRate;
            for (int q = 0; q < n; q++) {
                dtE[q] = Kinematics.energyTimeDerivative(cs2[q], h[q], v2[q], vGradEnergy[q], divergence[q]);
            }
            double[] dtP = t.pressureRate;
            double[] inverseHg2 = t.inverseEnthalpyGamma2;
            for (int q = 0; q < n; q++) {
                dtP[q] = cs2[q] * dtE[q];
            }
            for (int q = 0; q < n; q++) {
                inverseHg2[q] = inverseGamma[q] * inverseGamma[q] / h[q];
            }
            double[] advection = t.scratch[0];
            for (int j = 0; j < 3; j++) {
                dot(n, vx, vy, vz, dv[j], dv[3 + j], dv[6 + j], advection);   // v · ∇ v^j
                double[] dEj = de[j];
                double[] vj = t.velocity[j];
                double[] out = t.velocityRate[j];
                for (int q = 0; q < n; q++) {
                    out[q] = Kinematics.velocityTimeDerivative(advection[q], cs2[q], dEj[q], vj[q], dtP[q], inverseHg2[q]);
                }
            }
        }

        /** Row μ of (4.4) from a = ∂_μ v: ∂_μγ = γ³ v · a into {@code t.gammaDerivative[mu]}, ∂_μu^j into du[4μ + j]. */
        private void fourVelocityRow(KernelTile t, int n, double[] ax, double[] ay, double[] az, int mu) {
            double[] vx = t.velocity[0];
            double[] vy = t.velocity[1];
            double[] vz = t.velocity[2];
            double[] gm = t.gammaDerivative[mu];
            dot(n, vx, vy, vz, ax, ay, az, gm);
            double[] gamma3 = t.gamma3;
            for (int q = 0; q < n; q++) {
                gm[q] = Kinematics.lorentzFactorDerivative(gamma3[q], gm[q]);
            }
            double[] gamma = t.u[0];
            fourVelocityComponent(n, gamma, ax, vx, gm, t.du[4 * mu + 1]);
            fourVelocityComponent(n, gamma, ay, vy, gm, t.du[4 * mu + 2]);
            fourVelocityComponent(n, gamma, az, vz, gm, t.du[4 * mu + 3]);
        }

        /** Du^ν into {@code out} from column ν of du_μν (4.5), in two loops (its first two terms, then the rest). */
        private void comoving(KernelTile t, int n, double[] d0, double[] d1, double[] d2, double[] d3, double[] out) {
            double[] u0 = t.u[0];
            double[] u1 = t.u[1];
            for (int q = 0; q < n; q++) {
                out[q] = Kinematics.comovingDerivativeHead(u0[q], u1[q], d0[q], d1[q]);
            }
            double[] u2 = t.u[2];
            double[] u3 = t.u[3];
            for (int q = 0; q < n; q++) {
                out[q] = Kinematics.comovingDerivativeRest(out[q], u2[q], u3[q], d2[q], d3[q]);
            }
        }

        /** σ^{μμ} (4.7) from du_μμ and ∇^μu^μ = g^μμ du_μμ + u^μ Du^μ. */
        private void shearDiagonal(KernelTile t, int n, double metric, double[] duMuMu, int mu) {
            double[] uMu = t.u[mu];
            double[] cMu = t.comoving[mu];
            double[] theta = t.theta;
            double[] out = t.sigma[5 * mu];
            for (int q = 0; q < n; q++) {
                double thetaThird = theta[q] * Kinematics.THIRD;
                out[q] = Kinematics.shearDiagonal(Kinematics.projectedGradient(metric, duMuMu[q], uMu[q], cMu[q]), metric,
                        uMu[q], thetaThird);
            }
        }

        /**
         * σ^{μν} = σ^{νμ} and ω^{μν} = −ω^{νμ} (4.7)–(4.8) for μ < ν from du_μν, du_νμ and ∇^μu^ν = g^μμ du_μν
         * + u^μ Du^ν, ∇^νu^μ = du_νμ + u^ν Du^μ.
         */
        private void pair(KernelTile t, int n, int mu, int nu, double[] duMuNu, double[] duNuMu) {
            double[] uMu = t.u[mu];
            double[] uNu = t.u[nu];
            double[] nablaMuNu = t.productA;
            double[] nablaNuMu = t.productB;
            double metric = mu == 0 ? -1.0 : 1.0;
            double[] cNu = t.comoving[nu];
            for (int q = 0; q < n; q++) {
                nablaMuNu[q] = Kinematics.projectedGradient(metric, duMuNu[q], uMu[q], cNu[q]);
            }
            double[] cMu = t.comoving[mu];
            for (int q = 0; q < n; q++) {
                nablaNuMu[q] = Kinematics.projectedGradient(1.0, duNuMu[q], uNu[q], cMu[q]);
            }
            double[] theta = t.theta;
            double[] sigma = t.sigma[4 * mu + nu];
            for (int q = 0; q < n; q++) {
                double thetaThird = theta[q] * Kinematics.THIRD;
                sigma[q] = Kinematics.shearOffDiagonal(nablaMuNu[q], nablaNuMu[q], uMu[q], uNu[q], thetaThird);
            }
            double[] omega = t.omega[4 * mu + nu];
            for (int q = 0; q < n; q++) {
                omega[q] = Kinematics.vorticity(nablaMuNu[q], nablaNuMu[q]);
            }
            double[] omegaT = t.omega[4 * nu + mu];
            for (int q = 0; q < n; q++) {
                omegaT[q] = -omega[q];
            }
        }

        /**
         * Phase 5a: η and K_π = 1/(γ τ_π) (stiff data, physics.md eq. 4.15), over the tile (K_π in {@code t.result},
         * then copied into its array).
         */
        private void shearRates(KernelTile t, int from, int to) {
            int n = to - from;
            double[] eta = t.eta;
            double[] rate = t.result;
            for (int q = 0; q < n; q++) {
                eta[q] = transport.shearViscosity(t.entropy[q]);
            }
            for (int q = 0; q < n; q++) {
                rate[q] = Viscosity.relaxationRate(t.inverseGamma[q],
                        transport.shearRelaxationTime(eta[q], t.enthalpy[q]));
            }
            System.arraycopy(rate, 0, shearRate, from, n);
        }

        /**
         * Phase 5b: π:σ, π:π with φ_7/τ_π, and w^i of physics.md eq. 4.13 (for the explicit sources), over the tile:
         * {@link StressTensor#contraction} term by term, {@link Viscosity#transverseFlow} in its two parts.
         */
        private void shearScalars(KernelTile t, int from, int to) {
            int n = to - from;
            double[][] pi = t.pi;
            StressTensor.contraction(n, pi, t.sigma, t.piSigma);
            if (secondOrder && phi7) {
                StressTensor.contraction(n, pi, pi, t.piPi);
                for (int q = 0; q < n; q++) {
                    t.phi7OverTau[q] = Viscosity.phi7OverTau(t.pressure[q],
                            transport.shearRelaxationTime(t.eta[q], t.enthalpy[q]));
                }
            }
            double[][] c = t.comoving;
            for (int i = 1; i <= 3; i++) {
                double[] w = t.w[i];
                double[] p0 = pi[i];   // π^{0i}, π^{1i}, π^{2i}, π^{3i}: the stored components [4 min + max]
                double[] p1 = pi[Math.min(1, i) * 4 + Math.max(1, i)];
                double[] p2 = pi[Math.min(2, i) * 4 + Math.max(2, i)];
                double[] p3 = pi[Math.min(3, i) * 4 + Math.max(3, i)];
                for (int q = 0; q < n; q++) {
                    w[q] = Viscosity.transverseFlowHead(p0[q], p1[q], c[0][q], c[1][q]);
                }
                for (int q = 0; q < n; q++) {
                    w[q] = Viscosity.transverseFlowRest(w[q], p2[q], p3[q], c[2][q], c[3][q]);
                }
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

        /**
         * Phase 7: π_NS^{ij} and the explicit rate of shear component c = (i, j), physics.md eqs. 4.12–4.14, as short
         * loops over the tile (C2 vectorizes a loop only when its body is small and every array is indexed alike, see
         * {@link PrimitiveRecovery}'s lane map): each writes one tile array from a few others, and the results go to
         * the grid by array copies. Every point's arithmetic is that of the one-point formulas, in their order.
         */
        private void shearComponent(KernelTile t, int from, int to, int c) {
            int n = to - from;
            int i = SHEAR_ROW[c];
            int j = SHEAR_COLUMN[c];
            double[] out = shearOut[c];
            double[] sigmaIJ = t.sigma[4 * i + j];
            double[] eta = t.eta;
            double[] result = t.result;
            for (int q = 0; q < n; q++) {
                result[q] = Viscosity.shearNavierStokes(eta[q], sigmaIJ[q]);
            }
            System.arraycopy(result, 0, shearTarget[c], from, n);
            if (out == null) {
                return;
            }
            double[] second = t.zero;
            if (secondOrder) {
                second = t.second;
                secondOrderShear(t, n, i, j);
            }
            double[] ui = t.u[i];
            double[] uj = t.u[j];
            double[] wi = t.w[i];
            double[] wj = t.w[j];
            double[] inverseGamma = t.inverseGamma;
            for (int q = 0; q < n; q++) {
                result[q] = Viscosity.explicitRate(Viscosity.transversality(ui[q], wj[q], uj[q], wi[q]) + second[q],
                        inverseGamma[q]);
            }
            System.arraycopy(result, 0, out, from, n);
        }

        /** The second-order terms of shear component (i, j) into {@code t.second}, eqs. 4.12–4.14 (DNMR). */
        private void secondOrderShear(KernelTile t, int n, int i, int j) {
            double[][] pi = t.pi;
            double[][] s = t.sigma;
            double[] projector = t.projector;
            double[] a = t.productA;
            double[] b = t.productB;
            double[] second = t.second;
            double kronecker = i == j ? 1.0 : 0.0;
            double[] ui = t.u[i];
            double[] uj = t.u[j];
            for (int q = 0; q < n; q++) {
                projector[q] = Viscosity.spatialProjector(kronecker, ui[q], uj[q]);
            }
            // π·g·σ and its transpose, symmetrized, less the trace: A^{ij}
            metricProduct(n, pi, 4 * i, 1, s, j, 4, a);
            metricProduct(n, pi, 4 * j, 1, s, i, 4, b);
            double[] piSigma = t.piSigma;
            for (int q = 0; q < n; q++) {
                a[q] = Viscosity.removeTrace(Viscosity.symmetrize(a[q], b[q]), projector[q], piSigma[q]);
            }
            double[] piIJ = pi[4 * i + j];
            double[] theta = t.theta;
            double[] bulkPressure = t.bulkPressure;
            double[] sigmaIJ = s[4 * i + j];
            for (int q = 0; q < n; q++) {
                second[q] = Viscosity.shearSecondOrder(piIJ[q], theta[q], a[q], bulkPressure[q], sigmaIJ[q]);
            }
            if (phi7) {
                metricProduct(n, pi, 4 * i, 1, pi, j, 4, a);
                double[] piPi = t.piPi;
                double[] phi7OverTau = t.phi7OverTau;
                for (int q = 0; q < n; q++) {
                    second[q] -= phi7OverTau[q] * Viscosity.removeTrace(a[q], projector[q], piPi[q]);
                }
            }
            if (vorticity) {
                double[][] o = t.omega;
                metricProduct(n, o, 4 * i, 1, pi, j, 4, a);
                metricProduct(n, pi, 4 * i, 1, o, j, 4, b);
                for (int q = 0; q < n; q++) {
                    second[q] += Viscosity.rotation(a[q], b[q]);
                }
            }
        }
    }

    /** {@link Kinematics#dot} (x, y, z) · (a, b, c) at each of n points of a tile into {@code out}, in two short loops. */
    private static void dot(int n, double[] x, double[] y, double[] z, double[] a, double[] b, double[] c, double[] out) {
        for (int q = 0; q < n; q++) {
            out[q] = Kinematics.dotHead(x[q], y[q], a[q], b[q]);
        }
        for (int q = 0; q < n; q++) {
            out[q] = Kinematics.dotRest(out[q], z[q], c[q]);
        }
    }

    /** ∂_μu^j = γ ∂_μv^j + v^j ∂_μγ (4.4) at each of n points of a tile into {@code out}. */
    private static void fourVelocityComponent(int n, double[] gamma, double[] aj, double[] vj, double[] gm, double[] out) {
        for (int q = 0; q < n; q++) {
            out[q] = Kinematics.fourVelocityDerivative(gamma[q], aj[q], vj[q], gm[q]);
        }
    }

    /**
     * {@link Kinematics#metricProduct} at each of n points of a tile into {@code out}: row A[k0 + k·dk] (k = 0…3) times
     * column B[m0 + m·dm], in two short loops (its first two terms, then the rest).
     */
    private static void metricProduct(int n, double[][] a, int k0, int dk, double[][] b, int m0, int dm, double[] out) {
        double[] a0 = a[k0];
        double[] a1 = a[k0 + dk];
        double[] b0 = b[m0];
        double[] b1 = b[m0 + dm];
        for (int q = 0; q < n; q++) {
            out[q] = Kinematics.metricProductHead(a0[q], a1[q], b0[q], b1[q]);
        }
        double[] a2 = a[k0 + 2 * dk];
        double[] a3 = a[k0 + 3 * dk];
        double[] b2 = b[m0 + 2 * dm];
        double[] b3 = b[m0 + 3 * dm];
        for (int q = 0; q < n; q++) {
            out[q] = Kinematics.metricProductRest(out[q], a2[q], a3[q], b2[q], b3[q]);
        }
    }

}
