package dev.isspectral.sim;

/**
 * How Δt is chosen (physics.md §6.5), as a value: a fixed step, or the spectral CFL limit
 * C_cfl/|k|_max (6.3) and, for fully explicit schemes, also C_rel · min(γτ) (6.4).
 *
 * @param fixedStep         the user's fixed Δt, or NaN when Δt follows the limits
 * @param courant           C_cfl of (6.3)
 * @param relaxationCourant C_rel of (6.4)
 * @param relaxationBound   whether (6.4) applies (the relaxation terms are explicit)
 */
public record TimeStepRule(double fixedStep, double courant, double relaxationCourant, boolean relaxationBound) {

    /** The rule of {@code simulation}'s settings. */
    public static TimeStepRule of(Simulation simulation) {
        return new TimeStepRule(simulation.fixedTimeStep(), simulation.courant(), simulation.relaxationCourant(),
                !simulation.integrator().imex());
    }

    /** Whether Δt is the user's fixed step. */
    public boolean fixed() {
        return !Double.isNaN(fixedStep);
    }

    /**
     * The next Δt on a grid whose largest |k| is {@code maxWaveNumber}; {@code minRelaxationTime}
     * (min over the grid of γτ) is asked for only when the relaxation bound applies.
     */
    public double next(double maxWaveNumber, java.util.function.DoubleSupplier minRelaxationTime) {
        if (fixed()) {
            return fixedStep;
        }
        double dt = courant / maxWaveNumber;
        if (relaxationBound) {
            dt = Math.min(dt, relaxationCourant * minRelaxationTime.getAsDouble());
        }
        return dt;
    }
}
