package dev.isspectral.physics;

import dev.isspectral.parallel.Workers;
import dev.isspectral.spectral.SpectralOperators;
import dev.isspectral.state.Field;
import dev.isspectral.time.Relaxation;
import dev.isspectral.time.Rhs;
import dev.isspectral.trace.Span;
import dev.isspectral.trace.Tracer;

/**
 * The Israel–Stewart right-hand side in the Landau frame (physics.md §4), split for IMEX as in
 * (4.15): the explicit part F_E (flux divergence (4.1), advection and second-order sources of
 * (4.10), (4.12)) and the stiff data K, X_NS of the relaxation terms.
 *
 * <p>One pass: primitive recovery (§5); spectral gradients of exactly ε, v^x, v^y, v^z (§4.2);
 * one fused pointwise loop for the kinematics (4.2)–(4.9), the fluxes T^{iν} (1.2) and all sources;
 * the divergence of T^{iν}; the advection −v^k∂_kX of Π and the five evolved π components.
 * Workspaces are allocated once in the constructor.
 */
public final class IsraelStewartRhs implements Rhs {

    /** Relaxation rate groups for {@link Relaxation}: Π has K_Π (group 0), the π^{ij} share K_π (group 1). */
    public static int[] rateGroups(Transport transport) {
        int[] groups = new int[Field.COUNT];
        java.util.Arrays.fill(groups, -1);
        if (transport.hasBulk()) {
            groups[Field.BULK.ordinal()] = 0;
        }
        if (transport.hasShear()) {
            for (Field f : Field.SHEAR) {
                groups[f.ordinal()] = 1;
            }
        }
        return groups;
    }

    private static final double[] METRIC = {-1, 1, 1, 1};
    private static final double THIRD = 1.0 / 3.0;
    /** (i, j) of the five evolved shear components xx, yy, xy, xz, yz, as 4-vector indices. */
    private static final int[] SHEAR_ROW = {1, 2, 1, 1, 2};
    private static final int[] SHEAR_COLUMN = {1, 2, 2, 3, 3};

    private final SpectralOperators spectral;
    private final Eos eos;
    private final Transport transport;
    private final Tracer tracer;
    private final PrimitiveRecovery recovery;
    private final Primitives primitives;
    private final int points;
    private final boolean shear;
    private final boolean bulk;
    private final boolean secondOrder;
    private final boolean vorticity;
    private final boolean phi7;
    private final double etaOverS;
    private final double zetaOverS;
    private final double bPi;

    // spectral derivatives: gradEnergy[i] = ∂_i ε, gradVelocity[i][j] = ∂_i v^j
    private double[][] gradEnergy;
    private double[][][] gradVelocity;
    // fluxes T^{iν}, i = x, y, z (index 0..2), ν = 0..3
    private double[][] flux;
    private final double[][] divergences = new double[4][];
    private final double[][] fluxTimeComponents = new double[3][];
    private final boolean preallocated;
    private final boolean fused;

    /** Per-thread scratch of the pointwise kernel: 4×4 tensors row-major [μ·4 + ν]. */
    private static final class Scratch {
        final double[] du = new double[16];
        final double[] nabla = new double[16];
        final double[] sigma = new double[16];
        final double[] omega = new double[16];
        final double[] pi4 = new double[16];
        final double[] u4 = new double[4];
        final double[] comovingDu = new double[4];
        final double[] dtV = new double[3];
    }

    private final Workers workers;
    private final Scratch[] scratch;
    private final double[][] shearTarget = new double[5][];
    private final double[][] shearOut = new double[5][];
    private final Workers.Chunk kernel = this::pointwiseChunk;
    private final Workers.Chunk fusedKernel = this::fusedChunk;
    private final Workers.Chunk advection = this::advectionChunk;
    private double[] passAdvected;
    // arguments of the pass in progress, read by the kernel's chunks
    private double[][] passState;
    private boolean passFluxes;
    private boolean passSources;
    private double[] passBulkOut;
    private double[] passBulkRate;
    private double[] passBulkTarget;
    private double[] passShearRate;

    private long passes;
    private long recoveryIterations;
    private long recoveryPoints;
    private int recoveryMaxIterations;

    /** The right-hand side on {@code spectral}'s grid, with workspaces allocated once and fused loops. */
    public IsraelStewartRhs(SpectralOperators spectral, Eos eos, Transport transport, Tracer tracer) {
        this(spectral, eos, transport, tracer, true, true, Workers.create(1));
    }

    /**
     * The right-hand side with the naive code paths selectable (same results): without
     * {@code preallocated} each pass allocates its derivative and flux arrays afresh; without
     * {@code fused} the fluxes and the sources are computed in two separate pointwise passes. The
     * pointwise work (recovery, kinematics, sources) is split over {@code workers}; results do not
     * depend on the team size.
     */
    public IsraelStewartRhs(SpectralOperators spectral, Eos eos, Transport transport, Tracer tracer,
                            boolean preallocated, boolean fused, Workers workers) {
        this.workers = workers;
        this.scratch = new Scratch[workers.size()];
        for (int t = 0; t < scratch.length; t++) {
            scratch[t] = new Scratch();
        }
        this.preallocated = preallocated;
        this.fused = fused;
        this.spectral = spectral;
        this.eos = eos;
        this.transport = transport;
        this.tracer = tracer;
        this.points = spectral.grid().size();
        this.shear = transport.hasShear();
        this.bulk = transport.hasBulk();
        this.secondOrder = transport.variant() == Transport.Variant.DNMR;
        this.vorticity = transport.vorticity();
        this.phi7 = transport.phi7();
        this.etaOverS = transport.etaOverS();
        this.zetaOverS = transport.zetaOverS();
        this.bPi = transport.bPi();
        // the fused kernel rebuilds π^zz, π^0i, π^00 from v itself, so its recovery does not store them
        this.recovery = new PrimitiveRecovery(spectral.grid(), eos, shear, workers, !fused);
        this.primitives = new Primitives(points);
        allocateWorkspaces();
    }

