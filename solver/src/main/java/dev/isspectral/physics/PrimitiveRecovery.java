package dev.isspectral.physics;

import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.CacheLines;
import dev.isspectral.parallel.Workers;

/**
 * Recovers (ε, v) and the dependent shear components from the evolved state, point by point
 * (physics.md §5). With π ≠ 0 the velocity enters the reconstruction of π^0ν (1.3)–(1.5), so the
 * inversion is iterated from the previous velocity until max_i |Δv^i| ≤ 1e-14 (at most 100
 * iterations); each iteration is an ideal-fluid inversion with pressure P + Π, closed form (5.1)
 * for a constant-c_s² EOS, a safeguarded Newton–bisection otherwise.
 *
 * <p>The fixed point v = G(v) of that map is found by safeguarded Newton steps with G's analytic
 * Jacobian (default): 2 evaluations of G per point where the plain map needs 3, and 3–5 instead of
 * 10–60 with strong shear stress or a poor guess. Convergence test, tolerance, iteration limit and
 * failure reports are those of the plain map, which {@code -Disspectral.recovery.method=fixed-point}
 * selects (kept to measure against); both run the one loop of {@code recoverTile}, the plain map
 * with the Newton steps switched off.
 *
 * <p>The points of a tile of {@value #LANE_TILE} are iterated in rounds: each round evaluates G for every point not
 * yet done lane-wise, in short branch-free loops over the tile that the JIT vectorizes (with shear evolved; see
 * {@code LaneMap}), then takes each point's decision alone. Every point goes through its own sequence of operations,
 * so the results do not depend on the tile, the rounds or the team size; the first failing point of a tile is the one
 * reported.
 *
 * <p>Keeps iteration statistics of the last call. Allocates nothing per call.
 */
public final class PrimitiveRecovery {

    /** Convergence tolerance on the velocity, absolute (physics.md §5 step 5). */
    public static final double VELOCITY_TOLERANCE = 1e-14;

    /** Most iterations before giving up (physics.md §5 step 5). */
    public static final int MAX_ITERATIONS = 100;

    /**
     * System property choosing the iteration, read when a recovery is built: {@code newton} (default)
     * or {@code fixed-point} (the plain map of physics.md §5, kept to measure against). Both stop on the
     * same test, |G(v) − v| ≤ {@link #VELOCITY_TOLERANCE} for the map G of steps 1–4, and return G(v).
     */
    public static final String METHOD_PROPERTY = "isspectral.recovery.method";

    /** Points per tile when a producer writes the state just before its recovery (the ten fields of a tile: 40 kB). */
    public static final int PRODUCER_TILE = 512;

    private final Grid grid;
    private final Eos eos;
    private final double cs2;
    private final boolean closedForm;
    private final boolean shear;
    private final Workers workers;
    private final boolean storeDependentShear;
    private final long[] chunkIterations;
    private final int[] chunkMaxIterations;
    private final boolean newton;
    private final double[][] newtonSteps;
    private final boolean lanes;
    private final TileState[] tiles;
    private final Task task = new Task();
    private long totalIterations;
    private int maxIterations;
    /** Whether the usual two rounds run lane-wise ({@link #twoRounds}); off only in tests, to compare against. */
    private boolean usualRoundsLaneWise = true;
    private final long[] chunkUsual;
    private long usualPoints;
    private long step;
    private int stage;

    /** Recovery on {@code grid} with {@code eos}; {@code shear} says whether π is evolved. One thread. */
    public PrimitiveRecovery(Grid grid, Eos eos, boolean shear) {
        this(grid, eos, shear, Workers.create(1));
    }

    /** As above, with the points split over {@code workers} (results do not depend on the team size). */
    public PrimitiveRecovery(Grid grid, Eos eos, boolean shear, Workers workers) {
        this(grid, eos, shear, workers, true);
    }

    /**
     * As above; without {@code storeDependentShear} only ε and v are written, not the dependent shear
     * components π^zz, π^0i, π^00 (a caller that rebuilds them from v saves five output streams).
     */
    public PrimitiveRecovery(Grid grid, Eos eos, boolean shear, Workers workers, boolean storeDependentShear) {
        this.storeDependentShear = storeDependentShear;
        this.grid = grid;
        this.eos = eos;
        this.cs2 = eos.constantSoundSpeedSquared();
        this.closedForm = !Double.isNaN(cs2);
        this.shear = shear;
        this.workers = workers;
        this.chunkIterations = new long[workers.size()];
        this.chunkMaxIterations = new int[workers.size()];
        this.chunkUsual = new long[workers.size()];
        String method = System.getProperty(METHOD_PROPERTY, "newton");
        if (!method.equals("newton") && !method.equals("fixed-point")) {
            throw new IllegalArgumentException("system property " + METHOD_PROPERTY + " = '" + method
                    + "': allowed are 'newton' (default) and 'fixed-point'");
        }
        this.newton = method.equals("newton");
        this.newtonSteps = new double[workers.size()][5];   // Newton step (3), then the dependent components (5)
        this.lanes = shear;
        this.tiles = new TileState[workers.size()];
        for (int c = 0; c < tiles.length; c++) {
            tiles[c] = new TileState();
        }
    }

    /** Points per tile of {@link #recoverTile}: the map's 25 arrays (inputs and values) and the iteration state: 66 kB. */
    static final int LANE_TILE = 256;

    /** One thread's state of a tile's points between rounds of {@link #recoverTile}, reused for every tile. */
    private final class TileState {
        final LaneMap map = new LaneMap();
        final int[] iterations = new int[LANE_TILE];
        final boolean[] useNewton = new boolean[LANE_TILE];
        final boolean[] fromNewton = new boolean[LANE_TILE];
        final boolean[] pending = new boolean[LANE_TILE];
        /** Whether a point's first round of {@link #twoRounds} went as usual, then whether its second did too. */
        final boolean[] usual = new boolean[LANE_TILE];
        final double[] lastResidual = new double[LANE_TILE];
        // G at the last admissible point reached by a plain step, to fall back to
        final double[] gx = new double[LANE_TILE];
        final double[] gy = new double[LANE_TILE];
        final double[] gz = new double[LANE_TILE];
        // this round's Newton candidates: their points, and their ε and v/M at v (G(v) waits in gx, gy, gz)
        final int[] newton = new int[LANE_TILE];
        final double[] energy = new double[LANE_TILE];
        final double[] scale = new double[LANE_TILE];

        /** The first of the n points still pending, n if none. */
        int firstPending(int n) {
            int q = 0;
            while (q < n && !pending[q]) {
                q++;
            }
            return q;
        }

        /** One past the last of the n points still pending, 0 if none. */
        int endPending(int n) {
            int q = n;
            while (q > 0 && !pending[q - 1]) {
                q--;
            }
            return q;
        }

        /** The state of n points before their first round: pending, no iteration, Newton steps as the method says. */
        void reset(int n, boolean newtonSteps) {
            for (int q = 0; q < n; q++) {
                iterations[q] = 0;
                useNewton[q] = newtonSteps;
                fromNewton[q] = false;
                lastResidual[q] = Double.POSITIVE_INFINITY;
                pending[q] = true;
            }
        }
    }

