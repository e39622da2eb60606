package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Reads a file's grid datasets into arrays the caller already has (a solver's own fields, say), checking each
 * against its {@code crc32} attribute on the way, without a temporary array per dataset.
 *
 * <p>jHDF ({@link Dataset#getDataFlat()}) returns each dataset as a new array; for a restart that is a second copy of
 * the whole state (152 MiB at 128×128×64) before anything is checked. Here jHDF only reads the metadata (shape, type,
 * attributes, and {@link ContiguousDataset#getDataAddress()}: where a contiguous dataset's bytes start); the bytes are
 * read with this reader's own {@link FileChannel} in blocks of {@value #BLOCK} bytes into one reusable direct buffer,
 * the CRC-32 is updated over each block as read (the checksum is defined over the little-endian doubles in grid
 * order, which is what a contiguous {@code <f8} dataset holds), and each block is copied into the target array. A
 * dataset stored otherwise (chunked or compact, big-endian, as another tool may rewrite a file) is read through jHDF
 * and checked the same way. Nothing the caller sees is trusted before the whole dataset matched its checksum: the
 * target array holds unchecked values while {@link #read} runs and after it throws, so callers read into arrays they
 * discard on an error (a fresh solver's, say).
 */
final class DatasetReader implements AutoCloseable {

    /** Bytes per read: a multiple of 8, large enough that a read call costs nothing next to its copy. */
    static final int BLOCK = 1 << 20;

    private final Path file;
    private final HdfFile in;
    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32 crc = new CRC32();

    /** A reader of {@code in}'s datasets; {@code in} stays open and owned by the caller. */
    DatasetReader(Path file, HdfFile in) {
        this.file = file;
        this.in = in;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.fileSize = channel.size();
        } catch (IOException e) {
            throw new HdfFileException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * Dataset {@code path} into {@code into} (the grid's size): present, of the grid's shape ([nx][ny][nz] when
     * {@code threeD}, else flat of nx·ny·nz), doubles, all its bytes in the file, and equal to its checksum.
     *
     * @throws HdfFileException naming the file, the dataset and what is wrong
     */
    void read(String path, Grid grid, boolean threeD, double[] into) {
        Dataset d = dataset(path, grid, threeD);
        long expected = checksum(d, path);
        long actual = d instanceof ContiguousDataset c && isLittleEndianDouble(d) && !d.isEmpty()
                ? readContiguous(c, path, into) : readThroughJhdf(d, into);
        if (expected != actual) {
            throw new HdfFileException(file, String.format(Locale.ROOT,
                    "dataset %s is corrupt: its data has CRC-32 %08x, its %s attribute says %08x", path, actual,
                    Provenance.CHECKSUM, expected));
        }
    }

    /**
     * Dataset {@code path} (absolute, as {@code /fields/T00}) of {@code in}, the open HDF5 file {@code file}.
     *
     * @throws HdfFileException naming the file and {@code path} when there is no dataset there (nothing, or a group)
     */
    static Dataset find(Path file, HdfFile in, String path) {
        Node node;
        try {
            node = in.getByPath(path);
        } catch (HdfInvalidPathException e) {
            node = null;
        }
        if (!(node instanceof Dataset d)) {
            throw new HdfFileException(file, "dataset " + path + " is missing");
        }
        return d;
    }

    private Dataset dataset(String path, Grid grid, boolean threeD) {
        Dataset d = find(file, in, path);
        int[] shape = threeD ? new int[] {grid.nx(), grid.ny(), grid.nz()} : new int[] {grid.size()};
        if (!Arrays.equals(d.getDimensions(), shape) || d.getJavaType() != double.class) {
            throw new HdfFileException(file, "dataset " + path + " is " + d.getJavaType().getSimpleName() + " "
                    + Arrays.toString(d.getDimensions()) + "; must be double " + Arrays.toString(shape) + " (the grid)");
        }
        return d;
    }

    private long checksum(Dataset d, String path) {
        Attribute c = d.getAttribute(Provenance.CHECKSUM);
        if (c == null || !(c.getData() instanceof Number n)) {
            throw new HdfFileException(file, "dataset " + path + " has no " + Provenance.CHECKSUM + " attribute");
        }
        return n.longValue();
    }

    private static boolean isLittleEndianDouble(Dataset d) {
        return d.getDataType() instanceof FloatingPoint fp && fp.getSize() == 8
                && fp.getByteOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    /** The dataset's bytes straight from the file, block by block: CRC-32 over them, then copied into {@code into}. */
    private long readContiguous(ContiguousDataset d, String path, double[] into) {
        long bytes = 8L * into.length;
        long start = in.getUserBlockSize() + d.getDataAddress();
        if (d.getSizeInBytes() != bytes || start < 0 || start + bytes > fileSize) {
            throw new HdfFileException(file, String.format(Locale.ROOT, "dataset %s is truncated or corrupt: its %d bytes "
                    + "would end at byte %d of a file of %d bytes", path, d.getSizeInBytes(), start + bytes, fileSize));
        }
        crc.reset();
        int done = 0;
        try {
            while (done < into.length) {
                int n = Math.min(BLOCK / 8, into.length - done);
                buffer.clear().limit(8 * n);
                long at = start + 8L * done;
                while (buffer.hasRemaining()) {
                    int got = channel.read(buffer, at + buffer.position());
                    if (got < 0) {
                        throw new HdfFileException(file, "dataset " + path + " is truncated: the file ends at byte "
                                + (at + buffer.position()));
                    }
                }
                buffer.flip();
                crc.update(buffer);           // advances to the limit
                buffer.flip();                // back to [0, 8n)
                buffer.asDoubleBuffer().get(into, done, n);
                done += n;
            }
        } catch (IOException e) {
            throw new HdfFileException(file, "dataset " + path + " cannot be read: " + e, e);
        }
        return crc.getValue();
    }

    /** A dataset jHDF must decode (chunked, compact, big-endian): its new array copied into {@code into}. */
    private static long readThroughJhdf(Dataset d, double[] into) {
        double[] values = (double[]) d.getDataFlat();
        System.arraycopy(values, 0, into, 0, into.length);
        return GridData.crc32(into);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new HdfFileException(file, "cannot be closed: " + e, e);
        }
    }
}