    private void allocateWorkspaces() {
        gradEnergy = new double[3][points];
        gradVelocity = new double[3][3][points];
        if (fused) {
            // The fused kernel reads all twelve derivatives of a point before it writes that point's
            // fluxes, so the fluxes can live in the derivative arrays: no extra memory.
            flux = new double[12][];
            for (int q = 0; q < 12; q++) {
                flux[q] = q < 3 ? gradEnergy[q] : gradVelocity[(q - 3) / 3][(q - 3) % 3];
            }
        } else {
            flux = new double[12][points];
        }
    }

    @Override
    public int fieldCount() {
        return Field.COUNT;
    }

    @Override
    public int points() {
        return points;
    }

    @Override
    public boolean[] relaxing() {
        boolean[] r = new boolean[Field.COUNT];
        int[] groups = rateGroups(transport);
        for (int f = 0; f < r.length; f++) {
            r[f] = groups[f] >= 0;
        }
        return r;
    }

    @Override
    public boolean[] evolved() {
        boolean[] e = relaxing();
        for (Field f : Field.values()) {
            e[f.ordinal()] |= f.conserved();
        }
        return e;
    }

    @Override
    public void position(long step, int stage) {
        recovery.position(step, stage);
    }

    /**
     * The primitives of the last pass: ε and v; the reconstructed π^zz, π^0i, π^00 only on the naive
     * ({@code fused = false}) path, whose kernel reads them (the fused kernel rebuilds them from v).
     */
    public Primitives primitives() {
        return primitives;
    }

    /** The recovery used by this right-hand side (for its statistics). */
    public PrimitiveRecovery recovery() {
        return recovery;
    }

    /** Passes evaluated so far. */
    public long passes() {
        return passes;
    }

    /**
     * Recovery statistics since the last {@link #resetRecoveryStatistics()}: iterations summed over
     * points and passes, points recovered, and the largest iteration count of any point.
     */
    public long recoveryIterations() {
        return recoveryIterations;
    }

    public long recoveryPoints() {
        return recoveryPoints;
    }

    public int recoveryMaxIterations() {
        return recoveryMaxIterations;
    }

    public void resetRecoveryStatistics() {
        recoveryIterations = 0;
        recoveryPoints = 0;
        recoveryMaxIterations = 0;
    }

    /** Bytes held by the workspaces of this right-hand side. */
    public long bytesHeld() {
        return primitives.bytesHeld() + 8L * points * (3 + 9 + (fused ? 0 : 12));
    }

    /** Recovers the primitives of {@code y} into {@link #primitives()} (counted in the statistics). */
    public void recover(double[][] y) {
        try (Span s = tracer.open("primitives")) {
            recovery.recover(y, primitives);
        }
        recoveryIterations += recovery.lastTotalIterations();
        recoveryPoints += points;
        recoveryMaxIterations = Math.max(recoveryMaxIterations, recovery.lastMaxIterations());
    }

    @Override
    public void evaluate(double[][] y, double[][] explicit, boolean includeRelaxation, Relaxation relaxation) {
        try (Span pass = tracer.open("rhs")) {
            passes++;
            if (!preallocated) {
                allocateWorkspaces();
            }
            recover(y);
            try (Span s = tracer.open("kinematics")) {
                // the operand names only label what an observer records (Tracer.operand); a no-op when off
                tracer.operand("eps");
                spectral.gradient(primitives.energyDensity, gradEnergy[0], gradEnergy[1], gradEnergy[2]);
                tracer.operand("v_x");
                spectral.gradient(primitives.vx, gradVelocity[0][0], gradVelocity[1][0], gradVelocity[2][0]);
                tracer.operand("v_y");
                spectral.gradient(primitives.vy, gradVelocity[0][1], gradVelocity[1][1], gradVelocity[2][1]);
                tracer.operand("v_z");
                spectral.gradient(primitives.vz, gradVelocity[0][2], gradVelocity[1][2], gradVelocity[2][2]);
            }
            if (fused) {
                try (Span s = tracer.open("sources")) {
                    pointwise(y, explicit, relaxation, explicit != null, true);
                }
            } else {
                if (explicit != null) {
                    try (Span s = tracer.open("flux-values")) {
                        pointwise(y, explicit, relaxation, true, false);
                    }
                }
                try (Span s = tracer.open("sources")) {
                    pointwise(y, explicit, relaxation, false, true);
                }
            }
            if (explicit != null) {
                try (Span s = tracer.open("fluxes")) {
                    // flux[4(i−1) + ν] = T^{iν}; T^{ij} is symmetric, so T^{yx} = T^{xy} etc.
                    fluxTimeComponents[0] = flux[0];
                    fluxTimeComponents[1] = flux[4];
                    fluxTimeComponents[2] = flux[8];
                    for (int nu = 0; nu < 4; nu++) {
                        divergences[nu] = explicit[nu];
                    }
                    // the fused path gets −∂_i T^{iν} straight from k-space; the naive one negates in a pass of its own
                    spectral.symmetricDivergence(fluxTimeComponents, flux[1], flux[6], flux[11], flux[2], flux[3], flux[7],
                            divergences, fused);
                    if (!fused) {
                        for (int nu = 0; nu < 4; nu++) {
                            double[] out = explicit[nu];
                            for (int p = 0; p < points; p++) {
                                out[p] = -out[p];
                            }
                        }
                    }
                }
                try (Span s = tracer.open("advection")) {
                    if (bulk) {
                        tracer.operand(Field.BULK.label());
                        advect(y[Field.BULK.ordinal()], explicit[Field.BULK.ordinal()]);
                    }
                    if (shear) {
                        for (Field f : Field.SHEAR) {
                            tracer.operand(f.label());
                            advect(y[f.ordinal()], explicit[f.ordinal()]);
                        }
                    }
                }
                if (includeRelaxation) {
                    addRelaxation(y, explicit, relaxation);
                }
            }
        }
    }

