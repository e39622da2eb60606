package dev.isspectral.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.parallel.Workers;
import dev.isspectral.trace.Tracer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With preallocated storage a stiffly accurate step ends by handing its last stage's arrays to the state instead of
 * copying them: the values are those of the copying path bit for bit, step after step, and the state's arrays stay
 * distinct from each other and from what the next step writes.
 */
class StageHandOverTest {

    private static final int POINTS = 37;

    /**
     * Three fields on 37 points, nonlinear and coupled: field 0 evolves without relaxing (its stage value aliases its
     * predicted value), fields 1 and 2 relax towards targets that depend on field 0; field 3 does not evolve.
     */
    private static final class Coupled implements Rhs {
        @Override
        public int fieldCount() {
            return 4;
        }

        @Override
        public int points() {
            return POINTS;
        }

        @Override
        public boolean[] relaxing() {
            return new boolean[] {false, true, true, false};
        }

        @Override
        public boolean[] evolved() {
            return new boolean[] {true, true, true, false};
        }

        @Override
        public void evaluate(double[][] y, Pass pass, double[][] explicit, Relaxation relaxation) {
            for (int p = 0; p < POINTS; p++) {
                relaxation.rate(1)[p] = 3.0 + y[0][p] * y[0][p];
                relaxation.rate(2)[p] = 40.0;
                relaxation.target(1)[p] = Math.sin(y[0][p]) * y[3][p];
                relaxation.target(2)[p] = y[1][p] * y[0][p];
            }
            if (explicit != null) {
                for (int p = 0; p < POINTS; p++) {
                    int q = (p + 1) % POINTS;
                    explicit[0][p] = -y[1][p] * y[2][p] + 0.3 * (y[0][q] - y[0][p]);
                    explicit[1][p] = 0.1 * y[2][q];
                    explicit[2][p] = -0.2 * y[1][p] * y[0][p];
                }
            }
        }
    }

    private static double[][] initial() {
        double[][] u = new double[4][POINTS];
        for (int p = 0; p < POINTS; p++) {
            u[0][p] = 1 + 0.4 * Math.cos(0.7 * p);
            u[1][p] = 0.2 * Math.sin(1.3 * p);
            u[2][p] = -0.1 + 0.01 * p;
            u[3][p] = 2 + Math.sin(0.2 * p);
        }
        return u;
    }

    @Test
    void theHandedOverStageHoldsTheCopiedValuesStepAfterStep() {
        Tableau ars = Integrators.imexArs222();
        assertTrue(ars.stifflyAccurate(), "the hand-over applies to a stiffly accurate tableau");
        int[] groups = {0, 0, 1, 0};
        ImexStepper copying = new ImexStepper(ars, new Coupled(), groups, Tracer.OFF, false, Workers.create(1));
        ImexStepper handing = new ImexStepper(ars, new Coupled(), groups, Tracer.OFF, true, Workers.create(1));
        double[][] a = initial();
        double[][] b = initial();
        double[] notEvolved = b[3];
        Set<double[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int n = 1; n <= 12; n++) {
            double[][] before = b.clone();
            copying.step(a, 0.05, n);
            handing.step(b, 0.05, n);
            for (int f = 0; f < 4; f++) {
                assertArrayEquals(a[f], b[f], "field " + f + " after step " + n);
            }
            for (int f = 0; f < 3; f++) {
                assertNotSame(before[f], b[f], "field " + f + " is handed over, not copied, in step " + n);
                seen.add(b[f]);
            }
            assertSame(notEvolved, b[3], "a field that does not evolve keeps its array");
            assertEquals(3, distinct(b, 3), "the evolved fields hold three distinct arrays after step " + n);
        }
        // the state's arrays and the stepper's stage arrays take turns: two per evolved field, none made anew
        assertEquals(6, seen.size(), "arrays the evolved fields held");
    }

    /** How many of the first {@code n} arrays of {@code u} are distinct objects. */
    private static int distinct(double[][] u, int n) {
        Set<double[]> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int f = 0; f < n; f++) {
            s.add(u[f]);
        }
        return s.size();
    }
}
