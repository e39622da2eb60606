package dev.isspectral.sim;

/** Called after every completed step of a run, with the solver in its new state. */
@FunctionalInterface
public interface StepObserver {
    void afterStep(Solver solver, StepStatistics statistics);
}