    /** explicit[X] += −K (X − X_NS), for the fully explicit schemes. */
    private void addRelaxation(double[][] y, double[][] explicit, Relaxation relaxation) {
        for (int f = 0; f < Field.COUNT; f++) {
            if (!relaxation.relaxes(f)) {
                continue;
            }
            double[] k = relaxation.rate(f);
            double[] target = relaxation.target(f);
            double[] x = y[f];
            double[] out = explicit[f];
            for (int p = 0; p < points; p++) {
                out[p] -= k[p] * (x[p] - target[p]);
            }
        }
    }

    /** out −= v^k ∂_k X (the comoving-derivative part of (4.10), (4.12)). */
    private void advect(double[] field, double[] out) {
        spectral.gradient(field, gradVelocity[0][0], gradVelocity[1][0], gradVelocity[2][0]);
        passAdvected = out;
        try {
            workers.forEachChunk(points, Workers.STREAMING_GRAIN, advection);
        } finally {
            passAdvected = null;
        }
    }

    private void advectionChunk(int chunk, int from, int to) {
        double[] out = passAdvected;
        double[] gx = gradVelocity[0][0];
        double[] gy = gradVelocity[1][0];
        double[] gz = gradVelocity[2][0];
        double[] vx = primitives.vx;
        double[] vy = primitives.vy;
        double[] vz = primitives.vz;
        for (int p = from; p < to; p++) {
            out[p] -= vx[p] * gx[p] + vy[p] * gy[p] + vz[p] * gz[p];
        }
    }

    /**
     * The pointwise loop: kinematics (4.2)–(4.9), fluxes (1.2), the stiff data of (4.15) and
     * the explicit sources of (4.10) and (4.12) (without advection, added afterwards). The fused
     * path runs {@link #fusedChunk}; the naive one runs {@link #pointwiseChunk} twice (fluxes, then sources).
     */
    private void pointwise(double[][] y, double[][] explicit, Relaxation relaxation, boolean fluxes, boolean sources) {
        passState = y;
        passFluxes = fluxes;
        passSources = sources;
        passBulkRate = bulk ? relaxation.rate(Field.BULK.ordinal()) : null;
        passBulkTarget = bulk ? relaxation.target(Field.BULK.ordinal()) : null;
        passShearRate = shear ? relaxation.rate(Field.PI_XX.ordinal()) : null;
        if (shear) {
            for (int c = 0; c < 5; c++) {
                shearTarget[c] = relaxation.target(Field.SHEAR[c].ordinal());
                shearOut[c] = explicit == null ? null : explicit[Field.SHEAR[c].ordinal()];
            }
        }
        passBulkOut = explicit == null || !bulk ? null : explicit[Field.BULK.ordinal()];
        try {
            workers.forEachChunk(points, Workers.HEAVY_GRAIN, fused && sources ? fusedKernel : kernel);
        } finally {
            passState = null;
        }
    }

