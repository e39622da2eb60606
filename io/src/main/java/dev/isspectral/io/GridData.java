package dev.isspectral.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.zip.CRC32;

/** The checksum of a grid array as written to a dataset ({@link GridDatasets} writes the [nx][ny][nz] shape). */
final class GridData {

    private static final int CHUNK = 8192;

    private GridData() {
    }

    /**
     * CRC-32 (the zlib polynomial) of the values as little-endian IEEE doubles in grid order, so
     * Python checks it with {@code zlib.crc32(dataset[...].astype('<f8').tobytes())}.
     */
    static long crc32(double[] values) {
        CRC32 crc = new CRC32();
        ByteBuffer bytes = ByteBuffer.allocate(8 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        DoubleBuffer doubles = bytes.asDoubleBuffer();
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            doubles.clear();
            doubles.put(values, from, n);
            crc.update(bytes.array(), 0, 8 * n);
        }
        return crc.getValue();
    }
}
