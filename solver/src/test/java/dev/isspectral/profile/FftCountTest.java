package dev.isspectral.profile;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FFT count of one right-hand-side evaluation, as the design implies it (IsraelStewartRhs,
 * SpectralOperators with shared forward transforms):
 * <ul>
 *   <li>kinematics: gradients of ε, v^x, v^y, v^z, each one forward and three inverse: 4 F + 12 I;</li>
 *   <li>fluxes: the four divergences ∂_i T^{iν} of the symmetric T, each of the nine distinct
 *       components T^{i0}, T^{ij} (i ≤ j) transformed once, the four sums inverted: 9 F + 4 I;</li>
 *   <li>advection −v^k ∂_k X of each evolved dissipative field, one gradient each: the five π^{ij}
 *       (5 F + 15 I), and Π when there is bulk viscosity (1 F + 3 I).</li>
 * </ul>
 * So conformal, shear only: 18 forward + 31 inverse = 49; with bulk: 19 + 34 = 53. Without shared
 * forward transforms (the baseline) every gradient transforms three times and every divergence its
 * own three components: 4·3 + 12 + 5·3 = 39 forward with the same 31 inverse.
 *
 * <p>ARS222 (the default integrator) evaluates the right-hand side three times a step: stages 1
 * and 2 in full, stage 3 only for the stiff data K, X_NS at the new state (no explicit part), which
 * needs the kinematics alone: 4 F + 12 I (baseline 12 F + 12 I).
 */
class FftCountTest {

    private static Profile profile(Simulation sim) {
        return Profiler.of(sim).warmup(1).steps(2).largeAllocations(0).run();
    }

    /** Transforms of one direction per call of the right-hand side at {@code rhsPath}. */
    private static double perRhs(Profile p, String rhsPath, String direction) {
        Table h = p.hierarchy();
        double rhsCalls = 0;
        double transforms = 0;
        for (int r = 0; r < h.rowCount(); r++) {
            String path = h.stringColumn(Columns.SPAN).get(r);
            if (path.equals(rhsPath)) {
                rhsCalls += h.longColumn(Columns.CALLS).get(r);
            }
            if (path.startsWith(rhsPath + "/") && path.endsWith("/fft." + direction)) {
                transforms += h.longColumn(Columns.CALLS).get(r);
            }
        }
        assertEquals(2.0, rhsCalls, h.print()); // once per measured step
        return transforms / rhsCalls;
    }

    /** All transforms of a direction happen inside right-hand sides (no filter is configured). */
    private static void assertAllInsideRhs(Profile p, String direction, double perStep) {
        Table fft = p.fft();
        assertEquals(perStep, fft.where(fft.stringColumn(Columns.DIRECTION).isEqualTo(direction))
                .doubleColumn(Columns.CALLS_PER_STEP).sum(), 0.0, fft.print());
    }

