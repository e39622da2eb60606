package dev.isspectral.sim;

/** Called after every completed step of a run, with the solver in its new state. */
@FunctionalInterface
public interface StepObserver {
    void afterStep(Solver solver, StepStatistics statistics);

    /**
     * Called once when a run starts, before its first step, with the solver in its starting state
     * (t = 0, or where a checkpoint left it); an observer that writes snapshots writes the first one here.
     * Does nothing by default.
     */
    default void started(Solver solver) {
    }
}
