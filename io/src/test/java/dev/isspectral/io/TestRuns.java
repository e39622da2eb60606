package dev.isspectral.io;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import dev.isspectral.validate.ReferenceRuns;
import java.util.Arrays;

/** The runs the tests save and restart, and helpers to compare them. */
final class TestRuns {

    /**
     * The grid of {@link #nonlinear}: three different sizes (16, 12, 8), so that a dataset written or read with two
     * axes swapped has the wrong shape and fails its test.
     */
    static final String GRID = "20x16x12x8";

    private TestRuns() {
    }

    /**
     * The solver's shared nonlinear case ({@link ReferenceRuns#nonlinear}: strongly nonlinear, with shear and bulk
     * viscosity, so the recovery iterates) on {@link #GRID}.
     */
    static Simulation nonlinear(Tuning tuning) {
        return ReferenceRuns.nonlinear(tuning).toBuilder().grid(GRID).build();
    }

    static Tuning preset(String name) {
        return switch (name) {
            case "baseline" -> Tuning.baseline();
            case "optimized" -> Tuning.optimized();
            // FFTW's MEASURE planner picks plans by timing them, so two processes may pick different ones and
            // differ in the last bits (with or without a restart); ESTIMATE plans are the same in every process
            case "optimized-fftw" -> Tuning.optimized().withFftSettings(Tuning.optimized().fftSettings().withBackend("fftw").withRigour(FftSettings.Rigour.ESTIMATE));
            default -> throw new IllegalArgumentException("preset = " + name);
        };
    }

    /** Index of the first field whose bits differ between the two solvers, or -1 if all ten are identical. */
    static int firstDifferentField(Solver a, Solver b) {
        for (Field f : Field.values()) {
            if (!Arrays.equals(a.field(f), b.field(f))) {
                return f.ordinal();
            }
        }
        return -1;
    }
}
