package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What every {@link Eos} must satisfy (physics.md §2): thermodynamic consistency ε + P = T s and
 * dP = s dT, c_s² = dP/dε, and a positive temperature. Subclasses name the EOS and its c_s².
 */
abstract class EosContract {

    /** The EOS under test. */
    abstract Eos eos();

    /** The c_s² it must have. */
    abstract double expectedSoundSpeedSquared();

    static final double[] ENERGY_DENSITIES = {1e-3, 0.37, 1.0, 2.5, 40.0};

    @Test
    void enthalpyEqualsTemperatureTimesEntropy() {
        for (double e : ENERGY_DENSITIES) {
            double h = e + eos().pressure(e);
            assertEquals(h, eos().temperature(e) * eos().entropyDensity(e), 1e-14 * h, "eps = " + e);
        }
    }

    @Test
    void soundSpeedSquaredIsTheDerivativeOfPressure() {
        for (double e : ENERGY_DENSITIES) {
            double d = 1e-4 * e;
            double fd = (eos().pressure(e + d) - eos().pressure(e - d)) / (2 * d);
            assertEquals(expectedSoundSpeedSquared(), eos().soundSpeedSquared(e), 1e-15, "eps = " + e);
            assertEquals(eos().soundSpeedSquared(e), fd, 1e-9, "finite difference at eps = " + e);
        }
    }

    @Test
    void pressureChangesByEntropyTimesTemperatureChange() {
        for (double e : ENERGY_DENSITIES) {
            double d = 1e-4 * e;
            double dp = eos().pressure(e + d) - eos().pressure(e - d);
            double dt = eos().temperature(e + d) - eos().temperature(e - d);
            double s = eos().entropyDensity(e);
            assertEquals(s, dp / dt, 1e-7 * s, "dP/dT = s at eps = " + e);
        }
    }

    @Test
    void temperatureIsPositiveAndIncreasing() {
        double previous = 0;
        for (double e : ENERGY_DENSITIES) {
            double t = eos().temperature(e);
            assertTrue(t > previous, "T(" + e + ") = " + t);
            previous = t;
        }
    }

    @Test
    void unitEnergyDensityHasUnitTemperatureForAEqualsOne() {
        assertEquals(1.0, eos().temperature(1.0), 1e-15);
    }

    @Test
    void describeNamesTheSoundSpeedOrConformal() {
        String d = eos().describe();
        assertTrue(d.contains("conformal") || d.contains(String.format(java.util.Locale.ROOT, "%.6g",
                expectedSoundSpeedSquared())), d);
    }
}