    /**
     * The map G at each point's current v for a tile of points, lane-wise: the dependent components of π at v, Ẽ, M̃,
     * M² and the root of (5.1) before its admissibility is checked (used for the closed form, constant c_s²); other
     * equations of state take their root per point ({@link #iterativeScale}). Computed for every point as if its shear
     * were nonzero: a point with none takes {@link #mapAtRest} instead. Transport with shear only.
     *
     * <p>Written for C2's auto-vectorizer (SuperWord, JDK 17), which only vectorizes a loop it can unroll: a body of
     * more than about 60 nodes (LoopUnrollLimit), in practice more than about seven array accesses, stays scalar, and
     * so does a loop that indexes the grid's arrays at from + q and the tile's at q. So the tile's inputs are first
     * copied into arrays of the tile (array copies), and the map is a sequence of short loops over the tile, each
     * reading a few arrays and writing one or two, every point's arithmetic in the order of the one-point formulas
     * (same bits).
     */
    private final class LaneMap {
        private final CacheLines.Group lines = new CacheLines.Group();
        // the tile's inputs: evolved π^ij, current v, T^0ν, Π
        final double[] xx = lines.allocate(LANE_TILE);
        final double[] yy = lines.allocate(LANE_TILE);
        final double[] xy = lines.allocate(LANE_TILE);
        final double[] xz = lines.allocate(LANE_TILE);
        final double[] yz = lines.allocate(LANE_TILE);
        final double[] vx = lines.allocate(LANE_TILE);
        final double[] vy = lines.allocate(LANE_TILE);
        final double[] vz = lines.allocate(LANE_TILE);
        final double[] t00 = lines.allocate(LANE_TILE);
        final double[] t0x = lines.allocate(LANE_TILE);
        final double[] t0y = lines.allocate(LANE_TILE);
        final double[] t0z = lines.allocate(LANE_TILE);
        final double[] bulk = lines.allocate(LANE_TILE);
        // the map's values
        final double[] inverseTransverse = lines.allocate(LANE_TILE);
        final double[] zz = lines.allocate(LANE_TILE);
        final double[] p0x = lines.allocate(LANE_TILE);
        final double[] p0y = lines.allocate(LANE_TILE);
        final double[] p0z = lines.allocate(LANE_TILE);
        final double[] p00 = lines.allocate(LANE_TILE);
        final double[] energyTilde = lines.allocate(LANE_TILE);
        final double[] mx = lines.allocate(LANE_TILE);
        final double[] my = lines.allocate(LANE_TILE);
        final double[] mz = lines.allocate(LANE_TILE);
        final double[] m2 = lines.allocate(LANE_TILE);
        final double[] root = lines.allocate(LANE_TILE);
        // the lane-wise Newton step of the usual two rounds (twoRounds): the residual G(v) − v, the step's
        // intermediates in the order of newtonStep and solve, and the new velocity w = v + δ
        final double[] rx = lines.allocate(LANE_TILE);
        final double[] ry = lines.allocate(LANE_TILE);
        final double[] rz = lines.allocate(LANE_TILE);
        final double[] d = lines.allocate(LANE_TILE);
        final double[] ds = lines.allocate(LANE_TILE);
        final double[] sigmaE = lines.allocate(LANE_TILE);
        final double[] sigmaM2 = lines.allocate(LANE_TILE);
        final double[] qx = lines.allocate(LANE_TILE);
        final double[] qy = lines.allocate(LANE_TILE);
        final double[] qz = lines.allocate(LANE_TILE);
        final double[] zx = lines.allocate(LANE_TILE);
        final double[] zy = lines.allocate(LANE_TILE);
        final double[] zzz = lines.allocate(LANE_TILE);
        final double[] ax = lines.allocate(LANE_TILE);
        final double[] ay = lines.allocate(LANE_TILE);
        final double[] az = lines.allocate(LANE_TILE);
        final double[] a11 = lines.allocate(LANE_TILE);
        final double[] a12 = lines.allocate(LANE_TILE);
        final double[] a13 = lines.allocate(LANE_TILE);
        final double[] a21 = lines.allocate(LANE_TILE);
        final double[] a22 = lines.allocate(LANE_TILE);
        final double[] a23 = lines.allocate(LANE_TILE);
        final double[] a31 = lines.allocate(LANE_TILE);
        final double[] a32 = lines.allocate(LANE_TILE);
        final double[] a33 = lines.allocate(LANE_TILE);
        final double[] c11 = lines.allocate(LANE_TILE);
        final double[] c12 = lines.allocate(LANE_TILE);
        final double[] c13 = lines.allocate(LANE_TILE);
        final double[] inverseDet = lines.allocate(LANE_TILE);
        final double[] wx = lines.allocate(LANE_TILE);
        final double[] wy = lines.allocate(LANE_TILE);
        final double[] wz = lines.allocate(LANE_TILE);
        // partial sums of the longer expressions, each rounded to a double as in the one expression
        final double[] partA = lines.allocate(LANE_TILE);
        final double[] partB = lines.allocate(LANE_TILE);
        // G(v) = (v/M) M̃ and what the decisions of a round read: max_i |G(v) − v|, ε, the bound of the plain step's
        // next change, the admissibility limit Ẽ + Π/(1 + c_s²), |w|²
        final double[] gx = lines.allocate(LANE_TILE);
        final double[] gy = lines.allocate(LANE_TILE);
        final double[] gz = lines.allocate(LANE_TILE);
        final double[] change = lines.allocate(LANE_TILE);
        final double[] energy = lines.allocate(LANE_TILE);
        final double[] stress = lines.allocate(LANE_TILE);
        final double[] bound = lines.allocate(LANE_TILE);
        final double[] limit = lines.allocate(LANE_TILE);
        final double[] w2 = lines.allocate(LANE_TILE);

        /** Whether every array still starts a 64-byte line (a garbage collection may have moved them since). */
        boolean onLines() {
            return lines.onLines();
        }

        /**
         * Fills entries [lo, hi) for points from + lo … of state {@code u} at the velocities in {@code out}. The
         * state's inputs are copied into the tile only in a tile's first round ({@code firstRound}); later rounds
         * cover a part of the first round's entries, where only v has changed.
         */
        void evaluate(double[][] u, Primitives out, int from, int lo, int hi, boolean firstRound) {
            int n = hi - lo;
            System.arraycopy(out.vx, from + lo, vx, lo, n);
            System.arraycopy(out.vy, from + lo, vy, lo, n);
            System.arraycopy(out.vz, from + lo, vz, lo, n);
            if (firstRound) {
                copyInputs(u, from, lo, hi);
            }
            map(lo, hi);
        }

        /** The evolved π^ij, T^0ν and Π of points from + lo … into entries [lo, hi). */
        private void copyInputs(double[][] u, int from, int lo, int hi) {
            int n = hi - lo;
            System.arraycopy(u[5], from + lo, xx, lo, n);
            System.arraycopy(u[6], from + lo, yy, lo, n);
            System.arraycopy(u[7], from + lo, xy, lo, n);
            System.arraycopy(u[8], from + lo, xz, lo, n);
            System.arraycopy(u[9], from + lo, yz, lo, n);
            System.arraycopy(u[0], from + lo, t00, lo, n);
            System.arraycopy(u[1], from + lo, t0x, lo, n);
            System.arraycopy(u[2], from + lo, t0y, lo, n);
            System.arraycopy(u[3], from + lo, t0z, lo, n);
            System.arraycopy(u[4], from + lo, bulk, lo, n);
        }

