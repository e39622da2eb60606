package dev.isspectral.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.testsupport.StdErr;
import dev.isspectral.sim.SimulationException;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.state.Field;
import dev.isspectral.time.Integrators;
import dev.isspectral.time.Tableau;
import dev.isspectral.validate.ReferenceRuns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * physics.md §7.1: homogeneous relaxation of Π and π^{ij} at rest, c_s² = 1/4, η/s = 0.08,
 * ζ/s = 0.04 (τ_π = 0.4, τ_Π = 0.395876). Discrete factors exact to round-off, second-order
 * convergence to the exponential, conserved densities untouched, L-stability of ARS(2,2,2).
 */
@Tag("validation")
class RelaxationTest {

    private static final double TAU_SHEAR = 0.4;
    private static final double TAU_BULK = 0.04 * 144 / 14.55;

    private static Solver relax(Tableau integrator, double dt, int steps) throws Exception {
        StdErr.Captured<Simulation> built = StdErr.capture(() -> ReferenceRuns.restRelaxation(integrator, dt, steps));
        // These steps exceed the CFL limit (harmless at rest: there are no waves), and some exceed SSP-RK3's
        // relaxation limit on purpose; the builder warns about exactly those, each once on stderr.
        Simulation sim = built.value();
        assertEquals(dt > sim.cflTimeStep(), sim.warnings().stream().anyMatch(w -> w.contains("exceeds the spectral CFL limit")),
                sim.warnings().toString());
        assertEquals(!integrator.imex() && dt > TAU_BULK, sim.warnings().stream().anyMatch(w -> w.contains("exceeds the relaxation limit")),
                sim.warnings().toString());
        StringBuilder printed = new StringBuilder();
        sim.warnings().forEach(w -> printed.append("warning: ").append(w).append(System.lineSeparator()));
        assertEquals(printed.toString(), built.text());
        Solver s = sim.start();
        s.advance(steps);
        return s;
    }

    private static double ratio(Solver s, Field f, double initial) {
        return s.field(f)[5] / initial;
    }

    @Test
    void arsDiscreteDecayMatchesTheTabulatedFactorsToRoundOff() throws Exception {
        Solver s = relax(Integrators.imexArs222(), 0.1, 20);
        assertEquals(0.006650966986664, ratio(s, Field.PI_XX, 0.02), 1e-13 * 0.00665, "pi/pi0");
        assertEquals(0.006650966986664, ratio(s, Field.PI_YZ, 0.001), 1e-13 * 0.00665, "pi_yz/pi0");
        assertEquals(0.006310810046292, ratio(s, Field.BULK, 0.01), 1e-13 * 0.00631, "Pi/Pi0");
    }

    @Test
    void sspRk3DiscreteDecayIsItsStabilityPolynomial() throws Exception {
        double dt = 0.1;
        Solver s = relax(Integrators.sspRk3(), dt, 20);
        double z = -dt / TAU_SHEAR;
        double factor = Math.pow(1 + z + z * z / 2 + z * z * z / 6, 20);
        assertEquals(factor, ratio(s, Field.PI_XY, 0.004), 1e-13 * Math.abs(factor));
        double zb = -dt / TAU_BULK;
        double factorBulk = Math.pow(1 + zb + zb * zb / 2 + zb * zb * zb / 6, 20);
        assertEquals(factorBulk, ratio(s, Field.BULK, 0.01), 1e-13 * Math.abs(factorBulk));
    }

    @Test
    void conservedDensitiesStayExactlyAtEquilibrium() throws Exception {
        Solver s = relax(Integrators.imexArs222(), 0.1, 20);
        for (double t00 : s.field(Field.T00)) {
            assertEquals(1.0, t00, 1e-15);
        }
        for (double e : s.energyDensity()) {
            assertEquals(1.0, e, 1e-15);
        }
        for (double m : s.field(Field.T0X)) {
            assertEquals(0.0, m, 0.0);
        }
    }

    @Test
    void arsConvergesToTheExponentialAtSecondOrder() throws Exception {
        double exact = Math.exp(-2 / TAU_SHEAR);
        double coarse = Math.abs(ratio(relax(Integrators.imexArs222(), 0.1, 20), Field.PI_XX, 0.02) - exact);
        double fine = Math.abs(ratio(relax(Integrators.imexArs222(), 0.05, 40), Field.PI_XX, 0.02) - exact);
        double ratio = coarse / fine;
        assertTrue(ratio > 3.6 && ratio < 4.4, "error ratio when dt is halved = " + ratio + ", expected about 4");
        double exactBulk = Math.exp(-2 / TAU_BULK);
        assertEquals(0.006395994567733, exactBulk, 1e-12);
    }

    @Test
    void arsIsLStableOnStiffRelaxation() throws Exception {
        Solver s = relax(Integrators.imexArs222(), 10 * TAU_SHEAR, 3);
        assertEquals(-8.433883e-3, ratio(s, Field.PI_XX, 0.02), 1e-9);
    }

    @Test
    void sspRk3BlowsUpBeyondItsRelaxationBound() throws Exception {
        // Δt = 3 τ_π > 2.51 γ τ_π: |R(z)| > 1, so the stress grows until the run stops
        double dt = 3 * TAU_SHEAR;
        Solver s = relax(Integrators.sspRk3(), dt, 1);
        double growth = Math.abs(ratio(s, Field.PI_XX, 0.02));
        assertTrue(growth > 1, "one SSP-RK3 step at dt = 3 tau must amplify, got " + growth);
        assertThrows(SimulationException.class, () -> s.advance(2000));
    }
}
