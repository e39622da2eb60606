package dev.isspectral.sim;

/**
 * What one time step did.
 *
 * @param step                   step number (1-based)
 * @param time                   simulated time after the step
 * @param dt                     the step size Δt
 * @param cfl                    Courant number Δt·c_max·|k|_max (physics.md eq. 6.3, c_max = 1)
 * @param meanRecoveryIterations primitive-recovery iterations per point, averaged over the step's passes
 * @param maxRecoveryIterations  largest iteration count of any point in the step
 * @param passes                 right-hand-side passes in the step
 * @param wallNanos              wall-clock time of the step in nanoseconds
 */
public record StepStatistics(long step, double time, double dt, double cfl, double meanRecoveryIterations,
                             int maxRecoveryIterations, int passes, long wallNanos) {
}
