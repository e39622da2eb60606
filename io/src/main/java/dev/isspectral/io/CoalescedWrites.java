package dev.isspectral.io;

import io.jhdf.WritableHdfFile;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Makes jHDF's writes of a file large. jHDF 0.9.4 writes a multi-dimensional dataset one innermost row per
 * {@link FileChannel#write} call: a snapshot's [nx][ny][nz] dataset at 128×64×64 is 8192 system calls of 512 bytes,
 * and the ten evolved fields cost about ten times as much as writing their bytes (measured: ~180 ms against ~20 ms,
 * most of a snapshot's time). {@link #install} gives an open {@link WritableHdfFile}, before anything is put in it,
 * a channel that gathers consecutive sequential writes in one direct buffer of {@value #BUFFER} bytes and writes the
 * buffer when it is full, and before any positioned write, any change of position, any read of the size and on close,
 * so every byte lands where jHDF put it, in the same order: the file is the same bytes, written in a few hundred calls.
 *
 * <p>jHDF has no option for this; the channel is swapped into the writer's private field, which this class finds by
 * its type. If a later jHDF has no such field, {@link #install} returns false and the file is written as jHDF writes
 * it (correct, only slower); {@code CoalescedWritesTest} fails on that jHDF, so an upgrade cannot lose it silently.
 */
final class CoalescedWrites extends HdfFileChannel {

    /** Bytes gathered per write call. */
    static final int BUFFER = 1 << 22;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private long calls;

    private CoalescedWrites(HdfFileChannel plain) {
        super(plain.getFileChannel(), plain.getSuperblock());
        this.channel = plain.getFileChannel();
    }

    /**
     * Gives {@code file} (opened with {@code HdfFile.write}, nothing written yet) the coalescing channel; true when it
     * did, false when this jHDF keeps its channel where this class cannot reach it.
     */
    static boolean install(WritableHdfFile file) {
        Field field = channelField();
        if (field == null) {
            return false;
        }
        try {
            field.set(file, new CoalescedWrites((HdfFileChannel) field.get(file)));
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    /** The writer's field holding its {@link HdfFileChannel}, accessible, or null. */
    private static Field channelField() {
        for (Field f : WritableHdfFile.class.getDeclaredFields()) {
            if (f.getType() == HdfFileChannel.class) {
                try {
                    f.setAccessible(true);
                    return f;
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Write calls made to the file so far (for tests). */
    long calls() {
        return calls;
    }

    @Override
    public int write(ByteBuffer source) {
        int n = source.remaining();
        if (n > buffer.remaining()) {
            drain();
            if (n >= buffer.capacity()) {
                writeFully(source);
                return n;
            }
        }
        buffer.put(source);
        return n;
    }

    @Override
    public int write(ByteBuffer source, long position) {
        drain();
        int n = source.remaining();
        try {
            long at = position;
            while (source.hasRemaining()) {
                at += channel.write(source, at);
                calls++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HDF5 write at position " + position + " failed: " + e.getMessage(), e);
        }
        return n;
    }

    @Override
    public void position(long position) {
        drain();
        super.position(position);
    }

    @Override
    public FileChannel getFileChannel() {
        drain();   // jHDF reads the channel's size for the superblock's end-of-file address
        return channel;
    }

    @Override
    public long size() {
        drain();
        return super.size();
    }

    @Override
    public ByteBuffer readBufferFromAddress(long address, int length) {
        drain();
        return super.readBufferFromAddress(address, length);
    }

    @Override
    public ByteBuffer map(long address, long length) {
        drain();
        return super.map(address, length);
    }

    /** Writes what is gathered at the channel's position (where the first gathered byte belongs). */
    private void drain() {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer source) {
        try {
            while (source.hasRemaining()) {
                channel.write(source);
                calls++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HDF5 write failed: " + e.getMessage(), e);
        }
    }
}
