package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.testsupport.StdErr;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import dev.isspectral.state.State;
import dev.isspectral.time.Integrators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The solver stops on non-finite fields and on interruption, and observing it changes nothing. */
class SolverTest {

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    /**
     * SSP-RK3 at Δt = 20 τ_π (z = −20, |R(z)| ≈ 1.1e3 per step, physics.md §7.1: unstable beyond
     * 2.51 γτ) on uniform shear stress, which then grows geometrically until it overflows.
     */
    private static Simulation unstableExplicitRelaxation() throws Exception {
        StdErr.Captured<Simulation> built = StdErr.capture(Simulation.builder().grid("1x2x2x2").box(200)
                .integrator(Integrators.sspRk3())
                .transport(Transport.etaOverS(0.08))
                .initial(Initial.staticEquilibrium().shear(0.01, -0.02, 0.005, 0, 0))
                .timeStep(8.0)::build);
        // deliberately 20 times the relaxation limit τ_π = 0.4: the builder warns, once
        assertEquals("warning: timeStep = 8.00000 exceeds the relaxation limit 0.400000 of SSP-RK3 (C_rel min gamma tau,"
                + " physics.md eq. 6.4)" + System.lineSeparator(), built.text());
        return built.value();
    }

    @Test
    void explicitRelaxationFarAboveItsBoundStopsNamingStepFieldAndGridIndex() throws Exception {
        Solver solver = unstableExplicitRelaxation().start();
        SimulationException e = assertThrows(SimulationException.class, () -> solver.advance(10_000));
        String m = e.getMessage();
        // the overflow shows either at the end of a step (NonFiniteFieldException) or inside a stage,
        // where the recovery sees it first; either way the message names the field that is not finite
        assertTrue(m.matches("(?s).*field pi_(xx|yy|xy) is (-?Infinity|NaN).*"), m);
        assertTrue(m.matches("(?s).*grid index \\(\\d, \\d, \\d\\).*"), m);
        long step = e instanceof NonFiniteFieldException n ? n.step() : solver.stepCount() + 1;
        assertTrue(m.contains("step " + step), m);
        assertTrue(step > 20 && step < 400, "overflow after " + step + " steps");
        if (e instanceof NonFiniteFieldException n) {
            assertEquals(solver.stepCount(), n.step());
            int[] index = n.gridIndex();
            assertTrue(m.contains("grid index (" + index[0] + ", " + index[1] + ", " + index[2] + ")"), m);
        }
    }

    @Test
    void theSameRunWithArsStaysFinite() throws Exception {
        StdErr.Captured<Simulation> ars = StdErr.capture(unstableExplicitRelaxation().toBuilder().integrator(Integrators.imexArs222())::build);
        // ARS needs no relaxation limit, but its Courant number 0.25 puts the CFL limit below 8 on this box
        assertEquals("warning: timeStep = 8.00000 exceeds the spectral CFL limit 4.59441 (C_cfl = 0.250, physics.md eq. 6.3)"
                + System.lineSeparator(), ars.text());
        Solver solver = ars.value().start();
        solver.advance(400);
        for (double v : solver.field(Field.PI_XX)) {
            assertTrue(Math.abs(v) < 0.01, "pi_xx = " + v);
        }
    }