    /**
     * The array-based kernel of the naive path (4×4 tensors in per-thread scratch arrays, index loops),
     * for the flux pass and the source pass separately; {@link #fusedChunk} is its unrolled twin.
     */
    private void pointwiseChunk(int chunk, int from, int to) {
        double[][] y = passState;
        boolean fluxes = passFluxes;
        boolean sources = passSources;
        double[] bulkField = y[Field.BULK.ordinal()];
        double[] pxx = y[Field.PI_XX.ordinal()];
        double[] pyy = y[Field.PI_YY.ordinal()];
        double[] pxy = y[Field.PI_XY.ordinal()];
        double[] pxz = y[Field.PI_XZ.ordinal()];
        double[] pyz = y[Field.PI_YZ.ordinal()];
        Primitives pr = primitives;
        double[] kBulk = passBulkRate;
        double[] bulkTarget = passBulkTarget;
        double[] kShear = passShearRate;
        double[][] shearTarget = this.shearTarget;
        double[][] shearOut = this.shearOut;
        double[] bulkOut = passBulkOut;
        final int[] si = SHEAR_ROW;
        final int[] sj = SHEAR_COLUMN;
        Scratch w = scratch[chunk];
        double[] du = w.du;
        double[] nabla = w.nabla;
        double[] sigma = w.sigma;
        double[] omega = w.omega;
        double[] pi4 = w.pi4;
        double[] u4 = w.u4;
        double[] comovingDu = w.comovingDu;
        double[] dtV = w.dtV;
        double[][] gradEnergy = this.gradEnergy;
        double[][][] gradVelocity = this.gradVelocity;
        double[][] flux = this.flux;

        for (int p = from; p < to; p++) {
            double e = pr.energyDensity[p];
            double pressure = eos.pressure(e);
            double cs2 = eos.soundSpeedSquared(e);
            double h = e + pressure;
            double vx = pr.vx[p];
            double vy = pr.vy[p];
            double vz = pr.vz[p];
            double v2 = vx * vx + vy * vy + vz * vz;
            double inverseGamma = Math.sqrt(1.0 - v2);
            double gamma = 1.0 / inverseGamma;
            double gamma3 = gamma * gamma * gamma;
            double bulkPressure = bulk ? bulkField[p] : 0.0;

            // (4.2)-(4.3): time derivatives from the ideal equations of motion
            double dex = gradEnergy[0][p];
            double dey = gradEnergy[1][p];
            double dez = gradEnergy[2][p];
            double divV = gradVelocity[0][0][p] + gradVelocity[1][1][p] + gradVelocity[2][2][p];
            double vGradE = vx * dex + vy * dey + vz * dez;
            double dtE = -((1 - cs2) * vGradE + h * divV) / (1 - cs2 * v2);
            double dtP = cs2 * dtE;
            double inverseHg2 = inverseGamma * inverseGamma / h;
            double vel0 = vx;
            double vel1 = vy;
            double vel2 = vz;
            for (int j = 0; j < 3; j++) {
                double vj = j == 0 ? vel0 : j == 1 ? vel1 : vel2;
                double dej = j == 0 ? dex : j == 1 ? dey : dez;
                double advection = vx * gradVelocity[0][j][p] + vy * gradVelocity[1][j][p] + vz * gradVelocity[2][j][p];
                dtV[j] = -advection - (cs2 * dej + vj * dtP) * inverseHg2;
            }
            // (4.4): du[μ][ν] = ∂_μ u^ν
            for (int mu = 0; mu < 4; mu++) {
                double ax;
                double ay;
                double az;
                if (mu == 0) {
                    ax = dtV[0];
                    ay = dtV[1];
                    az = dtV[2];
                } else {
                    ax = gradVelocity[mu - 1][0][p];
                    ay = gradVelocity[mu - 1][1][p];
                    az = gradVelocity[mu - 1][2][p];
                }
                double dGamma = gamma3 * (vx * ax + vy * ay + vz * az);
                du[4 * mu] = dGamma;
                du[4 * mu + 1] = gamma * ax + vx * dGamma;
                du[4 * mu + 2] = gamma * ay + vy * dGamma;
                du[4 * mu + 3] = gamma * az + vz * dGamma;
            }
            u4[0] = gamma;
            u4[1] = gamma * vx;
            u4[2] = gamma * vy;
            u4[3] = gamma * vz;
            // (4.5): θ and Du^ν
            double theta = du[0] + du[5] + du[10] + du[15];
            for (int nu = 0; nu < 4; nu++) {
                comovingDu[nu] = u4[0] * du[nu] + u4[1] * du[4 + nu] + u4[2] * du[8 + nu] + u4[3] * du[12 + nu];
            }
            // (4.6)-(4.8)
            for (int mu = 0; mu < 4; mu++) {
                for (int nu = 0; nu < 4; nu++) {
                    nabla[4 * mu + nu] = METRIC[mu] * du[4 * mu + nu] + u4[mu] * comovingDu[nu];
                }
            }
            double thetaThird = theta * THIRD;
            for (int mu = 0; mu < 4; mu++) {
                double deltaDiagonal = METRIC[mu] + u4[mu] * u4[mu];
                sigma[5 * mu] = nabla[5 * mu] - deltaDiagonal * thetaThird;
                omega[5 * mu] = 0.0;
                for (int nu = mu + 1; nu < 4; nu++) {
                    double a = nabla[4 * mu + nu];
                    double b = nabla[4 * nu + mu];
                    double symmetric = 0.5 * (a + b) - u4[mu] * u4[nu] * thetaThird;
                    double antisymmetric = 0.5 * (a - b);
                    sigma[4 * mu + nu] = symmetric;
                    sigma[4 * nu + mu] = symmetric;
                    omega[4 * mu + nu] = antisymmetric;
                    omega[4 * nu + mu] = -antisymmetric;
                }
            }

            // full π^{μν} from (1.3)-(1.5)
            if (shear) {
                pi4[0] = pr.pi00[p];
                pi4[1] = pi4[4] = pr.pi0x[p];
                pi4[2] = pi4[8] = pr.pi0y[p];
                pi4[3] = pi4[12] = pr.pi0z[p];
                pi4[5] = pxx[p];
                pi4[10] = pyy[p];
                pi4[15] = pr.pizz[p];
                pi4[6] = pi4[9] = pxy[p];
                pi4[7] = pi4[13] = pxz[p];
                pi4[11] = pi4[14] = pyz[p];
            }

            // fluxes T^{iν} = (ε + P + Π) u^i u^ν + (P + Π) g^{iν} + π^{iν}  (1.2)
            if (fluxes) {
                double enthalpy = h + bulkPressure;
                double effectivePressure = pressure + bulkPressure;
                for (int i = 1; i <= 3; i++) {
                    for (int nu = 0; nu < 4; nu++) {
                        double t = enthalpy * u4[i] * u4[nu];
                        if (i == nu) {
                            t += effectivePressure;
                        }
                        if (shear) {
                            t += pi4[4 * i + nu];
                        }
                        flux[4 * (i - 1) + nu][p] = t;
                    }
                }
            }

            if (!sources) {
                continue;
            }
            double temperature = eos.temperature(e);
            double entropy = h / temperature;
            double piSigma = shear ? contract(pi4, sigma) : 0.0;

            // bulk pressure (4.10) and its stiff data
            if (bulk) {
                double zeta = zetaOverS * entropy;
                double tauBulk = zeta / (transport.bulkStiffness(cs2) * h);
                kBulk[p] = inverseGamma / tauBulk;
                bulkTarget[p] = -zeta * theta;
                if (bulkOut != null) {
                    double source = 0.0;
                    if (secondOrder) {
                        // δ_ΠΠ/τ_Π = 2/3, λ_Ππ/τ_Π = 8/5 (1/3 − c_s²)
                        source = -(2.0 / 3.0) * bulkPressure * theta - 1.6 * (1.0 / 3.0 - cs2) * piSigma;
                    }
                    bulkOut[p] = source * inverseGamma;
                }
            }

            // shear stress (4.12) and its stiff data
            if (shear) {
                double eta = etaOverS * entropy;
                double tauShear = bPi * eta / h;
                kShear[p] = inverseGamma / tauShear;
                double piPi = secondOrder && phi7 ? contract(pi4, pi4) : 0.0;
                double phi7OverTau = secondOrder && phi7 ? 9.0 / (70.0 * pressure) / tauShear : 0.0;
                // w^μ = (π·G·Du)^μ (4.13)
                double w1 = -pi4[4] * comovingDu[0] + pi4[5] * comovingDu[1] + pi4[6] * comovingDu[2] + pi4[7] * comovingDu[3];
                double w2 = -pi4[8] * comovingDu[0] + pi4[9] * comovingDu[1] + pi4[10] * comovingDu[2] + pi4[11] * comovingDu[3];
                double w3 = -pi4[12] * comovingDu[0] + pi4[13] * comovingDu[1] + pi4[14] * comovingDu[2] + pi4[15] * comovingDu[3];
                for (int c = 0; c < 5; c++) {
                    int i = si[c];
                    int j = sj[c];
                    double sij = sigma[4 * i + j];
                    shearTarget[c][p] = -2.0 * eta * sij;
                    if (shearOut[c] == null) {
                        continue;
                    }
                    double wi = i == 1 ? w1 : i == 2 ? w2 : w3;
                    double wj = j == 1 ? w1 : j == 2 ? w2 : w3;
                    double transversality = u4[i] * wj + u4[j] * wi;   // I^{ij} (4.13)
                    double second = 0.0;                                 // R^{ij}/τ_π (4.12)
                    if (secondOrder) {
                        double deltaIJ = (i == j ? 1.0 : 0.0) + u4[i] * u4[j];
                        double a = 0.5 * (productGMetric(pi4, sigma, i, j) + productGMetric(pi4, sigma, j, i))
                                - deltaIJ * piSigma * THIRD;
                        second = -(4.0 / 3.0) * pi4[4 * i + j] * theta - (10.0 / 7.0) * a
                                - 1.2 * bulkPressure * sij;
                        if (phi7) {
                            double b = productGMetric(pi4, pi4, i, j) - deltaIJ * piPi * THIRD;
                            second -= phi7OverTau * b;
                        }
                        if (vorticity) {
                            second += productGMetric(omega, pi4, i, j) - productGMetric(pi4, omega, i, j);
                        }
                    }
                    shearOut[c][p] = (transversality + second) * inverseGamma;
                }
            }
        }
    }

