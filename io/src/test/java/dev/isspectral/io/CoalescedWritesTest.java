package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coalescing channel: the same file, byte for byte, in a few large writes instead of one per grid row. */
class CoalescedWritesTest {

    @TempDir
    Path dir;

    /** Three non-cubic grid datasets (an axis mix-up would change their bytes) with attributes and a group. */
    private static void fill(WritableHdfFile out) {
        out.putAttribute("format", "test");
        WritableGroup g = out.putGroup("fields");
        for (int f = 0; f < 3; f++) {
            double[][][] d = new double[12][10][6];
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 10; j++) {
                    for (int k = 0; k < 6; k++) {
                        d[i][j][k] = f * 1000 + i * 100 + j * 10 + k + 0.25;
                    }
                }
            }
            g.putDataset("f" + f, d).putAttribute("index", (long) f);
        }
        out.putGroup("observables").putAttribute("t", 1.5);
    }

    @Test
    void theFileIsTheSameBytesAsJhdfWritesItself() throws Exception {
        Path plain = dir.resolve("plain.h5");
        Path coalesced = dir.resolve("coalesced.h5");
        try (WritableHdfFile out = HdfFile.write(plain)) {
            fill(out);
        }
        try (WritableHdfFile out = HdfFile.write(coalesced)) {
            assertTrue(CoalescedWrites.install(out), "this jHDF keeps its channel where CoalescedWrites finds it");
            fill(out);
        }
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(coalesced));
        try (HdfFile in = new HdfFile(coalesced)) {
            double[][][] d = (double[][][]) in.getDatasetByPath("fields/f2").getData();
            assertArrayEquals(new double[] {2000 + 1100 + 90 + 0.25, 2000 + 1100 + 90 + 1.25, 2000 + 1100 + 90 + 2.25,
                2000 + 1100 + 90 + 3.25, 2000 + 1100 + 90 + 4.25, 2000 + 1100 + 90 + 5.25}, d[11][9], 0.0);
        }
    }

    @Test
    void aGridDatasetTakesAFewWritesNotOnePerRow() throws Exception {
        Path file = dir.resolve("rows.h5");
        WritableHdfFile out = HdfFile.write(file);
        assertTrue(CoalescedWrites.install(out));
        WritableGroup g = out.putGroup("fields");
        for (int f = 0; f < 4; f++) {
            g.putDataset("f" + f, new double[64][32][16]);   // 2048 rows of 128 bytes each
        }
        out.close();
        Field field = null;
        for (Field f : WritableHdfFile.class.getDeclaredFields()) {
            if (f.getType() == io.jhdf.storage.HdfFileChannel.class) {
                field = f;
            }
        }
        field.setAccessible(true);
        long calls = ((CoalescedWrites) field.get(out)).calls();
        // each dataset: its rows in one write, its object header (written after its data, at its address) in another
        assertTrue(calls > 0 && calls <= 32, "write calls for 4 x 2048 rows: " + calls);
        try (HdfFile in = new HdfFile(file)) {
            assertTrue(in.getDatasetByPath("fields/f3").getDimensions()[2] == 16);
        }
    }
}
