package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints in one JVM: save, read back into a fresh solver, continue bit for bit; every way a file
 * can be wrong gives one {@link HdfFileException} naming the file and what does not match.
 * ({@link RestartInNewJvmTest} restarts in a new JVM; {@link KilledWriteTest} kills a writer.)
 */
class CheckpointTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "optimized"})
    void aResumedRunContinuesBitForBit(String preset) {
        Simulation sim = TestRuns.nonlinear(TestRuns.preset(preset));
        Solver straight = sim.start();
        straight.advance(10);
        Solver first = sim.start();
        first.advance(5);
        Path file = Checkpoint.save(first, dir.resolve("run.h5"));

        Solver resumed = Checkpoint.resume(sim, file);
        assertEquals(5, resumed.stepCount());
        assertEquals(first.time(), resumed.time());
        assertEquals(first.lastStep().dt(), resumed.lastStep().dt());
        resumed.advance(5);
        assertEquals(straight.time(), resumed.time());
        assertEquals(-1, TestRuns.firstDifferentField(straight, resumed), "every field bit for bit");
    }

    @Test
    void theFileHoldsTheFieldsInGridOrderWithTheirTimeAndStep() {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized());
        Solver s = sim.start();
        s.advance(2);
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        try (HdfFile in = new HdfFile(file)) {
            assertEquals("is-spectral checkpoint", in.getAttribute("format").getData());
            assertEquals(2L, ((Number) in.getAttribute("step").getData()).longValue());
            assertEquals(s.time(), in.getAttribute("time").getData());
            assertArrayEquals(new int[] {16 * 12 * 8}, in.getDatasetByPath("/fields/T0x").getDimensions());
            assertArrayEquals(new int[] {16, 12, 8}, (int[]) in.getDatasetByPath("/fields/T0x").getAttribute("grid_shape").getData());
            double[] t0x = (double[]) in.getDatasetByPath("/fields/T0x").getData();
            assertEquals(s.state().get(Field.T0X)[sim.grid().index(3, 5, 7)], t0x[(3 * 12 + 5) * 8 + 7], 0.0);
            assertEquals(0.08, in.getAttribute("eta_over_s").getData());
        }
    }

    @Test
    void aDifferentTuningLoadsWithANote() {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        s.advance(1);
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        Checkpoint c = Checkpoint.read(file, TestRuns.nonlinear(Tuning.baseline()));
        assertEquals(1, c.step());
        assertFalse(c.notes().isEmpty());
        assertTrue(c.notes().get(0).startsWith("tuning: optimized"), c.notes().toString());
    }

    @Test
    void otherPhysicsIsRefusedNamingEveryDifference() {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        Simulation other = TestRuns.nonlinear(Tuning.optimized()).toBuilder()
                .transport(Transport.etaOverS(0.1).zetaOverS(0.04)).grid("20x16x12x16").build();
        HdfFileException e = assertThrows(HdfFileException.class, () -> Checkpoint.resume(other, file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": written by another simulation"), e.getMessage());
        assertTrue(e.getMessage().contains("grid_points: [16, 12, 8] in the file, [16, 12, 16] in the simulation"), e.getMessage());
        assertTrue(e.getMessage().contains("eta_over_s: 0.08 in the file, 0.1 in the simulation"), e.getMessage());
        assertFalse(e.getMessage().contains("zeta_over_s"), "only what differs: " + e.getMessage());
    }

    @Test
    void aCorruptDatasetIsRefusedByItsChecksum() throws IOException {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        long offset = dataOffset(file, s.state().get(Field.T0Y));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset + 100);
            int b = raf.read();
            raf.seek(offset + 100);
            raf.write(b ^ 0x10);
        }
        HdfFileException e = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), file));
        assertTrue(e.getMessage().contains("dataset /fields/T0y is corrupt"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        HdfFileException e = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void aForeignFileIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.h5"), "not HDF5 at all");
        HdfFileException notHdf = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), text));
        assertTrue(notHdf.getMessage().contains("not a readable HDF5 file"), notHdf.getMessage());

        Path other = dir.resolve("other.h5");
        try (WritableHdfFile out = HdfFile.write(other)) {
            out.putDataset("temperature", new double[] {1, 2, 3});
        }
        HdfFileException foreign = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), other));
        assertTrue(foreign.getMessage().contains("not an IS-Spectral file"), foreign.getMessage());

        HdfFileException missing = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), dir.resolve("nothing.h5")));
        assertTrue(missing.getMessage().endsWith("nothing.h5: no such checkpoint file"), missing.getMessage());
    }

    @Test
    void anotherFormatVersionIsRefused() {
        Path future = dir.resolve("future.h5");
        try (WritableHdfFile out = HdfFile.write(future)) {
            out.putAttribute("format", "is-spectral checkpoint");
            out.putAttribute("format_version", 2);
        }
        HdfFileException e = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), future));
        assertTrue(e.getMessage().endsWith("format version 2; this library reads version 1"), e.getMessage());
    }

    @Test
    void aSnapshotIsNotACheckpoint() {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        Path snapshot = SnapshotWriter.to(dir).write(s);
        HdfFileException e = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), snapshot));
        assertTrue(e.getMessage().contains("is an is-spectral snapshot, not an is-spectral checkpoint"), e.getMessage());
    }

    @Test
    void aCheckpointObserverReplacesItsFileEveryNSteps() throws IOException {
        Path file = dir.resolve("every.h5");
        Simulation sim = TestRuns.nonlinear(Tuning.optimized()).toBuilder().observer(Checkpoint.every(3, file)).build();
        sim.run(dev.isspectral.sim.Until.steps(7));
        assertEquals(6, Checkpoint.read(file, sim).step());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    /** Null arguments and a step count below 1 are refused by name before anything is written. */
    @Test
    void badArgumentsAreRefusedByName() {
        Solver solver = TestRuns.nonlinear(Tuning.optimized()).start();
        assertEquals("file = null; must be a path such as Path.of(\"run.h5\")",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(solver, null)).getMessage());
        assertEquals("solver = null; must be a started solver, e.g. sim.start()",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(null, dir.resolve("x.h5"))).getMessage());
        assertEquals("steps = 0; must be >= 1 (a checkpoint every that many steps)",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.every(0, dir.resolve("x.h5"))).getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readIntoFillsTheGivenArraysWithoutACopyOfTheState() {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized()).toBuilder().grid("2x64x64x32").build();
        Solver s = sim.start();
        s.step();
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        int n = sim.grid().size();
        double[][] fields = new double[Field.COUNT][n];
        Map<String, double[]> carried = new LinkedHashMap<>();
        s.carriedState().keySet().forEach(name -> carried.put(name, new double[n]));
        Checkpoint.readInto(file, sim, fields, carried);       // warm: classes loaded, jHDF initialised

        long before = allocatedBytes();
        Checkpoint c = Checkpoint.readInto(file, sim, fields, carried);
        long allocated = allocatedBytes() - before;
        long stateBytes = 8L * n * (Field.COUNT + carried.size());
        assertTrue(allocated < stateBytes / 8, "read allocated " + allocated + " B for a state of " + stateBytes
                + " B: the datasets must go straight into the given arrays");
        assertEquals(1, c.step());
        for (Field f : Field.values()) {
            assertArrayEquals(s.state().get(f), fields[f.ordinal()], 0.0, f.label());
        }
        s.carriedState().forEach((name, a) -> assertArrayEquals(a, carried.get(name), 0.0, name));
    }

    @Test
    void readIntoRefusesCarriedArraysOfOtherNames() {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized());
        Path file = Checkpoint.save(sim.start(), dir.resolve("c.h5"));
        int n = sim.grid().size();
        HdfFileException e = assertThrows(HdfFileException.class, () -> Checkpoint.readInto(file, sim,
                new double[Field.COUNT][n], Map.of("recovery_guess_w", new double[n])));
        assertTrue(e.getMessage().startsWith(file + ": carries [recovery_guess_vx, recovery_guess_vy, recovery_guess_vz"), e.getMessage());
        assertTrue(e.getMessage().endsWith("but this solver needs [recovery_guess_w] (written by another version of the solver?)"),
                e.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.readInto(file, sim, new double[Field.COUNT][n - 1], null));
        assertTrue(shape.getMessage().startsWith("T00: " + (n - 1) + " values; must have " + n), shape.getMessage());
    }

    @Test
    void aFileCutInsideTheLastDatasetIsRefusedAsTruncated() throws IOException {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        Path file = Checkpoint.save(s, dir.resolve("c.h5"));
        byte[] all = Files.readAllBytes(file);
        long lastData = 0;
        for (double[] a : s.carriedState().values()) {
            lastData = Math.max(lastData, dataOffset(file, a));
        }
        for (Field f : Field.values()) {
            lastData = Math.max(lastData, dataOffset(file, s.state().get(f)));
        }
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(all, (int) lastData + 800));    // metadata whole, the last dataset cut
        HdfFileException e = assertThrows(HdfFileException.class,
                () -> Checkpoint.resume(TestRuns.nonlinear(Tuning.optimized()), cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Byte offset of {@code values}' first 8 bytes (little-endian) in the file. */
    static long dataOffset(Path file, double[] values) throws IOException {
        byte[] all = Files.readAllBytes(file);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long first = Double.doubleToRawLongBits(values[0]);
        long second = Double.doubleToRawLongBits(values[1]);
        for (int p = 0; p + 16 <= all.length; p++) {
            if (b.getLong(p) == first && b.getLong(p + 8) == second) {
                return p;
            }
        }
        throw new AssertionError("data not found in " + file);
    }
}
