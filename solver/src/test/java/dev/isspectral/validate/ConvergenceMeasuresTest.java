package dev.isspectral.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.sim.Solver;
import dev.isspectral.state.Field;
import dev.isspectral.time.Integrators;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measurements of physics.md §7.5 on data whose answers are known exactly. */
class ConvergenceMeasuresTest {

    /** At t = 0, T^00 of the §7.5 data is known; its mean and its cos x coefficient are checked against quadrature. */
    @Test
    void lowModesAreTheFourierCoefficientsOfTheField() {
        Solver s = ReferenceRuns.smoothPlane(16, Integrators.imexArs222(), 0.01, 0.01).start();
        double[] c = Convergence.lowModes(s, Field.T00, 3);
        assertEquals(2 * 4 * 7, c.length);
        double[] t00 = s.field(Field.T00);
        double mean = 0;
        double cosX = 0;
        double sinY = 0;
        for (int p = 0; p < t00.length; p++) {
            int[] ijk = s.grid().ijk(p);
            double x = s.grid().coordinate(0, ijk[0]);
            double y = s.grid().coordinate(1, ijk[1]);
            mean += t00[p] / t00.length;
            cosX += t00[p] * Math.cos(x) / t00.length;
            sinY += t00[p] * Math.sin(y) / t00.length;
        }
        // index of (a, b) is 2 * (a * 7 + b + 3): (re, im)
        assertEquals(mean, c[2 * 3], 1e-14, "c_0 is the mean");
        assertEquals(0, c[2 * 3 + 1], 1e-14);
        assertEquals(cosX, c[2 * (7 + 3)], 1e-14, "Re c_(1,0) = mean of f cos x");
        assertEquals(-sinY, c[2 * 4 + 1], 1e-14, "Im c_(0,1) = -mean of f sin y");
        assertTrue(mean > 1 && cosX > 0.1, "the data have a mean above 1 and a cos x term: " + mean + ", " + cosX);
    }

    @Test
    void differencesAreTheLargestOverPointsAndCoefficients() {
        assertEquals(5, Convergence.coefficientError(new double[] {0, 0, 1, 1}, new double[] {3, 4, 1, 1}), 0);
        assertEquals(2, Convergence.maxDifference(new double[] {1, -1, 0}, new double[] {1, 1, 0.5}), 0);
        assertTrue(Double.isNaN(Convergence.maxDifference(new double[] {Double.NaN, 9}, new double[] {0, 0})));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Convergence.maxDifference(new double[2], new double[3])).getMessage().contains("lengths 2 and 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Convergence.coefficientError(new double[3], new double[3])).getMessage().contains("(re, im) pairs"));
    }

    @Test
    void timeErrorsCompareEachRunWithTheReferenceAtTheSameEndTime() {
        double[][] e = Convergence.timeErrors(dt -> ReferenceRuns.smoothPlane(8, Integrators.imexArs222(), dt, 0.08),
                0.01, new double[] {0.04, 0.02}, List.of(Field.T00, Field.PI_XX));
        assertEquals(2, e.length);
        assertEquals(2, e[0].length);
        for (double[] field : e) {
            assertTrue(field[0] > 0 && field[1] > 0, "a coarser step differs from the reference");
            double ratio = field[0] / field[1];
            assertTrue(ratio > 2.5 && ratio < 6, "second order: halving dt divides the error by about 4, got " + ratio);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Convergence.timeErrors(
                dt -> ReferenceRuns.smoothPlane(8, Integrators.imexArs222(), dt, 0.08), 0.04, new double[] {0.02},
                List.of(Field.T00))).getMessage().contains("above the reference step"));
    }

    @Test
    void modesTheGridCannotResolveAreRefused() {
        Solver s = ReferenceRuns.smoothPlane(8, Integrators.imexArs222(), 0.01, 0.01).start();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Convergence.lowModes(s, Field.T00, 4)).getMessage()
                .startsWith("maxMode = 4; must be below half the 8 points along axis x"));
        assertEquals(2 * 4 * 7, Convergence.lowModes(s, Field.T00, 3).length);
    }

    @Test
    void referenceRunsNameTheirBadArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.restRelaxation(null, 0.1, 2))
                .getMessage().startsWith("integrator = null"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ReferenceRuns.restRelaxation(Integrators.imexArs222(), 0.1, 0)).getMessage().startsWith("steps = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ReferenceRuns.smoothPlane(16, Integrators.imexArs222(), 0.1, 0.01)).getMessage()
                .startsWith("endTime = 0.01 with dt = 0.1 gives 0 steps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ReferenceRuns.smoothPlane(16, Integrators.imexArs222(), Double.NaN, 1)).getMessage()
                .startsWith("dt = NaN"));
    }
}
