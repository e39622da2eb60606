package dev.isspectral.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterFitTest {

    @Test
    void recoversEtaOverSFromExactSoundDampingRates() {
        // Γ(k) of physics.md eq. 7.3 at η/s = 0.08 (case B at k = 1: Γ = 0.0526186600) for k = 1 … 4
        double[] k = {1, 2, 3, 4};
        double[] gamma = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            gamma[i] = -LinearModes.of(1.0 / 3, 0.08, 5, 0, 0).soundRoot(k[i]).re();
        }
        assertEquals(0.0526186600, gamma[0], 1e-9);
        ParameterFit fit = ParameterFit.leastSquares(k, gamma, (eta, kk) -> -LinearModes.of(1.0 / 3, eta, 5, 0, 0).soundRoot(kk).re(), 0.01, 0.5);
        assertEquals(0.08, fit.value(), 1e-9);
        assertEquals(4, fit.points());
    }

    @Test
    void standardErrorCoversTheTruthOfNoisyData() {
        // y = p x² with p = 2 and Gaussian noise σ = 0.05: σ_p = σ/√(Σ x⁴) = 0.05/√979 = 1.6e-3 for x = 1 … 5
        double[] x = {1, 2, 3, 4, 5};
        Random random = new Random(5);
        int covered = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 2 * x[i] * x[i] + 0.05 * random.nextGaussian();
            }
            ParameterFit fit = ParameterFit.leastSquares(x, y, (p, xi) -> p * xi * xi, 0, 10);
            covered += fit.standardErrorsFrom(2) <= 2 ? 1 : 0;
            if (trial == 0) {
                assertEquals(0.05 / Math.sqrt(979), fit.standardError(), 0.05 / Math.sqrt(979));   // right order, within a factor 2
            }
        }
        // about 95% within two standard errors (n − 1 = 4 degrees of freedom: Student t makes it ≈ 88%)
        assertTrue(covered > 160 && covered < 200, "covered " + covered + " of 200");
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ParameterFit.leastSquares(new double[] {1}, new double[] {1}, (p, x) -> p, 0, 1)).getMessage().contains("at least 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ParameterFit.leastSquares(new double[] {1, 2}, new double[] {1, 2}, (p, x) -> p, 1, 0)).getMessage().contains("lower < upper"));
    }
}
