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
