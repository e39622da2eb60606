package dev.isspectral.sim;

/**
 * A simulation that would not fit in the JVM's memory, found before anything large was allocated: the
 * message gives the estimate, the limit and the largest grid of the same shape that fits. An
 * {@link IllegalArgumentException} because the grid is the input that is too large for this JVM.
 */
public final class InsufficientMemoryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InsufficientMemoryException(String message) {
        super(message);
    }
}
