package dev.isspectral.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file under a temporary name beside its target (a hidden {@code .name.*.tmp}), optionally
 * forces it to the disk, then renames it over the target in one atomic step: a reader, or a run killed
 * while writing, sees the previous file or the new one, never a part of one. Forcing adds that a crash
 * of the machine (power, kernel) right after the rename cannot leave an empty file in its place:
 * checkpoints pay for it, snapshots (outputs a later step rewrites anyway) do not.
 */
final class AtomicWrite {

    /** Writes the content to the file it is given (the temporary one). */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicWrite() {
    }

    static Path write(Path target, Content content, boolean force) {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
            content.writeTo(tmp);
            if (force) {
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + absolute, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }
}
