package dev.isspectral.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.trace.Tracer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered integrator ({@link Integrators#all()}) on one relaxing scalar
 * y' = −K (y − X): one step multiplies y − X by the scheme's stability function R(z), z = −hK,
 * and the global error on y' = −y falls at the order the tableau claims.
 */
class IntegratorContractTest {

    static List<Tableau> integrators() {
        return Integrators.all();
    }

    /**
     * R(z) = 1 + z bᵀ(I − zA)⁻¹𝟙 of a scheme on y' = −K(y − X), from its tableau alone: (A, b) the
     * implicit tableau for an IMEX scheme (the relaxation is its stiff part), the explicit one for an
     * explicit scheme (the relaxation is explicit). (I − zA) k = 𝟙 is solved by forward substitution.
     */
    static double amplification(Tableau t, double z) {
        double[][] a = t.imex() ? t.implicitA() : t.explicitA();
        double[] b = t.imex() ? t.implicitB() : t.explicitB();
        int s = t.stages();
        double[] k = new double[s];
        double r = 1.0;
        for (int i = 0; i < s; i++) {
            double sum = 1.0;
            for (int j = 0; j < i; j++) {
                sum += z * a[i][j] * k[j];
            }
            k[i] = sum / (1.0 - z * a[i][i]);
            r += z * b[i] * k[i];
        }
        return r;
    }

    /** One field, one point, F_E = 0, F_I = −K (y − X). */
    static final class ScalarRelaxation implements Rhs {
        final double rate;
        final double target;

        ScalarRelaxation(double rate, double target) {
            this.rate = rate;
            this.target = target;
        }

        @Override
        public int fieldCount() {
            return 1;
        }

        @Override
        public int points() {
            return 1;
        }

        @Override
        public boolean[] relaxing() {
            return new boolean[] {true};
        }

        @Override
        public void evaluate(double[][] y, Pass pass, double[][] explicit, Relaxation relaxation) {
            assertEquals(pass.explicit(), explicit != null, "explicit arrays exactly for an explicit pass");
            relaxation.rate(0)[0] = rate;
            relaxation.target(0)[0] = target;
            if (explicit != null) {
                explicit[0][0] = pass == Pass.EXPLICIT_AND_RELAXATION ? -rate * (y[0][0] - target) : 0.0;
            }
        }
    }

    private static double advance(Tableau t, double rate, double target, double y0, double h, int steps) {
        ScalarRelaxation rhs = new ScalarRelaxation(rate, target);
        ImexStepper stepper = new ImexStepper(t, rhs, new int[] {0}, Tracer.OFF);
        double[][] u = {{y0}};
        for (int n = 0; n < steps; n++) {
            stepper.step(u, h, n + 1);
        }
        return u[0][0];
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void oneStepMultipliesTheDistanceToTheTargetByTheStabilityFunction(Tableau t) {
        double target = 0.7;
        double y0 = 1.9;
        for (double z : new double[] {-0.05, -0.3, -1.0, -2.0}) {
            double rate = 2.5;
            double h = -z / rate;
            double y1 = advance(t, rate, target, y0, h, 1);
            double expected = amplification(t, z);
            assertEquals(expected, (y1 - target) / (y0 - target), 1e-14, t.name() + " at z = " + z);
        }
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void theTargetIsAFixedPoint(Tableau t) {
        assertEquals(0.7, advance(t, 3.0, 0.7, 0.7, 0.1, 5), 1e-16);
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void observedOrderOnExponentialDecayMatchesTheTableauOrder(Tableau t) {
        double exact = Math.exp(-1);
        double previous = Double.NaN;
        double[] orders = new double[3];
        for (int level = 0; level < 4; level++) {
            int steps = 10 << level;
            double error = Math.abs(advance(t, 1.0, 0.0, 1.0, 1.0 / steps, steps) - exact);
            if (level > 0) {
                orders[level - 1] = Math.log(previous / error) / Math.log(2);
            }
            previous = error;
        }
        assertEquals(t.order(), orders[2], 0.1, t.name() + " observed orders " + java.util.Arrays.toString(orders));
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void imexSchemesAreLStableAndExplicitOnesAreNot(Tableau t) {
        double r = amplification(t, -1e6);
        if (t.imex()) {
            assertTrue(Math.abs(r) < 1e-5, t.name() + " R(-1e6) = " + r);
            assertEquals(r, (advance(t, 1e6, 0.0, 1.0, 1.0, 1)), 1e-12);
        } else {
            // a polynomial R: stable near 0, unstable far out on the negative axis
            assertTrue(Math.abs(amplification(t, -1.0)) < 1, t.name() + " R(-1) = " + amplification(t, -1.0));
            assertTrue(Math.abs(amplification(t, -1e3)) > 1, t.name() + " R(-1e3) = " + amplification(t, -1e3));
        }
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void stabilityFunctionMatchesTheExponentialToTheTableauOrder(Tableau t) {
        // R(z) − e^z = O(z^(p+1)): halving z divides the error by 2^(p+1)
        double coarse = Math.abs(amplification(t, -0.1) - Math.exp(-0.1));
        double fine = Math.abs(amplification(t, -0.05) - Math.exp(-0.05));
        double ratio = coarse / fine;
        double expected = Math.pow(2, t.order() + 1);
        assertTrue(ratio > 0.8 * expected && ratio < 1.25 * expected,
                t.name() + ": error ratio " + ratio + ", order " + t.order() + " needs " + expected);
    }

    @org.junit.jupiter.api.Test
    void theKnownStabilityFunctionsComeOutOfTheTableaux() {
        // a check of the derivation above on the two schemes whose R is in the literature
        double g = Integrators.ARS_GAMMA;
        for (double z : new double[] {-0.3, -2.0, -40.0}) {
            assertEquals((1 + (1 - 2 * g) * z) / ((1 - g * z) * (1 - g * z)),
                    amplification(Integrators.imexArs222(), z), 1e-14);
            assertEquals(1 + z + z * z / 2 + z * z * z / 6, amplification(Integrators.sspRk3(), z),
                    1e-12 * Math.abs(z * z * z));
        }
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void tableauIsConsistent(Tableau t) {
        double sum = 0;
        for (double b : t.explicitB()) {
            sum += b;
        }
        assertEquals(1.0, sum, 1e-15, "explicit weights");
        if (t.imex()) {
            double isum = 0;
            for (double b : t.implicitB()) {
                isum += b;
            }
            assertEquals(1.0, isum, 1e-15, "implicit weights");
        }
        for (int i = 0; i < t.stages(); i++) {
            double row = 0;
            for (double a : t.explicitA()[i]) {
                row += a;
            }
            assertEquals(t.c()[i], row, 1e-15, "explicit row sum = c at stage " + i);
            if (t.imex()) {
                double irow = 0;
                for (double a : t.implicitA()[i]) {
                    irow += a;
                }
                assertEquals(t.c()[i], irow, 1e-15, "implicit row sum = c at stage " + i);
            }
        }
    }
}
