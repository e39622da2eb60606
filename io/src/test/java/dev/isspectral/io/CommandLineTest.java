package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.cli.Main;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.time.Integrators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code is-spectral run} with this module on the class path: --snapshots, --checkpoint(-every) and --restart. */
class CommandLineTest {

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheHdfOptions() {
        Result r = run("--help");
        assertTrue(r.out().contains("--snapshots DIR") && r.out().contains("--restart FILE")
                && r.out().contains("--checkpoint-every N"), r.out());
    }

    @Test
    void aSnapshotFolderThatCannotBeMadeIsReportedOnceOnOneLine() throws java.io.IOException {
        // a regular file where the folder should be: no folder can be made below it, as root too
        Path file = java.nio.file.Files.writeString(dir.resolve("plain-file"), "x");
        Path folder = file.resolve("snaps");
        Result r = run("run", "sound-wave", "--grid", "2x8x8x8", "--snapshots", folder.toString());
        assertEquals(1, r.status(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: cannot write " + folder.resolve("snapshot-000000.h5")), r.err());
        int reason = r.err().indexOf("cannot create its folder");
        assertTrue(reason > 0 && r.err().indexOf("cannot create its folder", reason + 1) < 0, "said twice: " + r.err());
    }

    @Test
    void aRunWritesSnapshotsAndCheckpointsAndARestartFinishesItBitForBit() {
        Path snapshots = dir.resolve("snaps");
        Path straight = dir.resolve("straight.h5");
        Result full = run("run", "sound-wave", "--grid", "6x16x8x8", "--snapshots", snapshots.toString(), "--every", "4",
                "--checkpoint", straight.toString(), "--checkpoint-every", "2");
        assertEquals(0, full.status(), full.err());
        assertTrue(full.out().contains("snapshots: " + snapshots.toAbsolutePath()), full.out());
        assertEquals(List.of(0, 4, 6), Snapshots.in(snapshots).table().intColumn(Snapshots.STEP).asList(),
                "every 4 steps and the last");

        Path half = dir.resolve("half.h5");
        Result first = run("run", "sound-wave", "--grid", "3x16x8x8", "--checkpoint", half.toString());
        assertEquals(0, first.status(), first.err());
        Path end = dir.resolve("end.h5");
        Result second = run("run", "sound-wave", "--grid", "6x16x8x8", "--restart", half.toString(), "--checkpoint", end.toString());
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("restarted from " + half + " at step 3"), second.out());
        assertTrue(second.out().contains("summary: 3 steps"), second.out());

        Simulation sim = soundWaveCase();
        Solver a = Checkpoint.resume(sim, straight);
        Solver b = Checkpoint.resume(sim, end);
        assertEquals(6, a.stepCount());
        assertEquals(6, b.stepCount());
        assertEquals(-1, TestRuns.firstDifferentField(a, b), "3 + restart + 3 steps equal 6 steps, bit for bit");
    }

    @Test
    void aRestartWithOtherPhysicsIsOneClearError() {
        Path half = dir.resolve("half.h5");
        assertEquals(0, run("run", "sound-wave", "--grid", "2x16x8x8", "--checkpoint", half.toString()).status());
        Result r = run("run", "sound-wave", "--grid", "4x16x8x8", "--eta-over-s", "0.1", "--restart", half.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: --restart: " + half + ": written by another simulation"), r.err());
        assertTrue(r.err().contains("eta_over_s: 0.08 in the file, 0.1 in the simulation"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());

        Result done = run("run", "sound-wave", "--grid", "2x16x8x8", "--restart", half.toString());
        assertEquals(2, done.status());
        assertTrue(done.err().contains("is at step 2, and the grid asks for 2 steps (NT)"), done.err());
    }

    @Test
    void badOptionValuesNameTheOption() {
        Result every = run("run", "sound-wave", "--grid", "2x16x8x8", "--checkpoint-every", "3");
        assertEquals(2, every.status());
        assertEquals("error: --checkpoint-every = 3 needs --checkpoint FILE", every.err().strip());
        Result zero = run("run", "sound-wave", "--grid", "2x16x8x8", "--checkpoint", dir.resolve("c.h5").toString(), "--checkpoint-every", "0");
        assertEquals(2, zero.status());
        assertEquals("error: --checkpoint-every = \"0\"; must be a whole number >= 1", zero.err().strip());
    }

    /** What {@code run sound-wave} builds with default options (the physics a checkpoint of it is checked against). */
    private static Simulation soundWaveCase() {
        return Simulation.builder().grid("6x16x8x8").eos(Eos.conformal())
                .transport(Transport.etaOverS(0.08).bPi(Transport.DEFAULT_B_PI).variant(Transport.Variant.DNMR))
                .initial(Initial.soundWave()).integrator(Integrators.byName("ars222")).build();
    }
}