        /** The map at w instead of v for entries [0, n) (the inputs are those of the first round). */
        void evaluateAtW(int n) {
            System.arraycopy(wx, 0, vx, 0, n);
            System.arraycopy(wy, 0, vy, 0, n);
            System.arraycopy(wz, 0, vz, 0, n);
            map(0, n);
        }

        /**
         * From the map at v (entries [0, n)), as if every point were admissible: the residual r = G(v) − v with
         * G(v) = root · M̃, and the Newton step of {@link #newtonStep} and {@link #solve} for every point, w = v + δ
         * (constant c_s² {@code c2}). The same formula functions as those two methods ({@link #newtonScaling} …
         * {@link #cramerTail}), called entry by entry in loops short enough for C2 to vectorize: the same bits.
         */
        void newtonLanes(int n, double c2) {
            difference(n, gx, vx, rx);
            difference(n, gy, vy, ry);
            difference(n, gz, vz, rz);
            for (int q = 0; q < n; q++) {
                d[q] = newtonScaling(c2, m2[q], root[q]);
            }
            for (int q = 0; q < n; q++) {
                ds[q] = d[q] * root[q];
                sigmaE[q] = sigmaEnergy(root[q], c2);
                sigmaM2[q] = sigmaMomentum(root[q], c2);
            }
            for (int q = 0; q < n; q++) {
                qx[q] = p0x[q] * inverseTransverse[q];
                qy[q] = p0y[q] * inverseTransverse[q];
                qz[q] = p0z[q] * inverseTransverse[q];
            }
            for (int q = 0; q < n; q++) {
                zx[q] = zRow(xz[q], vz[q], qx[q]);
                zy[q] = zRow(yz[q], vz[q], qy[q]);
            }
            for (int q = 0; q < n; q++) {
                zzz[q] = zRow(zz[q], vz[q], qz[q]);
            }
            rowProductLanes(n, xx, xy, zx, ax);
            rowProductLanes(n, xy, yy, zy, ay);
            rowProductLanes(n, xz, yz, zzz, az);
            for (int q = 0; q < n; q++) {
                ax[q] = momentumRow(sigmaE[q], qx[q], sigmaM2[q], ax[q]);
            }
            for (int q = 0; q < n; q++) {
                ay[q] = momentumRow(sigmaE[q], qy[q], sigmaM2[q], ay[q]);
            }
            for (int q = 0; q < n; q++) {
                az[q] = momentumRow(sigmaE[q], qz[q], sigmaM2[q], az[q]);
            }
            matrixLanes(n);
            cofactorLanes(n, a22, a33, a23, a32, c11);
            cofactorLanes(n, a23, a31, a21, a33, c12);
            cofactorLanes(n, a21, a32, a22, a31, c13);
            for (int q = 0; q < n; q++) {
                partA[q] = expansionHead(a11[q], c11[q], a12[q], c12[q]);
            }
            for (int q = 0; q < n; q++) {
                inverseDet[q] = scaledInverseDeterminant(d[q], partA[q], a13[q], c13[q]);
            }
            stepComponent(n, vx, c11, a13, a32, a12, a33, a12, a23, a13, a22, wx);
            stepComponent(n, vy, c12, a11, a33, a13, a31, a13, a21, a11, a23, wy);
            stepComponent(n, vz, c13, a12, a31, a11, a32, a11, a22, a12, a21, wz);
        }

        /** out = a − b, entries [0, n). */
        private void difference(int n, double[] a, double[] b, double[] out) {
            for (int q = 0; q < n; q++) {
                out[q] = a[q] - b[q];
            }
        }

        /** A row (r1, r2, r3) of P times M̃ ({@link Kinematics#dot}), entries [0, n), in two loops. */
        private void rowProductLanes(int n, double[] r1, double[] r2, double[] r3, double[] out) {
            for (int q = 0; q < n; q++) {
                out[q] = Kinematics.dotHead(r1[q], r2[q], mx[q], my[q]);
            }
            for (int q = 0; q < n; q++) {
                out[q] = Kinematics.dotRest(out[q], r3[q], mz[q]);
            }
        }

        /** out = {@link PrimitiveRecovery#cofactor}(a, b, c, e), entries [0, n). */
        private void cofactorLanes(int n, double[] a, double[] b, double[] c, double[] e, double[] out) {
            for (int q = 0; q < n; q++) {
                out[q] = cofactor(a[q], b[q], c[q], e[q]);
            }
        }

        /**
         * w = v + {@link PrimitiveRecovery#cramerTail}({@link PrimitiveRecovery#cramerHead}(cf, r_x, cofactor(a, b, c,
         * e), r_y), cofactor(f, g, h, k), r_z): one component of {@link #solve}'s step added to v, entries [0, n).
         */
        private void stepComponent(int n, double[] v, double[] cf, double[] a, double[] b, double[] c, double[] e,
                                   double[] f, double[] g, double[] h, double[] k, double[] w) {
            cofactorLanes(n, a, b, c, e, partA);
            for (int q = 0; q < n; q++) {
                partA[q] = cramerHead(cf[q], rx[q], partA[q], ry[q]);
            }
            cofactorLanes(n, f, g, h, k, partB);
            for (int q = 0; q < n; q++) {
                w[q] = v[q] + cramerTail(partA[q], partB[q], rz[q], inverseDet[q]);
            }
        }

        /**
         * G(v) = root · M̃, ε = Ẽ − M² root, the change max_i |G(v) − v| and the admissibility limit of
         * {@link #closedFormAdmissible} for entries [0, n), as {@link #recoverTile} computes them per point.
         */
        void decisionLanes(int n, double cs2) {
            for (int q = 0; q < n; q++) {
                gx[q] = root[q] * mx[q];
                gy[q] = root[q] * my[q];
                gz[q] = root[q] * mz[q];
            }
            for (int q = 0; q < n; q++) {
                energy[q] = restFrameEnergy(energyTilde[q], m2[q], root[q]);
            }
            for (int q = 0; q < n; q++) {
                change[q] = largestChange(gx[q] - vx[q], gy[q] - vy[q], gz[q] - vz[q]);
            }
            for (int q = 0; q < n; q++) {
                limit[q] = admissibleLimit(energyTilde[q], bulk[q], cs2);
            }
        }

        /** The bound 4 (v/M) |π| change / (1 − v_z²) of the plain step's next change, and |w|², entries [0, n). */
        void plainBoundLanes(int n) {
            for (int q = 0; q < n; q++) {
                stress[q] = stressSize(xx[q], yy[q], zz[q], xy[q], xz[q], yz[q]);
            }
            for (int q = 0; q < n; q++) {
                bound[q] = plainStepBound(root[q], stress[q], inverseTransverse[q], change[q]);
            }
            for (int q = 0; q < n; q++) {
                w2[q] = squaredNorm(wx[q], wy[q], wz[q]);
            }
        }

