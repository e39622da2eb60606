package dev.isspectral.io;

import dev.isspectral.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * This module's writes, through the project's one implementation of atomic writes ({@link AtomicFiles}): the
 * content goes to a hidden temporary sibling {@code .<name>.<pid>-<n>.tmp}, optionally forced to disk, then is moved
 * over the target; a reader, or a run killed while writing, sees the previous file or the new one, never a part of
 * one, and the next write in the folder removes what a killed writer left. Checkpoints are forced, snapshots and
 * sidecars (output that a later step rewrites anyway) are not. Only adapts the checked {@link IOException} to an
 * {@link UncheckedIOException} naming the file, for the fluent API.
 */
final class AtomicWrite {

    private AtomicWrite() {
    }

    static Path write(Path target, AtomicFiles.Content content, boolean force) {
        Path absolute = target.toAbsolutePath();
        try {
            return force ? AtomicFiles.write(absolute, content) : AtomicFiles.writeUnforced(absolute, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