    /**
     * The fused pointwise kernel of the optimized path: the same arithmetic as {@link #pointwiseChunk},
     * operation for operation (so the same bits), with every 4×4 tensor held in scalars instead of
     * scratch arrays and every index loop unrolled: kinematics (4.2)–(4.9), fluxes (1.2), the stiff data
     * of (4.15) and the explicit sources of (4.10), (4.12) in one pass over memory.
     */
    private void fusedChunk(int chunk, int from, int to) {
        final double[][] y = passState;
        final boolean fluxes = passFluxes;
        final double[] bulkField = y[Field.BULK.ordinal()];
        final double[] pxx = y[Field.PI_XX.ordinal()];
        final double[] pyy = y[Field.PI_YY.ordinal()];
        final double[] pxy = y[Field.PI_XY.ordinal()];
        final double[] pxz = y[Field.PI_XZ.ordinal()];
        final double[] pyz = y[Field.PI_YZ.ordinal()];
        final Primitives pr = primitives;
        final double[] energy = pr.energyDensity;
        final double[] velocityX = pr.vx;
        final double[] velocityY = pr.vy;
        final double[] velocityZ = pr.vz;
        final double[] kBulk = passBulkRate;
        final double[] bulkTarget = passBulkTarget;
        final double[] kShear = passShearRate;
        final double[] bulkOut = passBulkOut;
        final double[] shearTarget0 = shearTarget[0];
        final double[] shearTarget1 = shearTarget[1];
        final double[] shearTarget2 = shearTarget[2];
        final double[] shearTarget3 = shearTarget[3];
        final double[] shearTarget4 = shearTarget[4];
        final double[] shearOut0 = shearOut[0];
        final double[] shearOut1 = shearOut[1];
        final double[] shearOut2 = shearOut[2];
        final double[] shearOut3 = shearOut[3];
        final double[] shearOut4 = shearOut[4];
        final boolean explicitShear = shear && shearOut0 != null;
        final double[] dEx = gradEnergy[0];
        final double[] dEy = gradEnergy[1];
        final double[] dEz = gradEnergy[2];
        // gradVelocity[i][j] = ∂_i v^j
        final double[] dxVx = gradVelocity[0][0];
        final double[] dxVy = gradVelocity[0][1];
        final double[] dxVz = gradVelocity[0][2];
        final double[] dyVx = gradVelocity[1][0];
        final double[] dyVy = gradVelocity[1][1];
        final double[] dyVz = gradVelocity[1][2];
        final double[] dzVx = gradVelocity[2][0];
        final double[] dzVy = gradVelocity[2][1];
        final double[] dzVz = gradVelocity[2][2];
        final double[][] flux = this.flux;
        final boolean shear = this.shear;
        final boolean bulk = this.bulk;
        final boolean secondOrder = this.secondOrder;
        final boolean phi7 = this.phi7;
        final boolean vorticity = this.vorticity;
        final Eos eos = this.eos;

        for (int p = from; p < to; p++) {
            double e = energy[p];
            double pressure = eos.pressure(e);
            double cs2 = eos.soundSpeedSquared(e);
            double h = e + pressure;
            double vx = velocityX[p];
            double vy = velocityY[p];
            double vz = velocityZ[p];
            double v2 = vx * vx + vy * vy + vz * vz;
            double inverseGamma = Math.sqrt(1.0 - v2);
            double gamma = 1.0 / inverseGamma;
            double gamma3 = gamma * gamma * gamma;
            double bulkPressure = bulk ? bulkField[p] : 0.0;

            // (4.2)-(4.3): time derivatives from the ideal equations of motion
            double dex = dEx[p];
            double dey = dEy[p];
            double dez = dEz[p];
            double vxx = dxVx[p];
            double vxy = dxVy[p];
            double vxz = dxVz[p];
            double vyx = dyVx[p];
            double vyy = dyVy[p];
            double vyz = dyVz[p];
            double vzx = dzVx[p];
            double vzy = dzVy[p];
            double vzz = dzVz[p];
            double divV = vxx + vyy + vzz;
            double vGradE = vx * dex + vy * dey + vz * dez;
            double dtE = -((1 - cs2) * vGradE + h * divV) / (1 - cs2 * v2);
            double dtP = cs2 * dtE;
            double inverseHg2 = inverseGamma * inverseGamma / h;
            double advectionX = vx * vxx + vy * vyx + vz * vzx;
            double advectionY = vx * vxy + vy * vyy + vz * vzy;
            double advectionZ = vx * vxz + vy * vyz + vz * vzz;
            double dtVx = -advectionX - (cs2 * dex + vx * dtP) * inverseHg2;
            double dtVy = -advectionY - (cs2 * dey + vy * dtP) * inverseHg2;
            double dtVz = -advectionZ - (cs2 * dez + vz * dtP) * inverseHg2;

            // (4.4): du_μν = ∂_μ u^ν, row μ from a = ∂_μ v
            double dGamma0 = gamma3 * (vx * dtVx + vy * dtVy + vz * dtVz);
            double du00 = dGamma0;
            double du01 = gamma * dtVx + vx * dGamma0;
            double du02 = gamma * dtVy + vy * dGamma0;
            double du03 = gamma * dtVz + vz * dGamma0;
            double dGamma1 = gamma3 * (vx * vxx + vy * vxy + vz * vxz);
            double du10 = dGamma1;
            double du11 = gamma * vxx + vx * dGamma1;
            double du12 = gamma * vxy + vy * dGamma1;
            double du13 = gamma * vxz + vz * dGamma1;
            double dGamma2 = gamma3 * (vx * vyx + vy * vyy + vz * vyz);
            double du20 = dGamma2;
            double du21 = gamma * vyx + vx * dGamma2;
            double du22 = gamma * vyy + vy * dGamma2;
            double du23 = gamma * vyz + vz * dGamma2;
            double dGamma3 = gamma3 * (vx * vzx + vy * vzy + vz * vzz);
            double du30 = dGamma3;
            double du31 = gamma * vzx + vx * dGamma3;
            double du32 = gamma * vzy + vy * dGamma3;
            double du33 = gamma * vzz + vz * dGamma3;
            double u0 = gamma;
            double u1 = gamma * vx;
            double u2 = gamma * vy;
            double u3 = gamma * vz;
            // (4.5): θ and Du^ν
            double theta = du00 + du11 + du22 + du33;
            double comoving0 = u0 * du00 + u1 * du10 + u2 * du20 + u3 * du30;
            double comoving1 = u0 * du01 + u1 * du11 + u2 * du21 + u3 * du31;
            double comoving2 = u0 * du02 + u1 * du12 + u2 * du22 + u3 * du32;
            double comoving3 = u0 * du03 + u1 * du13 + u2 * du23 + u3 * du33;
            // (4.6)-(4.8): ∇^μ u^ν = g^μμ du_μν + u^μ Du^ν, its symmetric traceless part σ and antisymmetric part ω
            double n00 = -du00 + u0 * comoving0;
            double n01 = -du01 + u0 * comoving1;
            double n02 = -du02 + u0 * comoving2;
            double n03 = -du03 + u0 * comoving3;
            double n10 = du10 + u1 * comoving0;
            double n11 = du11 + u1 * comoving1;
            double n12 = du12 + u1 * comoving2;
            double n13 = du13 + u1 * comoving3;
            double n20 = du20 + u2 * comoving0;
            double n21 = du21 + u2 * comoving1;
            double n22 = du22 + u2 * comoving2;
            double n23 = du23 + u2 * comoving3;
            double n30 = du30 + u3 * comoving0;
            double n31 = du31 + u3 * comoving1;
            double n32 = du32 + u3 * comoving2;
            double n33 = du33 + u3 * comoving3;
            double thetaThird = theta * THIRD;
            double s00 = n00 - (-1.0 + u0 * u0) * thetaThird;
            double s11 = n11 - (1.0 + u1 * u1) * thetaThird;
            double s22 = n22 - (1.0 + u2 * u2) * thetaThird;
            double s33 = n33 - (1.0 + u3 * u3) * thetaThird;
            double s01 = 0.5 * (n01 + n10) - u0 * u1 * thetaThird;
            double s02 = 0.5 * (n02 + n20) - u0 * u2 * thetaThird;
            double s03 = 0.5 * (n03 + n30) - u0 * u3 * thetaThird;
            double s12 = 0.5 * (n12 + n21) - u1 * u2 * thetaThird;
            double s13 = 0.5 * (n13 + n31) - u1 * u3 * thetaThird;
            double s23 = 0.5 * (n23 + n32) - u2 * u3 * thetaThird;
            double o01 = 0.5 * (n01 - n10);
            double o02 = 0.5 * (n02 - n20);
            double o03 = 0.5 * (n03 - n30);
            double o12 = 0.5 * (n12 - n21);
            double o13 = 0.5 * (n13 - n31);
            double o23 = 0.5 * (n23 - n32);

            // full π^{μν} from (1.3)-(1.5)
            double pi00 = 0.0;
            double pi01 = 0.0;
            double pi02 = 0.0;
            double pi03 = 0.0;
            double pi11 = 0.0;
            double pi22 = 0.0;
            double pi33 = 0.0;
            double pi12 = 0.0;
            double pi13 = 0.0;
            double pi23 = 0.0;
            if (shear) {
                pi11 = pxx[p];
                pi22 = pyy[p];
                pi12 = pxy[p];
                pi13 = pxz[p];
                pi23 = pyz[p];
                // π^zz, π^0i, π^00 rebuilt from the recovered v by the recovery's own final formulas (same
                // bits as the values it stored), so the kernel streams five arrays fewer
                if (pi11 != 0 || pi22 != 0 || pi12 != 0 || pi13 != 0 || pi23 != 0) {
                    pi33 = ((vx * vx - 1) * pi11 + (vy * vy - 1) * pi22 + 2 * vx * vy * pi12
                            + 2 * vx * vz * pi13 + 2 * vy * vz * pi23) / (1 - vz * vz);
                    pi01 = pi11 * vx + pi12 * vy + pi13 * vz;
                    pi02 = pi12 * vx + pi22 * vy + pi23 * vz;
                    pi03 = pi13 * vx + pi23 * vy + pi33 * vz;
                    pi00 = pi01 * vx + pi02 * vy + pi03 * vz;
                } else {
                    pi33 = -pi11 - pi22;
                }
            }

            // fluxes T^{iν} = (ε + P + Π) u^i u^ν + (P + Π) g^{iν} + π^{iν}  (1.2)
            if (fluxes) {
                double enthalpy = h + bulkPressure;
                double effectivePressure = pressure + bulkPressure;
                double t10 = enthalpy * u1 * u0;
                double t11 = (enthalpy * u1 * u1 + effectivePressure);
                double t12 = enthalpy * u1 * u2;
                double t13 = enthalpy * u1 * u3;
                double t20 = enthalpy * u2 * u0;
                double t21 = enthalpy * u2 * u1;
                double t22 = (enthalpy * u2 * u2 + effectivePressure);
                double t23 = enthalpy * u2 * u3;
                double t30 = enthalpy * u3 * u0;
                double t31 = enthalpy * u3 * u1;
                double t32 = enthalpy * u3 * u2;
                double t33 = (enthalpy * u3 * u3 + effectivePressure);
                if (shear) {
                    t10 += pi01;
                    t11 += pi11;
                    t12 += pi12;
                    t13 += pi13;
                    t20 += pi02;
                    t21 += pi12;
                    t22 += pi22;
                    t23 += pi23;
                    t30 += pi03;
                    t31 += pi13;
                    t32 += pi23;
                    t33 += pi33;
                }
                flux[0][p] = t10;
                flux[1][p] = t11;
                flux[2][p] = t12;
                flux[3][p] = t13;
                flux[4][p] = t20;
                flux[5][p] = t21;
                flux[6][p] = t22;
                flux[7][p] = t23;
                flux[8][p] = t30;
                flux[9][p] = t31;
                flux[10][p] = t32;
                flux[11][p] = t33;
            }

            double temperature = eos.temperature(e);
            double entropy = h / temperature;
            double piSigma = 0.0;
            if (shear) {
                double sum = 0.0;
                sum += pi00 * s00;
                sum -= pi01 * s01;
                sum -= pi02 * s02;
                sum -= pi03 * s03;
                sum -= pi01 * s01;
                sum += pi11 * s11;
                sum += pi12 * s12;
                sum += pi13 * s13;
                sum -= pi02 * s02;
                sum += pi12 * s12;
                sum += pi22 * s22;
                sum += pi23 * s23;
                sum -= pi03 * s03;
                sum += pi13 * s13;
                sum += pi23 * s23;
                sum += pi33 * s33;
                piSigma = sum;
            }

            // bulk pressure (4.10) and its stiff data
            if (bulk) {
                double zeta = zetaOverS * entropy;
                double tauBulk = zeta / (transport.bulkStiffness(cs2) * h);
                kBulk[p] = inverseGamma / tauBulk;
                bulkTarget[p] = -zeta * theta;
                if (bulkOut != null) {
                    double source = 0.0;
                    if (secondOrder) {
                        source = -(2.0 / 3.0) * bulkPressure * theta - 1.6 * (1.0 / 3.0 - cs2) * piSigma;
                    }
                    bulkOut[p] = source * inverseGamma;
                }
            }

            // shear stress (4.12) and its stiff data
            if (shear) {
                double eta = etaOverS * entropy;
                double tauShear = bPi * eta / h;
                kShear[p] = inverseGamma / tauShear;
                double piPi = 0.0;
                double phi7OverTau = 0.0;
                if (secondOrder && phi7) {
                    double sum = 0.0;
                    sum += pi00 * pi00;
                    sum -= pi01 * pi01;
                    sum -= pi02 * pi02;
                    sum -= pi03 * pi03;
                    sum -= pi01 * pi01;
                    sum += pi11 * pi11;
                    sum += pi12 * pi12;
                    sum += pi13 * pi13;
                    sum -= pi02 * pi02;
                    sum += pi12 * pi12;
                    sum += pi22 * pi22;
                    sum += pi23 * pi23;
                    sum -= pi03 * pi03;
                    sum += pi13 * pi13;
                    sum += pi23 * pi23;
                    sum += pi33 * pi33;
                    piPi = sum;
                    phi7OverTau = 9.0 / (70.0 * pressure) / tauShear;
                }
                // w^μ = (π·G·Du)^μ (4.13)
                double w1 = -pi01 * comoving0 + pi11 * comoving1 + pi12 * comoving2 + pi13 * comoving3;
                double w2 = -pi02 * comoving0 + pi12 * comoving1 + pi22 * comoving2 + pi23 * comoving3;
                double w3 = -pi03 * comoving0 + pi13 * comoving1 + pi23 * comoving2 + pi33 * comoving3;
                // π^{xx}
                shearTarget0[p] = -2.0 * eta * s11;
                if (explicitShear) {
                    double second = 0.0;
                    if (secondOrder) {
                        double deltaIJ = 1.0 + u1 * u1;
                        double a = 0.5 * ((-pi01 * s01 + pi11 * s11 + pi12 * s12 + pi13 * s13) + (-pi01 * s01 + pi11 * s11 + pi12 * s12 + pi13 * s13)) - deltaIJ * piSigma * THIRD;
                        second = -(4.0 / 3.0) * pi11 * theta - (10.0 / 7.0) * a - 1.2 * bulkPressure * s11;
                        if (phi7) {
                            double b = (-pi01 * pi01 + pi11 * pi11 + pi12 * pi12 + pi13 * pi13) - deltaIJ * piPi * THIRD;
                            second -= phi7OverTau * b;
                        }
                        if (vorticity) {
                            second += (-(-o01) * pi01 + 0.0 * pi11 + o12 * pi12 + o13 * pi13) - (-pi01 * o01 + pi11 * 0.0 + pi12 * (-o12) + pi13 * (-o13));
                        }
                    }
                    shearOut0[p] = (u1 * w1 + u1 * w1 + second) * inverseGamma;
                }
                // π^{yy}
                shearTarget1[p] = -2.0 * eta * s22;
                if (explicitShear) {
                    double second = 0.0;
                    if (secondOrder) {
                        double deltaIJ = 1.0 + u2 * u2;
                        double a = 0.5 * ((-pi02 * s02 + pi12 * s12 + pi22 * s22 + pi23 * s23) + (-pi02 * s02 + pi12 * s12 + pi22 * s22 + pi23 * s23)) - deltaIJ * piSigma * THIRD;
                        second = -(4.0 / 3.0) * pi22 * theta - (10.0 / 7.0) * a - 1.2 * bulkPressure * s22;
                        if (phi7) {
                            double b = (-pi02 * pi02 + pi12 * pi12 + pi22 * pi22 + pi23 * pi23) - deltaIJ * piPi * THIRD;
                            second -= phi7OverTau * b;
                        }
                        if (vorticity) {
                            second += (-(-o02) * pi02 + (-o12) * pi12 + 0.0 * pi22 + o23 * pi23) - (-pi02 * o02 + pi12 * o12 + pi22 * 0.0 + pi23 * (-o23));
                        }
                    }
                    shearOut1[p] = (u2 * w2 + u2 * w2 + second) * inverseGamma;
                }
                // π^{xy}
                shearTarget2[p] = -2.0 * eta * s12;
                if (explicitShear) {
                    double second = 0.0;
                    if (secondOrder) {
                        double deltaIJ = 0.0 + u1 * u2;
                        double a = 0.5 * ((-pi01 * s02 + pi11 * s12 + pi12 * s22 + pi13 * s23) + (-pi02 * s01 + pi12 * s11 + pi22 * s12 + pi23 * s13)) - deltaIJ * piSigma * THIRD;
                        second = -(4.0 / 3.0) * pi12 * theta - (10.0 / 7.0) * a - 1.2 * bulkPressure * s12;
                        if (phi7) {
                            double b = (-pi01 * pi02 + pi11 * pi12 + pi12 * pi22 + pi13 * pi23) - deltaIJ * piPi * THIRD;
                            second -= phi7OverTau * b;
                        }
                        if (vorticity) {
                            second += (-(-o01) * pi02 + 0.0 * pi12 + o12 * pi22 + o13 * pi23) - (-pi01 * o02 + pi11 * o12 + pi12 * 0.0 + pi13 * (-o23));
                        }
                    }
                    shearOut2[p] = (u1 * w2 + u2 * w1 + second) * inverseGamma;
                }
                // π^{xz}
                shearTarget3[p] = -2.0 * eta * s13;
                if (explicitShear) {
                    double second = 0.0;
                    if (secondOrder) {
                        double deltaIJ = 0.0 + u1 * u3;
                        double a = 0.5 * ((-pi01 * s03 + pi11 * s13 + pi12 * s23 + pi13 * s33) + (-pi03 * s01 + pi13 * s11 + pi23 * s12 + pi33 * s13)) - deltaIJ * piSigma * THIRD;
                        second = -(4.0 / 3.0) * pi13 * theta - (10.0 / 7.0) * a - 1.2 * bulkPressure * s13;
                        if (phi7) {
                            double b = (-pi01 * pi03 + pi11 * pi13 + pi12 * pi23 + pi13 * pi33) - deltaIJ * piPi * THIRD;
                            second -= phi7OverTau * b;
                        }
                        if (vorticity) {
                            second += (-(-o01) * pi03 + 0.0 * pi13 + o12 * pi23 + o13 * pi33) - (-pi01 * o03 + pi11 * o13 + pi12 * o23 + pi13 * 0.0);
                        }
                    }
                    shearOut3[p] = (u1 * w3 + u3 * w1 + second) * inverseGamma;
                }
                // π^{yz}
                shearTarget4[p] = -2.0 * eta * s23;
                if (explicitShear) {
                    double second = 0.0;
                    if (secondOrder) {
                        double deltaIJ = 0.0 + u2 * u3;
                        double a = 0.5 * ((-pi02 * s03 + pi12 * s13 + pi22 * s23 + pi23 * s33) + (-pi03 * s02 + pi13 * s12 + pi23 * s22 + pi33 * s23)) - deltaIJ * piSigma * THIRD;
                        second = -(4.0 / 3.0) * pi23 * theta - (10.0 / 7.0) * a - 1.2 * bulkPressure * s23;
                        if (phi7) {
                            double b = (-pi02 * pi03 + pi12 * pi13 + pi22 * pi23 + pi23 * pi33) - deltaIJ * piPi * THIRD;
                            second -= phi7OverTau * b;
                        }
                        if (vorticity) {
                            second += (-(-o02) * pi03 + (-o12) * pi13 + 0.0 * pi23 + o23 * pi33) - (-pi02 * o03 + pi12 * o13 + pi22 * o23 + pi23 * 0.0);
                        }
                    }
                    shearOut4[p] = (u2 * w3 + u3 * w2 + second) * inverseGamma;
                }
            }
        }
    }

    /** (A·G·B)^{ij} = Σ_a A^{ia} g_aa B^{aj}. */
    private static double productGMetric(double[] a, double[] b, int i, int j) {
        return -a[4 * i] * b[j] + a[4 * i + 1] * b[4 + j] + a[4 * i + 2] * b[8 + j] + a[4 * i + 3] * b[12 + j];
    }

    /** A:B = Σ_{μν} g_μμ g_νν A^{μν} B^{μν}. */
    private static double contract(double[] a, double[] b) {
        double sum = 0.0;
        for (int mu = 0; mu < 4; mu++) {
            for (int nu = 0; nu < 4; nu++) {
                sum += METRIC[mu] * METRIC[nu] * a[4 * mu + nu] * b[4 * mu + nu];
            }
        }
        return sum;
    }
}