    /**
     * The check after each step reads the state on the team (two threads here, each half of a 64×32×32 box), then
     * locates the failure serially: the report is the first non-finite value in field order, then grid index, wherever
     * the team's chunks found one first.
     */
    @Test
    void theTeamsFiniteCheckReportsTheFirstValueInFieldThenIndexOrder() {
        Simulation sim = Simulation.builder().grid("1x64x32x32").transport(Transport.etaOverS(0.08))
                .tuning(Tuning.optimized().withThreads(2)).build();
        State clean = sim.start().state().copy();
        int late = 50_000;                        // in the second thread's half
        State a = clean.copy();
        a.get(Field.PI_XX)[7] = Double.POSITIVE_INFINITY;   // the first half finds this one first
        a.get(Field.T0Y)[late + 9] = Double.NaN;
        a.get(Field.T0Y)[late] = Double.NEGATIVE_INFINITY;
        NonFiniteFieldException e = assertThrows(NonFiniteFieldException.class,
                () -> new Solver(sim, a, Instrumentation.NONE));
        assertEquals(Field.T0Y, e.field());
        assertArrayEquals(sim.grid().ijk(late), e.gridIndex());
        assertTrue(e.getMessage().contains("-Infinity"), e.getMessage());

        State b = clean.copy();
        b.get(Field.BULK)[clean.get(Field.BULK).length - 1] = Double.NaN;   // the last point, second half only
        NonFiniteFieldException last = assertThrows(NonFiniteFieldException.class,
                () -> new Solver(sim, b, Instrumentation.NONE));
        assertEquals(Field.BULK, last.field());
        assertArrayEquals(sim.grid().ijk(clean.get(Field.BULK).length - 1), last.gridIndex());

        new Solver(sim, clean.copy(), Instrumentation.NONE);   // and a finite state passes
    }

    @Test
    void interruptedThreadStopsAdvanceBeforeTheNextStep() {
        Solver solver = Simulation.builder().grid("1x4x4x4").build().start();
        solver.advance(1);
        double[] before = solver.field(Field.T00);
        Thread.currentThread().interrupt();
        SimulationException e = assertThrows(SimulationException.class, () -> solver.advance(5));
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertEquals(1, solver.stepCount());
        assertArrayEquals(before, solver.field(Field.T00));
    }

    @Test
    void observingPrimitivesBetweenStepsLeavesTheSolutionBitIdentical() {
        Simulation sim = Simulation.builder().grid("1x8x6x4").box(3, 4, 5).eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.1).zetaOverS(0.05))
                .initial(Initial.randomField().velocityRms(0.2).densityRms(0.1).seed(8))
                .exponentialFilter(true)
                .build();
        Solver quiet = sim.start();
        Solver watched = sim.start();
        for (int step = 0; step < 4; step++) {
            quiet.step();
            watched.primitives();
            Observables.maxSpeed(watched);
            Observables.kineticEnergySpectrum(watched);
            watched.energyDensity();
            watched.step();
            watched.velocity(2);
        }
        for (Field f : Field.values()) {
            assertArrayEquals(quiet.field(f), watched.field(f), f.label());
        }
        assertEquals(quiet.time(), watched.time(), 0.0);
    }

    @Test
    void primitivesFollowTheStateAfterEachStep() {
        Simulation sim = Simulation.builder().grid("1x8x4x4").transport(Transport.etaOverS(0.1))
                .initial(Initial.taylorGreen().velocity(0.2)).build();
        Solver solver = sim.start();
        double[] vx0 = solver.velocity(0);
        solver.advance(2);
        double[] vx2 = solver.velocity(0);
        boolean changed = false;
        for (int p = 0; p < vx0.length; p++) {
            changed |= vx0[p] != vx2[p];
        }
        assertTrue(changed, "primitives must follow the state after a step");
    }

    @Test
    void nonPositiveStepIsRejected() {
        Solver solver = Simulation.builder().grid("1x2x2x2").initial(Initial.staticEquilibrium()).build().start();
        assertEquals("dt = 0.0; must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> solver.step(0)).getMessage());
        assertEquals("steps = -1; must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> solver.advance(-1)).getMessage());
    }

    @Test
    void adaptiveStepIsTheCflLimitForArsAndAlsoTheRelaxationBoundForSspRk3() {
        Simulation ars = Simulation.builder().grid("1x8x8x8").build();
        assertEquals(ars.cflTimeStep(), ars.start().nextTimeStep(), 0.0);
        // conformal, eta/s = 0.08, T = 1: tau_pi = 0.4, below the CFL limit of a box of side 200
        Simulation rk = Simulation.builder().grid("1x4x4x4").box(200).integrator(Integrators.sspRk3())
                .initial(Initial.staticEquilibrium()).build();
        assertEquals(0.4, rk.start().nextTimeStep(), 1e-15);
    }
}
