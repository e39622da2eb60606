package dev.isspectral.kernel;

import java.util.List;

/**
 * A cell that did not run to the end. The message is one line (it becomes the error's
 * {@code evalue}); {@link #report()} is what the notebook shows.
 */
public class CellException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> report;

    /**
     * @param message one-line summary
     * @param report  lines shown in the notebook, without trailing newlines
     */
    public CellException(String message, List<String> report) {
        super(message, null, false, false);
        this.report = List.copyOf(report);
    }

    /** @return the lines to show in the notebook */
    public List<String> report() {
        return report;
    }

    /** The cell did not compile. */
    public static final class CompilationException extends CellException {
        private static final long serialVersionUID = 1L;

        CompilationException(String message, List<String> report) {
            super(message, report);
        }
    }

    /** The cell threw an exception while running. */
    public static final class EvaluationException extends CellException {
        private static final long serialVersionUID = 1L;

        EvaluationException(String message, List<String> report) {
            super(message, report);
        }
    }

    /** The cell was interrupted from the notebook. */
    public static final class EvaluationInterruptedException extends CellException {
        private static final long serialVersionUID = 1L;

        EvaluationInterruptedException(String message) {
            super(message, List.of(message));
        }

        EvaluationInterruptedException(String message, List<String> report) {
            super(message, report);
        }
    }

    /** A statement of the cell ran longer than {@code IJAVA_TIMEOUT}. */
    public static final class EvaluationTimeoutException extends CellException {
        private static final long serialVersionUID = 1L;

        EvaluationTimeoutException(String message) {
            super(message, List.of(message));
        }

        EvaluationTimeoutException(String message, List<String> report) {
            super(message, report);
        }
    }

    /** A magic was given bad arguments or failed. */
    public static final class MagicException extends CellException {
        private static final long serialVersionUID = 1L;

        MagicException(String message) {
            super(message, List.of(message));
        }
    }
}
