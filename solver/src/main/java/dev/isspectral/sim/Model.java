package dev.isspectral.sim;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;
import dev.isspectral.physics.IsraelStewartRhs;
import dev.isspectral.physics.Primitives;
import dev.isspectral.spectral.SpectralOperators;
import dev.isspectral.state.Field;
import dev.isspectral.time.ImexStepper;
import dev.isspectral.trace.Tracer;

/**
 * The discretised equations of a {@link Simulation}: the spectral operators on its grid, the
 * Israel–Stewart right-hand side and the stepper of its integrator, wired on one team of threads
 * as its {@link Tuning} says. A {@link Solver} owns one and keeps the clock, the loop and the checks.
 */
public final class Model {

    private final Grid grid;
    private final SpectralOperators spectral;
    private final IsraelStewartRhs rhs;
    private final ImexStepper stepper;
    private final boolean[] evolved;

    /** The model of {@code simulation} on {@code engine}, traced by {@code tracer}. */
    public Model(Simulation simulation, FftEngine engine, Tracer tracer) {
        this.grid = simulation.grid();
        Tuning tuning = simulation.tuning();
        Workers team = Workers.shared(tuning.threads());
        this.spectral = new SpectralOperators(grid, engine, tracer, tuning.preallocatedWorkspaces(),
                tuning.sharedForwardTransforms(), team, tuning.batchedTransforms());
        spectral.configureFilter(simulation.dealias(), simulation.exponentialFilter(),
                simulation.filterStrength(), simulation.filterOrder());
        this.rhs = new IsraelStewartRhs(spectral, simulation.eos(), simulation.transport(), tracer,
                tuning.preallocatedWorkspaces(), tuning.fusedKernels(), team, tuning.leanStiffPass());
        this.stepper = new ImexStepper(simulation.integrator(), rhs, simulation.transport().rateGroups(), tracer,
                tuning.preallocatedWorkspaces(), team, tuning.tiledStages());
        this.evolved = simulation.transport().evolvedFields();
    }

    /**
     * Doubles per grid point the model of {@code simulation} holds (stage storage and right-hand-side
     * workspaces; the state and the spectra are not included), computed without building it.
     */
    public static long storagePerPoint(Simulation simulation) {
        var t = simulation.transport();
        return ImexStepper.storagePerPoint(simulation.integrator(), t.relaxingFields(), t.evolvedFields(),
                t.rateGroupCount(), simulation.tuning().preallocatedWorkspaces()) + IsraelStewartRhs.storagePerPoint(simulation.tuning().fusedKernels());
    }

    /** Bytes of the right-hand-side kernel's tile arrays (one tile per thread of the team), without building it. */
    public static long tileBytes(Simulation simulation) {
        Tuning tuning = simulation.tuning();
        return IsraelStewartRhs.tileBytes(tuning.threads(), tuning.fusedKernels(), simulation.grid().size());
    }

    /** Advances {@code u} by one step of size {@code dt} (number {@code step}), then filters it if a filter is on. */
    public void step(double[][] u, double dt, long step, Tracer tracer) {
        stepper.step(u, dt, step);
        if (spectral.filterEnabled()) {
            try (var f = tracer.open("filter")) {
                for (int field = 0; field < Field.COUNT; field++) {
                    if (evolved[field]) {
                        spectral.filter(u[field]);
                    }
                }
            }
        }
    }

    /** Whether field {@code f} evolves (others keep their initial values). */
    public boolean evolves(Field f) {
        return evolved[f.ordinal()];
    }

    public Grid grid() {
        return grid;
    }

    public SpectralOperators spectral() {
        return spectral;
    }

    public IsraelStewartRhs rhs() {
        return rhs;
    }

    public ImexStepper stepper() {
        return stepper;
    }

    /** The primitives of the right-hand side's last pass (ε and v; a guess for an observer's recovery). */
    public Primitives lastPrimitives() {
        return rhs.primitives();
    }
}
