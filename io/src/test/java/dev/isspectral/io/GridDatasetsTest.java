package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.validate.ReferenceRuns;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot datasets written in one call from the flat array ({@link GridDatasets}) are the datasets jHDF writes from
 * the nested [nx][ny][nz] array, byte for byte, and read back bit for bit in grid order on a grid whose three sizes
 * differ (12×10×6), so that any two axes swapped would give another shape or other values.
 */
class GridDatasetsTest {

    /** 12×10×6 points: three different sizes. */
    static final String GRID = "20x12x10x6";

    @TempDir
    Path dir;

    /** Values that differ at every point and in every bit pattern: no axis permutation maps them onto themselves. */
    private static double[] distinct(Grid g, double offset) {
        double[] v = new double[g.size()];
        for (int i = 0; i < g.nx(); i++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int k = 0; k < g.nz(); k++) {
                    v[g.index(i, j, k)] = offset + 10000 * i + 100 * j + k + Math.scalb(1.0 / 3, -i - j - k);
                }
            }
        }
        return v;
    }

    /** The file jHDF writes from nested arrays (the former snapshot path) is the file GridDatasets writes. */
    @Test
    void theFileIsByteForByteTheOneJhdfWritesFromTheNestedArray() throws IOException {
        Grid g = Grid.of(12, 10, 6);
        double[] a = distinct(g, 0);
        double[] b = distinct(g, -0.5);
        Path nested = dir.resolve("nested.h5");
        try (WritableHdfFile out = HdfFile.write(nested)) {
            WritableGroup group = out.putGroup("fields");
            describe(group.putDataset("a", nested(a, g)), a);
            describe(group.putDataset("b", nested(b, g)), b);
        }
        Path fast = dir.resolve("fast.h5");
        try (WritableHdfFile out = HdfFile.write(fast)) {
            WritableGroup group = out.putGroup("fields");
            describe(GridDatasets.put(group, "a", a), a);
            describe(GridDatasets.put(group, "b", b), b);
        }
        GridDatasets.reshape(fast, g, List.of("/fields/a", "/fields/b"));
        assertEquals(-1, Files.mismatch(nested, fast), "the two files differ at this byte");
        try (HdfFile in = new HdfFile(fast)) {
            double[][][] read = (double[][][]) in.getDatasetByPath("/fields/b").getData();  // jHDF's own decoding
            assertEquals(12, read.length);
            assertEquals(10, read[0].length);
            assertEquals(6, read[0][0].length);
            for (int i = 0; i < g.nx(); i++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int k = 0; k < g.nz(); k++) {
                        assertEquals(Double.doubleToRawLongBits(b[g.index(i, j, k)]), Double.doubleToRawLongBits(read[i][j][k]),
                                "(" + i + ", " + j + ", " + k + ")");
                    }
                }
            }
        }
    }

    private static void describe(WritableDataset d, double[] values) {
        d.putAttribute(Provenance.CHECKSUM, GridData.crc32(values));
        d.putAttribute("description", "a test field");
    }

    private static double[][][] nested(double[] flat, Grid g) {
        double[][][] out = new double[g.nx()][g.ny()][g.nz()];
        for (int i = 0; i < g.nx(); i++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int k = 0; k < g.nz(); k++) {
                    out[i][j][k] = flat[g.index(i, j, k)];
                }
            }
        }
        return out;
    }

    /** A dataset that is not the placeholder [1, 1, n] is refused, naming the file and the dataset. */
    @Test
    void aDatasetOfAnotherShapeIsNotReshaped() {
        Grid g = Grid.of(12, 10, 6);
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("flat", new double[g.size()]);
        }
        HdfFileException e = assertThrows(HdfFileException.class, () -> GridDatasets.reshape(file, g, List.of("/flat")));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("dataset /flat is [720]; expected the placeholder shape [1, 1, 720]"), e.getMessage());
    }

    /**
     * A path with nothing there, or with a group there, is "missing" alike to the reshape and to the reader (both look
     * it up through {@link DatasetReader#find}), naming the file and the path.
     */
    @Test
    void aMissingDatasetIsNamedByTheReshapeAndTheReader() {
        Grid g = Grid.of(12, 10, 6);
        Path file = dir.resolve("groups.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putGroup("fields");
        }
        for (String path : List.of("/none", "/fields")) {
            HdfFileException e = assertThrows(HdfFileException.class, () -> GridDatasets.reshape(file, g, List.of(path)));
            assertEquals(file + ": dataset " + path + " is missing", e.getMessage());
            try (HdfFile in = new HdfFile(file); DatasetReader reader = new DatasetReader(file, in)) {
                e = assertThrows(HdfFileException.class, () -> reader.read(path, g, true, new double[g.size()]));
                assertEquals(file + ": dataset " + path + " is missing", e.getMessage());
            }
        }
    }

    /** A solver's snapshot on 12×10×6: every field and primitive reads back with the solver's bits, in grid order. */
    @Test
    void aNonCubicSnapshotReadsBackBitForBit() {
        Solver s = nonCubic().start();
        s.advance(2);
        Path file = SnapshotWriter.to(dir).withPrimitives().write(s);
        Snapshot snap = Snapshot.open(file);
        Grid g = s.grid();
        assertEquals(List.of(12, 10, 6), List.of(snap.grid().nx(), snap.grid().ny(), snap.grid().nz()));
        assertEquals(27, snap.names().size(), snap.names().toString());
        for (dev.isspectral.state.Field f : dev.isspectral.state.Field.values()) {
            assertArrayEquals(bits(s.field(f)), bits(snap.field(f.label())), f.label());
        }
        assertArrayEquals(bits(s.primitives().energyDensity), bits(snap.field("energy_density")));
        assertArrayEquals(bits(s.primitives().vz), bits(snap.field("velocity_z")));
        double[][] plane = snap.slice("T00", 0, 11);                                   // x = index 11: [j][k]
        assertEquals(s.field(dev.isspectral.state.Field.T00)[g.index(11, 9, 5)], plane[9][5], 0.0);
    }

    /** A snapshot cut short, or with a flipped bit in a field, is refused with the file and what is wrong. */
    @Test
    void aTruncatedOrCorruptSnapshotIsRefused() throws IOException {
        Solver s = nonCubic().start();
        Path file = SnapshotWriter.to(dir).write(s);
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        HdfFileException e = assertThrows(HdfFileException.class, () -> Snapshot.open(cut).field("T00"));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());

        long offset;
        try (HdfFile in = new HdfFile(file)) {
            offset = ((io.jhdf.api.dataset.ContiguousDataset) in.getDatasetByPath("/fields/T0z")).getDataAddress();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset + 8L * 123 + 3);
            int b = raf.read();
            raf.seek(offset + 8L * 123 + 3);
            raf.write(b ^ 0x04);
        }
        Snapshot snap = Snapshot.open(file);
        e = assertThrows(HdfFileException.class, () -> snap.field("T0z"));
        assertTrue(e.getMessage().contains("dataset /fields/T0z is corrupt"), e.getMessage());
        assertArrayEquals(bits(s.field(dev.isspectral.state.Field.T0Y)), bits(snap.field("T0y")), "the others still read");
    }

    static Simulation nonCubic() {
        return ReferenceRuns.nonlinear(Tuning.optimized()).toBuilder().grid(GRID).build();
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int q = 0; q < v.length; q++) {
            out[q] = Double.doubleToRawLongBits(v[q]);
        }
        return out;
    }
}
