package dev.isspectral.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Transport;
import dev.isspectral.validate.Complex;
import dev.isspectral.validate.LinearModes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * physics.md §7.6: for τ_π, τ_Π > 0 every root of (7.2) and (7.5) decays for k = 0.1 … 100, and
 * the large-k front speed Im s/k tends to v_∞ of (3.4), the bound the builder enforces.
 */
@Tag("validation")
class StabilityTest {

    private static final LinearModes CASE_A = LinearModes.of(1.0 / 3, 0.2, 5, 0, 0);
    private static final LinearModes CASE_B = LinearModes.of(1.0 / 3, 0.08, 5, 0, 0);
    private static final LinearModes CASE_C = LinearModes.of(0.25, 0.08, 5, 0.04,
            Transport.etaOverS(0.08).zetaOverS(0.04).bulkStiffness(0.25));

    @Test
    void everyLinearModeDecaysForAllWaveNumbers() {
        for (LinearModes m : new LinearModes[] {CASE_A, CASE_B, CASE_C}) {
            for (double k = 0.1; k <= 100; k *= 1.2) {
                for (Complex s : m.soundRoots(k)) {
                    assertTrue(s.re() < 0, "sound root " + s + " at k = " + k + " of " + m);
                }
                for (Complex s : m.shearRoots(k)) {
                    assertTrue(s.re() < 0, "shear root " + s + " at k = " + k + " of " + m);
                }
            }
        }
    }

    @Test
    void frontSpeedTendsToTheCausalityBoundOfTheTransportCoefficients() {
        double k = 1000;
        double conformal = Math.sqrt(Transport.etaOverS(0.08).frontSpeedSquared(1.0 / 3));
        assertEquals(0.7745967, conformal, 1e-7);
        assertEquals(conformal, CASE_B.soundRoot(k).im() / k, 1e-5);
        double bulk = Math.sqrt(Transport.etaOverS(0.08).zetaOverS(0.04).frontSpeedSquared(0.25));
        assertEquals(0.7859442, bulk, 1e-7);
        assertEquals(bulk, CASE_C.soundRoot(k).im() / k, 1e-5);
    }
}
