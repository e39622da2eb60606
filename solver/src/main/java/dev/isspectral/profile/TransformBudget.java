package dev.isspectral.profile;

import dev.isspectral.sim.Simulation;

/**
 * The fewest 3-D transforms one time step needs, to hold a profile's count against. Derived (see
 * BENCHMARKS.md, "The minimum number of transforms per step") for IMEX ARS(2,2,2) with the
 * predictor–corrector passes of physics.md §6.3: two full right-hand-side passes and one pass that
 * needs only the stiff data. A full pass needs the kinematics (§4.2: spectral gradients of ε, v^x,
 * v^y, v^z, one forward and three inverse each: 16), the conservative flux divergence (4.1: the nine
 * distinct components of T^{iν} forward, one inverse per ν: 13) and the advection of each evolved
 * dissipative field ((4.10), (4.12): 4 each); the stiff-data pass needs the kinematics alone. With
 * η > 0, ζ = 0: 2 × 49 + 16 = 114.
 */
public final class TransformBudget {

    private TransformBudget() {
    }

    /** The minimum for {@code sim}, or -1 where it is not derived (an integrator other than ARS(2,2,2)). */
    public static int minimumPerStep(Simulation sim) {
        if (!"ARS(2,2,2)".equals(sim.integrator().name())) {
            return -1;
        }
        int advected = (sim.transport().hasShear() ? 5 : 0) + (sim.transport().hasBulk() ? 1 : 0);
        int kinematics = 4 * (1 + 3);
        int divergence = 9 + 4;
        int fullPass = kinematics + divergence + 4 * advected;
        return 2 * fullPass + kinematics;
    }
}
