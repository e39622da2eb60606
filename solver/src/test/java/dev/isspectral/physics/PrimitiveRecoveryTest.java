package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.state.Field;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Primitive recovery (physics.md §5): the check value, the general-EOS path, round trips, failures. */
class PrimitiveRecoveryTest {

    /** A constant-c_s² EOS hidden behind the interface, so the Newton–bisection path runs. */
    static Eos general(Eos inner) {
        return new Eos() {
            @Override
            public double pressure(double e) {
                return inner.pressure(e);
            }

            @Override
            public double soundSpeedSquared(double e) {
                return inner.soundSpeedSquared(e);
            }

            @Override
            public double temperature(double e) {
                return inner.temperature(e);
            }

            @Override
            public String describe() {
                return "general wrapper of " + inner.describe();
            }
        };
    }

    private static double[][] evolved(int points) {
        return new double[Field.COUNT][points];
    }

    @Test
    void idealConformalCheckValueOfPhysicsMdSectionFive() {
        double e = 2;
        double m = 1;
        double[][] u = evolved(1);
        u[0][0] = e;
        // momentum along (1, 2, 2)/3: the speed must come out along it
        u[1][0] = m / 3;
        u[2][0] = 2 * m / 3;
        u[3][0] = 2 * m / 3;
        Primitives out = new Primitives(1);
        new PrimitiveRecovery(Grid.of(1, 1, 1), Eos.conformal(), false).recover(u, out);
        double closedEps = -e + Math.sqrt(4 * e * e - 3 * m * m);
        double closedV = m / (e + closedEps / 3);
        assertEquals(1.605551275464, out.energyDensity[0], 1e-12);
        assertEquals(closedEps, out.energyDensity[0], 1e-15);
        double v = Math.sqrt(out.vx[0] * out.vx[0] + out.vy[0] * out.vy[0] + out.vz[0] * out.vz[0]);
        assertEquals(0.394448724536, v, 1e-12);
        assertEquals(closedV, v, 1e-15);
        assertArrayEquals(new double[] {closedV / 3, 2 * closedV / 3, 2 * closedV / 3},
                new double[] {out.vx[0], out.vy[0], out.vz[0]}, 1e-15);
    }

    @Test
    void generalEosPathAgreesWithTheClosedForm() {
        Grid g = Grid.of(4, 3, 5);
        Random r = new Random(3);
        for (Eos eos : new Eos[] {Eos.conformal(), Eos.constantSoundSpeed(0.25), Eos.constantSoundSpeed(0.1)}) {
            double[][] u = evolved(g.size());
            for (int p = 0; p < g.size(); p++) {
                double t00 = 0.5 + 3 * r.nextDouble();
                double speed = 0.95 * r.nextDouble() * t00;
                double[] dir = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
                double norm = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
                u[0][p] = t00;
                for (int d = 0; d < 3; d++) {
                    u[1 + d][p] = speed * dir[d] / norm;
                }
                u[4][p] = 0.02 * (r.nextDouble() - 0.5) * t00;
            }
            Primitives closed = new Primitives(g.size());
            Primitives iterative = new Primitives(g.size());
            new PrimitiveRecovery(g, eos, false).recover(u, closed);
            new PrimitiveRecovery(g, general(eos), false).recover(u, iterative);
            for (int p = 0; p < g.size(); p++) {
                assertEquals(closed.energyDensity[p], iterative.energyDensity[p], 1e-13, eos.describe() + " eps at " + p);
                assertEquals(closed.vx[p], iterative.vx[p], 1e-13, eos.describe() + " vx at " + p);
                assertEquals(closed.vy[p], iterative.vy[p], 1e-13);
                assertEquals(closed.vz[p], iterative.vz[p], 1e-13);
            }
        }
    }

    /** Moving fluid with non-zero Π and π: the round-trip data. */
    static double[] primitivesAt(double x, double y, double z) {
        return new double[] {
            1 + 0.3 * Math.cos(x) * Math.sin(2 * z),
            0.4 * Math.sin(y), 0.3 * Math.cos(x + z), -0.2 * Math.sin(z),
            -0.03 * Math.cos(y),
            0.05 * Math.cos(x), -0.04 * Math.sin(y), 0.03 * Math.sin(x + y), -0.02 * Math.cos(z), 0.01 * Math.sin(z)};
    }

