package dev.isspectral.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.validate.Complex;
import dev.isspectral.validate.LinearModes;
import dev.isspectral.validate.Prony;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * physics.md §7.3 (linear shear mode, cases S1, S2) and §7.7 (Taylor–Green vortex, row TG):
 * trajectories (7.6) within 1e-3, the fitted hydro rate within 1e-3, and a Taylor–Green decay that
 * is distinguishable from the incompressible Navier–Stokes value.
 */
@Tag("validation")
class ShearModeTest {

    private static LinearModes conformal(double etaOverS) {
        return LinearModes.of(1.0 / 3, etaOverS, Transport.DEFAULT_B_PI, 0, 0);
    }

    @ParameterizedTest(name = "eta/s = {0}, k = {1}")
    @CsvSource({
        "0.2,  1,                  -0.2763932023, -0.7236067977, 0.9275560784, 0.3896779671, 0.1015612819",
        "0.08, 1,                  -0.0827382470, -2.4172617530, 0.9500588173, 0.6846387592, 0.4526867554",
        "0.08, 1.4142135623730951, -0.1718070674, -2.3281929326, 0.9014721812, 0.4573171812, 0.1937063586"})
    void exactShearSolutionReproducesTheTable(double etaOverS, double k, double sPlus, double sMinus,
                                             double v1, double v5, double v10) {
        LinearModes m = conformal(etaOverS);
        Complex[] roots = m.shearRoots(k);
        assertEquals(sPlus, roots[0].re(), 1e-10, "s+");
        assertEquals(sMinus, roots[1].re(), 1e-10, "s-");
        assertEquals(v1, m.shearTrajectory(k, 1), 1e-10, "v(1)");
        assertEquals(v5, m.shearTrajectory(k, 5), 1e-10, "v(5)");
        assertEquals(v10, m.shearTrajectory(k, 10), 1e-10, "v(10)");
    }

    @ParameterizedTest(name = "eta/s = {0}")
    @CsvSource({"0.2, -0.2763932023", "0.08, -0.0827382470"})
    void shearWaveFollowsTheExactTrajectoryAndHydroRate(double etaOverS, double hydroRate) {
        int steps = 1000;
        Simulation sim = Simulation.builder()
                .grid(steps + "x8x1x1")
                .eos(Eos.conformal())
                .transport(Transport.etaOverS(etaOverS))
                .initial(Initial.shearWave().mode(1, 0, 0).direction(1).amplitude(1e-6))
                .timeStep(0.02)
                .build();
        Sampled v = Sampled.run(sim, steps,
                s -> Observables.projection(s.grid(), s.primitives().vy, 1, 0, 0, false)).normalised();
        LinearModes m = conformal(etaOverS);
        double worst = 0;
        for (int n = 0; n < v.times().length; n++) {
            worst = Math.max(worst, Math.abs(v.values()[n] - m.shearTrajectory(1, v.times()[n])));
        }
        assertTrue(worst <= 1e-3 && worst > 0, "max |v_sim - v_exact| = " + worst);
        Complex[] fitted = Prony.rates(v.values(), 0.02, 2);
        double slow = Math.max(fitted[0].re(), fitted[1].re());
        assertEquals(hydroRate, slow, 1e-3 * Math.abs(hydroRate), "hydro rate s+");
    }

    private static double taylorGreenWorstError(double velocity) {
        int steps = 500;   // t = 10
        Simulation sim = Simulation.builder()
                .grid(steps + "x16x16x1")
                .eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08))
                .initial(Initial.taylorGreen().velocity(velocity))
                .timeStep(0.02)
                .build();
        // a(t) = 4 <v_x sin x cos y>
        Sampled a = Sampled.run(sim, steps, s -> {
            var g = s.grid();
            double[] vx = s.primitives().vx;
            double sum = 0;
            for (int i = 0; i < g.nx(); i++) {
                for (int j = 0; j < g.ny(); j++) {
                    sum += vx[g.index(i, j, 0)] * Math.sin(g.coordinate(0, i)) * Math.cos(g.coordinate(1, j));
                }
            }
            return 4 * sum / g.size() / velocity;
        });
        LinearModes m = conformal(0.08);
        double worst = 0;
        for (int n = 0; n < a.times().length; n++) {
            double exact = m.shearTrajectory(Math.sqrt(2), a.times()[n]);
            worst = Math.max(worst, Math.abs(a.values()[n] - exact) / exact);
        }
        double last = a.values()[steps];
        double navierStokes = 0.2019;
        assertTrue(Math.abs(last - navierStokes) / navierStokes > 1e-2,
                "Taylor-Green amplitude " + last + " at t = 10 must differ from the Navier-Stokes 0.2019");
        return worst;
    }

    @Test
    void taylorGreenVortexDecaysAtTheIsraelStewartRateAtLowMach() {
        double worst = taylorGreenWorstError(0.01);
        assertTrue(worst <= 1e-3, "max relative error " + worst + " > 1e-3 at V = 0.01");
    }

    @Test
    void taylorGreenVortexStaysWithinOnePercentAtVelocityOneTenth() {
        double worst = taylorGreenWorstError(0.1);
        assertTrue(worst <= 1e-2, "max relative error " + worst + " > 1e-2 at V = 0.1");
    }
}
