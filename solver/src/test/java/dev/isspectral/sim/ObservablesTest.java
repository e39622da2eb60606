package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import org.junit.jupiter.api.Test;

/** Observables on known data: integrals, extremes, slices and the kinetic-energy spectrum. */
class ObservablesTest {

    private static String rejection(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static Solver start(String grid, double lx, double ly, double lz, Initial ic) {
        return Simulation.builder().grid(grid).box(lx, ly, lz).transport(Transport.etaOverS(0.1)).initial(ic)
                .build().start();
    }

    @Test
    void totalEnergyAndMomentumOfAUniformlyMovingFluidAreDensityTimesVolume() {
        double v = 0.3;
        Solver s = start("1x4x3x2", 2, 3, 5, Initial.custom("moving", (x, y, z, out) -> {
            out[0] = 1.2;
            out[1] = v;
            out[3] = -v / 2;
        }));
        double v2 = v * v + v * v / 4;
        double gamma2 = 1 / (1 - v2);
        double h = 1.2 * 4 / 3;
        double volume = 30;
        assertEquals((h * gamma2 - 0.4) * volume, Observables.totalEnergy().measure(s), 1e-12);
        assertEquals(h * gamma2 * v * volume, Observables.momentum(0).measure(s), 1e-12);
        assertEquals(0.0, Observables.momentum(1).measure(s), 0.0);
        assertEquals(-h * gamma2 * v / 2 * volume, Observables.momentum(2).measure(s), 1e-12);
        assertEquals("total_energy", Observables.totalEnergy().name());
        assertEquals("momentum_z", Observables.momentum(2).name());
        assertThrows(IllegalArgumentException.class, () -> Observables.momentum(3));
    }

    @Test
    void totalEnergyOfASoundWaveIsTheBackgroundTimesTheVolume() {
        Solver s = start("1x8x6x4", 2, 3, 4, Initial.soundWave().mode(1, 1, 1).amplitude(0.3));
        assertEquals(24.0, Observables.totalEnergy().measure(s), 1e-12);
    }

    @Test
    void maxSpeedIsTheLargestSpeedOnTheGrid() {
        Solver s = start("1x8x4x4", 1, 1, 1, Initial.shearWave().amplitude(0.2));
        assertEquals(0.2, Observables.maxSpeed().measure(s), 1e-14);
        Solver tg = start("1x8x8x2", 1, 1, 1, Initial.taylorGreen().velocity(0.1));
        // at (x, y) = (L/4, 0): v = (V, 0)
        assertEquals(0.1, Observables.maxSpeed(tg), 1e-14);
    }

    @Test
    void minAndMaxEnergyDensityOfASoundWaveAreBackgroundTimesOneMinusAndPlusA() {
        Solver s = start("1x8x4x4", 1, 1, 1, Initial.soundWave().amplitude(0.1).background(2));
        assertEquals(1.8, Observables.minEnergyDensity().measure(s), 1e-14);
        assertEquals(2.2, Observables.maxEnergyDensity().measure(s), 1e-14);
    }

    @Test
    void modeProjectionsRecoverTheAmplitudes() {
        Solver s = start("1x8x6x4", 2, 3, 4, Initial.soundWave().mode(1, 2, 0).amplitude(0.05));
        assertEquals(0.05, Observables.energyDensityMode(1, 2, 0).measure(s), 1e-14);
        assertEquals(0.0, Observables.energyDensityMode(1, 0, 0).measure(s), 1e-14);
        assertEquals(0.05, Observables.cosineAmplitude(Field.T00, 1, 2, 0).measure(s), 1e-14);
        Solver w = start("1x8x6x4", 2, 3, 4, Initial.shearWave().mode(0, 0, 1).amplitude(0.03));
        assertEquals(0.03, Observables.velocitySineMode(1, 0, 0, 1).measure(w), 1e-14);
        assertEquals(0.0, Observables.velocitySineMode(0, 0, 0, 1).measure(w), 1e-14);
    }

    @Test
    void slicesAreIndexedByTheTwoOtherAxesInOrder() {
        Solver s = start("1x3x4x5", 3, 4, 5, Initial.custom("ramp", (x, y, z, out) -> out[0] = 1 + x + 10 * y + 100 * z));
        // grid spacing 1 on every axis, so eps(i, j, k) = 1 + i + 10 j + 100 k
        double[][] x = Observables.slice(s, "eps", 0, 2);
        assertEquals(4, x.length);
        assertEquals(5, x[0].length);
        assertEquals(1 + 2 + 10 * 3 + 100 * 4, x[3][4], 1e-12);
        double[][] y = Observables.slice(s, "T00", 1, 1);
        assertEquals(3, y.length);
        assertEquals(5, y[0].length);
        assertEquals(1 + 2 + 10 + 100 * 3, y[2][3], 1e-12);
        double[][] z = Observables.slice(s, "pressure", 2, 4);
        assertEquals(3, z.length);
        assertEquals(4, z[0].length);
        assertEquals((1 + 1 + 10 * 2 + 100 * 4) / 3.0, z[1][2], 1e-12);
    }

    @Test
    void badSliceArgumentsAreRejected() {
        Solver s = start("1x3x4x5", 3, 4, 5, Initial.staticEquilibrium());
        assertEquals("axis = 3; must be 0, 1 or 2",
                assertThrows(IllegalArgumentException.class, () -> Observables.slice(s, "eps", 3, 0)).getMessage());
        assertEquals("index = 4; must be in [0, 4) along y",
                assertThrows(IllegalArgumentException.class, () -> Observables.slice(s, "eps", 1, 4)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Observables.slice(s, "rho", 0, 0)).getMessage()
                .startsWith("quantity = \"rho\""));
    }

    @Test
    void aVelocityModeOfAnAxisOutsideZeroToTwoIsRejectedWhenMade() {
        assertEquals("axis = 3; must be 0, 1 or 2", rejection(() -> Observables.velocitySineMode(3, 1, 0, 0)));
        assertEquals("axis = -1; must be 0, 1 or 2", rejection(() -> Observables.velocitySineMode(-1, 1, 0, 0)));
    }

    @Test
    void aModeTheGridCannotResolveIsRejectedAtTheFirstMeasurement() {
        Solver s = start("1x16x8x1", 1, 1, 1, Initial.soundWave());
        assertEquals("mode = (9, 0, 0); mode number 9 along x is not resolved by 16 points (must have |n| < N/2)",
                rejection(() -> Observables.energyDensityMode(9, 0, 0).measure(s)));
        assertEquals("mode = (0, -4, 0); mode number -4 along y is not resolved by 8 points (must have |n| < N/2)",
                rejection(() -> Observables.cosineAmplitude(Field.T00, 0, -4, 0).measure(s)));
        assertEquals("mode = (1, 0, 1); mode number 1 along z is not resolved by 1 points (must have |n| < N/2)",
                rejection(() -> Observables.velocitySineMode(1, 1, 0, 1).measure(s)));
        assertEquals("mode = (8, 0, 0); mode number 8 along x is not resolved by 16 points (must have |n| < N/2)",
                rejection(() -> Observables.projection(s.grid(), s.primitives().energyDensity, 8, 0, 0, true)));
        assertEquals("mode = (-2147483648, 0, 0); mode number -2147483648 along x is not resolved by 16 points (must have |n| < N/2)",
                rejection(() -> Observables.energyDensityMode(Integer.MIN_VALUE, 0, 0).measure(s)));
        // the largest resolved mode numbers, and the mean (0, 0, 0), are measured
        assertEquals(0.0, Observables.energyDensityMode(7, -3, 0).measure(s), 1e-14);
        assertEquals(2.0, Observables.energyDensityMode(0, 0, 0).measure(s), 1e-14);
    }

    @Test
    void projectionNeedsAGridAndOneValuePerPoint() {
        dev.isspectral.grid.Grid g = dev.isspectral.grid.Grid.of(16, 16, 16);
        assertEquals("f: 100 values; must have 4096 (the grid 16x16x16)",
                rejection(() -> Observables.projection(g, new double[100], 1, 0, 0, true)));
        assertEquals("f = null; must have 4096 values (the grid 16x16x16)",
                rejection(() -> Observables.projection(g, null, 1, 0, 0, true)));
        assertEquals("g = null; must be the grid of f",
                rejection(() -> Observables.projection(null, new double[100], 1, 0, 0, true)));
    }

    @Test
    void aNullFieldOrQuantityIsNamed() {
        assertEquals("field = null; must be an evolved field (T00, T0x, T0y, T0z, Pi, pi_xx, pi_yy, pi_xy, pi_xz, pi_yz)",
                rejection(() -> Observables.cosineAmplitude(null, 1, 0, 0)));
        Solver s = start("1x3x4x5", 3, 4, 5, Initial.staticEquilibrium());
        String expected = "quantity = null; must be eps, vx, vy, vz, pressure or an evolved field "
                + "(T00, T0x, T0y, T0z, Pi, pi_xx, pi_yy, pi_xy, pi_xz, pi_yz)";
        assertEquals(expected, rejection(() -> Observables.values(s, null)));
        assertEquals(expected, rejection(() -> Observables.slice(s, null, 0, 0)));
    }

    @Test
    void kineticEnergySpectrumSumsToHalfTheMeanOfEnthalpyGammaSquaredVSquared() {
        Solver s = Simulation.builder().grid("1x12x10x8").box(5, 6, 7).eos(Eos.constantSoundSpeed(0.25))
                .initial(Initial.randomField().velocityRms(0.3).densityRms(0.1).seed(4)).build().start();
        double[][] spectrum = Observables.kineticEnergySpectrum(s);
        double sum = 0;
        for (double e : spectrum[1]) {
            sum += e;
        }
        var p = s.primitives();
        double expected = 0;
        for (int q = 0; q < p.points(); q++) {
            double v2 = p.vx[q] * p.vx[q] + p.vy[q] * p.vy[q] + p.vz[q] * p.vz[q];
            expected += 0.5 * 1.25 * p.energyDensity[q] * v2 / (1 - v2);
        }
        expected /= p.points();
        assertEquals(expected, sum, 1e-12 * expected);
        assertEquals(2 * Math.PI / 7, spectrum[0][1], 1e-15);
    }

    @Test
    void aSingleShearModeLandsInItsShell() {
        double v = 1e-3;
        Solver s = start("1x16x8x8", 2 * Math.PI, 2 * Math.PI, 2 * Math.PI,
                Initial.shearWave().mode(3, 0, 0).amplitude(v));
        double[][] spectrum = Observables.kineticEnergySpectrum(s);
        double total = 0;
        for (double e : spectrum[1]) {
            total += e;
        }
        assertEquals(3.0, spectrum[0][3], 1e-15);
        // ½ (ε + P) V² ⟨sin²⟩ = ½ · 4/3 · V²/2
        assertEquals(v * v / 3, spectrum[1][3], 1e-6 * v * v);
        assertTrue(spectrum[1][3] > (1 - 1e-9) * total, "fraction in shell 3: " + spectrum[1][3] / total);
    }

    @Test
    void fluidAtRestHasNoKineticEnergy() {
        Solver s = start("1x4x4x4", 1, 1, 1, Initial.soundWave());
        for (double e : Observables.kineticEnergySpectrum(s)[1]) {
            assertEquals(0.0, e, 0.0);
        }
    }
}
