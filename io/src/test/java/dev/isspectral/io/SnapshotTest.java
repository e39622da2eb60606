package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.sim.Run;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.sim.Until;
import dev.isspectral.state.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Snapshots: written on schedule, listed as a table, read back exactly, primitives that satisfy π's constraints. */
class SnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aRunWritesEveryNStepsAndTheTableMatchesItsHistory() {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized()).toBuilder().observer(SnapshotWriter.to(dir).every(2)).build();
        Run run = sim.run(Until.steps(5));
        Snapshots series = Snapshots.in(dir);
        Table t = series.table();
        assertEquals(List.of(0, 2, 4), t.intColumn(Snapshots.STEP).asList());
        assertEquals(List.of("file", "step", "time", "dt", "total_energy", "momentum_x", "momentum_y", "momentum_z",
                "max_speed", "min_energy_density", "max_energy_density"), t.columnNames());
        Table history = run.history();
        for (int row = 0; row < t.rowCount(); row++) {
            int step = t.intColumn(Snapshots.STEP).get(row);
            assertEquals(history.doubleColumn(Run.TIME).get(step), t.doubleColumn(Snapshots.TIME).get(row), 0.0);
            assertEquals(history.doubleColumn(Run.DT).get(step), t.doubleColumn(Snapshots.DT).get(row), 0.0);
            assertEquals(history.doubleColumn(Run.TOTAL_ENERGY).get(step), t.doubleColumn("total_energy").get(row), 0.0);
            assertEquals(history.doubleColumn(Run.MAX_SPEED).get(step), t.doubleColumn("max_speed").get(row), 0.0);
        }
        assertEquals("snapshot-000004.h5", t.stringColumn(Snapshots.FILE).get(2));
        assertTrue(Files.exists(dir.resolve(SnapshotWriter.SIDECAR)));
    }

    @Test
    void aFieldReadsBackExactlyInGridOrder() {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        s.advance(3);
        SnapshotWriter.to(dir).write(s);
        Snapshot snap = Snapshots.in(dir).atStep(3);
        assertEquals(s.time(), snap.time(), 0.0);
        assertEquals(s.grid(), snap.grid().withSteps(s.grid().steps()));
        for (Field f : Field.values()) {
            assertArrayEquals(s.field(f), snap.field(f.label()), 0.0, f.label());
        }
        double[][] plane = snap.slice("T0x", 2, 5);                 // z = index 5: [i][j]
        assertEquals(s.state().get(Field.T0X)[s.grid().index(7, 3, 5)], plane[7][3], 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> snap.field("density"));
        assertTrue(e.getMessage().startsWith("field = \"density\"; snapshot-000003.h5 holds [T00, T0x"), e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> snap.slice(null, 2, 5));
        assertTrue(none.getMessage().startsWith("field = null; snapshot-000003.h5 holds [T00, T0x"), none.getMessage());
    }

    @Test
    void aPlaneFromAFileIsDrawnWithTheSharedHeatMapAndShortLabels() {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        s.advance(2);
        Snapshot snap = Snapshot.open(SnapshotWriter.to(dir).withPrimitives().write(s));
        dev.isspectral.plot.HeatMap map = SnapshotPlots.slice(snap, "energy_density", 2, 4);   // z = 4·2π/8 = π
        dev.isspectral.plot.HeatMap live = dev.isspectral.plot.FieldPlots.slice(s, "energy_density", 2, 4);
        assertEquals(live.colourTickLabels(), map.colourTickLabels(), "the same picture as the live solver's field");
        assertEquals(live.xTickLabels(), map.xTickLabels());
        assertEquals(live.colourMin(), map.colourMin(), 0.0);
        assertEquals(live.colourMax(), map.colourMax(), 0.0);
        assertTrue(map.title().startsWith("energy_density on the plane z = 3.14 at t = "), map.title());
        assertTrue(map.title().endsWith("(snapshot-000002.h5)"), map.title());
        assertTrue(map.colourTickLabels().size() >= 2, map.colourTickLabels().toString());
        for (String label : map.colourTickLabels()) {
            assertTrue(label.length() <= 6, "a short colour-bar label, not 16 digits: " + map.colourTickLabels());
        }
    }

    @Test
    void primitivesAreTheSolversAndTheFullShearTensorIsTracelessAndOrthogonalToU() {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        s.advance(4);
        Snapshot snap = Snapshot.open(SnapshotWriter.to(dir).withPrimitives().write(s));
        assertEquals(SnapshotWriter.PRIMITIVES, snap.names().subList(Field.COUNT, snap.names().size()));
        assertEquals(snap.names().size(), new java.util.HashSet<>(snap.names()).size(), "names are unique: " + snap.names());
        assertArrayEquals(s.energyDensity(), snap.field("energy_density"), 0.0);
        assertArrayEquals(s.velocity(1), snap.field("velocity_y"), 0.0);
        double[] tt = snap.field("shear_stress_tt");
        double[] tx = snap.field("shear_stress_tx");
        double[] ty = snap.field("shear_stress_ty");
        double[] tz = snap.field("shear_stress_tz");
        double[] xx = snap.field("shear_stress_xx");
        double[] yy = snap.field("shear_stress_yy");
        double[] zz = snap.field("shear_stress_zz");
        double[] vx = snap.field("velocity_x");
        double[] vy = snap.field("velocity_y");
        double[] vz = snap.field("velocity_z");
        double scale = 0;
        for (double v : xx) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 1e-6, "the run has shear stress to check: max |pi^xx| = " + scale);
        for (int p = 0; p < tt.length; p++) {
            assertEquals(0, -tt[p] + xx[p] + yy[p] + zz[p], 1e-12 * scale, "g_mn pi^mn = 0 at " + p);
            assertEquals(tt[p], vx[p] * tx[p] + vy[p] * ty[p] + vz[p] * tz[p], 1e-12 * scale, "u_m pi^m0 = 0 at " + p);
        }
    }

    @Test
    void atTimesWritesTheStepThatReachesEachTime() {
        Simulation base = TestRuns.nonlinear(Tuning.optimized());
        double dt = base.start().nextTimeStep();
        Simulation sim = base.toBuilder().observer(SnapshotWriter.to(dir).atTimes(2.5 * dt, 0.0)).build();
        sim.run(Until.steps(5));
        assertEquals(List.of(0, 3), Snapshots.in(dir).table().intColumn(Snapshots.STEP).asList());
    }

    @Test
    void theSidecarListsTheSeriesAndARestartDropsTheStepsItRewrites() throws Exception {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized());
        Solver s = sim.start();
        SnapshotWriter w = SnapshotWriter.to(dir);
        w.write(s);
        s.advance(2);
        Path ck = Checkpoint.save(s, dir.resolve("ck.h5"));
        w.write(s);
        s.advance(2);
        w.write(s);
        String xdmf = Files.readString(dir.resolve(SnapshotWriter.SIDECAR));
        assertEquals(3, xdmf.split("GridType=\"Uniform\"", -1).length - 1);
        assertTrue(xdmf.contains("<Time Value=\"" + s.time() + "\"/>"), xdmf);
        assertTrue(xdmf.contains("snapshot-000004.h5:/fields/pi_yz"), xdmf);

        Solver resumed = Checkpoint.resume(sim, ck);
        w.write(resumed);                                            // a restart from step 2 rewrites step 2
        String after = Files.readString(dir.resolve(SnapshotWriter.SIDECAR));
        assertEquals(2, after.split("GridType=\"Uniform\"", -1).length - 1, after);
        assertTrue(!after.contains("step 4"), after);
    }

    @Test
    void requestedTimesOutsideTheRunAreRefusedBeforeItsFirstStep() {
        Simulation base = TestRuns.nonlinear(Tuning.optimized());
        Solver s = base.start();
        s.advance(2);
        double start = s.time();
        double end = 10 * start;
        SnapshotWriter w = SnapshotWriter.to(dir).atTimes(start / 2, start, 12 * start);
        var e = assertThrows(IllegalArgumentException.class, () -> w.runStarted(s, Until.time(end)));
        assertEquals("times = [" + start / 2 + ", " + start + ", " + 12 * start + "]; " + start / 2
                + " is before the run's start t = " + start + " and " + 12 * start + " is after its end t = " + end
                + "; each must lie in [start, end]", e.getMessage());
        var steps = assertThrows(IllegalArgumentException.class, () -> w.runStarted(s, Until.steps(3)));
        assertEquals("times = [" + start / 2 + ", " + start + ", " + 12 * start + "]; " + start / 2
                + " is before the run's start t = " + start + "; each must be >= the run's start", steps.getMessage());
        assertTrue(!Files.exists(dir.resolve(SnapshotWriter.fileName(2))), "nothing written");
        assertEquals("times = null; must name at least one time >= 0",
                assertThrows(IllegalArgumentException.class, () -> SnapshotWriter.to(dir).atTimes((double[]) null)).getMessage());
    }

    @Test
    void aFolderThatIsAFileIsRefusedWhereItIsNamedAndWhenARunStarts() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertEquals("folder = \"" + file + "\"; is a file; must be a folder that can be created or written",
                assertThrows(IllegalArgumentException.class, () -> SnapshotWriter.to(file)).getMessage());
        Path later = dir.resolve("later");
        SnapshotWriter w = SnapshotWriter.to(later);
        Files.writeString(later, "x");
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        assertEquals("folder = \"" + later + "\"; is a file; must be a folder that can be created or written",
                assertThrows(IllegalArgumentException.class, () -> w.runStarted(s, Until.steps(1))).getMessage());
    }

    @Test
    void aFolderHoldingAnotherSimulationsSnapshotsIsRefusedAndAResumeOfTheSameOneIsNot() {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized());
        Solver first = sim.start();
        SnapshotWriter w = SnapshotWriter.to(dir);
        w.write(first);
        first.advance(2);
        w.write(first);
        w.runStarted(first, Until.steps(1));                        // the same simulation continues in its folder
        Simulation other = sim.toBuilder().transport(dev.isspectral.physics.Transport.etaOverS(0.37)).build();
        var e = assertThrows(IllegalArgumentException.class, () -> w.runStarted(other.start(), Until.steps(1)));
        assertTrue(e.getMessage().startsWith("folder = \"" + dir + "\"; holds snapshot-000002.h5 of another simulation (eta_over_s: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" in this run); must be a new folder or one holding this simulation's snapshots"),
                e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWhereTheyAreSet() {
        var e = assertThrows(IllegalArgumentException.class, () -> SnapshotWriter.to(dir).every(0));
        assertEquals("steps = 0; must be >= 1 (a snapshot every that many steps)", e.getMessage());
        var t = assertThrows(IllegalArgumentException.class, () -> SnapshotWriter.to(dir).atTimes(1.0, -2.0));
        assertTrue(t.getMessage().startsWith("times = [1.0, -2.0]; each must be"), t.getMessage());
        var f = assertThrows(HdfFileException.class, () -> Snapshots.in(dir.resolve("missing")));
        assertTrue(f.getMessage().endsWith("missing: no such snapshot folder"), f.getMessage());
        assertEquals("folder = null; must be a snapshot folder such as Path.of(\"snapshots\")",
                assertThrows(IllegalArgumentException.class, () -> Snapshots.in(null)).getMessage());
        assertEquals("file = null; must be a snapshot file such as Path.of(\"snapshot-000010.h5\")",
                assertThrows(IllegalArgumentException.class, () -> Snapshot.open(null)).getMessage());
    }
}
