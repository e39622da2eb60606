package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.state.Field;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Newton recovery (default) against the plain fixed-point map of physics.md §5: the same root to
 * 1e-13 relative on random states with strong shear stress and |v| up to 0.9, in fewer iterations.
 */
class PrimitiveRecoveryNewtonTest {

    private static final int N = 4000;

    /** Builds a recovery with the iteration chosen through {@link PrimitiveRecovery#METHOD_PROPERTY}. */
    static PrimitiveRecovery recovery(String method, Supplier<PrimitiveRecovery> make) {
        String before = System.getProperty(PrimitiveRecovery.METHOD_PROPERTY);
        System.setProperty(PrimitiveRecovery.METHOD_PROPERTY, method);
        try {
            PrimitiveRecovery r = make.get();
            assertEquals(method, r.method());
            return r;
        } finally {
            if (before == null) {
                System.clearProperty(PrimitiveRecovery.METHOD_PROPERTY);
            } else {
                System.setProperty(PrimitiveRecovery.METHOD_PROPERTY, before);
            }
        }
    }

    /**
     * Evolved state from random primitives: ε ∈ [0.5, 3], |v| ≤ speedMax, Π up to ±0.1 (ε+P), shear
     * components π^xx, π^yy, π^xy, π^xz, π^yz up to ±shear (ε+P); π^zz, π^0i, π^00 by (1.3)–(1.5).
     * Returns {evolved fields..., ε, vx, vy, vz} per point as the last four rows.
     */
    static double[][] randomStates(long seed, Eos eos, double speedMax, double shear) {
        Random r = new Random(seed);
        double[][] u = new double[Field.COUNT + 4][N];
        for (int p = 0; p < N; p++) {
            double e = 0.5 + 2.5 * r.nextDouble();
            double pressure = eos.pressure(e);
            double h = e + pressure;
            double speed = speedMax * Math.cbrt(r.nextDouble());
            double[] dir = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double norm = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
            double vx = speed * dir[0] / norm;
            double vy = speed * dir[1] / norm;
            double vz = speed * dir[2] / norm;
            double bulk = 0.1 * h * (2 * r.nextDouble() - 1);
            double xx = shear * h * (2 * r.nextDouble() - 1);
            double yy = shear * h * (2 * r.nextDouble() - 1);
            double xy = shear * h * (2 * r.nextDouble() - 1);
            double xz = shear * h * (2 * r.nextDouble() - 1);
            double yz = shear * h * (2 * r.nextDouble() - 1);
            double zz = ((vx * vx - 1) * xx + (vy * vy - 1) * yy + 2 * vx * vy * xy
                    + 2 * vx * vz * xz + 2 * vy * vz * yz) / (1 - vz * vz);
            double p0x = xx * vx + xy * vy + xz * vz;
            double p0y = xy * vx + yy * vy + yz * vz;
            double p0z = xz * vx + yz * vy + zz * vz;
            double p00 = p0x * vx + p0y * vy + p0z * vz;
            double w = (h + bulk) / (1 - speed * speed);
            u[0][p] = w - pressure - bulk + p00;
            u[1][p] = w * vx + p0x;
            u[2][p] = w * vy + p0y;
            u[3][p] = w * vz + p0z;
            u[4][p] = bulk;
            u[5][p] = xx;
            u[6][p] = yy;
            u[7][p] = xy;
            u[8][p] = xz;
            u[9][p] = yz;
            u[10][p] = e;
            u[11][p] = vx;
            u[12][p] = vy;
            u[13][p] = vz;
        }
        return u;
    }

    /** Guess: the true velocity moved by up to {@code kick} per component (a previous stage); 0 if kick < 0. */
    static Primitives guess(double[][] states, double kick, long seed) {
        Random r = new Random(seed);
        Primitives out = new Primitives(N);
        for (int p = 0; p < N && kick >= 0; p++) {
            out.vx[p] = states[11][p] + kick * (2 * r.nextDouble() - 1);
            out.vy[p] = states[12][p] + kick * (2 * r.nextDouble() - 1);
            out.vz[p] = states[13][p] + kick * (2 * r.nextDouble() - 1);
        }
        return out;
    }