        /** Whether entry q is admissible (step 2), from the lanes' limit: {@link #closedFormAdmissible}'s test. */
        boolean admissible(int q) {
            return belowLimit(energyTilde[q], m2[q], limit[q]);
        }

        /** The matrix d A of {@link #solve}, entries [0, n). */
        private void matrixLanes(int n) {
            for (int q = 0; q < n; q++) {
                a11[q] = diagonalEntry(d[q], ds[q], xx[q], mx[q], ax[q]);
                a12[q] = offDiagonalEntry(ds[q], xy[q], mx[q], ay[q]);
            }
            for (int q = 0; q < n; q++) {
                a13[q] = offDiagonalEntry(ds[q], xz[q], mx[q], az[q]);
                a21[q] = offDiagonalEntry(ds[q], xy[q], my[q], ax[q]);
            }
            for (int q = 0; q < n; q++) {
                a22[q] = diagonalEntry(d[q], ds[q], yy[q], my[q], ay[q]);
                a23[q] = offDiagonalEntry(ds[q], yz[q], my[q], az[q]);
            }
            for (int q = 0; q < n; q++) {
                a31[q] = offDiagonalEntry(ds[q], zx[q], mz[q], ax[q]);
                a32[q] = offDiagonalEntry(ds[q], zy[q], mz[q], ay[q]);
            }
            for (int q = 0; q < n; q++) {
                a33[q] = diagonalEntry(d[q], ds[q], zzz[q], mz[q], az[q]);
            }
        }

        /** The map at the tile's inputs and v, entries [lo, hi). */
        private void map(int lo, int hi) {
            for (int q = lo; q < hi; q++) {
                inverseTransverse[q] = 1 / StressTensor.transverseFactor(vz[q]);
            }
            for (int q = lo; q < hi; q++) {
                zz[q] = StressTensor.zzNumeratorHead(vx[q], vy[q], xx[q], yy[q], xy[q]);
            }
            for (int q = lo; q < hi; q++) {
                zz[q] = StressTensor.zzNumeratorRest(vx[q], vy[q], vz[q], xz[q], yz[q], zz[q]);
            }
            for (int q = lo; q < hi; q++) {
                zz[q] = zz[q] * inverseTransverse[q];
            }
            for (int q = lo; q < hi; q++) {
                p0x[q] = StressTensor.timeComponent(xx[q], xy[q], xz[q], vx[q], vy[q], vz[q]);
            }
            for (int q = lo; q < hi; q++) {
                p0y[q] = StressTensor.timeComponent(xy[q], yy[q], yz[q], vx[q], vy[q], vz[q]);
            }
            for (int q = lo; q < hi; q++) {
                p0z[q] = StressTensor.timeComponent(xz[q], yz[q], zz[q], vx[q], vy[q], vz[q]);
            }
            for (int q = lo; q < hi; q++) {
                p00[q] = StressTensor.timeComponent(p0x[q], p0y[q], p0z[q], vx[q], vy[q], vz[q]);
            }
            for (int q = lo; q < hi; q++) {
                energyTilde[q] = t00[q] - p00[q];
            }
            for (int q = lo; q < hi; q++) {
                mx[q] = t0x[q] - p0x[q];
                my[q] = t0y[q] - p0y[q];
            }
            for (int q = lo; q < hi; q++) {
                mz[q] = t0z[q] - p0z[q];
            }
            for (int q = lo; q < hi; q++) {
                m2[q] = squaredNorm(mx[q], my[q], mz[q]);
            }
            for (int q = lo; q < hi; q++) {
                root[q] = closedFormRoot(energyTilde[q], m2[q], bulk[q], cs2);
            }
        }
    }

    /** The iteration this recovery uses: "newton" (default) or "fixed-point" (the plain map, kept for comparison). */
    public String method() {
        return newton ? "newton" : "fixed-point";
    }

    /** Sets the step and stage that error messages name. */
    public void position(long step, int stage) {
        this.step = step;
        this.stage = stage;
    }

    /** Iterations summed over all points in the last call. */
    public long lastTotalIterations() {
        return totalIterations;
    }

    /** Points of the last call finished by the lane-wise two rounds ({@link #twoRounds}). */
    long lastUsualPoints() {
        return usualPoints;
    }

    /** This recovery with every point iterated by {@link #recoverTile}'s rounds alone (for tests that compare). */
    PrimitiveRecovery withoutLaneWiseTwoRounds() {
        usualRoundsLaneWise = false;
        return this;
    }

    /** Largest iteration count of any point in the last call. */
    public int lastMaxIterations() {
        return maxIterations;
    }

    /**
     * Recovers the primitives of state {@code u} (indexed by {@code Field} ordinal) into
     * {@code out}; {@code out}'s velocity is the initial guess and is overwritten.
     *
     * @throws RecoveryException at the first point where recovery fails
     */
    public void recover(double[][] u, Primitives out) {
        recover(null, u, out);
    }

    /**
     * As {@link #recover(double[][], Primitives)}, with the points of {@code u} written first by {@code producer}
     * (null: u is ready), tile by tile ({@link #PRODUCER_TILE} points) just before they are recovered, so u is
     * read back from cache. The same results as running the producer over all points first.
     */
    public void recover(Workers.Chunk producer, double[][] u, Primitives out) {
        java.util.Arrays.fill(chunkIterations, 0);
        java.util.Arrays.fill(chunkMaxIterations, 0);
        java.util.Arrays.fill(chunkUsual, 0);
        task.prepare(u, out, producer);
        try {
            workers.forEachPiece(u[0].length, Workers.HEAVY_GRAIN, task);
        } finally {
            task.clear();
        }
        long total = 0;
        int max = 0;
        long usual = 0;
        for (int c = 0; c < workers.size(); c++) {
            total += chunkIterations[c];
            max = Math.max(max, chunkMaxIterations[c]);
            usual += chunkUsual[c];
            chunkIterations[c] = 0;
            chunkMaxIterations[c] = 0;
            chunkUsual[c] = 0;
        }
        totalIterations = total;
        maxIterations = max;
        usualPoints = usual;
    }

    /** The recovery of one call as a prepared worker task: {@link #prepare} takes the state, the output and the producer. */
    private final class Task implements Workers.Chunk {
        private double[][] u;
        private Primitives out;
        private Workers.Chunk producer;

        void prepare(double[][] u, Primitives out, Workers.Chunk producer) {
            this.u = u;
            this.out = out;
            this.producer = producer;
        }

        void clear() {
            u = null;
            out = null;
            producer = null;
        }

        @Override
        public void run(int chunk, int from, int to) {
            if (lanes && !tiles[chunk].map.onLines()) {
                tiles[chunk] = new TileState();   // a collection moved its arrays off their lines; it holds nothing between calls
            }
            if (producer == null) {
                recoverChunk(chunk, from, to, u, out);
                return;
            }
            for (int t0 = from; t0 < to; t0 += PRODUCER_TILE) {
                int t1 = Math.min(to, t0 + PRODUCER_TILE);
                producer.run(chunk, t0, t1);
                recoverChunk(chunk, t0, t1, u, out);
            }
        }
    }

