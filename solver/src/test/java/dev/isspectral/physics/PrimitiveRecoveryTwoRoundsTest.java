package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;
import dev.isspectral.state.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The lane-wise two rounds of the recovery (the usual case: one evaluation of G at the guess, a Newton step, one
 * evaluation that meets the tolerance, for a whole tile at once) give every point the bits of the point-by-point rounds,
 * and leave every other point to them: tiles mixing usual points (a Newton step, or the plain step where the shear
 * stress is weak) with points at rest, points whose guess is already the root (one evaluation), points with strong
 * shear far from their guess (three or more) and tiles cut short.
 */
class PrimitiveRecoveryTwoRoundsTest {

    private static final int N = 4000;   // PrimitiveRecoveryNewtonTest's states: 15 tiles of 256 and one of 160

    /** The states of {@link PrimitiveRecoveryNewtonTest#randomStates} with some points at rest and some strongly sheared. */
    private static double[][] mixedStates(Eos eos) {
        double[][] usual = PrimitiveRecoveryNewtonTest.randomStates(11, eos, 0.6, 0.05);
        double[][] atRest = PrimitiveRecoveryNewtonTest.randomStates(12, eos, 0.6, 0);
        double[][] strong = PrimitiveRecoveryNewtonTest.randomStates(13, eos, 0.9, 0.3);
        double[][] weak = PrimitiveRecoveryNewtonTest.randomStates(14, eos, 0.6, 1e-6);
        for (int p = 0; p < N; p++) {
            double[][] from = p % 7 == 3 ? atRest : p % 13 == 5 ? strong : p % 17 == 8 ? weak : usual;
            for (int f = 0; f < usual.length; f++) {
                usual[f][p] = from[f][p];
            }
        }
        return usual;
    }

    /**
     * The guess: a previous stage's velocity (kick 1e-7: a Newton step), the root itself at every 11th point, far off
     * (1e-2) at every 13th, close (1e-11) at every 17th, where the weak shear stress makes the plain step enough.
     */
    private static Primitives guess(double[][] states, boolean dependentShear) {
        Primitives kicked = PrimitiveRecoveryNewtonTest.guess(states, 1e-7, 21);
        Primitives far = PrimitiveRecoveryNewtonTest.guess(states, 1e-2, 22);
        Primitives close = PrimitiveRecoveryNewtonTest.guess(states, 1e-11, 23);
        Primitives out = new Primitives(N, dependentShear);
        for (int p = 0; p < N; p++) {
            Primitives from = p % 13 == 5 ? far : p % 17 == 8 ? close : kicked;
            out.vx[p] = p % 11 == 2 ? states[11][p] : from.vx[p];
            out.vy[p] = p % 11 == 2 ? states[12][p] : from.vy[p];
            out.vz[p] = p % 11 == 2 ? states[13][p] : from.vz[p];
        }
        return out;
    }

    private static void assertSameBits(Eos eos, boolean dependentShear, int threads) {
        Grid g = Grid.of(10, 20, 20);
        double[][] states = mixedStates(eos);
        double[][] u = Arrays.copyOf(states, Field.COUNT);
        Workers team = Workers.create(threads);
        PrimitiveRecovery lanes = new PrimitiveRecovery(g, eos, true, team, dependentShear);
        PrimitiveRecovery points = new PrimitiveRecovery(g, eos, true, team, dependentShear).withoutLaneWiseTwoRounds();
        Primitives a = guess(states, dependentShear);
        Primitives b = guess(states, dependentShear);
        lanes.recover(u, a);
        points.recover(u, b);
        String how = eos.describe() + ", dependent shear " + dependentShear + ", " + threads + " thread(s)";
        for (int p = 0; p < N; p++) {
            String at = "point " + p + " (" + how + ")";
            assertEquals(b.energyDensity[p], a.energyDensity[p], 0, "eps at " + at);
            assertEquals(b.vx[p], a.vx[p], 0, "vx at " + at);
            assertEquals(b.vy[p], a.vy[p], 0, "vy at " + at);
            assertEquals(b.vz[p], a.vz[p], 0, "vz at " + at);
            if (dependentShear) {
                assertEquals(b.pizz[p], a.pizz[p], 0, "pi_zz at " + at);
                assertEquals(b.pi0x[p], a.pi0x[p], 0, "pi_0x at " + at);
                assertEquals(b.pi00[p], a.pi00[p], 0, "pi_00 at " + at);
            }
            // and the root is the primitives the state was built from
            assertEquals(states[10][p], a.energyDensity[p], 1e-11 * states[10][p], "eps vs truth at " + at);
            assertEquals(states[12][p], a.vy[p], 1e-11, "vy vs truth at " + at);
        }
        assertEquals(points.lastTotalIterations(), lanes.lastTotalIterations(), "iterations, " + how);
        assertEquals(points.lastMaxIterations(), lanes.lastMaxIterations(), "most iterations, " + how);
        assertTrue(points.lastMaxIterations() >= 3, "some points need more than two rounds: " + points.lastMaxIterations());
        // the points with a Newton step or a plain step to the root take the two rounds lane-wise; those at rest,
        // converged at their guess or far off it go point by point
        long expected = 0;
        for (int p = 0; p < N; p++) {
            expected += p % 7 == 3 || p % 11 == 2 || p % 13 == 5 ? 0 : 1;
        }
        long usual = lanes.lastUsualPoints();
        assertTrue(Math.abs(usual - expected) <= N / 100,
                "points finished lane-wise: " + usual + " of " + N + ", expected about " + expected + " (" + how + ")");
        assertEquals(0, points.lastUsualPoints());
    }

    @Test
    void conformalGivesThePointByPointBits() {
        assertSameBits(Eos.conformal(), false, 1);
        assertSameBits(Eos.conformal(), true, 1);
    }

    @Test
    void constantSoundSpeedOnTwoThreadsGivesThePointByPointBits() {
        assertSameBits(Eos.constantSoundSpeed(0.2), true, 2);
        assertSameBits(Eos.constantSoundSpeed(0.2), false, 2);
    }
}
