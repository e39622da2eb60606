package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Grid arrays as [nx][ny][nz] HDF5 datasets, each written with one write call and no copy of the values.
 *
 * <p>jHDF 0.9.4 writes a dataset of a Java {@code double[nx][ny][nz]} one innermost row per {@code FileChannel} write
 * (nx·ny writes of nz doubles: 8192 writes of 512 B per field at 128×64×64), and the flat array would first have to be
 * copied into that nested one. Yet the bytes of a contiguous [nx][ny][nz] dataset of little-endian doubles are, in C
 * order, exactly the flat array in grid order (z fastest, {@link Grid#index}). So {@link #put} hands jHDF the flat
 * array itself as a {@code double[1][1][nx·ny·nz]} (one row: jHDF writes it in one call, right after the dataset's
 * object header, and reserves exactly those nx·ny·nz·8 bytes), and after jHDF has closed the file {@link #reshape}
 * rewrites the three dimension sizes in each dataset's dataspace message from [1, 1, nx·ny·nz] to [nx, ny, nz] (the
 * same number of bytes: the object header keeps its size) and the header's Jenkins lookup3 checksum over them. Nothing
 * else in the file changes: the data, its address and size in the layout message, the attributes. The result is the
 * file jHDF writes for the nested array, byte for byte in the data; h5py, jHDF and the XDMF sidecar read
 * [nx][ny][nz].
 *
 * <p>The header is parsed as the HDF5 format specification defines a version-2 object header ("OHDR", with its
 * flags, optional times and attribute-phase fields, chunk-0 size and messages) and a version-2 dataspace message;
 * anything else (another layout, dimensions other than the placeholder's, a checksum that does not match before the
 * patch) stops the write with an {@link HdfFileException} instead of producing a file that lies.
 */
final class GridDatasets {

    private static final int DATASPACE = 0x01;
    private static final int PREFIX = 64;          // enough for the fixed part of a version-2 object header
    private static final int LENGTH = 8;           // bytes per dimension size: jHDF's superblock says "size of lengths" 8

    private GridDatasets() {
    }

    /**
     * Puts {@code values} (grid order) as dataset {@code name} of {@code group}, still shaped [1, 1, n]: call
     * {@link #reshape} on the file after jHDF has closed it.
     */
    static WritableDataset put(WritableGroup group, String name, double[] values) {
        return group.putDataset(name, new double[][][] {{values}});
    }

    /**
     * Gives each dataset in {@code paths} (absolute, as {@code /fields/T00}), written by {@link #put} into the closed
     * file {@code file}, the grid's shape [nx][ny][nz].
     *
     * @throws HdfFileException naming the file and the dataset when a header is not the one {@link #put} wrote
     */
    static void reshape(Path file, Grid grid, List<String> paths) {
        long n = grid.size();
        long[] from = {1, 1, n};
        long[] to = {grid.nx(), grid.ny(), grid.nz()};
        long[] headers = new long[paths.size()];
        try (HdfFile in = new HdfFile(file)) {
            for (int d = 0; d < headers.length; d++) {
                Dataset dataset = DatasetReader.find(file, in, paths.get(d));
                if (!Arrays.equals(dataset.getDimensions(), new int[] {1, 1, grid.size()})) {
                    throw new HdfFileException(file, "dataset " + paths.get(d) + " is " + Arrays.toString(dataset.getDimensions())
                            + "; expected the placeholder shape [1, 1, " + n + "] to give the grid shape " + Arrays.toString(to));
                }
                headers[d] = in.getUserBlockSize() + dataset.getAddress();
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int d = 0; d < headers.length; d++) {
                patch(file, channel, headers[d], paths.get(d), from, to);
            }
        } catch (IOException e) {
            throw new HdfFileException(file, "cannot be rewritten: " + e, e);
        }
    }

    /** The dataspace dimensions {@code from} → {@code to} in the version-2 object header at {@code at}, checksum updated. */
    private static void patch(Path file, FileChannel channel, long at, String path, long[] from, long[] to)
            throws IOException {
        ByteBuffer prefix = read(file, channel, at, PREFIX, path);
        String where = "dataset " + path + " (object header at byte " + at + ")";
        if (!"OHDR".equals(new String(prefix.array(), 0, 4, StandardCharsets.US_ASCII)) || prefix.get(4) != 2) {
            throw new HdfFileException(file, where + " has no version-2 object header");
        }
        int flags = prefix.get(5) & 0xff;
        int pos = 6;
        if ((flags & 0x20) != 0) {
            pos += 16;                                // access, modification, change and birth times
        }
        if ((flags & 0x10) != 0) {
            pos += 4;                                 // maximum compact and minimum dense attribute counts
        }
        int sizeBytes = 1 << (flags & 0x03);
        long chunk = 0;
        for (int b = 0; b < sizeBytes; b++) {
            chunk |= (long) (prefix.get(pos + b) & 0xff) << (8 * b);
        }
        pos += sizeBytes;
        int messagesStart = pos;
        if (chunk <= 0 || chunk > Integer.MAX_VALUE - messagesStart - 4) {
            throw new HdfFileException(file, where + " has a chunk of " + chunk + " bytes");
        }
        int total = messagesStart + (int) chunk + 4;  // + the checksum
        ByteBuffer header = read(file, channel, at, total, path);
        int stored = header.getInt(total - 4);
        if (stored != JenkinsLookup3HashLittle.hash(Arrays.copyOf(header.array(), total - 4))) {
            throw new HdfFileException(file, where + " fails its checksum before it is rewritten");
        }
        boolean creationOrder = (flags & 0x04) != 0;
        int messageHeader = creationOrder ? 6 : 4;
        int end = messagesStart + (int) chunk;
        int m = messagesStart;
        boolean patched = false;
        while (m + messageHeader <= end && !patched) {
            int type = header.get(m) & 0xff;
            int size = header.getShort(m + 1) & 0xffff;
            int body = m + messageHeader;
            if (body + size > end) {
                break;
            }
            if (type == DATASPACE) {
                patched = dataspace(file, header, body, size, where, from, to);
                if (!patched) {
                    break;
                }
            }
            m = body + size;
        }
        if (!patched) {
            throw new HdfFileException(file, where + " has no dataspace message of shape " + Arrays.toString(from)
                    + " in its first chunk");
        }
        header.putInt(total - 4, JenkinsLookup3HashLittle.hash(Arrays.copyOf(header.array(), total - 4)));
        header.clear();
        while (header.hasRemaining()) {
            channel.write(header, at + header.position());
        }
    }

    /** Rewrites a version-2 dataspace message of dimensions {@code from} (and equal maximum ones, if stored). */
    private static boolean dataspace(Path file, ByteBuffer header, int body, int size, String where, long[] from,
                                     long[] to) {
        int version = header.get(body) & 0xff;
        int rank = header.get(body + 1) & 0xff;
        int flags = header.get(body + 2) & 0xff;
        boolean max = (flags & 0x01) != 0;
        int dims = body + 4;
        if (version != 2 || rank != from.length || size < 4 + rank * LENGTH * (max ? 2 : 1)) {
            throw new HdfFileException(file, String.format(Locale.ROOT, "%s has a dataspace message of version %d, rank %d,"
                    + " %d bytes; expected version 2, rank %d", where, version, rank, size, from.length));
        }
        for (int r = 0; r < rank; r++) {
            if (header.getLong(dims + LENGTH * r) != from[r]) {
                return false;
            }
        }
        for (int r = 0; r < rank; r++) {
            header.putLong(dims + LENGTH * r, to[r]);
            if (max && header.getLong(dims + LENGTH * (rank + r)) == from[r]) {
                header.putLong(dims + LENGTH * (rank + r), to[r]);
            }
        }
        return true;
    }

    private static ByteBuffer read(Path file, FileChannel channel, long at, int bytes, String path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                if (bytes == PREFIX && b.position() > 0) {
                    break;                                  // a short header near the end of the file
                }
                throw new HdfFileException(file, "dataset " + path + ": the file ends at byte " + (at + b.position())
                        + " inside its object header");
            }
        }
        return b;
    }
}
