package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.JTransformsEngine;
import dev.isspectral.grid.Grid;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each initial condition produces the primitive data physics.md §7.0 defines. */
class InitialConditionsTest {

    private static final Grid BOX = Grid.of(8, 6, 10).withBox(3.0, 5.0, 7.0);

    private static InitialData fill(Initial ic, Grid g) {
        InitialData d = new InitialData(g);
        ic.fill(d);
        return d;
    }

    interface PointCheck {
        void at(int p, double x, double y, double z);
    }

    private static void forEach(Grid g, PointCheck c) {
        for (int i = 0; i < g.nx(); i++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int k = 0; k < g.nz(); k++) {
                    c.at(g.index(i, j, k), g.coordinate(0, i), g.coordinate(1, j), g.coordinate(2, k));
                }
            }
        }
    }

    private static void assertAllZero(double[] a, String what) {
        for (double v : a) {
            assertEquals(0.0, v, 0.0, what);
        }
    }

    @Test
    void staticEquilibriumIsUniformEnergyAtRest() {
        InitialData d = fill(Initial.staticEquilibrium(), BOX);
        for (double e : d.energyDensity) {
            assertEquals(1.0, e, 0.0);
        }
        assertAllZero(d.vx, "vx");
        assertAllZero(d.bulk, "Pi");
        assertAllZero(d.shear[2], "pi_xy");
    }

    @Test
    void uniformRelaxationDataCarriesItsBulkAndShear() {
        InitialData d = fill(Initial.staticEquilibrium().energyDensity(2).bulk(-0.1).shear(0.1, -0.2, 0.3, -0.4, 0.5), BOX);
        assertEquals(2.0, d.energyDensity[17], 0.0);
        assertEquals(-0.1, d.bulk[5], 0.0);
        assertArrayEquals(new double[] {0.1, -0.2, 0.3, -0.4, 0.5},
                new double[] {d.shear[0][9], d.shear[1][9], d.shear[2][9], d.shear[3][9], d.shear[4][9]}, 0.0);
    }

    @Test
    void soundWaveIsBackgroundTimesOnePlusACosKDotX() {
        Initial ic = Initial.soundWave().mode(1, -2, 3).amplitude(0.2).background(1.5);
        InitialData d = fill(ic, BOX);
        double kx = 2 * Math.PI / 3.0;
        double ky = 2 * Math.PI * -2 / 5.0;
        double kz = 2 * Math.PI * 3 / 7.0;
        forEach(BOX, (p, x, y, z) -> assertEquals(1.5 * (1 + 0.2 * Math.cos(kx * x + ky * y + kz * z)),
                d.energyDensity[p], 1e-15));
        assertAllZero(d.vx, "vx");
        assertAllZero(d.vy, "vy");
        assertAllZero(d.vz, "vz");
        assertEquals(1.5 * 1.2, d.energyDensity[0], 1e-15);
    }

    @Test
    void shearWaveVelocityIsPerpendicularToKAndSinusoidal() {
        InitialData d = fill(Initial.shearWave().amplitude(0.1), BOX);
        double k = 2 * Math.PI / 3.0;
        forEach(BOX, (p, x, y, z) -> assertEquals(0.1 * Math.sin(k * x), d.vy[p], 1e-15));
        assertAllZero(d.vx, "vx along k");
        assertAllZero(d.vz, "vz");
        for (double e : d.energyDensity) {
            assertEquals(1.0, e, 0.0);
        }
    }

    @Test
    void shearWaveAlongYSwitchesToAPerpendicularDirection() {
        InitialData d = fill(Initial.shearWave().mode(0, 1, 2).amplitude(0.05), BOX);
        double ky = 2 * Math.PI / 5.0;
        double kz = 2 * Math.PI * 2 / 7.0;
        forEach(BOX, (p, x, y, z) -> assertEquals(0.05 * Math.sin(ky * y + kz * z), d.vx[p], 1e-15));
        assertAllZero(d.vy, "vy");
        assertAllZero(d.vz, "vz");
    }

    @Test
    void explicitShearDirectionIsUsed() {
        InitialData d = fill(Initial.shearWave().mode(0, 1, 0).direction(2).amplitude(0.05), BOX);
        double ky = 2 * Math.PI / 5.0;
        forEach(BOX, (p, x, y, z) -> assertEquals(0.05 * Math.sin(ky * y), d.vz[p], 1e-15));
        assertAllZero(d.vx, "vx");
    }

    private static double pulse(Grid g, double a, double w, double x, double y, double z) {
        double sum = 0;
        for (int mx = -1; mx <= 1; mx++) {
            for (int my = -1; my <= 1; my++) {
                for (int mz = -1; mz <= 1; mz++) {
                    double dx = x - g.lx() / 2 - mx * g.lx();
                    double dy = y - g.ly() / 2 - my * g.ly();
                    double dz = z - g.lz() / 2 - mz * g.lz();
                    sum += Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * w * w));
                }
            }
        }
        return 1 + a * sum;
    }

    @Test
    void gaussianPulseSumsItsPeriodicImagesAndPeaksAtTheCentre() {
        Grid g = Grid.of(12, 12, 12).withBox(6.0);
        InitialData d = fill(Initial.gaussianPulse().amplitude(0.4).width(1.0), g);
        forEach(g, (p, x, y, z) -> assertEquals(pulse(g, 0.4, 1.0, x, y, z), d.energyDensity[p], 1e-15));
        int centre = g.index(6, 6, 6);
        double max = Arrays.stream(d.energyDensity).max().orElseThrow();
        assertEquals(max, d.energyDensity[centre], 0.0);
        assertEquals(1.4, d.energyDensity[centre], 1e-5);
        // at the face x = 0 the images at x_c and x_c − L are equally far: two e^{-4.5} tails, symmetric
        double face = d.energyDensity[g.index(0, 6, 6)];
        assertEquals(1 + 0.4 * 2 * Math.exp(-4.5), face, 1e-7);
        for (int i = 1; i < 12; i++) {
            assertEquals(d.energyDensity[g.index(i, 6, 6)], d.energyDensity[g.index(12 - i, 6, 6)], 1e-15,
                    "mirror symmetry about the centre at i = " + i);
        }
    }

    @Test
    void gaussianPulseDefaultWidthIsAnEighthOfTheShortestSide() {
        Grid g = Grid.of(16, 16, 16).withBox(8.0, 16.0, 16.0);
        InitialData d = fill(Initial.gaussianPulse(), g);
        forEach(g, (p, x, y, z) -> assertEquals(pulse(g, 0.5, 1.0, x, y, z), d.energyDensity[p], 1e-15));
    }

    private static double rms(double[] f, double offset) {
        double s = 0;
        for (double v : f) {
            s += (v - offset) * (v - offset);
        }
        return Math.sqrt(s / f.length);
    }

    private static double mean(double[] f) {
        double s = 0;
        for (double v : f) {
            s += v;
        }
        return s / f.length;
    }

    @Test
    void randomFieldIsReproducibleForASeedAndDiffersForAnother() {
        Initial a = Initial.randomField().seed(99);
        InitialData d1 = fill(a, BOX);
        InitialData d2 = fill(Initial.randomField().seed(99), BOX);
        InitialData d3 = fill(Initial.randomField().seed(100), BOX);
        assertArrayEquals(d1.energyDensity, d2.energyDensity, 0.0);
        assertArrayEquals(d1.vz, d2.vz, 0.0);
        assertFalse(Arrays.equals(d1.energyDensity, d3.energyDensity));
        assertFalse(Arrays.equals(d1.vx, d3.vx));
    }

    @Test
    void randomFieldHasZeroMeanAndTheRequestedRms() {
        InitialData d = fill(Initial.randomField().densityRms(0.07).velocityRms(0.11).spectrumWidth(2.5).seed(5), BOX);
        assertEquals(1.0, mean(d.energyDensity), 1e-15);
        assertEquals(0.0, mean(d.vx), 1e-16);
        assertEquals(0.0, mean(d.vy), 1e-16);
        assertEquals(0.0, mean(d.vz), 1e-16);
        assertEquals(0.07, rms(d.energyDensity, 1.0), 1e-12);
        double v2 = 0;
        for (int p = 0; p < BOX.size(); p++) {
            v2 += d.vx[p] * d.vx[p] + d.vy[p] * d.vy[p] + d.vz[p] * d.vz[p];
        }
        assertEquals(0.11, Math.sqrt(v2 / BOX.size()), 1e-12);
    }

    @Test
    void randomFieldHasNoPowerAboveTheSpectralCutoff() {
        double k0 = 1.5;
        Grid g = Grid.of(16, 12, 10).withBox(2 * Math.PI);
        InitialData d = fill(Initial.randomField().spectrumWidth(k0).seed(3), g);
        JTransformsEngine engine = new JTransformsEngine(g.nx(), g.ny(), g.nz());
        double[] kx = g.waveNumbers(0);
        double[] ky = g.waveNumbers(1);
        double[] kz = g.waveNumbers(2);
        for (double[] f : new double[][] {d.energyDensity, d.vx, d.vy, d.vz}) {
            double[] spectrum = new double[engine.spectrumLength()];
            engine.forward(f.clone(), spectrum);
            double total = 0;
            double above = 0;
            int nzh = g.nzHalf();
            for (int i = 0; i < g.nx(); i++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int m = 0; m < nzh; m++) {
                        int at = 2 * ((i * g.ny() + j) * nzh + m);
                        double power = spectrum[at] * spectrum[at] + spectrum[at + 1] * spectrum[at + 1];
                        double k2 = kx[i] * kx[i] + ky[j] * ky[j] + kz[m] * kz[m];
                        if (k2 == 0) {
                            continue;
                        }
                        total += power;
                        if (k2 > 6 * k0 * k0) {
                            above += power;
                        }
                    }
                }
            }
            assertTrue(total > 0);
            assertTrue(above <= 1e-26 * total, "power above |k|^2 = 6 k0^2: " + above / total);
        }
    }

    @Test
    void shearLayerFollowsTheTanhProfileWithASmallTransversePerturbation() {
        InitialData d = fill(Initial.shearLayer().velocity(0.3).sharpness(4).perturbation(0.02), BOX);
        forEach(BOX, (p, x, y, z) -> {
            assertEquals(0.3 * Math.tanh(4 * Math.cos(2 * Math.PI * y / 5.0)) / Math.tanh(4), d.vx[p], 1e-15);
            assertEquals(0.02 * 0.3 * Math.sin(2 * Math.PI * x / 3.0) * Math.sin(2 * Math.PI * y / 5.0), d.vy[p], 1e-16);
        });
        assertAllZero(d.vz, "vz");
        assertEquals(0.3, d.vx[BOX.index(3, 0, 4)], 1e-15);
    }

    @Test
    void taylorGreenFollowsItsFormulaOnANonCubicBox() {
        InitialData d = fill(Initial.taylorGreen().velocity(0.05), BOX);
        double kx = 2 * Math.PI / 3.0;
        double ky = 2 * Math.PI / 5.0;
        forEach(BOX, (p, x, y, z) -> {
            assertEquals(0.05 * Math.sin(kx * x) * Math.cos(ky * y), d.vx[p], 1e-16);
            assertEquals(-0.05 * Math.cos(kx * x) * Math.sin(ky * y), d.vy[p], 1e-16);
        });
        assertAllZero(d.vz, "vz");
        for (double e : d.energyDensity) {
            assertEquals(1.0, e, 0.0);
        }
    }

    @Test
    void customDataIsCalledAtEveryGridPointWithItsCoordinates() {
        InitialData d = fill(Initial.custom("linear", (x, y, z, out) -> {
            out[0] = 1 + x + 10 * y + 100 * z;
            out[9] = -z;
        }), BOX);
        forEach(BOX, (p, x, y, z) -> {
            assertEquals(1 + x + 10 * y + 100 * z, d.energyDensity[p], 1e-12);
            assertEquals(-z, d.shear[4][p], 0.0);
        });
    }

    @Test
    void fluentMethodsReturnNewValuesAndLeaveTheOriginal() {
        Initial.SoundWave wave = Initial.soundWave();
        Initial.SoundWave other = wave.mode(0, 2, 0).amplitude(0.3);
        assertArrayEquals(new int[] {1, 0, 0}, wave.mode());
        assertEquals(1e-3, wave.amplitude(), 0.0);
        assertArrayEquals(new int[] {0, 2, 0}, other.mode());
        assertTrue(other.describe().contains("mode (0, 2, 0)"), other.describe());
    }
}