    /**
     * Recovers the points [from, to) in tiles of {@link #LANE_TILE} and adds their iteration counts to the chunk's
     * statistics: the points that take the usual two rounds by {@link #twoRounds} (shear evolved, constant c_s²,
     * Newton steps), all others by the rounds of {@link #recoverTile}.
     */
    private void recoverChunk(int chunk, int from, int to, double[][] u, Primitives out) {
        TileState st = tiles[chunk];
        for (int t0 = from; t0 < to; t0 += LANE_TILE) {
            int n = Math.min(to, t0 + LANE_TILE) - t0;
            st.reset(n, newton);
            int usual = lanes && closedForm && newton && usualRoundsLaneWise
                    ? twoRounds(st, t0, n, u, out, newtonSteps[chunk]) : 0;
            if (usual > 0) {
                chunkUsual[chunk] += usual;
                chunkIterations[chunk] += 2L * usual;
                chunkMaxIterations[chunk] = Math.max(chunkMaxIterations[chunk], 2);
            }
            if (usual < n) {
                recoverTile(chunk, t0, t0 + n, u, out);
            }
        }
    }

    /**
     * Recovers the points [from, to) of one tile, the iteration of every point advanced in rounds: each round evaluates
     * the map G (steps 1–4: dependent components at v, Ẽ and M̃, then v/M from (5.1) or the Newton–bisection root) once
     * for each point not yet done, lane-wise for the whole tile where it can ({@link LaneMap}: with shear evolved),
     * then takes each such point's decision alone. A point's own sequence of operations is that of iterating it to
     * the end by itself, so the bits do not depend on its neighbours, the tile or the rounds. The loop stops on
     * max_i |G(v) − v| ≤ 1e-14 with result G(v). The plain method ({@code fixed-point}) always steps to v = G(v);
     * the default takes safeguarded Newton steps on H(v) = G(v) − v with the analytic Jacobian of G
     * ({@link #newtonStep}) while they shrink the residual. A Newton step that leaves |v| < 1, is not finite or lands
     * on an inadmissible point returns this point to plain steps (from the last G(v) evaluated at an admissible
     * point), so the failures reported are those of the plain map; of several failing points the first in the tile is
     * reported, as a point-by-point loop would. A point's current v lives in {@code out}'s velocity between rounds; no
     * |M̃| square root on the closed-form path: only M² enters (5.1) and ε = Ẽ − M² v/M, with
     * v/M = 2/(B + sqrt(B² − 4c_s²M²)). The decisions live in this one method: a per-point call to a method of ~900
     * bytecodes is above the JIT's FreqInlineSize (325), so it would stay a real call per point (register spills of
     * every live double).
     */
    private void recoverTile(int chunk, int from, int to, double[][] u, Primitives out) {
        TileState st = tiles[chunk];
        LaneMap map = st.map;
        double[] delta = newtonSteps[chunk];
        int n = to - from;
        long total = 0;
        int max = 0;
        int lo = st.firstPending(n);
        int hi = st.endPending(n);           // the points not yet done lie in [lo, hi)
        int failAt = n;                      // the first point that failed, and its failure
        RecoveryException failure = null;
        while (lo < hi) {
            if (lanes) {   // a first round when no point of [lo, hi) has been iterated yet, else a later one
                map.evaluate(u, out, from, lo, hi, st.iterations[lo] == 0);
            }
            int nextLo = hi;
            int nextHi = lo - 1;
            int newtons = 0;
            for (int q = lo; q < hi && q < failAt; q++) {
                if (!st.pending[q]) {
                    continue;
                }
                int p = from + q;
                double xx = u[5][p];
                double yy = u[6][p];
                double xy = u[7][p];
                double xz = u[8][p];
                double yz = u[9][p];
                double pi = u[4][p];
                boolean iterate = shear && StressTensor.anyShear(xx, yy, xy, xz, yz);
                double vx = out.vx[p];
                double vy = out.vy[p];
                double vz = out.vz[p];
                int iterations = ++st.iterations[q];
                if (!iterate) {
                    mapAtRest(map, q, p, u);   // no shear: the map without π^0ν (else the lanes' map at this v)
                }
                double zz = map.zz[q];
                double energyTilde = map.energyTilde[q];
                double m2 = map.m2[q];
                double scale = !iterate ? map.root[q] : !closedForm ? iterativeScale(energyTilde, m2, pi)
                        : closedFormAdmissible(energyTilde, m2, pi) ? map.root[q] : Double.NaN;
                boolean done = false;
                if (Double.isNaN(scale)) {
                    RecoveryException bad = notAdmissible(st, q, p, u, out, energyTilde, m2, pi, vx, vy, vz);
                    if (bad != null) {
                        failure = bad;
                        failAt = q;
                        done = true;
                    }
                } else {
                    double nvx = scale * map.mx[q];
                    double nvy = scale * map.my[q];
                    double nvz = scale * map.mz[q];
                    double energy = restFrameEnergy(energyTilde, m2, scale);
                    double rx = nvx - vx;
                    double ry = nvy - vy;
                    double rz = nvz - vz;
                    double change = largestChange(rx, ry, rz);
                    if (!iterate || change <= VELOCITY_TOLERANCE) {
                        done = true;
                        if (!(energy > 0) || Double.isInfinite(energy)) {
                            failure = failure("energy density eps = " + energy + " is not positive and finite", p, u,
                                    nvx, nvy, nvz);
                            failAt = q;
                        } else {
                            store(out, p, energy, nvx, nvy, nvz, zz, xx, yy, xy, xz, yz, iterate, delta);
                            total += iterations;
                            max = Math.max(max, iterations);
                        }
                    } else if (iterations >= MAX_ITERATIONS) {
                        failure = failure("no convergence in " + MAX_ITERATIONS + " iterations (last change in v "
                                + change + "); dissipative stress comparable to eps + P", p, u, nvx, nvy, nvz);
                        failAt = q;
                        done = true;
                    } else {
                        // a plain step when the contraction bound 4 (v/M) |π| / (1 − v_z²) puts the next change low enough
                        boolean plainSuffices = plainStepBound(scale, stressSize(xx, yy, zz, xy, xz, yz),
                                map.inverseTransverse[q], change) <= 0.5 * VELOCITY_TOLERANCE;
                        boolean useNewton = st.useNewton[q];
                        double lastResidual = st.lastResidual[q];
                        if (useNewton && change < lastResidual && !plainSuffices) {
                            // a Newton step from v, taken for all candidates after this loop (newtonSteps)
                            st.lastResidual[q] = change;
                            st.newton[newtons++] = q;
                            st.gx[q] = nvx;
                            st.gy[q] = nvy;
                            st.gz[q] = nvz;
                            st.energy[q] = energy;
                            st.scale[q] = scale;
                        } else {
                            st.useNewton[q] = useNewton && plainSuffices && change < lastResidual;
                            st.lastResidual[q] = change;
                            st.fromNewton[q] = false;
                            out.vx[p] = nvx;
                            out.vy[p] = nvy;
                            out.vz[p] = nvz;
                        }
                    }
                }
                if (done) {
                    st.pending[q] = false;
                } else {
                    nextLo = Math.min(nextLo, q);
                    nextHi = q;
                }
            }
            newtonSteps(st, newtons, from, u, out, delta);
            lo = nextLo;
            hi = Math.min(nextHi + 1, failAt);
        }
        if (failure != null) {
            throw failure;
        }
        chunkIterations[chunk] += total;
        chunkMaxIterations[chunk] = Math.max(chunkMaxIterations[chunk], max);
    }

