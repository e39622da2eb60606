package dev.isspectral.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The float32-storage emulation really rounds, leaves the double path alone, and its conclusion follows its rows. */
class Float32StorageTest {

    private static final Validation SHORT = Validation.soundWave().modes(1).duration(2);

    @Test
    void roundingLeavesEveryCarriedValueAFloatAndNothingElseDoes() {
        Solver solver = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        solver.step();
        assertFalse(Float32Storage.allFloat(solver), "a double step must leave values that are not floats");
        double before = solver.state().get(Field.T00)[5];
        Float32Storage.round(solver);
        assertTrue(Float32Storage.allFloat(solver));
        assertEquals((float) before, solver.state().get(Field.T00)[5], 0.0);
        assertNotEquals(before, solver.state().get(Field.T00)[5], "T00 must have changed in its last bits");
        assertTrue(Math.abs(before - solver.state().get(Field.T00)[5]) <= Math.ulp((float) before) / 2 * 1.0000001,
                "rounding to the nearest float moves a value by at most half a float ulp");
        for (double[] a : solver.carriedState().values()) {
            for (double v : a) {
                assertEquals((double) (float) v, v, 0.0);
            }
        }
    }

    @Test
    void theHookSeesEveryStepAndTheRoundedRunDiffers() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger notFloat = new AtomicInteger();
        Table flt = SHORT.afterEachStep(s -> {
            Float32Storage.round(s);
            calls.incrementAndGet();
            if (!Float32Storage.allFloat(s)) {
                notFloat.incrementAndGet();
            }
        }).run();
        assertEquals(101, calls.get(), "start + 100 steps (duration 2, dt 0.02)");
        assertEquals(0, notFloat.get());
        Table dbl = SHORT.run();
        assertNotEquals(dbl.doubleColumn(Validation.TRAJECTORY_ERROR).get(0), flt.doubleColumn(Validation.TRAJECTORY_ERROR).get(0));
    }

    @Test
    void theDoublePathIsBitIdenticalWithAndWithoutAnIdleHook() {
        Table plain = SHORT.run();
        Table idle = SHORT.afterEachStep(s -> { }).amplitude(Validation.DEFAULT_AMPLITUDE).run();
        for (String c : List.of(Validation.OMEGA_SIMULATED, Validation.GAMMA_SIMULATED, Validation.TRAJECTORY_ERROR)) {
            assertArrayEquals(plain.doubleColumn(c).asDoubleArray(), idle.doubleColumn(c).asDoubleArray(), 0.0, c);
        }
    }

    @Test
    void aLargerAmplitudeChangesTheRunAndBadAmplitudesAreRefused() {
        double small = SHORT.run().doubleColumn(Validation.TRAJECTORY_ERROR).get(0);
        double large = SHORT.amplitude(1e-2).run().doubleColumn(Validation.TRAJECTORY_ERROR).get(0);
        assertNotEquals(small, large);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SHORT.amplitude(0));
        assertTrue(e.getMessage().contains("amplitude = 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SHORT.amplitude(Double.NaN));
    }

    @Test
    void theNonlinearRowsCompareWithTheHalfStepRun() {
        List<Float32Storage.Row> rows = Float32Storage.nonlinear(Tuning.optimized());
        assertEquals(7, rows.size());
        for (Float32Storage.Row r : rows.subList(0, 4)) {
            assertTrue(r.doubleError() > 0 && r.doubleError() < 1e-2, r + ": time-stepping error of a 2nd-order run");
            assertTrue(r.float32Error() > 0, r.toString());
        }
        Float32Storage.Row vsDouble = rows.get(4);
        assertEquals(0, vsDouble.doubleError());
        assertTrue(vsDouble.float32Error() > 1e-9 && vsDouble.float32Error() < 1e-3, vsDouble.toString());
        assertTrue(rows.get(5).doubleError() < 1e-13, "double run conserves Σ T00 to round-off: " + rows.get(5));
    }

    @Test
    void roundingAboutTheMeanKeepsASmallPerturbationThatPlainRoundingLoses() {
        Solver plain = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        Solver centred = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        Solver exact = ReferenceRuns.nonlinear(Tuning.optimized()).start();
        double[] t00 = exact.state().get(Field.T00);
        for (Solver s : List.of(plain, centred, exact)) {
            double[] a = s.state().get(Field.T00);
            for (int i = 0; i < a.length; i++) {
                a[i] = 1 + 1e-6 * Math.sin(0.1 * i);   // a small wave on a background of 1, like the §7.2 case
            }
        }
        Float32Storage.round(plain);
        Float32Storage.roundAboutMean(centred);
        double plainError = 0;
        double centredError = 0;
        for (int i = 0; i < t00.length; i++) {
            plainError = Math.max(plainError, Math.abs(plain.state().get(Field.T00)[i] - t00[i]));
            centredError = Math.max(centredError, Math.abs(centred.state().get(Field.T00)[i] - t00[i]));
        }
        assertTrue(plainError > 2e-8 && plainError <= 0x1p-24, "plain rounding: half a float ulp of 1, " + plainError);
        assertTrue(centredError > 0 && centredError <= 1e-6 * 0x1p-24 * 1.01, "about the mean: of the wave, " + centredError);
    }

    @Test
    void theMeanPlusDeviationRowsComeFromARoundedRun() {
        List<Float32Storage.Row> rows = Float32Storage.aboutMean(SHORT);
        assertEquals(3, rows.size());
        Float32Storage.Row trajectory = rows.get(2);
        assertNotEquals(trajectory.doubleError(), trajectory.float32Error(), "the hook must change the run");
        // measured: 3.245e-5 double, 3.242e-5 float32 (the recovery, which stops at a tolerance, sees a rounded
        // guess); plain rounding of the same run costs O(1) (the bench table), so 1% separates the two by far
        assertEquals(trajectory.doubleError(), trajectory.float32Error(), 1e-2 * trajectory.doubleError(),
                "float32 deviations from the mean must cost far less than the double run's own error");
    }

    @Test
    void theConclusionIsDrawnFromTheRows() {
        List<Float32Storage.Row> rows = List.of(
                new Float32Storage.Row("sound mode §7.2, amplitude 1e-06, modes 1–3", "trajectory, max", 1e-4, 3e-2),
                new Float32Storage.Row("sound mode §7.2, amplitude 1e-03, modes 1–3", "trajectory, max", 2e-4, 2.5e-4),
                new Float32Storage.Row(Float32Storage.ABOUT_MEAN_CASE + ", x", "damping Γ, max", 1e-4, 5e-4),
                new Float32Storage.Row("nonlinear §7.4, 16x16x8, 20 steps", "T^00 vs the Δt/2 run", 1e-5, 1e-5),
                new Float32Storage.Row("nonlinear §7.4, 16x16x8, 20 steps", "float32 vs double run", 0, 3e-7),
                new Float32Storage.Row("nonlinear §7.4, 16x16x8, 20 steps", "Σ T^00 drift", 1e-17, 4e-10));
        String line = Float32Storage.conclusion(rows);
        assertTrue(line.contains("at amplitude 1e-06 (float32 round-off 0.0596 of the perturbation) the worst linear-mode"
                + " error with float32 storage is 0.0300"), line);
        assertTrue(line.contains("deviations the sound mode's worst error is 0.000500 (damping Γ), within"), line);
        assertTrue(line.contains("changes the fields by 3.00e-07 relative") && line.contains("at most 1.00×"), line);
        assertTrue(line.contains("beyond the validation tolerance 0.00100"), line);
        assertTrue(line.contains("is 0.000250") && line.contains("within"), line);
        assertTrue(line.contains("(rounding below the time-stepping error)"), line);
        assertTrue(line.contains("drift by up to 4.00e-10 with float32 storage against 1.00e-17 with double, beyond the"
                + " 1.00e-12 of physics.md §7.4"), line);
        String md = Float32Storage.toMarkdown(rows);
        assertTrue(md.contains("| 0.0001 | 0.0300 | 300 |") || md.contains("| 0.000100 | 0.0300 | 300 |"), md);
        assertTrue(md.contains("not measured"), md);
    }
}
