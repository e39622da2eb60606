package dev.isspectral.sim;

/**
 * Called after every completed step of a run, with the solver in its new state; and, for observers
 * that show progress, once when a run starts and once when it ends.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * After each completed step of {@link Simulation#run}.
     *
     * @param solver     the solver, in its new state (do not step it)
     * @param statistics the step's statistics
     */
    void afterStep(Solver solver, StepStatistics statistics);

    /**
     * Once when a run starts, before its first step, with the solver in its starting state (t = 0, or
     * where a checkpoint left it): a progress display starts here, an observer that writes snapshots
     * writes the first one here. Does nothing unless overridden.
     *
     * @param solver the solver about to be stepped
     * @param until  when the run stops
     */
    default void runStarted(Solver solver, Until until) {
    }

    /**
     * After the last step of a run, also when it stopped with an exception; does nothing unless
     * overridden.
     *
     * @param solver the solver
     */
    default void runFinished(Solver solver) {
    }
}