    /**
     * The two rounds most points take (a first evaluation of G at the guess, a step, a second evaluation that meets
     * the tolerance), for the whole tile lane-wise: G at v, the Newton step of every point ({@link LaneMap#newtonLanes}),
     * G at w, where w = G(v) if the plain step's contraction bound says it suffices, else w = v + δ. A point is finished
     * here only if each of {@link #recoverTile}'s decisions went the usual way: shear present, admissible at v, change
     * above the tolerance, the plain step or a Newton step with |w| < 1, admissible at w, change at w within the
     * tolerance, ε finite and positive. Those decisions on the same values (the same bits) are what {@link #recoverTile} takes,
     * so such a point's result and its count of two evaluations are those of its rounds there. Every other point is
     * left pending with its guess untouched, for {@link #recoverTile}'s rounds from the start. Constant c_s² only.
     *
     * @return the points finished
     */
    private int twoRounds(TileState st, int from, int n, double[][] u, Primitives out, double[] dependent) {
        LaneMap map = st.map;
        map.evaluate(u, out, from, 0, n, true);
        map.decisionLanes(n, cs2);
        map.newtonLanes(n, cs2);
        map.plainBoundLanes(n);
        boolean[] usual = st.usual;
        for (int q = 0; q < n; q++) {
            boolean plainSuffices = map.bound[q] <= 0.5 * VELOCITY_TOLERANCE;
            if (plainSuffices) {   // recoverTile's plain step: w = G(v)
                map.wx[q] = map.gx[q];
                map.wy[q] = map.gy[q];
                map.wz[q] = map.gz[q];
            }
            usual[q] = StressTensor.anyShear(map.xx[q], map.yy[q], map.xy[q], map.xz[q], map.yz[q])
                    & map.admissible(q) & map.change[q] > VELOCITY_TOLERANCE & (plainSuffices | map.w2[q] < 1);
        }
        map.evaluateAtW(n);
        map.decisionLanes(n, cs2);
        int done = 0;
        for (int q = 0; q < n; q++) {
            double energy = map.energy[q];
            boolean finished = usual[q] & map.admissible(q) & map.change[q] <= VELOCITY_TOLERANCE
                    & energy > 0 & energy != Double.POSITIVE_INFINITY;
            usual[q] = finished;
            done += finished ? 1 : 0;
        }
        if (done == n && !storeDependentShear) {
            System.arraycopy(map.energy, 0, out.energyDensity, from, n);
            System.arraycopy(map.gx, 0, out.vx, from, n);
            System.arraycopy(map.gy, 0, out.vy, from, n);
            System.arraycopy(map.gz, 0, out.vz, from, n);
            java.util.Arrays.fill(st.pending, 0, n, false);
            return n;
        }
        for (int q = 0; q < n; q++) {
            if (usual[q]) {
                store(out, from + q, map.energy[q], map.gx[q], map.gy[q], map.gz[q], map.zz[q], map.xx[q], map.yy[q],
                        map.xy[q], map.xz[q], map.yz[q], true, dependent);
                st.pending[q] = false;
            }
        }
        return done;
    }

    /**
     * The Newton steps of a round's candidates ({@code st.newton[0 … count)}): each from its v, with G(v) in
     * {@code st.gx, gy, gz} and ε, v/M at v in {@code st.energy, scale}; a step that leaves |v| < 1 (or is not finite)
     * becomes the plain step to G(v), and the point's Newton steps end. One loop per round, so the step's arithmetic
     * is no call per point.
     */
    private void newtonSteps(TileState st, int count, int from, double[][] u, Primitives out, double[] delta) {
        LaneMap map = st.map;
        for (int k = 0; k < count; k++) {
            int q = st.newton[k];
            int p = from + q;
            double vx = out.vx[p];
            double vy = out.vy[p];
            double vz = out.vz[p];
            double nvx = st.gx[q];
            double nvy = st.gy[q];
            double nvz = st.gz[q];
            newtonStep(delta, st.energy[q], map.m2[q], st.scale[q], map.inverseTransverse[q], map.mx[q], map.my[q],
                    map.mz[q], nvx - vx, nvy - vy, nvz - vz, u[5][p], u[6][p], u[7][p], u[8][p], u[9][p], map.zz[q],
                    map.p0x[q], map.p0y[q], map.p0z[q], vz);
            double wx = vx + delta[0];
            double wy = vy + delta[1];
            double wz = vz + delta[2];
            if (squaredNorm(wx, wy, wz) < 1) { // false for NaN
                out.vx[p] = wx;
                out.vy[p] = wy;
                out.vz[p] = wz;
                st.fromNewton[q] = true;
            } else {
                // as a plain step: the residual did not shrink from the one just recorded, so Newton steps end
                st.useNewton[q] = false;
                st.fromNewton[q] = false;
                out.vx[p] = nvx;
                out.vy[p] = nvy;
                out.vz[p] = nvz;
            }
        }
    }

    /**
     * A point whose state is not admissible at v: back to plain steps from the last G if a Newton step led there
     * (null), else the failure of physics.md §5 step 2.
     */
    private RecoveryException notAdmissible(TileState st, int q, int p, double[][] u, Primitives out, double energyTilde,
                                            double m2, double pi, double vx, double vy, double vz) {
        if (!st.fromNewton[q]) {
            return inadmissible(energyTilde, m2, pi, p, u, vx, vy, vz);
        }
        out.vx[p] = st.gx[q];
        out.vy[p] = st.gy[q];
        out.vz[p] = st.gz[q];
        st.useNewton[q] = false;
        st.fromNewton[q] = false;
        return null;
    }

    /**
     * The map of a point without shear stress (none evolved, or all five components zero), into entry q of {@code map}:
     * π^0ν = 0, so Ẽ and M̃ are the evolved T^00, T^0i, and π^zz = −π^xx − π^yy; its {@code root} is v/M itself (NaN
     * where the state is not admissible).
     */
    private void mapAtRest(LaneMap map, int q, int p, double[][] u) {
        double energyTilde = u[0][p];
        double mx = u[1][p];
        double my = u[2][p];
        double mz = u[3][p];
        double m2 = squaredNorm(mx, my, mz);
        double pi = u[4][p];
        map.inverseTransverse[q] = 0;
        map.zz[q] = shear ? StressTensor.zzAtRest(u[5][p], u[6][p]) : 0;
        map.p0x[q] = 0;
        map.p0y[q] = 0;
        map.p0z[q] = 0;
        map.energyTilde[q] = energyTilde;
        map.mx[q] = mx;
        map.my[q] = my;
        map.mz[q] = mz;
        map.m2[q] = m2;
        map.root[q] = closedForm ? closedFormScale(energyTilde, m2, pi) : iterativeScale(energyTilde, m2, pi);
    }

