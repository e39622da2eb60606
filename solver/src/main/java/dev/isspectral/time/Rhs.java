package dev.isspectral.time;

/**
 * A semi-discrete system dU/dt = F_E(U) + F_I(U) whose stiff part is a pointwise linear relaxation,
 * F_I = −K (X − X_NS) on the relaxing fields X (physics.md eq. 4.15). The stepper knows nothing
 * else about the physics.
 */
public interface Rhs {

    /** Number of fields of U. */
    int fieldCount();

    /** Number of points per field. */
    int points();

    /** Which fields relax (carry an F_I); the others have F_I = 0. */
    boolean[] relaxing();

    /**
     * Which fields evolve at all; a field that does not (Π with ζ = 0, say) keeps its initial
     * values, gets no stage storage, and {@link #evaluate} leaves its explicit array null.
     * Every relaxing field evolves. By default all fields evolve.
     */
    default boolean[] evolved() {
        boolean[] all = new boolean[fieldCount()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /** What one pass of {@link #evaluate} computes, besides the stiff data it always refreshes. */
    enum Pass {
        /** Only the stiff data K, X_NS (a stage whose explicit rate no later stage uses). */
        STIFF_DATA,
        /** The stiff data and F_E (IMEX schemes: the relaxation is solved implicitly). */
        EXPLICIT,
        /** The stiff data and F_E + F_I (fully explicit schemes). */
        EXPLICIT_AND_RELAXATION;

        /** Whether this pass writes an explicit rate. */
        public boolean explicit() {
            return this != STIFF_DATA;
        }
    }

    /**
     * One pass at state {@code y}: refreshes {@code relaxation} with K and X_NS evaluated at {@code y},
     * and for {@link Pass#EXPLICIT} writes F_E(y) into {@code explicit}, for
     * {@link Pass#EXPLICIT_AND_RELAXATION} F_E(y) + F_I(y). {@code explicit} is null exactly for
     * {@link Pass#STIFF_DATA}.
     */
    void evaluate(double[][] y, Pass pass, double[][] explicit, Relaxation relaxation);

    /**
     * The same pass, at a state whose points {@code producer} writes first ({@code producer.run(chunk, from, to)}
     * writes y on [from, to) from data it owns; no point depends on another). An implementation may run the
     * producer tile by tile right before its own first pointwise pass over those points, so y is read back from
     * cache (the stepper's stage combination and predictor feeding the primitive recovery); the results are those
     * of running the producer over all points, then {@link #evaluate}, which is the default.
     */
    default void evaluate(dev.isspectral.parallel.Workers.Chunk producer, double[][] y, Pass pass, double[][] explicit,
                          Relaxation relaxation) {
        producer.run(0, 0, points());
        evaluate(y, pass, explicit, relaxation);
    }

    /**
     * Called by the stepper before each pass, so errors can name where they happened.
     *
     * @param step  the step being taken (1-based)
     * @param stage the stage of that step (1-based)
     */
    default void position(long step, int stage) {
    }
}
