package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Transport.BulkRelaxation;
import dev.isspectral.physics.Transport.Variant;
import dev.isspectral.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Transport coefficients (physics.md §3): eager validation, immutability, the front speed (3.4). */
class TransportTest {

    private static String rejection(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    /** eq. 3.1 and eq. 3.2 at the §7.1 state (c_s² = 1/4, ε = 1, T = 1: s = ε + P = 1.25): τ_π = 0.4. */
    @Test
    void viscositiesAreTheirRatiosTimesTheEntropyDensityAndFeedTheRelaxationTimes() {
        Transport t = Transport.etaOverS(0.08).zetaOverS(0.04);
        assertEquals(0.1, t.shearViscosity(1.25), 1e-16);
        assertEquals(0.05, t.bulkViscosity(1.25), 1e-16);
        assertEquals(0.4, t.shearRelaxationTime(t.shearViscosity(1.25), 1.25), 1e-15);
        assertEquals(0.04 * 144 / 14.55, t.bulkRelaxationTime(t.bulkViscosity(1.25), 0.25, 1.25), 1e-15, "eq. 3.3a");
        assertEquals(0, Transport.ideal().shearViscosity(7), 0);
    }

    @Test
    void negativeOrNonFiniteViscositiesAreRejectedAtTheSetter() {
        assertEquals("etaOverS = -0.1; must be a finite number >= 0", rejection(() -> Transport.etaOverS(-0.1)));
        assertEquals("etaOverS = NaN; must be a finite number >= 0", rejection(() -> Transport.etaOverS(Double.NaN)));
        assertEquals("etaOverS = Infinity; must be a finite number >= 0", rejection(() -> Transport.etaOverS(Double.POSITIVE_INFINITY)));
        assertEquals("zetaOverS = -0.1; must be a finite number >= 0", rejection(() -> Transport.etaOverS(0.1).zetaOverS(-0.1)));
        assertEquals("zetaOverS = NaN; must be a finite number >= 0", rejection(() -> Transport.etaOverS(0.1).zetaOverS(Double.NaN)));
    }

    @Test
    void nonPositiveRelaxationRatiosAreRejected() {
        assertEquals("bPi = 0.0; must be a finite number > 0", rejection(() -> Transport.etaOverS(0.1).bPi(0)));
        assertEquals("bPi = -5.0; must be a finite number > 0", rejection(() -> Transport.etaOverS(0.1).bPi(-5)));
        assertEquals("bPi = NaN; must be a finite number > 0", rejection(() -> Transport.etaOverS(0.1).bPi(Double.NaN)));
        assertEquals("bBulk = 0.0; must be a finite number > 0",
                rejection(() -> Transport.etaOverS(0.1).bulkRelaxationRatio(0)));
        assertEquals("bBulk = Infinity; must be a finite number > 0",
                rejection(() -> Transport.etaOverS(0.1).bulkRelaxationRatio(Double.POSITIVE_INFINITY)));
    }

    @Test
    void nullVariantAndDnmrOnlyTermsUnderMisAreRejected() {
        assertEquals("variant = null; must be DNMR or MIS", rejection(() -> Transport.etaOverS(0.1).variant(null)));
        Transport mis = Transport.etaOverS(0.1).variant(Variant.MIS);
        assertTrue(rejection(() -> mis.phi7(true)).startsWith("phi7 = true; only allowed with variant DNMR"));
        assertTrue(rejection(() -> mis.vorticity(true)).startsWith("vorticity = true; only allowed with variant DNMR"));
    }

    @Test
    void defaultsAreDnmrWithBPiFiveKineticBulkVorticityOnPhi7Off() {
        Transport t = Transport.etaOverS(0.08);
        assertEquals(0.08, t.etaOverS(), 0.0);
        assertEquals(0.0, t.zetaOverS(), 0.0);
        assertEquals(5.0, t.bPi(), 0.0);
        assertEquals(BulkRelaxation.KINETIC, t.bulkRelaxation());
        assertEquals(Variant.DNMR, t.variant());
        assertTrue(t.vorticity());
        assertTrue(!t.phi7());
        assertTrue(t.hasShear() && !t.hasBulk());
        assertTrue(!Transport.ideal().hasShear() && !Transport.ideal().hasBulk());
    }

    @Test
    void everySetterLeavesTheOriginalUnchanged() {
        Transport original = Transport.etaOverS(0.08);
        Transport changed = original.zetaOverS(0.04).bPi(7).bulkRelaxationRatio(3).phi7(true).vorticity(false);
        assertEquals(0.0, original.zetaOverS(), 0.0);
        assertEquals(5.0, original.bPi(), 0.0);
        assertEquals(BulkRelaxation.KINETIC, original.bulkRelaxation());
        assertTrue(Double.isNaN(original.bBulk()));
        assertTrue(!original.phi7() && original.vorticity());
        assertEquals(0.04, changed.zetaOverS(), 0.0);
        assertEquals(7.0, changed.bPi(), 0.0);
        assertEquals(3.0, changed.bBulk(), 0.0);
        assertTrue(changed.phi7() && !changed.vorticity());
        Transport mis = changed.variant(Variant.MIS);
        assertTrue(!mis.phi7() && !mis.vorticity());
        assertTrue(changed.phi7(), "variant(MIS) must not change the value it was called on");
        assertEquals(BulkRelaxation.KINETIC, changed.kineticBulkRelaxation().bulkRelaxation());
        assertEquals(BulkRelaxation.RATIO, changed.bulkRelaxation());
    }

    @Test
    void bulkStiffnessIsKineticConstantTimesDistanceToConformalSquaredOrOneOverBBulk() {
        Transport kinetic = Transport.etaOverS(0.08).zetaOverS(0.04);
        assertEquals(14.55 / 144, kinetic.bulkStiffness(0.25), 1e-15);
        assertEquals(0.0, kinetic.bulkStiffness(1.0 / 3.0), 1e-30);
        assertEquals(0.25, kinetic.bulkRelaxationRatio(4).bulkStiffness(0.25), 0.0);
    }

    @Test
    void conformalFrontSpeedWithBPiFiveIsSqrtPointSix() {
        double v2 = Transport.etaOverS(0.08).frontSpeedSquared(1.0 / 3.0);
        assertEquals(0.6, v2, 1e-15);
        assertEquals(0.7745967, Math.sqrt(v2), 1e-7);
    }

    @Test
    void caseCFrontSpeedIncludesTheKineticBulkTerm() {
        double v2 = Transport.etaOverS(0.08).zetaOverS(0.04).frontSpeedSquared(0.25);
        assertEquals(0.25 + 4.0 / 15.0 + 14.55 / 144.0, v2, 1e-15);
        assertEquals(0.617708333333, v2, 1e-12);
        assertEquals(0.7859442, Math.sqrt(v2), 1e-7);
    }

    @Test
    void ratioBulkRelaxationAddsOneOverBBulk() {
        double v2 = Transport.etaOverS(0.08).zetaOverS(0.04).bulkRelaxationRatio(5).frontSpeedSquared(1.0 / 3.0);
        assertEquals(1.0 / 3.0 + 4.0 / 15.0 + 0.2, v2, 1e-15);
    }

    @Test
    void idealFluidFrontSpeedIsTheSoundSpeed() {
        assertEquals(0.25, Transport.ideal().frontSpeedSquared(0.25), 0.0);
    }

    @Test
    void bPiOnePointNineIsAcausalAndTheBuilderRejectsItWithTheNumbers() {
        Transport t = Transport.etaOverS(0.08).bPi(1.9);
        assertEquals(1.0 / 3.0 + 4.0 / 5.7, t.frontSpeedSquared(1.0 / 3.0), 1e-15);
        assertEquals(1.0351, t.frontSpeedSquared(1.0 / 3.0), 1e-4);
        String m = rejection(() -> Simulation.builder().transport(t));
        assertTrue(m.startsWith("transport: front speed squared"), m);
        assertTrue(m.contains("= 1.03509; must be <= 1"), m);
        assertTrue(m.contains("b_pi = 1.90000"), m);
    }

    @Test
    void bPiTwoIsExactlyCausalAndAccepted() {
        Transport t = Transport.etaOverS(0.08).bPi(2);
        assertEquals(1.0, t.frontSpeedSquared(1.0 / 3.0), 1e-15);
        assertEquals(2.0, Simulation.builder().transport(t).grid("1x4x4x4").build().transport().bPi(), 0.0);
    }

    @Test
    void describeNamesTheCoefficients() {
        String d = Transport.etaOverS(0.08).zetaOverS(0.04).describe();
        assertTrue(d.contains("eta/s = 0.0800000") && d.contains("zeta/s = 0.0400000") && d.contains("b_pi = 5.00000")
                && d.contains("kinetic") && d.contains("DNMR"), d);
    }
}
