package dev.isspectral.physics;

/**
 * The kinematics of physics.md §4.2 at one point, as small functions of scalars: the ideal time
 * derivatives (4.2)–(4.3), the derivatives of u^μ (4.4), θ and Du^ν (4.5), ∇^μu^ν (4.6), and σ^{μν},
 * ω^{μν} (4.7)–(4.8). The kernel ({@link PointwiseKernel}) only calls them; the JIT inlines them.
 *
 * <p>Each function is written operation for operation as the solver has always evaluated it, so the
 * bits of every field are those of the hand-written kernels these replace.
 */
public final class Kinematics {

    /** ⅓, the factor of θ in (4.7). */
    public static final double THIRD = 1.0 / 3.0;

    private Kinematics() {
    }

    /** 1/γ = √(1 − v²) of the velocity (vx, vy, vz), physics.md eq. 0.1. */
    public static double inverseLorentzFactor(double vx, double vy, double vz) {
        return Math.sqrt(1.0 - (vx * vx + vy * vy + vz * vz));
    }

    /**
     * ∂_tε from the ideal equations of motion, physics.md eq. 4.2:
     * −[(1 − c_s²) v^k∂_kε + (ε+P) ∂_kv^k] / (1 − c_s² v²).
     */
    public static double energyTimeDerivative(double cs2, double enthalpy, double v2, double vGradEnergy,
                                              double divergenceV) {
        return -((1 - cs2) * vGradEnergy + enthalpy * divergenceV) / (1 - cs2 * v2);
    }

    /**
     * ∂_tv^j, physics.md eq. 4.3: −v^k∂_kv^j − [c_s²∂_jε + v^j ∂_tP] / ((ε+P)γ²), with
     * {@code advection} = v^k∂_kv^j, ∂_tP = c_s²∂_tε and {@code inverseEnthalpyGamma2} = 1/((ε+P)γ²).
     */
    public static double velocityTimeDerivative(double advection, double cs2, double energyGradientJ, double vj,
                                                double pressureTimeDerivative, double inverseEnthalpyGamma2) {
        return -advection - (cs2 * energyGradientJ + vj * pressureTimeDerivative) * inverseEnthalpyGamma2;
    }

    /** v^k ∂v^j along one direction: a · b for the 3-vectors (a_x, a_y, a_z), (b_x, b_y, b_z). */
    public static double dot(double ax, double ay, double az, double bx, double by, double bz) {
        return dotRest(dotHead(ax, ay, bx, by), az, bz);
    }

    /** The first two terms of {@link #dot}, a_x b_x + a_y b_y (the sum in two parts, for the kernel's short loops). */
    public static double dotHead(double ax, double ay, double bx, double by) {
        return ax * bx + ay * by;
    }

    /** {@link #dot} from its first two terms {@code head}: head + a_z b_z. */
    public static double dotRest(double head, double az, double bz) {
        return head + az * bz;
    }

    /** ∂_μγ = γ³ v_k ∂_μv^k, physics.md eq. 4.4, with (ax, ay, az) = ∂_μv. */
    public static double lorentzFactorDerivative(double gamma3, double vx, double vy, double vz,
                                                 double ax, double ay, double az) {
        return lorentzFactorDerivative(gamma3, dot(vx, vy, vz, ax, ay, az));
    }

    /** ∂_μγ = γ³ v_k ∂_μv^k from v · ∂_μv = {@code vDotA} (a loop over points takes the two in separate loops). */
    public static double lorentzFactorDerivative(double gamma3, double vDotA) {
        return gamma3 * vDotA;
    }

    /** ∂_μu^j = γ ∂_μv^j + v^j ∂_μγ, physics.md eq. 4.4. */
    public static double fourVelocityDerivative(double gamma, double derivativeVj, double vj, double derivativeGamma) {
        return gamma * derivativeVj + vj * derivativeGamma;
    }

    /** θ = ∂_tγ + Σ_k ∂_ku^k, physics.md eq. 4.5, from the diagonal of du_μν = ∂_μu^ν. */
    public static double expansion(double du00, double du11, double du22, double du33) {
        return du00 + du11 + du22 + du33;
    }

    /** Du^ν = u^μ∂_μu^ν, physics.md eq. 4.5, from column ν of du_μν = ∂_μu^ν. */
    public static double comovingDerivative(double u0, double u1, double u2, double u3,
                                            double du0, double du1, double du2, double du3) {
        return comovingDerivativeRest(comovingDerivativeHead(u0, u1, du0, du1), u2, u3, du2, du3);
    }

    /** The first two terms of {@link #comovingDerivative}, u^0 ∂_0u^ν + u^1 ∂_1u^ν (the sum in two parts). */
    public static double comovingDerivativeHead(double u0, double u1, double du0, double du1) {
        return u0 * du0 + u1 * du1;
    }

    /** {@link #comovingDerivative} from its first two terms {@code head}: head + u^2 ∂_2u^ν + u^3 ∂_3u^ν. */
    public static double comovingDerivativeRest(double head, double u2, double u3, double du2, double du3) {
        return head + u2 * du2 + u3 * du3;
    }

    /**
     * ∇^μu^ν = g^{μμ}∂_μu^ν + u^μ Du^ν, physics.md eq. 4.6 ({@code metric} = g^{μμ} = −1 for μ = 0,
     * +1 otherwise; the product with ±1 is exact).
     */
    public static double projectedGradient(double metric, double duMuNu, double uMu, double comovingNu) {
        return metric * duMuNu + uMu * comovingNu;
    }

    /** Diagonal σ^{μμ} = ∇^μu^μ − (g^{μμ} + u^μu^μ) θ/3, physics.md eq. 4.7. */
    public static double shearDiagonal(double nablaMuMu, double metric, double uMu, double thetaThird) {
        return nablaMuMu - (metric + uMu * uMu) * thetaThird;
    }

    /** Off-diagonal σ^{μν} = ½(∇^μu^ν + ∇^νu^μ) − u^μu^ν θ/3, physics.md eq. 4.7. */
    public static double shearOffDiagonal(double nablaMuNu, double nablaNuMu, double uMu, double uNu, double thetaThird) {
        return 0.5 * (nablaMuNu + nablaNuMu) - uMu * uNu * thetaThird;
    }

    /** ω^{μν} = ½(∇^μu^ν − ∇^νu^μ), physics.md eq. 4.8. */
    public static double vorticity(double nablaMuNu, double nablaNuMu) {
        return 0.5 * (nablaMuNu - nablaNuMu);
    }

    /** (A·G·B)^{ij} = Σ_a g_aa A^{ia}B^{aj} from row i of A and column j of B (§0 matrix notation). */
    public static double metricProduct(double a0, double a1, double a2, double a3,
                                       double b0, double b1, double b2, double b3) {
        return metricProductRest(metricProductHead(a0, a1, b0, b1), a2, a3, b2, b3);
    }

    /**
     * The first two terms of {@link #metricProduct}, −a_0 b_0 + a_1 b_1: the sum in two parts, so that a loop over
     * points evaluating it reads few enough arrays for C2 to vectorize it.
     */
    public static double metricProductHead(double a0, double a1, double b0, double b1) {
        return -a0 * b0 + a1 * b1;
    }

    /** {@link #metricProduct} from its first two terms {@code head}: head + a_2 b_2 + a_3 b_3. */
    public static double metricProductRest(double head, double a2, double a3, double b2, double b3) {
        return head + a2 * b2 + a3 * b3;
    }
}