    /**
     * The Newton correction δ of v into {@code step}: solves (I − J) δ = G(v) − v = r with the analytic
     * Jacobian J of G at the current v. dG = −s P dv + M̃ (a·dv), s = v/M, with dπ^0i = P dv,
     * P = π + 2 v^z e_z q^T, q = π^0·/(1 − v_z²), dπ^00 = 2 q·dv, a = −2 (σ_E q + σ_M2 P^T M̃),
     * σ_E = ∂s/∂Ẽ, σ_M2 = ∂s/∂(M²) (implicit in f(v) = 0). Everything is scaled by
     * d = 1 − c_s² M² s² (= s sqrt(B² − 4c_s²M²) > 0 for (5.1)), so that a single division, by
     * det(d A), remains; the system is solved by Cramer's rule.
     */
    private void newtonStep(double[] step, double energy, double m2, double scale, double inverseTransverse,
                            double mx, double my, double mz, double rx, double ry, double rz,
                            double xx, double yy, double xy, double xz, double yz, double zz,
                            double p0x, double p0y, double p0z, double vz) {
        double c2 = closedForm ? cs2 : eos.soundSpeedSquared(energy);
        double d = newtonScaling(c2, m2, scale);
        double sigmaE = sigmaEnergy(scale, c2);
        double sigmaM2 = sigmaMomentum(scale, c2);
        double qx = p0x * inverseTransverse;
        double qy = p0y * inverseTransverse;
        double qz = p0z * inverseTransverse;
        double zx = zRow(xz, vz, qx);
        double zy = zRow(yz, vz, qy);
        double zzz = zRow(zz, vz, qz);
        double ax = momentumRow(sigmaE, qx, sigmaM2, Kinematics.dot(xx, xy, zx, mx, my, mz));
        double ay = momentumRow(sigmaE, qy, sigmaM2, Kinematics.dot(xy, yy, zy, mx, my, mz));
        double az = momentumRow(sigmaE, qz, sigmaM2, Kinematics.dot(xz, yz, zzz, mx, my, mz));
        solve(step, d, d * scale, mx, my, mz, ax, ay, az, xx, xy, xz, yy, yz, zx, zy, zzz, rx, ry, rz);
    }

    /**
     * δ = d (d A)^{-1} r into {@code step} by Cramer's rule, for d A = d (I + s P) − M̃ (d a)^T of
     * {@link #newtonStep} (ds = d s; rows of P: (xx, xy, xz), (xy, yy, yz), (zx, zy, zzz)). A method of its
     * own so that both stay under the JIT's FreqInlineSize (325 bytecodes) and are inlined into the loop.
     */
    private static void solve(double[] step, double d, double ds, double mx, double my, double mz,
                              double ax, double ay, double az, double xx, double xy, double xz, double yy, double yz,
                              double zx, double zy, double zzz, double rx, double ry, double rz) {
        double a11 = diagonalEntry(d, ds, xx, mx, ax);
        double a12 = offDiagonalEntry(ds, xy, mx, ay);
        double a13 = offDiagonalEntry(ds, xz, mx, az);
        double a21 = offDiagonalEntry(ds, xy, my, ax);
        double a22 = diagonalEntry(d, ds, yy, my, ay);
        double a23 = offDiagonalEntry(ds, yz, my, az);
        double a31 = offDiagonalEntry(ds, zx, mz, ax);
        double a32 = offDiagonalEntry(ds, zy, mz, ay);
        double a33 = diagonalEntry(d, ds, zzz, mz, az);
        double c11 = cofactor(a22, a33, a23, a32);
        double c12 = cofactor(a23, a31, a21, a33);
        double c13 = cofactor(a21, a32, a22, a31);
        double inverseDet = scaledInverseDeterminant(d, expansionHead(a11, c11, a12, c12), a13, c13);
        step[0] = cramerTail(cramerHead(c11, rx, cofactor(a13, a32, a12, a33), ry), cofactor(a12, a23, a13, a22), rz,
                inverseDet);
        step[1] = cramerTail(cramerHead(c12, rx, cofactor(a11, a33, a13, a31), ry), cofactor(a13, a21, a11, a23), rz,
                inverseDet);
        step[2] = cramerTail(cramerHead(c13, rx, cofactor(a12, a31, a11, a32), ry), cofactor(a11, a22, a12, a21), rz,
                inverseDet);
    }

    // The Newton step's formulas, one small function each: newtonStep and solve compose them for a point, LaneMap's
    // loops call them entry by entry (short loops C2 vectorizes), so both compute every intermediate the same way.

    /** d = 1 − c_s² M² s², the scaling of the Newton system. */
    private static double newtonScaling(double c2, double m2, double scale) {
        return 1 - c2 * m2 * scale * scale;
    }

    /** σ_E = ∂s/∂Ẽ = −s² (1 + c_s²). */
    private static double sigmaEnergy(double scale, double c2) {
        return -scale * scale * (1 + c2);
    }

    /** σ_M2 = ∂s/∂(M²) = s³ c_s². */
    private static double sigmaMomentum(double scale, double c2) {
        return scale * scale * scale * c2;
    }

    /** An entry of P's third row: π^{iz} + 2 v^z q_i. */
    private static double zRow(double stress, double vz, double q) {
        return stress + 2 * vz * q;
    }

    /** a_i = −2 (σ_E q_i + σ_M2 (P M̃)_i). */
    private static double momentumRow(double sigmaE, double q, double sigmaM2, double row) {
        return -2 * (sigmaE * q + sigmaM2 * row);
    }

    /** A diagonal entry of d A: d + ds P_ii − M̃_i a_i. */
    private static double diagonalEntry(double d, double ds, double p, double m, double a) {
        return d + ds * p - m * a;
    }

    /** An off-diagonal entry of d A: ds P_ij − M̃_i a_j. */
    private static double offDiagonalEntry(double ds, double p, double m, double a) {
        return ds * p - m * a;
    }

    /** a b − c e: a cofactor of d A (a 2 × 2 determinant). */
    private static double cofactor(double a, double b, double c, double e) {
        return a * b - c * e;
    }

    /** The first two terms of the determinant's expansion along the first row: a11 c11 + a12 c12. */
    private static double expansionHead(double a11, double c11, double a12, double c12) {
        return a11 * c11 + a12 * c12;
    }

    /** d / det(d A), the determinant completed with a13 c13. */
    private static double scaledInverseDeterminant(double d, double head, double a13, double c13) {
        return d / (head + a13 * c13);
    }

    /** The first two terms of a component of Cramer's rule: c1 r_x + c2 r_y. */
    private static double cramerHead(double c1, double rx, double c2, double ry) {
        return c1 * rx + c2 * ry;
    }

    /** A component of δ: (head + c3 r_z) · d / det(d A). */
    private static double cramerTail(double head, double c3, double rz, double inverseDet) {
        return (head + c3 * rz) * inverseDet;
    }

