package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.state.Field;
import dev.isspectral.time.Integrators;
import dev.isspectral.validate.ReferenceRuns;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Solver#restore}: a solver put into the fields, carried arrays and clock of another after N
 * steps continues bit for bit like the original (what checkpoints rely on), on the strongly nonlinear
 * run of {@link TuningConsistencyTest} with shear and bulk viscosity, for each tuning preset and integrator.
 */
class SolverRestoreTest {

    static final int HALF = 6;

    static Stream<Arguments> presetsAndIntegrators() {
        return Stream.of(Tuning.baseline(), Tuning.optimized()).flatMap(t -> Stream.of(
                Arguments.of(t, "ars222"), Arguments.of(t, "ssprk3")));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("presetsAndIntegrators")
    void restoredSolverContinuesBitForBit(Tuning tuning, String integrator) {
        Simulation sim = ReferenceRuns.nonlinear(tuning).toBuilder().integrator(Integrators.byName(integrator)).build();
        Solver straight = sim.start();
        straight.advance(2 * HALF);

        Solver first = sim.start();
        first.advance(HALF);
        Solver resumed = sim.start();
        resumed.restore(fields(first), copies(first.carriedState()), first.stepCount(), first.time(), first.lastStep().dt());
        assertEquals(HALF, resumed.stepCount());
        assertEquals(first.time(), resumed.time());
        resumed.advance(HALF);

        assertEquals(straight.time(), resumed.time());
        assertEquals(straight.stepCount(), resumed.stepCount());
        for (Field f : Field.values()) {
            assertArrayEquals(straight.field(f), resumed.field(f), 0.0, f.label() + " after the restart");
            assertTrue(Arrays.equals(straight.field(f), resumed.field(f)), f.label() + " bit for bit");
        }
    }

    @Test
    void theRecoveryGuessIsPartOfTheStateThatMatters() {
        // without the carried arrays the continuation differs in the last bits, so a checkpoint must save them
        Simulation sim = ReferenceRuns.nonlinear(Tuning.optimized());
        Solver straight = sim.start();
        straight.advance(2 * HALF);
        Solver first = sim.start();
        first.advance(HALF);
        Solver resumed = sim.start();
        Map<String, double[]> zero = new LinkedHashMap<>();
        first.carriedState().forEach((name, a) -> zero.put(name, new double[a.length]));
        resumed.restore(fields(first), zero, first.stepCount(), first.time(), first.lastStep().dt());
        resumed.advance(HALF);
        double[] a = straight.field(Field.T00);
        double[] b = resumed.field(Field.T00);
        assertFalse(Arrays.equals(a, b), "a zero recovery guess should change the last bits");
        assertArrayEquals(a, b, 1e-10, "but only in the last bits");
    }

    @Test
    void carriedStateNamesTheRecoveryGuessAndTheStiffDataOfEveryRelaxingField() {
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        assertEquals(java.util.List.of("recovery_guess_vx", "recovery_guess_vy", "recovery_guess_vz",
                "relaxation_rate_Pi", "relaxation_target_Pi", "relaxation_rate_pi_xx", "relaxation_target_pi_xx",
                "relaxation_target_pi_yy", "relaxation_target_pi_xy", "relaxation_target_pi_xz", "relaxation_target_pi_yz"),
                java.util.List.copyOf(s.carriedState().keySet()));
    }

    @Test
    void restoreRefusesASolverThatHasStepped() {
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        s.step();
        var e = assertThrows(IllegalStateException.class,
                () -> s.restore(fields(s), copies(s.carriedState()), 1, s.time(), 0.1));
        assertTrue(e.getMessage().contains("fresh solver"), e.getMessage());
    }

    @Test
    void restoreNamesAMissingCarriedArrayAndAWrongLength() {
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        Map<String, double[]> carried = copies(s.carriedState());
        carried.remove("recovery_guess_vz");
        var missing = assertThrows(IllegalArgumentException.class, () -> s.restore(fields(s), carried, 3, 0.3, 0.1));
        assertTrue(missing.getMessage().contains("recovery_guess_vz"), missing.getMessage());
        double[][] fields = fields(s);
        fields[Field.PI_XY.ordinal()] = new double[5];
        var shortField = assertThrows(IllegalArgumentException.class,
                () -> s.restore(fields, copies(s.carriedState()), 3, 0.3, 0.1));
        assertTrue(shortField.getMessage().contains("pi_xy: 5 values; must have 2048"), shortField.getMessage());
        assertEquals(0, s.stepCount(), "a refused restore leaves the solver as it was");
    }

    @Test
    void restoreNamesABadClockAndMissingArraysBeforeCopyingAnything() {
        Solver s = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        double[][] fields = fields(s);
        Map<String, double[]> carried = copies(s.carriedState());
        assertEquals("steps = -1; must be >= 0", rejection(() -> s.restore(fields, carried, -1, 0.3, 0.1)));
        assertEquals("time = -1.0; must be a finite number >= 0", rejection(() -> s.restore(fields, carried, 3, -1.0, 0.1)));
        assertEquals("time = NaN; must be a finite number >= 0", rejection(() -> s.restore(fields, carried, 3, Double.NaN, 0.1)));
        assertEquals("time = Infinity; must be a finite number >= 0",
                rejection(() -> s.restore(fields, carried, 3, Double.POSITIVE_INFINITY, 0.1)));
        String dt = "; must be a finite number > 0 (or 0 at step 0)";
        assertEquals("lastTimeStep = NaN" + dt, rejection(() -> s.restore(fields, carried, 3, 0.3, Double.NaN)));
        assertEquals("lastTimeStep = -0.1" + dt, rejection(() -> s.restore(fields, carried, 3, 0.3, -0.1)));
        assertEquals("lastTimeStep = 0.0" + dt, rejection(() -> s.restore(fields, carried, 3, 0.3, 0.0)));
        assertEquals("lastTimeStep = Infinity" + dt,
                rejection(() -> s.restore(fields, carried, 3, 0.3, Double.POSITIVE_INFINITY)));
        assertEquals("lastTimeStep = NaN" + dt, rejection(() -> s.restore(fields, carried, 0, 0.0, Double.NaN)));
        assertEquals("fields = null; must be " + Field.COUNT + " arrays, one per evolved field",
                rejection(() -> s.restore(null, carried, 3, 0.3, 0.1)));
        assertEquals("carried = null; must hold the arrays of carriedState(), " + s.carriedState().keySet(),
                rejection(() -> s.restore(fields, null, 3, 0.3, 0.1)));
        assertEquals(0, s.stepCount(), "a refused restore leaves the solver as it was");
        // a checkpoint written before the first step saves Δt = 0
        s.restore(fields, carried, 0, 0.0, 0.0);
        assertEquals(0, s.stepCount());
        assertEquals(null, s.lastStep());
    }

    private static String rejection(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    static double[][] fields(Solver s) {
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    static Map<String, double[]> copies(Map<String, double[]> live) {
        Map<String, double[]> out = new LinkedHashMap<>();
        live.forEach((name, a) -> out.put(name, a.clone()));
        return out;
    }
}