    private static Simulation.Builder soundWave() {
        return Simulation.builder().grid("2x8x8x8").initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3));
    }

    @Test
    void conformalShearOnlyRhsTakes18ForwardAnd31InverseTransforms() {
        Profile p = profile(soundWave().eos(Eos.conformal()).transport(Transport.etaOverS(0.08)).build());
        for (String stage : new String[] {"step/stage1/rhs", "step/stage2/rhs"}) {
            assertEquals(18.0, perRhs(p, stage, "forward"), 0.0, stage);
            assertEquals(31.0, perRhs(p, stage, "inverse"), 0.0, stage);
        }
        assertEquals(4.0, perRhs(p, "step/stage3/rhs", "forward"), 0.0);
        assertEquals(12.0, perRhs(p, "step/stage3/rhs", "inverse"), 0.0);
        assertAllInsideRhs(p, "forward", 18 + 18 + 4);
        assertAllInsideRhs(p, "inverse", 31 + 31 + 12);
    }

    @Test
    void bulkViscosityAddsOneGradient() {
        Profile p = profile(soundWave().eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04)).build());
        for (String stage : new String[] {"step/stage1/rhs", "step/stage2/rhs"}) {
            assertEquals(19.0, perRhs(p, stage, "forward"), 0.0, stage);
            assertEquals(34.0, perRhs(p, stage, "inverse"), 0.0, stage);
        }
        assertEquals(4.0, perRhs(p, "step/stage3/rhs", "forward"), 0.0);
        assertAllInsideRhs(p, "forward", 19 + 19 + 4);
        assertAllInsideRhs(p, "inverse", 34 + 34 + 12);
    }

    @Test
    void withoutSharedForwardTransformsEveryDerivativeTransformsAgain() {
        Profile p = profile(soundWave().eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .tuning(Tuning.baseline()).build());
        assertEquals(39.0, perRhs(p, "step/stage1/rhs", "forward"), 0.0);
        assertEquals(31.0, perRhs(p, "step/stage1/rhs", "inverse"), 0.0);
        assertEquals(12.0, perRhs(p, "step/stage3/rhs", "forward"), 0.0);
        assertAllInsideRhs(p, "forward", 39 + 39 + 12);
    }

    /**
     * A wave along the diagonal, so no evolved field is identically zero (a 1-D wave would transform
     * zero arrays of v^y, v^z and π^{yz}, which are genuinely unchanged): the baseline repeats exactly
     * the transforms the design predicts. Per full right-hand side, unshared gradients transform the
     * same field three times (2 repeats each, 4 in the kinematics and 5 in the advection: 18) and the
     * four divergences transform T^{xy}, T^{xz}, T^{yz} twice (3): 21; the kinematics-only third
     * stage repeats 8. Per step: 21 + 21 + 8 = 50.
     *
     * <p>One repeat is real in both tunings: ARS222 is stiffly accurate, so stage 1 of step n+1
     * evaluates the right-hand side at u_{n+1}, the very state stage 3 of step n evaluated; when the
     * primitive recovery lands on the same bits again, the kinematics gradients of stage 1 repeat
     * stage 3's (at most 4 per step). Everything else must count zero in the optimized solver.
     */
    @Test
    void redundancyCountsExactlyTheRepeatedTransforms() {
        Simulation.Builder diagonal = Simulation.builder().grid("2x8x8x8").eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08)).initial(Initial.soundWave().mode(1, 1, 1).amplitude(1e-3));
        String sameStateAgain = "step/stage1/rhs/kinematics/gradient";
        Profile optimized = profile(diagonal.build());
        Table r = optimized.redundancy();
        assertEquals(0, r.where(r.stringColumn(Columns.SPAN).isNotEqualTo(sameStateAgain)).rowCount(), r.print());
        assertTrue(optimized.fft().longColumn(Columns.REDUNDANT).sum() <= 2 * 4, r.print());

        Profile baseline = profile(diagonal.tuning(Tuning.baseline()).build());
        Table b = baseline.redundancy();
        java.util.Map<String, Long> expected = java.util.Map.of(
                "step/stage1/rhs/kinematics/gradient", 8L, "step/stage1/rhs/advection/gradient", 10L,
                "step/stage1/rhs/fluxes/divergence", 3L, "step/stage2/rhs/kinematics/gradient", 8L,
                "step/stage2/rhs/advection/gradient", 10L, "step/stage2/rhs/fluxes/divergence", 3L,
                "step/stage3/rhs/kinematics/gradient", 8L);
        assertEquals(expected.keySet(), java.util.Set.copyOf(b.stringColumn(Columns.SPAN).asList()), b.print());
        for (int row = 0; row < b.rowCount(); row++) {
            String span = b.stringColumn(Columns.SPAN).get(row);
            long perStep2 = 2 * expected.get(span);
            long counted = b.longColumn(Columns.REDUNDANT).get(row);
            if (span.equals(sameStateAgain)) {
                assertTrue(counted >= perStep2 && counted <= perStep2 + 2 * 4, b.print());
            } else {
                assertEquals(perStep2, counted, span);
                assertEquals((double) expected.get(span), b.doubleColumn(Columns.REDUNDANT_PER_STEP).get(row), 0, span + ": over 2 steps");
            }
        }
    }
}
