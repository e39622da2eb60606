package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.testsupport.StdErr;
import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import dev.isspectral.time.Integrators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

/**
 * The builder of design.md validates eagerly: every invalid value fails at the call that set it
 * (or at build() when it depends on the grid) with a message naming the parameter, the value and
 * what is allowed; builders are immutable.
 */
class SimulationBuilderTest {

    private static String rejection(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static Simulation.Builder small() {
        return Simulation.builder().grid("2x8x8x8");
    }

    @Test
    void gridSizesBelowOneAreRejected() {
        assertEquals("grid = \"4x0x8x8\": NX = 0; must be >= 1", rejection(() -> Simulation.builder().grid("4x0x8x8")));
        assertEquals("NY = -1; must be >= 1", rejection(() -> Simulation.builder().grid(Grid.of(8, -1, 8))));
        assertEquals("grid = \"8x8x0\": NZ = 0; must be >= 1", rejection(() -> Simulation.builder().grid("8x8x0")));
        assertTrue(rejection(() -> Simulation.builder().grid("eight")).startsWith("grid = \"eight\""));
    }

    @Test
    void nonPositiveOrNaNBoxIsRejected() {
        assertEquals("Lx = 0.0; must be a finite length > 0", rejection(() -> Simulation.builder().box(0)));
        assertEquals("Lx = -1.0; must be a finite length > 0", rejection(() -> Simulation.builder().box(-1)));
        assertEquals("Ly = NaN; must be a finite length > 0", rejection(() -> Simulation.builder().box(1, Double.NaN, 1)));
        assertEquals("Lz = 0.0; must be a finite length > 0", rejection(() -> Simulation.builder().box(1, 1, 0)));
    }

    @Test
    void negativeViscositiesAreRejected() {
        assertEquals("etaOverS = -0.1; must be a finite number >= 0", rejection(() -> Simulation.builder().transport(Transport.etaOverS(-0.1))));
        assertEquals("zetaOverS = -0.2; must be a finite number >= 0",
                rejection(() -> Simulation.builder().transport(Transport.etaOverS(0.1).zetaOverS(-0.2))));
    }

    @Test
    void kineticBulkRelaxationOnAConformalEosIsRejectedWhicheverIsSetLast() {
        String m = rejection(() -> Simulation.builder().eos(Eos.conformal()).transport(Transport.etaOverS(0.08).zetaOverS(0.04)));
        assertTrue(m.startsWith("transport: zetaOverS = 0.04 with the kinetic tau_Pi (3.3a) must have c_s^2 < 1/3"), m);
        assertTrue(m.contains("c_s^2 = 0.333"), m);
        assertTrue(m.contains("bulkRelaxationRatio"), m);
        Simulation.Builder quarter = Simulation.builder().eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04));
        String m2 = rejection(() -> quarter.eos(Eos.conformal()));
        assertTrue(m2.startsWith("eos: zetaOverS = 0.04"), m2);
        // the ratio mode (3.3b) is the allowed way
        Simulation.builder().transport(Transport.etaOverS(0.08).zetaOverS(0.04).bulkRelaxationRatio(5));
    }

    @Test
    void acausalRelaxationTimesAreRejectedWithTheFrontSpeed() {
        String m = rejection(() -> Simulation.builder().transport(Transport.etaOverS(0.08).bPi(1.9)));
        assertTrue(m.contains("front speed squared") && m.contains("1.03509") && m.contains("must be <= 1"), m);
        String bulk = rejection(() -> Simulation.builder()
                .transport(Transport.etaOverS(0.08).zetaOverS(0.1).bulkRelaxationRatio(2)));
        assertTrue(bulk.contains("= 1.10000; must be <= 1"), bulk);
    }

    @Test
    void nonPositiveOrNonFiniteTimeStepIsRejected() {
        assertEquals("timeStep = 0.0; must be a finite number > 0", rejection(() -> Simulation.builder().timeStep(0)));
        assertEquals("timeStep = -0.01; must be a finite number > 0", rejection(() -> Simulation.builder().timeStep(-0.01)));
        assertEquals("timeStep = NaN; must be a finite number > 0", rejection(() -> Simulation.builder().timeStep(Double.NaN)));
        assertEquals("timeStep = Infinity; must be a finite number > 0",
                rejection(() -> Simulation.builder().timeStep(Double.POSITIVE_INFINITY)));
    }

    @Test
    void courantOutsideZeroToOneIsRejectedAndOneIsAccepted() {
        assertEquals("courant = 0.0; must be in (0, 1]", rejection(() -> Simulation.builder().courant(0)));
        assertEquals("courant = 1.5; must be in (0, 1]", rejection(() -> Simulation.builder().courant(1.5)));
        assertEquals("courant = NaN; must be in (0, 1]", rejection(() -> Simulation.builder().courant(Double.NaN)));
        assertEquals(1.0, small().courant(1).build().courant(), 0.0);
        assertTrue(rejection(() -> Simulation.builder().relaxationCourant(3)).startsWith("relaxationCourant = 3.0; must be in (0, 2.5]"));
    }

    @Test
    void filterParametersOutsideTheirRangesAreRejected() {
        assertEquals("filterStrength = 0.0; must be a finite number > 0",
                rejection(() -> Simulation.builder().exponentialFilter(0, 36)));
        assertEquals("filterStrength = NaN; must be a finite number > 0",
                rejection(() -> Simulation.builder().exponentialFilter(Double.NaN, 36)));
        assertEquals("filterOrder = 1.0; must be a finite number >= 2",
                rejection(() -> Simulation.builder().exponentialFilter(36, 1)));
        assertEquals("filterOrder = Infinity; must be a finite number >= 2",
                rejection(() -> Simulation.builder().exponentialFilter(36, Double.POSITIVE_INFINITY)));
    }

    /** σ = exp(−α (|n|/(N/2))^p) takes the power of |n|: any real p ≥ 2 is a filter, even or not (physics.md eq. 6.8). */
    @Test
    void anOddOrFractionalFilterOrderActsAndLeavesTheMeanUnchanged() {
        Simulation.Builder random = small().initial(Initial.randomField().seed(7));
        double[] unfiltered = random.build().run().solver().field(Field.T00);
        for (double order : new double[] {2.5, 3}) {
            Simulation sim = random.exponentialFilter(4, order).build();
            assertEquals(order, sim.filterOrder(), 0.0);
            Run run = sim.run();
            var energy = run.history().doubleColumn(Run.TOTAL_ENERGY);
            assertEquals(energy.get(0), energy.get(energy.size() - 1), 1e-12 * energy.get(0), "p = " + order);
            assertTrue(!java.util.Arrays.equals(unfiltered, run.solver().field(Field.T00)), "p = " + order);
        }
    }

    private static Eos eosWithSoundSpeedSquared(double cs2) {
        return new Eos() {
            @Override
            public double pressure(double e) {
                return e / 3;
            }

            @Override
            public double soundSpeedSquared(double e) {
                return cs2;
            }

            @Override
            public double temperature(double e) {
                return Math.pow(e, 0.25);
            }

            @Override
            public String describe() {
                return "c_s^2 = " + cs2;
            }
        };
    }

    @Test
    void aCustomEosWhoseSoundSpeedSquaredIsNotInZeroToOneIsRejected() {
        assertEquals("eos: c_s^2(1) = NaN; must be in (0, 1]",
                rejection(() -> Simulation.builder().eos(eosWithSoundSpeedSquared(Double.NaN))));
        assertEquals("eos: c_s^2(1) = -0.1; must be in (0, 1]",
                rejection(() -> Simulation.builder().eos(eosWithSoundSpeedSquared(-0.1))));
        assertEquals("eos: c_s^2(1) = 0.0; must be in (0, 1]",
                rejection(() -> Simulation.builder().eos(eosWithSoundSpeedSquared(0))));
        assertEquals("eos: c_s^2(1) = 1.5; must be in (0, 1]",
                rejection(() -> Simulation.builder().eos(eosWithSoundSpeedSquared(1.5))));
        assertEquals(0.2, Simulation.builder().eos(eosWithSoundSpeedSquared(0.2)).build().eos().soundSpeedSquared(1), 0.0);
        // without shear or bulk the front speed is c_s itself: c_s^2 = 1 is causal
        Simulation.builder().transport(Transport.ideal()).eos(eosWithSoundSpeedSquared(1.0));
    }

    @Test
    void nullArgumentsAreRejectedNamingTheParameter() {
        assertTrue(rejection(() -> Simulation.builder().grid((Grid) null)).startsWith("grid = null"));
        assertTrue(rejection(() -> Simulation.builder().grid((String) null)).startsWith("grid = null"));
        assertTrue(rejection(() -> Simulation.builder().eos(null)).startsWith("eos = null"));
        assertTrue(rejection(() -> Simulation.builder().transport(null)).startsWith("transport = null"));
        assertTrue(rejection(() -> Simulation.builder().initial(null)).startsWith("initial = null"));
        assertTrue(rejection(() -> Simulation.builder().integrator(null)).startsWith("integrator = null"));
        assertTrue(rejection(() -> Simulation.builder().observer(null)).startsWith("observer = null"));
        assertTrue(rejection(() -> Initial.custom("x", null)).startsWith("profile = null"));
    }

    @Test
    void soundWaveAmplitudeOfOneOrMoreIsRejected() {
        assertEquals("amplitude = 1.0; must satisfy |A| < 1 so that eps > 0",
                rejection(() -> Initial.soundWave().amplitude(1.0)));
        assertTrue(rejection(() -> Initial.soundWave().amplitude(-1.2)).startsWith("amplitude = -1.2;"));
        assertTrue(rejection(() -> Initial.soundWave().mode(0, 0, 0)).startsWith("mode = (0, 0, 0)"));
    }

    @Test
    void unresolvedModeIsRejectedAtBuild() {
        Simulation.Builder b = small().initial(Initial.soundWave().mode(0, 4, 0));
        String m = rejection(b::build);
        assertEquals("mode = (0, 4, 0); mode number 4 along y is not resolved by 8 points (must have |n| < N/2)", m);
        assertTrue(rejection(() -> small().initial(Initial.shearWave().mode(5, 0, 0)).build()).contains("along x"));
        // 2|n| of the most negative int overflows an int: the rule is checked in long
        assertEquals("mode = (-2147483648, 0, 0); mode number -2147483648 along x is not resolved by 8 points (must have |n| < N/2)",
                rejection(() -> small().initial(Initial.soundWave().mode(Integer.MIN_VALUE, 0, 0)).build()));
    }

    @Test
    void shearWaveAmplitudeOfOneOrMoreAndVelocityAlongKAreRejected() {
        assertEquals("amplitude = 1.0; must satisfy |V| < 1", rejection(() -> Initial.shearWave().amplitude(1.0)));
        assertTrue(rejection(() -> Initial.shearWave().direction(0)).startsWith("direction = x with mode (1, 0, 0)"));
        assertTrue(rejection(() -> Initial.shearWave().direction(3)).startsWith("direction = 3; must be 0 (x), 1 (y) or 2 (z)"));
        assertTrue(rejection(() -> Initial.shearWave().mode(1, 1, 1)).contains("one mode number 0"));
    }

    @Test
    void aShearWaveModeAlongTheDirectionTheUserSetIsRejectedInEitherOrder() {
        assertEquals("mode = (0, 0, 1) with direction = z; the velocity must be perpendicular to k: choose direction x or y",
                rejection(() -> Initial.shearWave().direction(2).mode(0, 0, 1)));
        assertEquals("direction = z with mode (0, 0, 1); the velocity must be perpendicular to k: choose direction x or y",
                rejection(() -> Initial.shearWave().mode(0, 0, 1).direction(2)));
        assertEquals("mode = (1, 1, 0) with direction = x; the velocity must be perpendicular to k: choose direction z",
                rejection(() -> Initial.shearWave().mode(0, 1, 1).direction(0).mode(1, 1, 0)));
        assertEquals("mode = (1, 1, 1); a shear wave needs k perpendicular to a coordinate axis (one mode number 0)",
                rejection(() -> Initial.shearWave().direction(2).mode(1, 1, 1)));
        // a direction the user set and a mode perpendicular to it are kept, whatever else changes
        Initial.ShearWave kept = Initial.shearWave().direction(2).mode(0, 1, 0).amplitude(0.01).background(2);
        assertEquals(2, kept.direction());
        assertTrue(kept.directionChosen());
    }

    @Test
    void aShearWaveDirectionLeftAtItsDefaultIsYOrTheFirstAxisPerpendicularToK() {
        assertEquals(1, Initial.shearWave().mode(1, 0, 0).direction());
        assertEquals(0, Initial.shearWave().mode(0, 1, 0).direction());
        assertEquals(0, Initial.shearWave().mode(0, 1, 1).direction());
        // picked from the mode alone, not from an earlier pick: (0, 1, 0) then (0, 0, 1) gives y as (0, 0, 1) alone does
        assertEquals(1, Initial.shearWave().mode(0, 1, 0).mode(0, 0, 1).direction());
        assertFalse(Initial.shearWave().mode(0, 1, 0).directionChosen());
    }

    @Test
    void customDataNeedADescription() {
        assertEquals("description = null; must be a non-blank name of the data (its summary line)",
                rejection(() -> Initial.custom(null, (x, y, z, out) -> out[0] = 1)));
        assertEquals("description = \" \"; must be a non-blank name of the data (its summary line)",
                rejection(() -> Initial.custom(" ", (x, y, z, out) -> out[0] = 1)));
        assertEquals("flat", Initial.custom("flat", (x, y, z, out) -> out[0] = 1).describe());
    }

    @Test
    void gaussianPulseWiderThanASixthOfTheShortestSideIsRejectedAtBuild() {
        Simulation.Builder b = small().box(6, 12, 18).initial(Initial.gaussianPulse().width(1.01));
        assertEquals("width = 1.01; must be <= L_min/6 = 1.0", rejection(b::build));
        small().box(6, 12, 18).initial(Initial.gaussianPulse().width(1.0)).build();
        assertTrue(rejection(() -> Initial.gaussianPulse().width(0)).startsWith("width = 0.0; must be a finite number > 0"));
        assertTrue(rejection(() -> Initial.gaussianPulse().amplitude(-1)).startsWith("amplitude = -1.0;"));
    }

    @Test
    void randomFieldRmsOfOneOrMoreIsRejected() {
        assertEquals("densityRms = 1.0; must be in [0, 1)", rejection(() -> Initial.randomField().densityRms(1)));
        assertEquals("velocityRms = 1.5; must be in [0, 1)", rejection(() -> Initial.randomField().velocityRms(1.5)));
        assertEquals("velocityRms = -0.1; must be in [0, 1)", rejection(() -> Initial.randomField().velocityRms(-0.1)));
        assertTrue(rejection(() -> Initial.randomField().spectrumWidth(0)).startsWith("k0 = 0.0;"));
    }

    @Test
    void shearLayerWhoseSpeedCanReachOneIsRejected() {
        assertTrue(rejection(() -> Initial.shearLayer().velocity(1.0)).startsWith("velocity = 1.0 with perturbation = 0.01; must keep |v| < 1"));
        assertTrue(rejection(() -> Initial.shearLayer().velocity(0.999).perturbation(0.1)).startsWith("velocity = 0.999 with perturbation = 0.1"));
        assertTrue(rejection(() -> Initial.shearLayer().sharpness(0)).startsWith("sharpness = 0.0;"));
        assertTrue(rejection(() -> Initial.taylorGreen().velocity(1)).startsWith("velocity = 1.0; must satisfy |V| < 1"));
    }

    @Test
    void customDataWithNonPositiveEnergyIsRejectedAtBuildWithTheGridIndex() {
        Simulation.Builder b = Simulation.builder().grid("1x4x4x4").initial(Initial.custom("dip",
                (x, y, z, out) -> out[0] = x > 3 && y > 3 && z > 3 ? -0.5 : 1.0));
        String m = rejection(b::build);
        assertEquals("initial = dip gives eps = -0.500000, |v| = 0.00000 at grid index (2, 2, 2); "
                + "must have eps > 0 and |v| < 1 (lower the amplitude)", m);
    }

    @Test
    void customDataWithSpeedOneIsRejectedAtBuild() {
        Simulation.Builder b = Simulation.builder().grid("1x2x2x2").initial(Initial.custom("luminal",
                (x, y, z, out) -> {
                    out[0] = 1;
                    out[2] = 1;
                }));
        assertTrue(rejection(b::build).contains("|v| = 1.00000 at grid index (0, 0, 0)"));
    }

    @Test
    void bulkPressureBelowMinusEnthalpyIsRejectedAtBuild() {
        Simulation.Builder b = Simulation.builder().grid("1x2x2x2")
                .transport(Transport.etaOverS(0.08).zetaOverS(0.04).bulkRelaxationRatio(5))
                .initial(Initial.staticEquilibrium().bulk(-1.5));
        assertTrue(rejection(b::build).startsWith("initial bulk pressure Pi = -1.5 gives eps + P + Pi <= 0"));
    }

    @Test
    void derivedBuildersLeaveTheOriginalUnchanged() throws Exception {
        Simulation.Builder base = Simulation.builder().grid("3x8x4x2");
        Simulation.Builder derived = base.grid("5x16x8x4").box(1, 2, 3).eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.2)).initial(Initial.taylorGreen()).integrator(Integrators.sspRk3())
                .timeStep(0.01).courant(0.5).dealias(true).exponentialFilter(10, 8).observer((solver, stats) -> { });
        Simulation original = base.build();
        assertEquals(Grid.parse("3x8x4x2"), original.grid());
        assertEquals(1.0 / 3.0, original.eos().constantSoundSpeedSquared(), 0.0);
        assertEquals(0.08, original.transport().etaOverS(), 0.0);
        assertTrue(original.initial() instanceof Initial.SoundWave);
        assertEquals("ARS(2,2,2)", original.integrator().name());
        assertTrue(Double.isNaN(original.fixedTimeStep()));
        assertEquals(0.25, original.courant(), 0.0);
        assertTrue(!original.dealias() && !original.exponentialFilter());
        assertEquals(36.0, original.filterStrength(), 0.0);
        assertTrue(original.observers().isEmpty());
        StdErr.Captured<Simulation> built = StdErr.capture(derived::build);
        Simulation other = built.value();
        assertEquals(List.of("timeStep = 0.0100000 exceeds the spectral CFL limit 0.00961880 (C_cfl = 0.500, physics.md eq. 6.3)"),
                other.warnings());
        assertEquals("warning: " + other.warnings().get(0) + System.lineSeparator(), built.text(), "the warning, printed once");
        assertEquals(Grid.parse("5x16x8x4").withBox(1, 2, 3), other.grid());
        assertEquals(0.01, other.fixedTimeStep(), 0.0);
        assertEquals(0.5, other.courant(), 0.0);
        assertTrue(other.dealias() && other.exponentialFilter());
        assertEquals(10.0, other.filterStrength(), 0.0);
        assertEquals(8.0, other.filterOrder(), 0.0);
        assertEquals(1, other.observers().size());
    }

    @Test
    void toBuilderDerivesAVariantWithoutChangingTheSimulation() {
        Simulation a = small().build();
        double[] t00 = a.initialField(Field.T00);
        Simulation b = a.toBuilder().initial(Initial.soundWave().amplitude(0.2)).build();
        assertArrayEquals(t00, a.initialField(Field.T00));
        assertTrue(b.initialField(Field.T00)[0] > t00[0] + 0.1);
    }

    /**
     * A simulation hands its initial state to the first solver (no copy held twice) and rebuilds it for every later
     * one and for initialField: the same bits each time, and stepping one solver changes neither another's start
     * nor initialField.
     */
    @Test
    void eachSolverStartsFromTheSameInitialStateBitForBit() {
        Simulation sim = small().initial(Initial.randomField().seed(7)).build();
        double[][] before = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            before[f.ordinal()] = sim.initialField(f);
        }
        Solver first = sim.start();
        for (Field f : Field.values()) {
            assertArrayEquals(before[f.ordinal()], first.field(f), 0.0, "first solver, " + f);
        }
        first.advance(2);
        Solver second = sim.start();
        for (Field f : Field.values()) {
            assertArrayEquals(before[f.ordinal()], second.field(f), 0.0, "second solver after the first stepped, " + f);
            assertArrayEquals(before[f.ordinal()], sim.initialField(f), 0.0, "initialField after the first stepped, " + f);
        }
        assertTrue(first.field(Field.T00) != second.field(Field.T00), "each solver owns its state");
        second.advance(2);
        assertArrayEquals(first.field(Field.T0X), second.field(Field.T0X), 0.0, "same run from a rebuilt start");
    }

    /** An initial condition that fills other data when rebuilt is an error naming it, never a different start. */
    @Test
    void aNonDeterministicInitialConditionIsRefusedOnRebuild() {
        int[] calls = {0};
        Initial drifting = Initial.custom("drifting pulse", (x, y, z, out) -> {
            out[0] = 1.0 + 1e-3 * Math.cos(x) + 1e-9 * calls[0]++;
        });
        Simulation sim = small().initial(drifting).build();
        sim.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::start);
        assertTrue(e.getMessage().contains("drifting pulse") && e.getMessage().contains("deterministic"), e.getMessage());
    }

    @Test
    void gridNotationKeepsBoxLengthsSetEarlier() {
        Simulation s = Simulation.builder().box(1, 2, 3).grid("4x8x8x8").build();
        assertEquals(2.0, s.grid().ly(), 0.0);
        assertEquals(4, s.grid().steps());
    }

    @Test
    void defaultCourantIsAQuarterForArsAndPointEightForSspRk3() {
        assertEquals(0.25, small().build().courant(), 0.0);
        assertEquals(0.8, small().integrator(Integrators.sspRk3()).build().courant(), 0.0);
        Simulation s = small().box(1, 2, 4).build();
        assertEquals(0.25 / s.grid().maxWaveNumberMagnitude(), s.cflTimeStep(), 1e-16);
    }

    @Test
    void fixedTimeStepAboveTheSpectralCflLimitIsWarnedAbout() throws Exception {
        Simulation ok = small().build();
        assertTrue(ok.warnings().isEmpty(), ok.warnings().toString());
        double cfl = ok.cflTimeStep();
        assertTrue(small().timeStep(0.9 * cfl).build().warnings().isEmpty());
        StdErr.Captured<Simulation> built = StdErr.capture(small().timeStep(2 * cfl)::build);
        Simulation fast = built.value();
        assertEquals(1, fast.warnings().size(), fast.warnings().toString());
        assertEquals("warning: " + fast.warnings().get(0) + System.lineSeparator(), built.text(), "printed once on stderr");
        assertTrue(fast.warnings().get(0).startsWith("timeStep = " + String.format(java.util.Locale.ROOT, "%.6g", 2 * cfl)
                + " exceeds the spectral CFL limit"), fast.warnings().get(0));
        assertTrue(fast.toString().contains("warning: timeStep"), fast.toString());
    }

    @Test
    void fixedTimeStepAboveTheRelaxationLimitOfSspRk3IsWarnedAbout() throws Exception {
        // tau_pi = b_pi (eta/s)/T = 5 * 0.08 = 0.4 at T = 1; the CFL limit of a 2x2x2 box of side 2π is 0.8/(π√3)
        StdErr.Captured<Simulation> built = StdErr.capture(Simulation.builder().grid("1x2x2x2").box(200)
                .integrator(Integrators.sspRk3()).initial(Initial.staticEquilibrium()).timeStep(0.5)::build);
        Simulation s = built.value();
        assertEquals(1, s.warnings().size(), s.warnings().toString());
        assertEquals("warning: timeStep = 0.500000 exceeds the relaxation limit 0.400000 of SSP-RK3 (C_rel min gamma tau, physics.md eq. 6.4)"
                + System.lineSeparator(), built.text());
        assertTrue(s.warnings().get(0).contains("exceeds the relaxation limit 0.400000"), s.warnings().get(0));
    }

    @Test
    void toStringIsATreeNamingEverySetting() {
        String s = small().transport(Transport.etaOverS(0.2)).exponentialFilter(true).build().toString();
        java.util.List<String> lines = java.util.List.of(s.split("\n"));
        assertEquals("Simulation", lines.get(0));
        String[] labels = {"grid:", "EOS:", "transport:", "initial:", "integrator:", "time step:", "filter:", "memory:"};
        String[] contents = {"2x8x8x8 (2 steps of a 8x8x8 box", "conformal", "eta/s = 0.200000", "sound wave",
            "ARS(2,2,2)", "CFL 0.25", "exponential (alpha = 36.0, p = 36.0)", "MiB"};
        int previous = 0;
        for (int i = 0; i < labels.length; i++) {
            int at = -1;
            for (int l = 1; l < lines.size(); l++) {
                if (lines.get(l).startsWith("├── " + labels[i]) || lines.get(l).startsWith("└── " + labels[i])) {
                    at = l;
                }
            }
            assertTrue(at > previous, labels[i] + " missing or out of order in\n" + s);
            assertTrue(lines.get(at).contains(contents[i]), lines.get(at));
            previous = at;
        }
        assertTrue(lines.get(previous).startsWith("└── memory:"), "the tree ends with memory:\n" + s);
        for (int l = 1; l < previous; l++) {
            assertTrue(lines.get(l).startsWith("├── "), lines.get(l));
        }
    }
}
