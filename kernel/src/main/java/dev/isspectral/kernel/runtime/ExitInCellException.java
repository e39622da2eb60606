package dev.isspectral.kernel.runtime;

/**
 * What {@code System.exit(n)}, {@code Runtime.getRuntime().exit(n)} and {@code halt(n)} throw in notebook code:
 * the kernel rewrites those calls in every cell it compiles, so a cell cannot end the kernel by accident; the cell
 * fails with this error and the kernel keeps running. Restart the kernel from the notebook to end it.
 */
public final class ExitInCellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ExitInCellException(String call, int status) {
        super(call + "(" + status + ") was called in a cell; a cell cannot end the kernel, which keeps running"
                + " (restart it from the notebook to end it)", null, false, false);
        this.status = status;
    }

    /** @return the status the code asked to exit with */
    public int status() {
        return status;
    }

    /**
     * Replaces {@code System.exit(status)} in cell code.
     *
     * @param status the exit status asked for
     */
    public static void systemExit(int status) {
        throw new ExitInCellException("System.exit", status);
    }

    /**
     * Replaces {@code runtime.exit(status)} in cell code.
     *
     * @param runtime the receiver of the original call
     * @param status  the exit status asked for
     */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitInCellException("Runtime.exit", status);
    }

    /**
     * Replaces {@code runtime.halt(status)} in cell code.
     *
     * @param runtime the receiver of the original call
     * @param status  the exit status asked for
     */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitInCellException("Runtime.halt", status);
    }
}
