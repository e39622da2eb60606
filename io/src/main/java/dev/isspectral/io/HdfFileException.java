package dev.isspectral.io;

import java.nio.file.Path;

/**
 * A snapshot or checkpoint file that cannot be used: missing, truncated, corrupt (a checksum fails),
 * not an IS-Spectral file, of another format version, or written by a simulation with another grid or
 * other physics than the one it is loaded into. The message names the file and everything that does
 * not match, in one line.
 */
public final class HdfFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    HdfFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    HdfFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
