package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Same physics, whatever the knobs (issue 4 §3, physics.md §7.9): from each preset, flip each knob
 * alone; after 20 steps of a nonlinear run with shear and bulk viscosity every field agrees with the
 * optimized default to 1e-12 relative (double precision).
 */
class TuningConsistencyTest {

    private static double[][] reference;

    static Simulation nonlinear(Tuning tuning) {
        return Simulation.builder()
                .grid("20x16x16x8")
                .eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04))
                .initial(Initial.custom("nonlinear data of physics.md 7.4", (x, y, z, out) -> {
                    out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5) + 0.1 * Math.cos(x + z);
                    out[1] = 0.3 * Math.sin(y) + 0.1 * Math.cos(z);
                    out[2] = 0.25 * Math.cos(x);
                    out[3] = 0.1 * Math.sin(x + y);
                }))
                .tuning(tuning)
                .build();
    }

    static double[][] fieldsAfterRun(Tuning tuning) {
        Solver s = nonlinear(tuning).start();
        s.advance(20);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    @BeforeAll
    static void runOptimizedDefault() {
        reference = fieldsAfterRun(Tuning.optimized());
    }

    static Stream<Tuning> variants() {
        List<Tuning> list = new ArrayList<>();
        for (Tuning preset : List.of(Tuning.optimized(), Tuning.baseline())) {
            list.add(preset);
            list.add(preset.withPreallocatedWorkspaces(!preset.preallocatedWorkspaces()));
            list.add(preset.withSharedForwardTransforms(!preset.sharedForwardTransforms()));
            list.add(preset.withFusedKernels(!preset.fusedKernels()));
            list.add(preset.withRealTransforms(!preset.realTransforms()));
            list.add(preset.withReusePlans(!preset.reusePlans()));
            list.add(preset.withThreads(preset.threads() == 1 ? 2 : 1));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyKnobComputesTheSamePhysics(Tuning tuning) {
        double[][] fields = fieldsAfterRun(tuning);
        for (Field f : Field.values()) {
            double[] a = fields[f.ordinal()];
            double[] b = reference[f.ordinal()];
            double scale = 0;
            double diff = 0;
            for (int p = 0; p < a.length; p++) {
                scale = Math.max(scale, Math.abs(b[p]));
                diff = Math.max(diff, Math.abs(a[p] - b[p]));
            }
            assertTrue(diff <= 1e-12 * Math.max(scale, 1e-300), f.label() + ": max difference " + diff + " vs scale " + scale);
        }
    }

    @Test
    void theRunIsNonlinearEnoughToExerciseEveryTerm() {
        double maxShear = 0;
        double maxBulk = 0;
        for (double v : reference[Field.PI_XY.ordinal()]) {
            maxShear = Math.max(maxShear, Math.abs(v));
        }
        for (double v : reference[Field.BULK.ordinal()]) {
            maxBulk = Math.max(maxBulk, Math.abs(v));
        }
        assertTrue(maxShear > 1e-4 && maxBulk > 1e-6, "shear " + maxShear + ", bulk " + maxBulk);
    }

    @Test
    void presetsDifferInEveryKnob() {
        Tuning b = Tuning.baseline();
        Tuning o = Tuning.optimized();
        assertEquals(false, b.preallocatedWorkspaces() == o.preallocatedWorkspaces());
        assertEquals(false, b.sharedForwardTransforms() == o.sharedForwardTransforms());
        assertEquals(false, b.fusedKernels() == o.fusedKernels());
        assertEquals(false, b.realTransforms() == o.realTransforms());
        assertEquals(false, b.reusePlans() == o.reusePlans());
        assertEquals(1, b.threads());
    }
}
