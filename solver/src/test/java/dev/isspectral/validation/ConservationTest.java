package dev.isspectral.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * physics.md §7.4: total energy and momentum are invariant to round-off for any data, because
 * (4.1) is in divergence form and the k = 0 coefficient of a spectral derivative is exactly zero;
 * the implicit step and the filters leave it untouched.
 */
@Tag("validation")
class ConservationTest {

    static Initial nonlinearData() {
        return dev.isspectral.validate.ReferenceRuns.nonlinearData();
    }

    @ParameterizedTest(name = "filtered = {0}")
    @ValueSource(booleans = {false, true})
    void totalEnergyAndMomentumAreConservedToRoundOffOverTwoHundredSteps(boolean filtered) {
        Simulation sim = Simulation.builder()
                .grid("200x16x16x16")
                .eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08))
                .initial(nonlinearData())
                .dealias(filtered)
                .exponentialFilter(filtered)
                .build();
        Solver s = sim.start();
        double e0 = Observables.totalEnergy().measure(s);
        double[] m0 = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            m0[axis] = Observables.momentum(axis).measure(s);
        }
        s.advance(200);
        double e1 = Observables.totalEnergy().measure(s);
        assertTrue(Math.abs(e1 - e0) / e0 <= 1e-12, "|dE|/E = " + Math.abs(e1 - e0) / e0);
        for (int axis = 0; axis < 3; axis++) {
            double dm = Math.abs(Observables.momentum(axis).measure(s) - m0[axis]) / e0;
            assertTrue(dm <= 1e-12, "|dM|/E along " + "xyz".charAt(axis) + " = " + dm);
        }
        // the run must be genuinely nonlinear: the stress has grown far from zero
        assertTrue(Observables.maxSpeed(s) > 0.1, "flow must stay non-trivial");
    }
}
