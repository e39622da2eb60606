package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isspectral.grid.Grid;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A run's arguments are checked before its first step: extra observables' names, nulls, a grid without NT. */
class RunArgumentsTest {

    private static final String COLUMNS = "[step, time, dt, total_energy, momentum_x, momentum_y, momentum_z, max_speed,"
            + " min_energy_density, max_energy_density, recovery_iterations_mean, recovery_iterations_max, wall_ms]";

    private static String rejection(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static Simulation small() {
        return Simulation.builder().grid("2x8x8x8").build();
    }

    @Test
    void anExtraObservableNamedAsAHistoryColumnIsRefusedBeforeAnyMeasurement() {
        Simulation sim = small();
        AtomicInteger measured = new AtomicInteger();
        Observable time = Observable.of("Time", s -> measured.incrementAndGet());
        assertEquals("extra observable 0 name = \"total_energy\"; must differ from the history columns " + COLUMNS
                        + " and from the other extras",
                rejection(() -> sim.run(Until.steps(2), Schedule.everyStep(), Observables.totalEnergy())));
        assertEquals("extra observable 1 name = \"max_speed\"; must differ from the history columns " + COLUMNS
                        + " and from the other extras",
                rejection(() -> sim.run(Until.steps(2), Schedule.everyStep(), Observables.energyDensityMode(1, 0, 0),
                        Observables.maxSpeed())));
        // Tablesaw compares column names ignoring case
        assertEquals("extra observable 0 name = \"Time\"; must differ from the history columns " + COLUMNS
                + " and from the other extras", rejection(() -> sim.run(Until.steps(2), Schedule.everyStep(), time)));
        assertEquals(0, measured.get());
    }

    @Test
    void twoExtraObservablesOfOneNameAreRefusedNamingBoth() {
        Simulation sim = small();
        Observable e = Observable.of("e", s -> 1);
        Observable upper = Observable.of("E", s -> 2);
        assertEquals("extra observable 1 name = \"E\"; must differ from the history columns " + COLUMNS
                        + " and from the other extras (extra observable 0 is \"e\")",
                rejection(() -> sim.run(Until.steps(2), Schedule.everyStep(), e, upper)));
        Solver solver = sim.start();
        assertEquals("extra observable 1 name = \"e\"; must differ from the history columns " + COLUMNS
                        + " and from the other extras (extra observable 0 is \"e\")",
                rejection(() -> sim.run(solver, Until.steps(2), Schedule.everyStep(), e, e)));
        assertEquals(0, solver.stepCount());
    }

    @Test
    void anExtraObservableWithABlankNameIsRefused() {
        Observable unnamed = new Observable() {
            @Override
            public String name() {
                return null;
            }

            @Override
            public double measure(Solver solver) {
                return 0;
            }
        };
        assertEquals("extra observable 0 name = null; must be a non-blank column name",
                rejection(() -> small().run(Until.steps(1), Schedule.everyStep(), unnamed)));
    }

    @Test
    void observableOfRefusesANullOrBlankNameAndANullFunction() {
        assertEquals("name = null; must be a non-blank column name, e.g. \"energy_at_origin\"",
                rejection(() -> Observable.of(null, s -> 0)));
        assertEquals("name = \" \"; must be a non-blank column name, e.g. \"energy_at_origin\"",
                rejection(() -> Observable.of(" ", s -> 0)));
        assertEquals("function = null; must be a function of the solver, e.g. s -> s.time()",
                rejection(() -> Observable.of("energy_at_origin", null)));
    }

    @Test
    void runningASolverOnChecksItsArgumentsBeforeAnyStep() {
        Simulation sim = small();
        Solver solver = sim.start();
        assertEquals("until = null; must be e.g. Until.steps(32) or Until.time(1.0)",
                rejection(() -> sim.run(solver, null, Schedule.everyStep())));
        assertEquals("schedule = null; must be e.g. Schedule.everyStep()",
                rejection(() -> sim.run(solver, Until.steps(2), null)));
        assertEquals("extra observables = null; pass none, or Observable values",
                rejection(() -> sim.run(solver, Until.steps(2), Schedule.everyStep(), (Observable[]) null)));
        assertEquals("extra observable 1 = null; must be an Observable",
                rejection(() -> sim.run(solver, Until.steps(2), Schedule.everyStep(), Observables.energyDensityMode(1, 0, 0),
                        null)));
        assertEquals(0, solver.stepCount());
        assertEquals(2, sim.run(solver, Until.steps(2), Schedule.everyStep()).solver().stepCount());
    }

    @Test
    void runningTheGridsStepsRefusesAGridWithoutNt() {
        assertEquals("steps = 0 (grid 8x8x4 has no NT); must be >= 1: give NTxNXxNYxNZ or run(Until.steps(n))",
                rejection(() -> Simulation.builder().grid("8x8x4").build().run()));
        Simulation fromOf = Simulation.builder().grid(Grid.of(8, 4, 4)).build();
        assertEquals("steps = 0 (grid 8x4x4 has no NT); must be >= 1: give NTxNXxNYxNZ or run(Until.steps(n))",
                rejection(fromOf::run));
        assertEquals(1, fromOf.run(Until.steps(1)).solver().stepCount());
        assertEquals(3, Simulation.builder().grid("3x8x4x4").build().run().solver().stepCount());
    }
}
