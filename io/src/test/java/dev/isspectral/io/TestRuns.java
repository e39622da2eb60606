package dev.isspectral.io;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import java.util.Arrays;

/** The run the tests save and restart: strongly nonlinear, with shear and bulk viscosity, so the recovery iterates. */
final class TestRuns {

    private TestRuns() {
    }

    static Simulation nonlinear(Tuning tuning) {
        return Simulation.builder()
                .grid("20x16x12x8")
                .eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04))
                .initial(Initial.custom("nonlinear test data", (x, y, z, out) -> {
                    out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5) + 0.1 * Math.cos(x + z);
                    out[1] = 0.3 * Math.sin(y) + 0.1 * Math.cos(z);
                    out[2] = 0.25 * Math.cos(x);
                    out[3] = 0.1 * Math.sin(x + y);
                }))
                .tuning(tuning)
                .build();
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
