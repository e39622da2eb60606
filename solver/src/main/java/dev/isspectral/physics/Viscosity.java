package dev.isspectral.physics;

/**
 * The relaxation equations of physics.md §4.3–4.5 at one point, term by term: the Navier–Stokes
 * targets, the relaxation rates K = 1/(γτ) of (4.15), the second-order bulk source of (4.10) and,
 * for one shear component (i, j), the transversality term I^{ij} (4.13) and the second-order terms
 * R^{ij}/τ_π of (4.12) with the A, B, C of (4.14). The relaxation times themselves are
 * {@link Transport#shearRelaxationTime} and {@link Transport#bulkRelaxationTime}.
 */
public final class Viscosity {

    /** δ_ΠΠ/τ_Π (physics.md §3 table). */
    public static final double BULK_EXPANSION = 2.0 / 3.0;
    /** λ_Ππ/(τ_Π (1/3 − c_s²)) (physics.md §3 table). */
    public static final double BULK_SHEAR_COUPLING = 1.6;
    /** δ_ππ/τ_π (physics.md §3 table). */
    public static final double SHEAR_EXPANSION = 4.0 / 3.0;
    /** τ_ππ/τ_π (physics.md §3 table). */
    public static final double SHEAR_SHEAR_COUPLING = 10.0 / 7.0;
    /** λ_πΠ/τ_π (physics.md §3 table). */
    public static final double SHEAR_BULK_COUPLING = 1.2;

    private Viscosity() {
    }

    /** Π_NS = −ζθ, physics.md eq. 4.10. */
    public static double bulkNavierStokes(double zeta, double theta) {
        return -zeta * theta;
    }

    /** π_NS^{ij} = −2ησ^{ij}, physics.md eq. 4.12. */
    public static double shearNavierStokes(double eta, double sigmaIJ) {
        return -2.0 * eta * sigmaIJ;
    }

    /** K = 1/(γτ) = (1/γ)/τ, physics.md eq. 4.15. */
    public static double relaxationRate(double inverseGamma, double relaxationTime) {
        return inverseGamma / relaxationTime;
    }

    /**
     * The second-order bulk terms of physics.md eq. 4.10 divided by τ_Π:
     * −(δ_ΠΠ/τ_Π) Πθ − (λ_Ππ/τ_Π) π:σ, with the DNMR coefficients of §3.
     */
    public static double bulkSecondOrder(double bulkPressure, double theta, double cs2, double piSigma) {
        return -BULK_EXPANSION * bulkPressure * theta - BULK_SHEAR_COUPLING * (1.0 / 3.0 - cs2) * piSigma;
    }

    /** φ_7/τ_π = 9/(70 P)/τ_π (physics.md §3 table). */
    public static double phi7OverTau(double pressure, double shearRelaxationTime) {
        return 9.0 / (70.0 * pressure) / shearRelaxationTime;
    }

    /** w^i = (π·G·Du)^i = −π^{i0}Du^0 + Σ_k π^{ik}Du^k, physics.md eq. 4.13, from row i of π. */
    public static double transverseFlow(double pi0, double pi1, double pi2, double pi3,
                                        double du0, double du1, double du2, double du3) {
        return transverseFlowRest(transverseFlowHead(pi0, pi1, du0, du1), pi2, pi3, du2, du3);
    }

    /**
     * The first two terms of {@link #transverseFlow}, −π^{i0}Du^0 + π^{i1}Du^1: the sum in two parts, so that a loop
     * over points evaluating it reads few enough arrays for C2 to vectorize.
     */
    public static double transverseFlowHead(double pi0, double pi1, double du0, double du1) {
        return -pi0 * du0 + pi1 * du1;
    }

    /** {@link #transverseFlow} from its first two terms {@code head}: head + π^{i2}Du^2 + π^{i3}Du^3. */
    public static double transverseFlowRest(double head, double pi2, double pi3, double du2, double du3) {
        return head + pi2 * du2 + pi3 * du3;
    }

    /** I^{ij} = u^i w^j + u^j w^i, physics.md eq. 4.13. */
    public static double transversality(double ui, double wj, double uj, double wi) {
        return ui * wj + uj * wi;
    }

    /** Δ^{ij} = δ^{ij} + u^iu^j of a spatial pair ({@code kronecker} = δ^{ij}), the Δ of physics.md eq. 4.14. */
    public static double spatialProjector(double kronecker, double ui, double uj) {
        return kronecker + ui * uj;
    }

    /** sym(X)^{ij} = ½(X^{ij} + X^{ji}), physics.md eq. 4.14. */
    public static double symmetrize(double xIJ, double xJI) {
        return 0.5 * (xIJ + xJI);
    }

    /**
     * Y^{ij} − ⅓Δ^{ij}(X:Y), the trace removal of A and B in physics.md eq. 4.14, from the
     * (symmetrised) product, the projector Δ^{ij} and the contraction.
     */
    public static double removeTrace(double product, double projector, double contraction) {
        return product - projector * contraction * Kinematics.THIRD;
    }

    /** C^{ij} = (ω·G·π)^{ij} − (π·G·ω)^{ij}, physics.md eq. 4.14. */
    public static double rotation(double omegaPi, double piOmega) {
        return omegaPi - piOmega;
    }

    /**
     * R^{ij}/τ_π of physics.md eq. 4.12 without the φ_7 and vorticity terms:
     * −(δ_ππ/τ_π) π^{ij}θ − (τ_ππ/τ_π) A^{ij} − (λ_πΠ/τ_π) Π σ^{ij}.
     */
    public static double shearSecondOrder(double piIJ, double theta, double a, double bulkPressure, double sigmaIJ) {
        return -SHEAR_EXPANSION * piIJ * theta - SHEAR_SHEAR_COUPLING * a - SHEAR_BULK_COUPLING * bulkPressure * sigmaIJ;
    }

    /** The explicit rate of a relaxing field without advection: (first + second-order terms)/γ (eqs. 4.10, 4.12). */
    public static double explicitRate(double terms, double inverseGamma) {
        return terms * inverseGamma;
    }
}
