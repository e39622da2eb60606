package dev.isspectral.trace;

/**
 * The solver's only hook for observers: named, nested spans around the work of a step.
 *
 * <p>The solver calls {@link #open(String)} around each major operation
 * ({@code "rhs"}, {@code "primitives"}, {@code "fluxes"} ...); spans nest on the calling thread,
 * so the full path is {@code step/rhs/fluxes}. A tracer only observes: it never changes results.
 *
 * <p>{@link #OFF} is the default. Its {@link #open} returns one shared no-op span, allocates
 * nothing and is inlined away by the JIT, so instrumented code costs nothing measurable when
 * profiling is off. The {@code profile} package supplies the recording implementation.
 */
public interface Tracer {

    /** The tracer that records nothing. */
    Tracer OFF = new Tracer() {
        @Override
        public Span open(String name) {
            return Span.NONE;
        }

        @Override
        public String toString() {
            return "Tracer.OFF";
        }
    };

    /**
     * Opens a span named {@code name} nested under the span currently open on this thread.
     * Use with try-with-resources; the returned span must be closed on the same thread.
     */
    Span open(String name);

    /** Whether this tracer records anything; lets callers skip preparing data for it. */
    default boolean enabled() {
        return false;
    }

    /**
     * Called once at the start of each time step, before its spans.
     *
     * @param step the number of the step about to run (1-based)
     */
    default void stepStarted(long step) {
    }

    /** Called once at the end of each time step, after its spans closed. */
    default void stepFinished(long step) {
    }

    /**
     * Names the field the next operations on this thread work on, e.g. {@code "v^y"} before its
     * gradient, so an observer can say which field a transform was of. The name holds until the span
     * open at the time of the call closes, or the next call. Pass a constant string: the solver calls
     * this in its hot loop, and the default does nothing.
     */
    default void operand(String name) {
    }
}