    private static void assertSameRoot(Eos eos, double speedMax, double shear, double kick, long seed) {
        Grid g = Grid.of(10, 20, 20);
        double[][] states = randomStates(seed, eos, speedMax, shear);
        double[][] u = java.util.Arrays.copyOf(states, Field.COUNT);
        PrimitiveRecovery plain = recovery("fixed-point", () -> new PrimitiveRecovery(g, eos, true));
        PrimitiveRecovery newton = recovery("newton", () -> new PrimitiveRecovery(g, eos, true));
        Primitives a = guess(states, kick, seed + 1);
        Primitives b = guess(states, kick, seed + 1);
        plain.recover(u, a);
        newton.recover(u, b);
        for (int p = 0; p < N; p++) {
            String at = "point " + p + " (speed max " + speedMax + ", shear " + shear + ", kick " + kick + ")";
            double vScale = Math.max(Math.abs(a.vx[p]) + Math.abs(a.vy[p]) + Math.abs(a.vz[p]), 1e-300);
            assertEquals(a.energyDensity[p], b.energyDensity[p], 1e-13 * a.energyDensity[p], "eps at " + at);
            assertEquals(a.vx[p], b.vx[p], 1e-13 * vScale, "vx at " + at);
            assertEquals(a.vy[p], b.vy[p], 1e-13 * vScale, "vy at " + at);
            assertEquals(a.vz[p], b.vz[p], 1e-13 * vScale, "vz at " + at);
            assertEquals(a.pizz[p], b.pizz[p], 1e-13 * (Math.abs(u[5][p]) + Math.abs(u[6][p]) + Math.abs(a.pizz[p])),
                    "pi_zz at " + at);
            // and both are the primitives the state was built from (a test of the root itself)
            assertEquals(states[10][p], b.energyDensity[p], 1e-11 * states[10][p], "eps vs truth at " + at);
            assertEquals(states[11][p], b.vx[p], 1e-11, "vx vs truth at " + at);
            PrimitiveRecoveryTest.assertTransverseAndTraceless(u, b, p);
        }
        long plainTotal = plain.lastTotalIterations();
        long newtonTotal = newton.lastTotalIterations();
        System.out.printf("recovery iterations (speed max %.2f, shear %.2f, kick %.0e, %s): fixed-point %.2f/point"
                + " (max %d), newton %.2f/point (max %d)%n", speedMax, shear, kick, eos.describe(),
                plainTotal / (double) N, plain.lastMaxIterations(), newtonTotal / (double) N, newton.lastMaxIterations());
        assertTrue(newtonTotal < plainTotal, "newton " + newtonTotal + " vs fixed-point " + plainTotal);
        assertTrue(newton.lastMaxIterations() <= plain.lastMaxIterations(),
                "max newton " + newton.lastMaxIterations() + " vs fixed-point " + plain.lastMaxIterations());
    }

    @Test
    void sameRootInFewerIterationsWithStrongShearAndFastFlow() {
        assertSameRoot(Eos.conformal(), 0.9, 0.3, 1e-3, 11);
        assertSameRoot(Eos.conformal(), 0.9, 0.3, 1e-7, 12);
        assertSameRoot(Eos.conformal(), 0.5, 0.05, 1e-4, 13);
        assertSameRoot(Eos.constantSoundSpeed(0.2), 0.9, 0.2, 1e-2, 14);
    }

    @Test
    void sameRootFromARestGuess() {
        assertSameRoot(Eos.conformal(), 0.6, 0.1, -1, 21);
        assertSameRoot(Eos.conformal(), 0.3, 0.1, -1, 22);
    }

    @Test
    void sameRootOnTheGeneralEosPath() {
        assertSameRoot(PrimitiveRecoveryTest.general(Eos.constantSoundSpeed(0.25)), 0.9, 0.2, 1e-3, 31);
    }

    @Test
    void inadmissibleStateWithShearFailsAlikeNamingStepGridIndexAndValues() {
        Grid g = Grid.of(2, 2, 3);
        for (String method : new String[] {"fixed-point", "newton"}) {
            double[][] u = new double[Field.COUNT][g.size()];
            java.util.Arrays.fill(u[0], 1.0);
            java.util.Arrays.fill(u[5], 0.01);
            java.util.Arrays.fill(u[7], -0.02);
            int bad = g.index(1, 0, 2);
            u[1][bad] = 1.2;
            PrimitiveRecovery recovery = recovery(method, () -> new PrimitiveRecovery(g, Eos.conformal(), true));
            recovery.position(5, 1);
            var e = org.junit.jupiter.api.Assertions.assertThrows(RecoveryException.class,
                    () -> recovery.recover(u, new Primitives(g.size())));
            String m = e.getMessage();
            assertTrue(m.contains("step 5") && m.contains("stage 1") && m.contains("grid index (1, 0, 2)"), method + ": " + m);
            assertTrue(m.contains("|v| would reach 1") && m.contains("T0x = 1.2000000000000000"), method + ": " + m);
            assertTrue(m.contains("pi_xy = -0.020000000000000000") && m.contains("last v"), method + ": " + m);
        }
    }

    @Test
    void unknownMethodIsRejectedNamingThePropertyAndTheAllowedValues() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> recovery("secant", () -> new PrimitiveRecovery(Grid.of(1, 1, 1), Eos.conformal(), true)));
        assertTrue(e.getMessage().contains(PrimitiveRecovery.METHOD_PROPERTY) && e.getMessage().contains("'secant'")
                && e.getMessage().contains("'newton'") && e.getMessage().contains("'fixed-point'"), e.getMessage());
    }
}