    /**
     * Writes ε and v of point {@code p} and, if this recovery stores them, the dependent shear
     * components: by physics.md eqs. 1.3–1.5 at the converged v when π was iterated (so π is exactly
     * transverse and traceless), else π^zz = {@code zzAtRest} and π^0ν = 0.
     */
    private void store(Primitives out, int p, double energy, double vx, double vy, double vz, double zzAtRest,
                       double xx, double yy, double xy, double xz, double yz, boolean iterated, double[] dependent) {
        out.energyDensity[p] = energy;
        out.vx[p] = vx;
        out.vy[p] = vy;
        out.vz[p] = vz;
        if (!storeDependentShear) {
            return;
        }
        if (iterated) {
            StressTensor.dependent(vx, vy, vz, xx, yy, xy, xz, yz, dependent);
            out.pizz[p] = dependent[0];
            out.pi0x[p] = dependent[1];
            out.pi0y[p] = dependent[2];
            out.pi0z[p] = dependent[3];
            out.pi00[p] = dependent[4];
        } else {
            out.pizz[p] = zzAtRest;
            out.pi0x[p] = 0;
            out.pi0y[p] = 0;
            out.pi0z[p] = 0;
            out.pi00[p] = 0;
        }
    }

    /** v/M for (5.1): 2/(B + sqrt(B² − 4c_s²M²)); NaN if the state is not admissible (step 2). */
    private double closedFormScale(double energyTilde, double m2, double pi) {
        return closedFormAdmissible(energyTilde, m2, pi) ? closedFormRoot(energyTilde, m2, pi, cs2) : Double.NaN;
    }

    /** Whether (5.1) has its root below |v| = 1 (step 2): 0 < Ẽ and |M̃| < Ẽ + Π/(1 + c_s²). */
    private boolean closedFormAdmissible(double energyTilde, double m2, double pi) {
        return belowLimit(energyTilde, m2, admissibleLimit(energyTilde, pi, cs2));
    }

    /** max_i |r_i|: the change of v in one evaluation of G (step 5). */
    private static double largestChange(double rx, double ry, double rz) {
        return Math.max(Math.abs(rx), Math.max(Math.abs(ry), Math.abs(rz)));
    }

    /** |π^xx| + |π^yy| + |π^zz| + 2 (|π^xy| + |π^xz| + |π^yz|), the size of π in the plain step's contraction bound. */
    private static double stressSize(double xx, double yy, double zz, double xy, double xz, double yz) {
        return Math.abs(xx) + Math.abs(yy) + Math.abs(zz) + 2 * (Math.abs(xy) + Math.abs(xz) + Math.abs(yz));
    }

    /** 4 (v/M) |π| change / (1 − v_z²): at most the plain step's next change of v. */
    private static double plainStepBound(double scale, double stress, double inverseTransverse, double change) {
        return 4 * scale * stress * inverseTransverse * change;
    }

    /** x² + y² + z²: M² = M̃·M̃, which the root of (5.1) depends on, and |w|², which must stay below 1. */
    private static double squaredNorm(double x, double y, double z) {
        return x * x + y * y + z * z;
    }

    /** ε = Ẽ − M² (v/M): the rest-frame energy density at the scale v/M (physics.md §5). */
    private static double restFrameEnergy(double energyTilde, double m2, double scale) {
        return energyTilde - m2 * scale;
    }

    /** The bound Ẽ + Π/(1 + c_s²) that |M̃| must stay under (step 2). */
    private static double admissibleLimit(double energyTilde, double pi, double cs2) {
        return energyTilde + pi / (1 + cs2);
    }

    /** 0 < Ẽ and M² below the square of a positive {@code limit} (no branch: the lanes' decisions use it too). */
    private static boolean belowLimit(double energyTilde, double m2, double limit) {
        return energyTilde > 0 & limit > 0 & m2 < limit * limit;
    }

    /** v/M = 2/(B + sqrt(B² − 4c_s²M²)), B = (1 + c_s²)Ẽ + Π, for an admissible state (no branch: it runs lane-wise too). */
    private static double closedFormRoot(double energyTilde, double m2, double pi, double cs2) {
        double b = (1 + cs2) * energyTilde + pi;
        double discriminant = b * b - 4 * cs2 * m2;
        return 2 / (b + Math.sqrt(Math.max(discriminant, 0.0)));
    }

    /** v/M from the Newton–bisection root of f(v) (1/(Ẽ + P(Ẽ) + Π) at M = 0); NaN if not admissible. */
    private double iterativeScale(double energyTilde, double m2, double pi) {
        if (!(energyTilde > 0)) {
            return Double.NaN;
        }
        if (m2 == 0) {
            return 1 / (energyTilde + eos.pressure(energyTilde) + pi);
        }
        double m = Math.sqrt(m2);
        double hi = Math.min(1.0, energyTilde / m);
        if (!(hi * (energyTilde + eos.pressure(energyTilde - m * hi) + pi) - m > 0)) {
            return Double.NaN;
        }
        return speedRoot(energyTilde, m, pi, hi) / m;
    }

    /**
     * The failure for a state the scale functions reject (physics.md §5 step 2): Ẽ ≤ 0 or |M̃| so large
     * that |v| would reach 1.
     */
    private RecoveryException inadmissible(double energyTilde, double m2, double pi, int p, double[][] u,
                                           double vx, double vy, double vz) {
        double m = Math.sqrt(m2);
        String reason;
        if (closedForm) {
            reason = String.format(java.util.Locale.ROOT, "state not admissible, |v| would reach 1 (E~ = %.17g, |M~| = "
                    + "%.17g, need 0 < E~ and |M~| < E~ + Pi/(1+cs2))", energyTilde, m);
        } else if (!(energyTilde > 0)) {
            reason = "state not admissible: E~ = " + energyTilde + " <= 0";
        } else {
            reason = "state not admissible, |v| would reach 1 (no root of f(v) below " + Math.min(1.0, energyTilde / m) + ")";
        }
        return failure(reason, p, u, vx, vy, vz);
    }

    /**
     * Root of f(v) = v [Ẽ + P(Ẽ − M v) + Π] − M on [0, hi), f(hi) > 0 already checked, by Newton's method
     * kept inside a shrinking bracket (bisection when Newton leaves it), to 1e-15 in v.
     */
    private double speedRoot(double energyTilde, double m, double pi, double hi) {
        double lo = 0.0;
        double v = Math.min(0.5 * hi, m / energyTilde);
        for (int it = 0; it < 200; it++) {
            double e = energyTilde - m * v;
            double f = v * (energyTilde + eos.pressure(e) + pi) - m;
            if (f > 0) {
                hi = v;
            } else {
                lo = v;
            }
            double slope = energyTilde + eos.pressure(e) + pi - v * m * eos.soundSpeedSquared(e);
            double next = v - f / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - v) <= 1e-15) {
                return next;
            }
            v = next;
        }
        return v;
    }

    private RecoveryException failure(String reason, int p, double[][] u, double vx, double vy, double vz) {
        double[] evolvedAtPoint = new double[10];
        for (int f = 0; f < 10; f++) {
            evolvedAtPoint[f] = u[f][p];
        }
        int[] ijk = grid.ijk(p);
        return new RecoveryException(reason, step, stage, ijk[0], ijk[1], ijk[2], evolvedAtPoint, vx, vy, vz);
    }
}
