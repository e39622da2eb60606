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
        this.recovery = new PrimitiveRecovery(spectral.grid(), eos, shear, workers);
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

    /** The primitives of the last pass (ε, v, reconstructed π). */
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
                spectral.gradient(primitives.energyDensity, gradEnergy[0], gradEnergy[1], gradEnergy[2]);
                spectral.gradient(primitives.vx, gradVelocity[0][0], gradVelocity[1][0], gradVelocity[2][0]);
                spectral.gradient(primitives.vy, gradVelocity[0][1], gradVelocity[1][1], gradVelocity[2][1]);
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
                        advect(y[Field.BULK.ordinal()], explicit[Field.BULK.ordinal()]);
                    }
                    if (shear) {
                        for (Field f : Field.SHEAR) {
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
     * The fused pointwise loop: kinematics (4.2)–(4.9), fluxes (1.2), the stiff data of (4.15) and
     * the explicit sources of (4.10) and (4.12) (without advection, added afterwards).
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
            workers.forEachChunk(points, Workers.HEAVY_GRAIN, kernel);
        } finally {
            passState = null;
        }
    }

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
