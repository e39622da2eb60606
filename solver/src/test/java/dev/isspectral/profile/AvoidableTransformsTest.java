package dev.isspectral.profile;

import dev.isspectral.bench.Workload;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transforms a profile reports as skippable: zero or constant fields apart from repeats of identical
 * input, named by field.
 */
class AvoidableTransformsTest {

    private static Set<String> fields(Table t, String kind) {
        Set<String> out = new TreeSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.getString(r, Columns.KIND).equals(kind)) {
                out.add(t.getString(r, Columns.FIELD));
            }
        }
        return out;
    }

    /**
     * A sound wave along x: v^y = v^z = 0, π^{xy} = π^{xz} = π^{yz} = 0, and so T^{0y}, T^{0z}, T^{xy}, T^{xz},
     * T^{yz} = 0 (π^{yy} = π^{zz} ≠ 0). Per full pass 2 + 3 + 5 = 10 zero fields, two full passes and the
     * kinematics-only third: 22 per step, all zero (none a non-zero constant), and 114 transforms in all.
     */
    @Test
    void aSoundWaveAlongXTransformsExactlyItsTenZeroFields() {
        Simulation sim = Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
        Profile p = Profiler.of(sim).warmup(1).steps(2).largeAllocations(0).run();
        Table t = p.avoidable();
        assertEquals(Set.of("v_y", "v_z", "pi_xy", "pi_xz", "pi_yz", "T0y", "T0z", "Txy", "Txz", "Tyz"),
                fields(t, FftRecorder.ZERO), t.print());
        assertEquals(Set.of(), fields(t, FftRecorder.CONSTANT), t.print());
        Headline h = p.headline();
        assertEquals(22, h.constantInputsPerStep(), 0.0);
        assertEquals(114, h.transformsPerStep(), 0.0);
        assertEquals(114, h.minimumTransformsPerStep(), 0.0);
        assertTrue(transformsFinding(h).contains("22 are of fields that are zero or constant"), h.findings().toString());
    }

    /**
     * The benchmark workload has no zero field: nothing is transformed while constant, and a repeat, if any
     * (stage 1 evaluates the state stage 3 of the step before evaluated; FftCountTest), names its field.
     */
    /** The headline's sentence on transforms (its place depends on whether a warning on the JIT's work opens it). */
    private static String transformsFinding(Headline h) {
        return h.findings().stream().filter(f -> f.startsWith("The step does ")).findFirst().orElse(h.findings().toString());
    }

    @Test
    void theBenchmarkWorkloadHasNoConstantFieldsAndNamesAnyRepeat() {
        Simulation sim = Workload.simulation(Grid.parse("2x16x8x8"), "jtransforms");
        Profile p = Profiler.of(sim).warmup(1).steps(2).largeAllocations(0).run();
        Table t = p.avoidable();
        assertEquals(Set.of(), fields(t, FftRecorder.ZERO), t.print());
        assertEquals(Set.of(), fields(t, FftRecorder.CONSTANT), t.print());
        assertEquals(0, p.headline().constantInputsPerStep(), 0.0);
        for (String f : fields(t, FftRecorder.REPEAT)) {
            assertFalse(f.isEmpty(), t.print());
        }
        assertTrue(p.headline().repeatsPerStep() <= 4, t.print());
        String finding = transformsFinding(p.headline());
        assertTrue(finding.contains("none is of a zero or constant field"), finding);
    }

    /** The baseline transforms each component once per derivative: the same ten zero fields, every row named. */
    @Test
    void theBaselineNamesEveryFieldItTransformsAgain() {
        Simulation sim = Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(dev.isspectral.sim.Tuning.baseline()).build();
        Table t = Profiler.of(sim).warmup(1).steps(2).largeAllocations(0).run().avoidable();
        assertEquals(Set.of("v_y", "v_z", "pi_xy", "pi_xz", "pi_yz", "T0y", "T0z", "Txy", "Txz", "Tyz"),
                fields(t, FftRecorder.ZERO), t.print());
        for (int r = 0; r < t.rowCount(); r++) {
            assertFalse(t.getString(r, Columns.FIELD).isEmpty(), t.print());
        }
        assertTrue(fields(t, FftRecorder.REPEAT).containsAll(Set.of("eps", "v_x", "pi_xx", "pi_yy")), t.print());
    }
}
