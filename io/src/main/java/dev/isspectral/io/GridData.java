package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.zip.CRC32;

/** Grid arrays as HDF5 datasets: flat (z fastest) to [nx][ny][nz] and back, and their checksum. */
final class GridData {

    private static final int CHUNK = 8192;

    private GridData() {
    }

    /** {@code flat} (point {@link Grid#index}(i, j, k)) as [i][j][k], the dataset shape h5py shows. */
    static double[][][] toGrid(double[] flat, Grid grid) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        double[][][] out = new double[nx][ny][];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                double[] row = new double[nz];
                System.arraycopy(flat, grid.index(i, j, 0), row, 0, nz);   // the one layout: Grid.index
                out[i][j] = row;
            }
        }
        return out;
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
