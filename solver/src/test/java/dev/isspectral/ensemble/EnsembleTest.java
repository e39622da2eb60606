package dev.isspectral.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Until;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import dev.isspectral.testsupport.StdErr;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class EnsembleTest {

    /** Sound wave of physics.md §7.2 on a line of 16 points, L = 2π (mode n has k = n), Δt = 0.02. */
    private static Simulation soundBase() {
        return Simulation.builder().grid("2000x16x1x1").timeStep(0.02)
                .transport(Transport.etaOverS(0.08)).initial(Initial.soundWave().amplitude(1e-6)).build();
    }

    @Test
    void aMemberNotFromTheEnsembleIsRefusedByNameNotByAClassCastException() {
        Ensemble e = Ensemble.of(soundBase()).vary(Axis.etaOverS(0.1, 0.2));
        assertEquals("grid = 7; must be a grid such as \"32x32x16x16\"", assertThrows(IllegalArgumentException.class,
                () -> e.simulation(new Member(0, Map.of(Parameter.GRID, 7)))).getMessage());
        assertEquals("etaOverS = -0.1; must be a finite number >= 0", assertThrows(IllegalArgumentException.class,
                () -> e.simulation(new Member(0, Map.of(Parameter.ETA_OVER_S, -0.1)))).getMessage());
    }

    @Test
    void soundModeScanMatchesTheWorkedCasesOfTheDispersionRelation() {
        Table t = Ensemble.of(soundBase()).vary(Axis.etaOverS(0.2, 0.08)).measure(Measurements.soundMode())
                .until(Until.time(40)).progress(Progress.silent()).run();
        assertEquals(2, t.rowCount());
        // physics.md §7.2, cases A (η/s = 0.2) and B (η/s = 0.08): s = −Γ ± iΩ at k = 1
        double[][] expected = {{0.6447214725, 0.1104738032}, {0.5875481853, 0.0526186600}};
        for (int r = 0; r < 2; r++) {
            assertEquals("ok", t.stringColumn(EnsemblePlan.STATUS).get(r), t.stringColumn(EnsemblePlan.ERROR).get(r));
            assertEquals(1.0, t.doubleColumn(Measurements.K).get(r), 1e-15);
            assertEquals(expected[r][0], t.doubleColumn(Measurements.OMEGA_EXACT).get(r), 1e-9);
            assertEquals(expected[r][1], t.doubleColumn(Measurements.GAMMA_EXACT).get(r), 1e-9);
            assertEquals(expected[r][0], t.doubleColumn(Measurements.OMEGA).get(r), 1e-3 * expected[r][0]);
            assertEquals(expected[r][1], t.doubleColumn(Measurements.GAMMA).get(r), 1e-3 * expected[r][1]);
            assertEquals(2000, t.longColumn(EnsemblePlan.STEPS).get(r));
        }
    }

    @Test
    void soundSpeedAndBulkViscosityAxesReachCaseCOfTheDispersionRelation() {
        Table t = Ensemble.of(soundBase()).vary(Axis.soundSpeedSquared(1.0 / 3, 0.25)).vary(Axis.zetaOverS(0.04))
                .measure(Measurements.soundMode()).until(Until.time(24)).progress(Progress.silent()).run();
        // conformal with kinetic tau_Pi (3.3a) and zeta > 0 is not allowed; c_s^2 = 1/4 is physics.md §7.2 case C
        assertEquals(List.of("invalid", "ok"), t.stringColumn(EnsemblePlan.STATUS).asList());
        assertTrue(t.stringColumn(EnsemblePlan.ERROR).get(0).contains("c_s^2 < 1/3"), t.stringColumn(EnsemblePlan.ERROR).get(0));
        assertEquals(0.5101527292, t.doubleColumn(Measurements.OMEGA_EXACT).get(1), 1e-9);
        assertEquals(0.0746193024, t.doubleColumn(Measurements.GAMMA_EXACT).get(1), 1e-9);
        assertEquals(0.5101527292, t.doubleColumn(Measurements.OMEGA).get(1), 1e-3 * 0.5101527292);
        assertEquals(0.0746193024, t.doubleColumn(Measurements.GAMMA).get(1), 1e-3 * 0.0746193024);
    }

    @Test
    void shearModeScanMatchesTheExactHydrodynamicRoot() {
        Simulation base = Simulation.builder().grid("500x16x1x1").timeStep(0.02)
                .initial(Initial.shearWave().amplitude(1e-6)).build();
        Table t = Ensemble.of(base).vary(Axis.etaOverS(0.2, 0.08)).measure(Measurements.shearMode())
                .progress(Progress.silent()).run();
        // physics.md §7.3, S1 and S2: s_+ = −0.2763932023, −0.0827382470 (overdamped: Ω = 0)
        double[] expected = {0.2763932023, 0.0827382470};
        Table errors = EnsembleTables.withRelativeErrors(t);
        for (int r = 0; r < 2; r++) {
            assertEquals(Math.abs(t.doubleColumn(Measurements.GAMMA).get(r) / expected[r] - 1),
                    errors.doubleColumn(EnsembleTables.GAMMA_ERROR).get(r), 1e-8);
            assertEquals(0.0, errors.doubleColumn(EnsembleTables.OMEGA_ERROR).get(r));   // overdamped: |Ω| itself
        }
        for (int r = 0; r < 2; r++) {
            assertEquals(expected[r], t.doubleColumn(Measurements.GAMMA_EXACT).get(r), 1e-9);
            assertEquals(expected[r], t.doubleColumn(Measurements.GAMMA).get(r), 1e-3 * expected[r]);
            assertEquals(0.0, t.doubleColumn(Measurements.OMEGA_EXACT).get(r));
        }
    }

    @Test
    void productOfAxesListsMembersWithTheFirstAxisSlowest() {
        Ensemble e = Ensemble.of(soundBase()).vary(Axis.etaOverS(0.1, 0.2)).vary(Axis.modes(1, 2, 3));
        List<Member> members = e.members();
        assertEquals(6, members.size());
        assertEquals(0.1, members.get(2).number(Parameter.ETA_OVER_S));
        assertEquals(Mode.alongX(3), members.get(2).get(Parameter.MODE));
        assertEquals(0.2, members.get(3).number(Parameter.ETA_OVER_S));
        assertEquals(Mode.alongX(1), members.get(3).get(Parameter.MODE));
        assertEquals(List.of(Parameter.ETA_OVER_S, Parameter.MODE), e.parameters());
    }

    @Test
    void localExecutorGivesTheTableOfAOneByOneLoop() {
        Simulation base = Simulation.builder().grid("12x16x8x8").initial(Initial.randomField().densityRms(0.02).velocityRms(0.02)).build();
        Ensemble e = Ensemble.of(base).vary(Axis.seeds(42, 3)).vary(Axis.etaOverS(0.08, 0.16))
                .measure(Measurements.finalEnergy(), Measurements.stepRate()).progress(Progress.silent());
        Table concurrent = e.executor(LocalExecutor.auto().concurrency(3).threadsPerMember(1)).run();
        Table loop = e.executor(LocalExecutor.sequential()).run();
        assertEquals(e.withoutTimings(loop).print(), e.withoutTimings(concurrent).print());
        assertTrue(concurrent.doubleColumn(Measurements.ENERGY_END).allMatch((java.util.function.DoublePredicate) v -> v > 0));
        // the seeds differ, and so do the members' energies; each is conserved to round-off (physics.md §7.4)
        assertNotEquals(concurrent.doubleColumn(Measurements.ENERGY_END).get(0), concurrent.doubleColumn(Measurements.ENERGY_END).get(2));
        assertTrue(concurrent.doubleColumn(Measurements.ENERGY_CHANGE).allMatch((java.util.function.DoublePredicate) v -> Math.abs(v) < 1e-12));
        assertEquals(List.of(EnsemblePlan.THREADS, EnsemblePlan.RUN_SECONDS, Measurements.STEPS_PER_SECOND).stream().sorted().toList(),
                e.timingColumns().stream().sorted().toList());
    }

    /** Runs the members one by one on one thread in a fixed shuffled order; returns the results in member order. */
    private record ShuffledExecutor(long seed) implements EnsembleExecutor {
        @Override
        public List<MemberResult> execute(EnsemblePlan plan, List<Member> members, Progress progress) {
            List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, members.size()).boxed().toList());
            java.util.Collections.shuffle(order, new java.util.Random(seed));
            MemberResult[] results = new MemberResult[members.size()];
            for (int i : order) {
                results[i] = plan.run(members.get(i), 1);
            }
            return List.of(results);
        }

        @Override
        public String describe() {
            return "shuffled (seed " + seed + ")";
        }
    }

    @Test
    void resultsDoNotDependOnTheOrderMembersRunInNorOnTheOtherMembers() {
        Simulation base = Simulation.builder().grid("8x16x8x8").initial(Initial.randomField().densityRms(0.02).velocityRms(0.02)).build();
        Ensemble e = Ensemble.of(base).vary(Axis.seeds(7, 3)).vary(Axis.etaOverS(0.05, 0.2))
                .measure(Measurements.finalEnergy()).progress(Progress.silent());
        Table inOrder = e.executor(LocalExecutor.sequential()).run();
        Table shuffled = e.executor(new ShuffledExecutor(11)).run();
        Table otherShuffle = e.executor(new ShuffledExecutor(12)).run();
        assertEquals(e.withoutTimings(inOrder).print(), e.withoutTimings(shuffled).print());
        assertEquals(e.withoutTimings(inOrder).print(), e.withoutTimings(otherShuffle).print());
        for (String c : e.withoutTimings(inOrder).columnNames()) {
            assertEquals(inOrder.column(c).asList(), shuffled.column(c).asList(), c);
        }
        // the three seeds give three different energies (energy is conserved, so η/s does not change it), so a mix-up
        // of seeds would show ...
        assertTrue(new java.util.HashSet<>(inOrder.doubleColumn(Measurements.ENERGY_END).asList()).size() >= 3,
                inOrder.print());
        // ... and the last member run alone gives its row of the whole ensemble
        Member last = e.members().get(5);
        MemberResult alone = e.plan().run(last, 1);
        assertEquals(inOrder.doubleColumn(Measurements.ENERGY_END).getDouble(5), alone.values()[0], 0.0);
    }

    @Test
    void seedsFromAMasterSeedAreTheSameEveryTime() {
        assertEquals(Axis.seeds(7, 5).values(), Axis.seeds(7, 5).values());
        assertNotEquals(Axis.seeds(7, 5).values(), Axis.seeds(8, 5).values());
        assertEquals(5, new java.util.HashSet<>(Axis.seeds(7, 5).values()).size());
    }

    @Test
    void failingMembersGiveRowsWithStatusAndErrorAndTheOthersContinue() {
        Simulation base = Simulation.builder().grid("200x16x16x1").transport(Transport.ideal())
                .initial(Initial.soundWave().amplitude(1e-3)).build();
        Table t = Ensemble.of(base)
                .member(Map.of(Parameter.AMPLITUDE, 1e-3, Parameter.B_PI, 5.0))
                .member(Map.of(Parameter.AMPLITUDE, 0.99, Parameter.B_PI, 5.0))     // steepens into a shock: recovery fails
                .member(Map.of(Parameter.AMPLITUDE, 1e-3, Parameter.B_PI, 1.5))     // v_inf^2 = 1/3 + 4/4.5 > 1, if viscous
                .measure(Measurements.finalEnergy()).progress(Progress.silent()).run();
        assertEquals(List.of("ok", "recovery_failed", "ok"), t.stringColumn(EnsemblePlan.STATUS).asList());
        assertTrue(t.stringColumn(EnsemblePlan.ERROR).get(1).contains("primitive recovery failed"), t.stringColumn(EnsemblePlan.ERROR).get(1));
        assertTrue(Double.isNaN(t.doubleColumn(Measurements.ENERGY_END).getDouble(1)));
        assertEquals(200, t.longColumn(EnsemblePlan.STEPS).get(0));

        Simulation viscous = base.toBuilder().transport(Transport.etaOverS(0.08)).build();
        Table invalid = Ensemble.of(viscous).vary(Axis.bPi(1.5, 5)).until(Until.steps(4)).progress(Progress.silent()).run();
        assertEquals(List.of("invalid", "ok"), invalid.stringColumn(EnsemblePlan.STATUS).asList());
        assertTrue(invalid.stringColumn(EnsemblePlan.ERROR).get(0).contains("causality"), invalid.stringColumn(EnsemblePlan.ERROR).get(0));
    }

    @Test
    void anOverflowingMemberGivesANonFiniteRow() throws Exception {
        // SSP-RK3 at dt = 8 on uniform shear stress (physics.md §7.1): with eta/s = 0.08 (tau_pi = 0.4) the explicit
        // relaxation is far beyond its bound (2.51 tau) and overflows; with eta/s = 100 (tau_pi = 500) it is stable
        var captured = dev.isspectral.testsupport.StdErr.capture(() -> {
            Simulation base = Simulation.builder().grid("400x2x2x2").box(200).integrator(dev.isspectral.time.Integrators.sspRk3())
                    .transport(Transport.etaOverS(0.08)).initial(Initial.staticEquilibrium().shear(0.01, -0.02, 0.005, 0, 0))
                    .timeStep(8.0).build();
            return Ensemble.of(base).vary(Axis.etaOverS(0.08, 100)).progress(Progress.silent()).run();
        });
        assertTrue(captured.text().contains("exceeds the relaxation limit"), captured.text());   // the builder warns, per member too
        Table t = captured.value();
        assertEquals(List.of("non_finite", "ok"), t.stringColumn(EnsemblePlan.STATUS).asList(), t.print());
        assertTrue(t.stringColumn(EnsemblePlan.ERROR).get(0).matches("(?s).*pi_(xx|yy|xy) is (-?Infinity|NaN).*"),
                t.stringColumn(EnsemblePlan.ERROR).get(0));
        assertTrue(t.longColumn(EnsemblePlan.STEPS).get(0) > 20 && t.longColumn(EnsemblePlan.STEPS).get(0) < 400);
        assertEquals(400, t.longColumn(EnsemblePlan.STEPS).get(1));
    }

    @Test
    void badValuesFailAtTheLineThatGaveThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Axis.etaOverS(0.1, -0.1));
        assertEquals("etaOverS = -0.1; must be a finite number >= 0", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.soundSpeedSquared(0.5)).getMessage()
                .startsWith("soundSpeedSquared = 0.5; must be in (0, 1/3]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.etaOverS(0.1, 0.1)).getMessage().contains("appears twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.grids("16x8")).getMessage().contains("16x8"));
        Ensemble e1 = Ensemble.of(soundBase()).vary(Axis.etaOverS(0.1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e1.vary(Axis.etaOverS(0.2))).getMessage().contains("already varied"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e1.vary(Axis.seeds(1, 2))).getMessage().contains("randomField"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e1.member(Map.of(Parameter.B_PI, 3.0))).getMessage().contains("either axes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e1.measure(Measurements.soundMode(), Measurements.shearMode()))
                .getMessage().contains("\"k\""));
        assertThrows(IllegalArgumentException.class, () -> Ensemble.of(null));
        assertThrows(IllegalArgumentException.class, () -> LocalExecutor.auto().concurrency(0));
        // immutability: the failed calls left e1 as it was
        assertEquals(1, e1.members().size());
    }

    @Test
    void withoutUntilAMemberWhoseGridHasNoNtIsInvalidNotAnEmptyRun() {
        Simulation boxOnly = Simulation.builder().grid("8x4x4").build();
        Table t = Ensemble.of(boxOnly).vary(Axis.grids("2x8x4x4", "8x4x2")).progress(Progress.silent()).run();
        assertEquals(List.of("ok", "invalid"), t.stringColumn(EnsemblePlan.STATUS).asList());
        assertEquals(List.of(2L, 0L), t.longColumn(EnsemblePlan.STEPS).asList());
        assertEquals("steps = 0 (grid 8x4x2 has no NT); must be >= 1: give NTxNXxNYxNZ or call until(Until.steps(n))",
                t.stringColumn(EnsemblePlan.ERROR).get(1));
        Table base = Ensemble.of(boxOnly).vary(Axis.etaOverS(0.1)).progress(Progress.silent()).run();
        assertEquals("steps = 0 (grid 8x4x4 has no NT); must be >= 1: give NTxNXxNYxNZ or call until(Until.steps(n))",
                base.stringColumn(EnsemblePlan.ERROR).get(0));
        Table stopped = Ensemble.of(boxOnly).vary(Axis.etaOverS(0.1)).until(Until.steps(1)).progress(Progress.silent()).run();
        assertEquals("ok", stopped.stringColumn(EnsemblePlan.STATUS).get(0));
        assertEquals(1L, stopped.longColumn(EnsemblePlan.STEPS).get(0));
    }

    @Test
    void aMeasurementThatDoesNotFitTheMemberMakesItInvalid() {
        Table t = Ensemble.of(soundBase()).vary(Axis.etaOverS(0.1)).measure(Measurements.shearMode()).until(Until.steps(10))
                .progress(Progress.silent()).run();
        assertEquals("invalid", t.stringColumn(EnsemblePlan.STATUS).get(0));
        assertTrue(t.stringColumn(EnsemblePlan.ERROR).get(0).contains("Initial.shearWave()"));
    }

    @Test
    void recipeRebuildsTheSimulationBitForBit() {
        List<Simulation> sims = List.of(
                soundBase().toBuilder().grid("6x8x4x4").initial(Initial.soundWave().mode(1, 1, 0).amplitude(1e-2).background(2)).build(),
                Simulation.builder().grid("6x8x8x4").eos(dev.isspectral.physics.Eos.constantSoundSpeed(0.25))
                        .transport(Transport.etaOverS(0.1).zetaOverS(0.05).variant(Transport.Variant.MIS)).initial(Initial.randomField().seed(9)).dealias(true).build(),
                Simulation.builder().grid("3x8x8x2").initial(Initial.taylorGreen().velocity(0.05)).exponentialFilter(30, 20)
                        .integrator(dev.isspectral.time.Integrators.sspRk3()).tuning(dev.isspectral.sim.Tuning.baseline()).build(),
                Simulation.builder().grid("6x8x2x8").initial(Initial.shearWave().mode(0, 0, 1).direction(0).amplitude(0.01)).timeStep(0.01).build(),
                Simulation.builder().grid("6x2x2x2").eos(dev.isspectral.physics.Eos.constantSoundSpeed(0.25)).transport(Transport.etaOverS(0.1).zetaOverS(0.05))
                        .initial(Initial.staticEquilibrium().energyDensity(2).bulk(-0.01).shear(0.01, -0.02, 0.005, 0.003, -0.004)).build());
        for (Simulation sim : sims) {
            Simulation copy = SimulationRecipe.of(sim).build();
            assertEquals(sim.toString(), copy.toString());
            var a = sim.run();
            var b = copy.run();
            for (var f : dev.isspectral.state.Field.values()) {
                assertTrue(java.util.Arrays.equals(a.solver().field(f), b.solver().field(f)), sim.initial().describe() + " " + f);
            }
        }
        // a shear wave's direction travels as the user left it: set (kept for every member) or the default (picked
        // from each member's mode, as on the local executor)
        for (boolean chosen : new boolean[] {true, false}) {
            Initial.ShearWave w = Initial.shearWave().mode(0, 0, 1).amplitude(0.01);
            Simulation sim = Simulation.builder().grid("2x8x2x8").initial(chosen ? w.direction(0) : w).build();
            var copy = (Initial.ShearWave) SimulationRecipe.of(sim).build().initial();
            assertEquals(chosen, copy.directionChosen());
            assertEquals(chosen ? 0 : 1, copy.direction());
        }
        Simulation custom = Simulation.builder().initial(Initial.custom("flat", (x, y, z, out) -> out[0] = 1)).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulationRecipe.of(custom)).getMessage()
                .contains("cannot travel"));
    }

    @Test
    void portablePlanSurvivesSerialisationAndGivesTheSameResults() throws Exception {
        Ensemble e = Ensemble.of(soundBase()).vary(Axis.modes(1, 2)).vary(Axis.bPi(1.5, 5.0))
                .measure(Measurements.soundMode()).until(Until.steps(400)).progress(Progress.silent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e.portablePlan());
            out.writeObject(e.members());
        }
        EnsemblePlan plan;
        List<?> members;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            plan = (EnsemblePlan) in.readObject();
            members = (List<?>) in.readObject();
        }
        EnsemblePlan local = e.plan();
        for (Object o : members) {
            Member m = (Member) o;
            MemberResult remote = plan.run(m, 1);
            MemberResult here = local.run(m, 1);
            assertEquals(here.status(), remote.status());
            assertEquals(here.error(), remote.error());
            assertTrue(java.util.Arrays.equals(here.values(), remote.values()), m.toString());
        }
        assertTrue(assertThrows(java.io.NotSerializableException.class,
                () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new Object[] {e.plan().base()})) != null);
    }
}
