package dev.isspectral.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isspectral.physics.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments of {@link LinearModes} and {@link Validation} fail at once with one message naming the
 * parameter, the value and what is allowed; nothing is run or silently replaced.
 */
class ValidateInputsTest {

    private static String rejection(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /**
     * On a box one point thick along y and z, the low modes are those along x alone: ε = 1 + A cos x gives c_1 = A/2
     * and nothing else (lowModes once asked for |n_y| ≤ maxMode on one point, which the mode check now refuses).
     */
    @Test
    void lowModesOfALineAreAlongItAlone() {
        double a = 1e-3;
        dev.isspectral.sim.Solver s = dev.isspectral.sim.Simulation.builder().grid("1x16x1x1")
                .initial(dev.isspectral.sim.Initial.soundWave().mode(1, 0, 0).amplitude(a)).build().start();
        double[] c = Convergence.lowModes(s, dev.isspectral.state.Field.T00, 2);
        assertEquals(6, c.length, "n_x = 0, 1, 2 as (re, im) pairs");
        assertEquals(1.0, c[0], 1e-12);
        assertEquals(a / 2, c[2], 1e-12);
        assertEquals(0.0, c[4], 1e-12);
        assertEquals(0.0, c[1] + c[3] + c[5], 1e-12);
    }

    @Test
    void linearModesRejectABulkViscosityThatIsNotANumberOrNegative() {
        assertEquals("zetaOverS = NaN; must be a finite number >= 0", rejection(() -> LinearModes.of(0.25, 0.08, 5, Double.NaN, 1)));
        assertEquals("zetaOverS = -0.04; must be a finite number >= 0", rejection(() -> LinearModes.of(0.25, 0.08, 5, -0.04, 1)));
        // ζ/s = 0 needs no stiffness (callers pass 0 then)
        assertEquals(0.0, LinearModes.of(1.0 / 3, 0.08, 5, 0, 0).bulkViscosity(), 0.0);
    }

    @Test
    void linearModesRejectASoundSpeedOutsideTheEosRange() {
        String allowed = "; must be in (0, 1/3] (c_s^2 > 1/3 is not a kinetic-theory gas)";
        assertEquals("soundSpeedSquared = NaN" + allowed, rejection(() -> LinearModes.of(Double.NaN, 0.08, 5, 0, 0)));
        assertEquals("soundSpeedSquared = 0.5" + allowed, rejection(() -> LinearModes.of(0.5, 0.08, 5, 0, 0)));
        assertEquals("soundSpeedSquared = 0.0" + allowed, rejection(() -> LinearModes.of(0.0, Transport.etaOverS(0.08))));
        assertEquals("transport = null; must be a Transport such as Transport.etaOverS(0.08)",
                rejection(() -> LinearModes.of(1.0 / 3, null)));
    }

    @Test
    void validationRejectsAnInfiniteDurationOrTimeStep() {
        assertEquals("duration = Infinity; must be a finite time > 0",
                rejection(() -> Validation.soundWave().duration(Double.POSITIVE_INFINITY)));
        assertEquals("duration = NaN; must be a finite time > 0", rejection(() -> Validation.soundWave().duration(Double.NaN)));
        assertEquals("timeStep = Infinity; must be a finite time > 0",
                rejection(() -> Validation.shearWave().timeStep(Double.POSITIVE_INFINITY)));
        assertEquals("timeStep = -0.01; must be a finite time > 0", rejection(() -> Validation.shearWave().timeStep(-0.01)));
    }

    @Test
    void validationRejectsAStepCountOutsideTheIntRangeBeforeRunning() {
        // 3e9 steps wrapped to a negative int before, failing later with a grid message
        assertEquals("duration = 3.0E7 with timeStep = 0.01 gives 3000000000 steps; must give between 1 and 2147483647",
                rejection(() -> Validation.soundWave().duration(3e7).timeStep(0.01).run()));
        assertEquals("duration = 0.001 with timeStep = 0.01 gives 0 steps; must give between 1 and 2147483647",
                rejection(() -> Validation.shearWave().duration(0.001).timeStep(0.01).run()));
    }

    @Test
    void validationRejectsAModeThePointsCannotResolveBeforeRunningTheOthers() {
        // mode 1 would run for seconds before mode 8 failed at its build
        assertEquals("modes = [1, 8] with points = 16; mode 8 is not resolved (must have n < points/2)",
                rejection(() -> Validation.soundWave().modes(1, 8).run()));
    }
}
