package dev.isspectral.cli;

/** A bad command line; its message is printed as one line and the program exits with status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
