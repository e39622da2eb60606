package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The equations of state of physics.md §2, each run through {@link EosContract}. */
class EosTest {

    @Nested
    class Conformal extends EosContract {
        @Override
        Eos eos() {
            return Eos.conformal();
        }

        @Override
        double expectedSoundSpeedSquared() {
            return 1.0 / 3.0;
        }
    }

    @Nested
    class ConstantSoundSpeedOneQuarter extends EosContract {
        @Override
        Eos eos() {
            return Eos.constantSoundSpeed(0.25);
        }

        @Override
        double expectedSoundSpeedSquared() {
            return 0.25;
        }
    }

    @Nested
    class ConstantSoundSpeedOneThird extends EosContract {
        @Override
        Eos eos() {
            return Eos.constantSoundSpeed(1.0 / 3.0);
        }

        @Override
        double expectedSoundSpeedSquared() {
            return 1.0 / 3.0;
        }
    }

    @Test
    void conformalEqualsConstantSoundSpeedOneThirdToRoundOff() {
        Eos conformal = Eos.conformal();
        Eos third = Eos.constantSoundSpeed(1.0 / 3.0);
        for (double e : EosContract.ENERGY_DENSITIES) {
            assertEquals(third.pressure(e), conformal.pressure(e), 0.0);
            assertEquals(third.temperature(e), conformal.temperature(e), 2e-16 * third.temperature(e));
            assertEquals(third.entropyDensity(e), conformal.entropyDensity(e), 4e-16 * third.entropyDensity(e));
            assertEquals(third.constantSoundSpeedSquared(), conformal.constantSoundSpeedSquared(), 0.0);
        }
    }

    @Test
    void conformalTemperatureIsFourthRootOfEnergyOverA() {
        Eos photons = Eos.conformal(0.65797);
        assertEquals(Math.pow(2.0 / 0.65797, 0.25), photons.temperature(2.0), 1e-15);
        assertEquals(4.0 / 3.0 * 2.0 / photons.temperature(2.0), photons.entropyDensity(2.0), 1e-14);
    }

    @Test
    void constantSoundSpeedEnergyIsATimesTemperatureToOnePlusOneOverCs2() {
        Eos eos = Eos.constantSoundSpeed(0.25, 2.0);
        double t = eos.temperature(3.0);
        assertEquals(3.0, 2.0 * Math.pow(t, 1 + 1 / 0.25), 1e-14);
        assertEquals(0.75, eos.pressure(3.0), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, 0.34, Double.NaN, 1.0})
    void soundSpeedSquaredOutsideZeroToOneThirdIsRejected(double cs2) {
        var e = assertThrows(IllegalArgumentException.class, () -> Eos.constantSoundSpeed(cs2));
        assertTrue(e.getMessage().startsWith("soundSpeedSquared = " + cs2 + "; must be in (0, 1/3]"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void nonPositiveStefanBoltzmannConstantIsRejected(double a) {
        var e = assertThrows(IllegalArgumentException.class, () -> Eos.conformal(a));
        assertTrue(e.getMessage().startsWith("a = " + a + ";"), e.getMessage());
    }

    @Test
    void onlyAnEosWithPEqualsCs2EpsilonReportsAConstantSoundSpeed() {
        assertEquals(0.25, Eos.constantSoundSpeed(0.25).constantSoundSpeedSquared(), 0.0);
        Eos general = new Eos() {
            @Override
            public double pressure(double e) {
                return e / 3;
            }

            @Override
            public double soundSpeedSquared(double e) {
                return 1.0 / 3;
            }

            @Override
            public double temperature(double e) {
                return Math.pow(e, 0.25);
            }

            @Override
            public String describe() {
                return "general";
            }
        };
        assertTrue(Double.isNaN(general.constantSoundSpeedSquared()));
        assertEquals(4.0 / 3.0 * 16 / 2, general.entropyDensity(16), 1e-14);
    }
}
