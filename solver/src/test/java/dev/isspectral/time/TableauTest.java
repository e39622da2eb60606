package dev.isspectral.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tableau validation, the registry, and the pointwise relaxation solve (physics.md §6.2, eq. 6.1). */
class TableauTest {

    @Test
    void arsCoefficientsAreThoseOfPhysicsMd() {
        assertEquals(1 - 1 / Math.sqrt(2), Integrators.ARS_GAMMA, 1e-16);
        assertEquals(-1 / Math.sqrt(2), Integrators.ARS_DELTA, 1e-15);
        Tableau ars = Integrators.imexArs222();
        assertTrue(ars.imex());
        assertTrue(ars.stifflyAccurate());
        assertEquals(2, ars.order());
        assertEquals("ARS(2,2,2) (IMEX, relaxation implicit), order 2", ars.toString());
    }

    @Test
    void sspRk3IsExplicitThirdOrderAndNotStifflyAccurate() {
        Tableau rk = Integrators.sspRk3();
        assertFalse(rk.imex());
        assertFalse(rk.stifflyAccurate());
        assertEquals(3, rk.order());
        assertArrayEquals(new double[] {1.0 / 6, 1.0 / 6, 2.0 / 3}, rk.explicitB(), 1e-16);
    }

    @Test
    void registryLooksSchemesUpByLooseNames() {
        assertEquals("ARS(2,2,2)", Integrators.byName("ars222").name());
        assertEquals("ARS(2,2,2)", Integrators.byName("ARS(2,2,2)").name());
        assertEquals("SSP-RK3", Integrators.byName("SSP-RK3").name());
        assertEquals("integrator = \"rk4\"; must be ars222 or ssprk3",
                assertThrows(IllegalArgumentException.class, () -> Integrators.byName("rk4")).getMessage());
        assertEquals(2, Integrators.all().size());
    }

    @Test
    void explicitMatrixWithADiagonalEntryIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Tableau("bad", 1, new double[] {0, 1},
                new double[][] {{0.5, 0}, {1, 0}}, new double[] {0.5, 0.5}, null, null));
        assertEquals("bad: explicitA[0][0] = 0.5; must be 0 (explicit A is strictly lower triangular)", e.getMessage());
    }

    @Test
    void implicitMatrixAboveTheDiagonalIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Tableau("bad", 1, new double[] {0, 1},
                new double[][] {{0, 0}, {1, 0}}, new double[] {0.5, 0.5},
                new double[][] {{0, 0.5}, {0, 1}}, new double[] {0, 1}));
        assertEquals("bad: implicitA[0][1] = 0.5; must be 0 (implicit A is lower triangular)", e.getMessage());
    }

    @Test
    void implicitMatrixWithoutWeightsIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Tableau("bad", 1, new double[] {0},
                new double[][] {{0}}, new double[] {1}, new double[][] {{0}}, null));
        assertEquals("bad: implicit A and b must both be given or both be null", e.getMessage());
    }

    @Test
    void mismatchedStageCountsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Tableau("bad", 1, new double[] {0, 1},
                new double[][] {{0, 0}, {1, 0}}, new double[] {1}, null, null));
        assertEquals("bad: explicit tableau must have 2 stages (c has 2 stage times); explicit A has 2 rows, explicit b 1 weight",
                e.getMessage());
    }

    /** Every entry is checked, the implicit A's last row too (its length was once never looked at), and NaN. */
    @Test
    void everyEntryIsCheckedByNameAndValue() {
        double[][] ex = {{0, 0}, {1, 0}};
        double[] b = {0.5, 0.5};
        assertEquals("bad: implicitA[1] has 1 entry; must have 2 (one per stage)", assertThrows(IllegalArgumentException.class,
                () -> new Tableau("bad", 1, new double[] {0, 1}, ex, b, new double[][] {{0, 0}, {1}}, b)).getMessage());
        assertEquals("bad: explicitA[1][0] = NaN; must be finite", assertThrows(IllegalArgumentException.class,
                () -> new Tableau("bad", 1, new double[] {0, 1}, new double[][] {{0, 0}, {Double.NaN, 0}}, b, null, null))
                .getMessage());
        assertEquals("bad: implicitB[1] = Infinity; must be finite", assertThrows(IllegalArgumentException.class,
                () -> new Tableau("bad", 1, new double[] {0, 1}, ex, b, new double[][] {{0, 0}, {0, 1}},
                        new double[] {0, Double.POSITIVE_INFINITY})).getMessage());
        assertEquals("bad: c = []; must hold the stage times, one per stage (at least one)", assertThrows(
                IllegalArgumentException.class, () -> new Tableau("bad", 1, new double[0], new double[0][], new double[0],
                        null, null)).getMessage());
        assertEquals("bad: order = 0; must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> new Tableau("bad", 0, new double[] {0, 1}, ex, b, null, null)).getMessage());
        assertEquals("name = \" \"; must be a short name such as \"ARS(2,2,2)\"", assertThrows(IllegalArgumentException.class,
                () -> new Tableau(" ", 1, new double[] {0, 1}, ex, b, null, null)).getMessage());
    }

    @Test
    void relaxationSolveIsTheBackwardEulerFormulaAndCopiesOtherFields() {
        // fields 0 and 2 share rate group 0, field 1 does not relax, field 3 has its own rate
        Relaxation r = new Relaxation(2, new int[] {0, -1, 0, 1});
        assertSame(r.rate(0), r.rate(2));
        assertTrue(r.relaxes(3) && !r.relaxes(1));
        r.rate(0)[0] = 2.0;
        r.rate(0)[1] = 4.0;
        r.rate(3)[0] = 10.0;
        r.rate(3)[1] = 0.0;
        r.target(0)[0] = 1.0;
        r.target(2)[1] = -1.0;
        r.target(3)[0] = 5.0;
        double[][] in = {{3, 3}, {7, 8}, {2, 2}, {0, 9}};
        double[][] out = new double[4][2];
        r.solve(in, 0.5, out);
        assertArrayEquals(new double[] {(3 + 1.0 * 1) / 2, 3 / 3.0}, out[0], 1e-15);
        assertArrayEquals(new double[] {7, 8}, out[1], 0.0);
        assertArrayEquals(new double[] {2 / 2.0, (2 - 2.0) / 3}, out[2], 1e-15);
        assertArrayEquals(new double[] {(0 + 5 * 5.0) / 6, 9}, out[3], 1e-15);
        double[][] rate = new double[4][2];
        rate[1][0] = 42;
        r.relaxationRate(in, rate);
        assertArrayEquals(new double[] {-2 * (3 - 1), -4 * 3}, rate[0], 1e-15);
        assertEquals(42.0, rate[1][0], 0.0);
        assertArrayEquals(new double[] {-10 * (0 - 5), 0}, rate[3], 1e-15);
        assertEquals(8L * (2 + 2 + 2 + 2 + 2), r.bytesHeld());
    }
}