    private static Simulation movingViscousFluid(Eos eos, Transport t) {
        return Simulation.builder()
                .grid("1x4x5x6")
                .eos(eos)
                .transport(t)
                .initial(Initial.custom("moving viscous fluid", (x, y, z, out) ->
                        System.arraycopy(primitivesAt(x, y, z), 0, out, 0, 10)))
                .build();
    }

    private static void assertRoundTrip(Simulation sim, Eos recoveryEos) {
        Grid g = sim.grid();
        double[][] u = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            u[f.ordinal()] = sim.initialField(f);
        }
        Primitives out = new Primitives(g.size());
        new PrimitiveRecovery(g, recoveryEos, true).recover(u, out);
        for (int i = 0; i < g.nx(); i++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int k = 0; k < g.nz(); k++) {
                    int p = g.index(i, j, k);
                    double[] in = primitivesAt(g.coordinate(0, i), g.coordinate(1, j), g.coordinate(2, k));
                    assertEquals(in[0], out.energyDensity[p], 1e-12, "eps at " + p);
                    assertEquals(in[1], out.vx[p], 1e-12, "vx at " + p);
                    assertEquals(in[2], out.vy[p], 1e-12, "vy at " + p);
                    assertEquals(in[3], out.vz[p], 1e-12, "vz at " + p);
                    assertTransverseAndTraceless(u, out, p);
                }
            }
        }
    }

    /** u_μ π^{μν} = 0 for ν = 0..3 and g_{μν} π^{μν} = 0, to 1e-13. */
    static void assertTransverseAndTraceless(double[][] u, Primitives out, int p) {
        double vx = out.vx[p];
        double vy = out.vy[p];
        double vz = out.vz[p];
        double xx = u[5][p];
        double yy = u[6][p];
        double xy = u[7][p];
        double xz = u[8][p];
        double yz = u[9][p];
        double zz = out.pizz[p];
        double[][] pi = {
            {out.pi00[p], out.pi0x[p], out.pi0y[p], out.pi0z[p]},
            {out.pi0x[p], xx, xy, xz},
            {out.pi0y[p], xy, yy, yz},
            {out.pi0z[p], xz, yz, zz}};
        double gamma = 1 / Math.sqrt(1 - vx * vx - vy * vy - vz * vz);
        double[] lower = {-gamma, gamma * vx, gamma * vy, gamma * vz};
        for (int nu = 0; nu < 4; nu++) {
            double s = 0;
            for (int mu = 0; mu < 4; mu++) {
                s += lower[mu] * pi[mu][nu];
            }
            assertEquals(0.0, s, 1e-13, "u_mu pi^{mu " + nu + "} at " + p);
        }
        assertEquals(0.0, -pi[0][0] + xx + yy + zz, 1e-13, "trace at " + p);
    }

    @Test
    void roundTripReturnsTheInitialPrimitivesOfAMovingViscousConformalFluid() {
        Transport t = Transport.etaOverS(0.1).zetaOverS(0.05).bulkRelaxationRatio(5);
        assertRoundTrip(movingViscousFluid(Eos.conformal(), t), Eos.conformal());
    }

    @Test
    void roundTripHoldsForConstantSoundSpeedWithKineticBulk() {
        Eos eos = Eos.constantSoundSpeed(0.25);
        assertRoundTrip(movingViscousFluid(eos, Transport.etaOverS(0.08).zetaOverS(0.04)), eos);
    }

    @Test
    void roundTripHoldsOnTheGeneralEosPath() {
        Eos eos = Eos.constantSoundSpeed(0.25);
        assertRoundTrip(movingViscousFluid(eos, Transport.etaOverS(0.08).zetaOverS(0.04)), general(eos));
    }

    @Test
    void oneIterationPerPointWithoutShearStress() {
        Simulation sim = Simulation.builder().grid("1x4x4x4").transport(Transport.etaOverS(0.1))
                .initial(Initial.taylorGreen().velocity(0.3)).build();
        double[][] u = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            u[f.ordinal()] = sim.initialField(f);
        }
        PrimitiveRecovery recovery = new PrimitiveRecovery(sim.grid(), Eos.conformal(), true);
        recovery.recover(u, new Primitives(64));
        assertEquals(1, recovery.lastMaxIterations());
        assertEquals(64, recovery.lastTotalIterations());
    }

    @Test
    void aFewIterationsWithShearStressAndOneOnceConverged() {
        Simulation sim = movingViscousFluid(Eos.conformal(), Transport.etaOverS(0.1));
        double[][] u = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            u[f.ordinal()] = sim.initialField(f);
        }
        int n = sim.grid().size();
        PrimitiveRecovery recovery = new PrimitiveRecovery(sim.grid(), Eos.conformal(), true);
        Primitives out = new Primitives(n);
        recovery.recover(u, out);
        assertTrue(recovery.lastMaxIterations() >= 2 && recovery.lastMaxIterations() <= 30,
                "max iterations " + recovery.lastMaxIterations());
        assertTrue(recovery.lastTotalIterations() > n, "total " + recovery.lastTotalIterations());
        // the converged velocity is the next guess: the fixed point is found again in very few passes
        recovery.recover(u, out);
        assertTrue(recovery.lastMaxIterations() <= 2, "max iterations from a converged guess " + recovery.lastMaxIterations());
    }

    private static double[][] withBadPoint(Grid g, int bad, double t00, double t0x) {
        double[][] u = evolved(g.size());
        java.util.Arrays.fill(u[0], 1.0);
        u[0][bad] = t00;
        u[1][bad] = t0x;
        u[5][bad] = 0.0;
        return u;
    }

    @Test
    void momentumAtLeastEnergyFailsNamingStepStageGridIndexAndValues() {
        Grid g = Grid.of(2, 3, 4);
        double[][] u = withBadPoint(g, g.index(1, 2, 3), 1.0, 1.5);
        for (Eos eos : new Eos[] {Eos.conformal(), general(Eos.conformal())}) {
            PrimitiveRecovery recovery = new PrimitiveRecovery(g, eos, false);
            recovery.position(7, 2);
            var e = assertThrows(RecoveryException.class, () -> recovery.recover(u, new Primitives(g.size())));
            String m = e.getMessage();
            assertTrue(m.contains("step 7"), m);
            assertTrue(m.contains("stage 2"), m);
            assertTrue(m.contains("grid index (1, 2, 3)"), m);
            assertTrue(m.contains("|v| would reach 1"), m);
            assertTrue(m.contains("T00 = 1.0000000000000000"), m);
            assertTrue(m.contains("T0x = 1.5000000000000000"), m);
            assertTrue(m.contains("last v"), m);
            assertEquals(7, e.step());
            assertEquals(2, e.stage());
            assertArrayEquals(new int[] {1, 2, 3}, e.gridIndex());
        }
    }

    /**
     * The points of a tile are iterated in rounds, but the failure reported is that of the first failing point, as a
     * point-by-point loop would report it: here point 3 fails only after 100 iterations (no convergence) and point 200
     * of the same tile in the first (inadmissible); the tile's first failure wins over the next tile's.
     */
    @Test
    void theFirstFailingPointIsReportedWhateverRoundItFailsIn() {
        Grid g = Grid.of(1, 2, 256);   // two tiles of PrimitiveRecovery.LANE_TILE points
        double[][] u = evolved(g.size());
        java.util.Arrays.fill(u[0], 1.0);
        strongShear(u, 3);
        u[1][200] = 1.1;               // |M| > E at the guess v = 0: inadmissible at once
        u[1][300] = 1.1;
        var both = assertThrows(RecoveryException.class, () -> new PrimitiveRecovery(g, Eos.conformal(), true)
                .recover(u, new Primitives(g.size())));
        assertArrayEquals(g.ijk(3), both.gridIndex(), both.getMessage());
        assertTrue(both.getMessage().contains("no convergence in 100 iterations"), both.getMessage());
        // the same failure, bit for bit in its message, as that point recovered alone
        double[][] alone = evolved(1);
        alone[0][0] = 1.0;
        strongShear(alone, 0);
        var single = assertThrows(RecoveryException.class, () -> new PrimitiveRecovery(Grid.of(1, 1, 1), Eos.conformal(), true)
                .recover(alone, new Primitives(1)));
        String tail = single.getMessage().substring(single.getMessage().indexOf("): ") + 3);
        assertTrue(both.getMessage().contains(tail), both.getMessage() + "\nvs\n" + single.getMessage());
        u[5][3] = 0.0;   // without point 3: the inadmissible point 200 of the first tile, not 300 of the second
        u[6][3] = 0.0;
        u[7][3] = 0.0;
        u[8][3] = 0.0;
        u[9][3] = 0.0;
        var next = assertThrows(RecoveryException.class, () -> new PrimitiveRecovery(g, Eos.conformal(), true)
                .recover(u, new Primitives(g.size())));
        assertArrayEquals(g.ijk(200), next.gridIndex(), next.getMessage());
        assertTrue(next.getMessage().contains("|v| would reach 1"), next.getMessage());
    }

    /** Point p: T^00 = 1, momentum (0.6, 0.18, 0) and shear stress comparable to ε + P, which the iteration does not converge on. */
    private static void strongShear(double[][] u, int p) {
        u[1][p] = 0.6;
        u[2][p] = 0.18;
        u[5][p] = 1.2;
        u[6][p] = -0.6;
        u[7][p] = 0.84;
        u[8][p] = 0.48;
        u[9][p] = -0.36;
    }

    @Test
    void momentumEqualToEnergyIsAlreadyInadmissible() {
        Grid g = Grid.of(1, 1, 2);
        double[][] u = withBadPoint(g, 1, 2.0, 2.0);
        var e = assertThrows(RecoveryException.class,
                () -> new PrimitiveRecovery(g, Eos.conformal(), false).recover(u, new Primitives(2)));
        assertTrue(e.getMessage().contains("grid index (0, 0, 1)"), e.getMessage());
    }

    @Test
    void nonPositiveEnergyFails() {
        Grid g = Grid.of(1, 1, 2);
        double[][] u = withBadPoint(g, 0, -0.5, 0.0);
        var e = assertThrows(RecoveryException.class,
                () -> new PrimitiveRecovery(g, Eos.conformal(), false).recover(u, new Primitives(2)));
        assertTrue(e.getMessage().contains("grid index (0, 0, 0)") && e.getMessage().contains("T00 = -0.5"), e.getMessage());
    }

    @Test
    void nonFiniteInputFailsNamingTheFieldThatIsNotFinite() {
        Grid g = Grid.of(1, 2, 2);
        for (Eos eos : new Eos[] {Eos.conformal(), general(Eos.conformal())}) {
            double[][] u = withBadPoint(g, 3, 1.0, 0.0);
            u[5][3] = Double.POSITIVE_INFINITY;
            u[6][3] = Double.NEGATIVE_INFINITY;
            var e = assertThrows(RecoveryException.class,
                    () -> new PrimitiveRecovery(g, eos, true).recover(u, new Primitives(4)));
            assertTrue(e.getMessage().contains("grid index (0, 1, 1): field pi_xx is Infinity"), e.getMessage());
            double[][] w = withBadPoint(g, 2, Double.NaN, 0.0);
            var f = assertThrows(RecoveryException.class,
                    () -> new PrimitiveRecovery(g, eos, false).recover(w, new Primitives(4)));
            assertTrue(f.getMessage().contains("grid index (0, 1, 0): field T00 is NaN"), f.getMessage());
        }
    }

    @Test
    void fluidAtRestIsRecoveredExactly() {
        Grid g = Grid.of(1, 1, 1);
        double[][] u = evolved(1);
        u[0][0] = 1.7;
        u[5][0] = 0.1;
        u[6][0] = -0.3;
        Primitives out = new Primitives(1);
        new PrimitiveRecovery(g, Eos.conformal(), true).recover(u, out);
        assertEquals(1.7, out.energyDensity[0], 0.0);
        assertEquals(0.0, out.vx[0], 0.0);
        assertEquals(0.2, out.pizz[0], 1e-16);
        assertEquals(0.0, out.pi00[0], 0.0);
    }
}
