package dev.isspectral.physics;

import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;

/**
 * Recovers (ε, v) and the dependent shear components from the evolved state, point by point
 * (physics.md §5). With π ≠ 0 the velocity enters the reconstruction of π^0ν (1.3)–(1.5), so the
 * inversion is iterated from the previous velocity until max_i |Δv^i| ≤ 1e-14 (at most 100
 * iterations); each iteration is an ideal-fluid inversion with pressure P + Π, closed form (5.1)
 * for a constant-c_s² EOS, a safeguarded Newton–bisection otherwise.
 *
 * <p>Keeps iteration statistics of the last call. Allocates nothing per call.
 */
public final class PrimitiveRecovery {

    /** Convergence tolerance on the velocity, absolute (physics.md §5 step 5). */
    public static final double VELOCITY_TOLERANCE = 1e-14;

    /** Most iterations before giving up (physics.md §5 step 5). */
    public static final int MAX_ITERATIONS = 100;

    private final Grid grid;
    private final Eos eos;
    private final double cs2;
    private final boolean closedForm;
    private final boolean shear;
    private final Workers workers;
    private final boolean storeDependentShear;
    private final long[] chunkIterations;
    private final int[] chunkMaxIterations;
    private final Workers.Chunk chunkTask = this::recoverChunk;
    private double[][] input;
    private Primitives output;
    private long totalIterations;
    private int maxIterations;
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
        input = u;
        output = out;
        try {
            workers.forEachChunk(u[0].length, Workers.HEAVY_GRAIN, chunkTask);
        } finally {
            input = null;
            output = null;
        }
        long total = 0;
        int max = 0;
        for (int c = 0; c < workers.size(); c++) {
            total += chunkIterations[c];
            max = Math.max(max, chunkMaxIterations[c]);
            chunkIterations[c] = 0;
            chunkMaxIterations[c] = 0;
        }
        totalIterations = total;
        maxIterations = max;
    }

    private void recoverChunk(int chunk, int from, int to) {
        double[][] u = input;
        Primitives out = output;
        double[] t00 = u[0];
        double[] t0x = u[1];
        double[] t0y = u[2];
        double[] t0z = u[3];
        double[] bulk = u[4];
        double[] pxx = u[5];
        double[] pyy = u[6];
        double[] pxy = u[7];
        double[] pxz = u[8];
        double[] pyz = u[9];
        long total = 0;
        int max = 0;
        for (int p = from; p < to; p++) {
            double xx = pxx[p];
            double yy = pyy[p];
            double xy = pxy[p];
            double xz = pxz[p];
            double yz = pyz[p];
            boolean iterate = shear && (xx != 0 || yy != 0 || xy != 0 || xz != 0 || yz != 0);
            double vx = out.vx[p];
            double vy = out.vy[p];
            double vz = out.vz[p];
            double pi = bulk[p];
            double energy = 0;
            double zz = 0;
            double p0x = 0;
            double p0y = 0;
            double p0z = 0;
            double p00 = 0;
            int iterations = 0;
            while (true) {
                iterations++;
                if (iterate) {
                    // (1.3)–(1.5): reconstruct π^zz, π^0i, π^00 from the current velocity
                    zz = ((vx * vx - 1) * xx + (vy * vy - 1) * yy + 2 * vx * vy * xy
                            + 2 * vx * vz * xz + 2 * vy * vz * yz) / (1 - vz * vz);
                    p0x = xx * vx + xy * vy + xz * vz;
                    p0y = xy * vx + yy * vy + yz * vz;
                    p0z = xz * vx + yz * vy + zz * vz;
                    p00 = p0x * vx + p0y * vy + p0z * vz;
                } else if (shear) {
                    zz = -xx - yy;
                }
                double energyTilde = t00[p] - p00;
                double mx = t0x[p] - p0x;
                double my = t0y[p] - p0y;
                double mz = t0z[p] - p0z;
                double m = Math.sqrt(mx * mx + my * my + mz * mz);
                double speed = closedForm ? closedFormSpeed(energyTilde, m, pi, p, u, vx, vy, vz)
                        : iterativeSpeed(energyTilde, m, pi, p, u, vx, vy, vz);
                double scale = m > 0 ? speed / m : 0.0;
                double nvx = scale * mx;
                double nvy = scale * my;
                double nvz = scale * mz;
                energy = energyTilde - m * speed;
                double change = Math.max(Math.abs(nvx - vx), Math.max(Math.abs(nvy - vy), Math.abs(nvz - vz)));
                vx = nvx;
                vy = nvy;
                vz = nvz;
                if (!iterate || change <= VELOCITY_TOLERANCE) {
                    break;
                }
                if (iterations >= MAX_ITERATIONS) {
                    throw failure("no convergence in " + MAX_ITERATIONS + " iterations (last change in v "
                            + change + "); dissipative stress comparable to eps + P", p, u, vx, vy, vz);
                }
            }
            if (!(energy > 0) || Double.isInfinite(energy)) {
                throw failure("energy density eps = " + energy + " is not positive and finite", p, u, vx, vy, vz);
            }
            if (iterate) {
                // final reconstruction at the converged velocity, so π is exactly transverse and traceless
                zz = ((vx * vx - 1) * xx + (vy * vy - 1) * yy + 2 * vx * vy * xy
                        + 2 * vx * vz * xz + 2 * vy * vz * yz) / (1 - vz * vz);
                p0x = xx * vx + xy * vy + xz * vz;
                p0y = xy * vx + yy * vy + yz * vz;
                p0z = xz * vx + yz * vy + zz * vz;
                p00 = p0x * vx + p0y * vy + p0z * vz;
            }
            out.energyDensity[p] = energy;
            out.vx[p] = vx;
            out.vy[p] = vy;
            out.vz[p] = vz;
            if (storeDependentShear) {
                out.pizz[p] = zz;
                out.pi0x[p] = p0x;
                out.pi0y[p] = p0y;
                out.pi0z[p] = p0z;
                out.pi00[p] = p00;
            }
            total += iterations;
            max = Math.max(max, iterations);
        }
        chunkIterations[chunk] = total;
        chunkMaxIterations[chunk] = max;
    }

    /** Physical root (5.1) of c_s² M v² − B v + M = 0, B = (1 + c_s²) Ẽ + Π. */
    private double closedFormSpeed(double energyTilde, double m, double pi, int p, double[][] u,
                                   double vx, double vy, double vz) {
        if (!(energyTilde > 0) || !(m < energyTilde + pi / (1 + cs2))) {
            throw failure(String.format(java.util.Locale.ROOT,
                    "state not admissible, |v| would reach 1 (E~ = %.17g, |M~| = %.17g, need 0 < E~ and |M~| < E~ + Pi/(1+cs2))",
                    energyTilde, m), p, u, vx, vy, vz);
        }
        double b = (1 + cs2) * energyTilde + pi;
        double discriminant = b * b - 4 * cs2 * m * m;
        return 2 * m / (b + Math.sqrt(Math.max(discriminant, 0.0)));
    }

    /**
     * Root of f(v) = v [Ẽ + P(Ẽ − M v) + Π] − M on [0, min(1, Ẽ/M)) by Newton's method kept inside a
     * shrinking bracket (bisection when Newton leaves it), to 1e-15 in v.
     */
    private double iterativeSpeed(double energyTilde, double m, double pi, int p, double[][] u,
                                  double vx, double vy, double vz) {
        if (!(energyTilde > 0)) {
            throw failure("state not admissible: E~ = " + energyTilde + " <= 0", p, u, vx, vy, vz);
        }
        if (m == 0) {
            return 0.0;
        }
        double lo = 0.0;
        double hi = Math.min(1.0, energyTilde / m);
        double fHi = hi * (energyTilde + eos.pressure(energyTilde - m * hi) + pi) - m;
        if (!(fHi > 0)) {
            throw failure("state not admissible, |v| would reach 1 (no root of f(v) below " + hi + ")", p, u, vx, vy, vz);
        }
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
        int nz = grid.nz();
        int ny = grid.ny();
        int k = p % nz;
        int j = (p / nz) % ny;
        int i = p / (nz * ny);
        return new RecoveryException(reason, step, stage, i, j, k, evolvedAtPoint, vx, vy, vz);
    }
}
