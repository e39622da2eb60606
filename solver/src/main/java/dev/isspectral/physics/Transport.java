package dev.isspectral.physics;

import dev.isspectral.state.Field;

import java.util.Locale;

/**
 * Transport coefficients (physics.md §3): shear and bulk viscosity from η/s and ζ/s, their
 * relaxation times, and the second-order coefficients of the chosen {@link Variant}.
 *
 * <p>Immutable: {@code Transport.etaOverS(0.08).zetaOverS(0.04).bPi(5)} builds a new value at each
 * call; a bad value fails at the call that set it.
 * <ul>
 *   <li>η = (η/s) s(ε), ζ = (ζ/s) s(ε)  (3.1)</li>
 *   <li>τ_π = b_π η/(ε + P), default b_π = 5  (3.2)</li>
 *   <li>τ_Π = ζ/[14.55 (1/3 − c_s²)² (ε + P)] (kinetic, default, 3.3a) or b_Π ζ/(ε + P) (ratio, 3.3b)</li>
 *   <li>DNMR: δ_ππ = 4/3 τ_π, τ_ππ = 10/7 τ_π, λ_πΠ = 6/5 τ_π, φ_7 = 9/(70 P) (off by default),
 *       vorticity term 2τ_π (on), δ_ΠΠ = 2/3 τ_Π, λ_Ππ = 8/5 (1/3 − c_s²) τ_Π; MIS: all zero.</li>
 * </ul>
 */
public final class Transport {

    /** The second-order terms kept in (4.10) and (4.12). */
    public enum Variant {
        /** 14-moment values of Denicol–Niemi–Molnár–Rischke (2012): all second-order terms. */
        DNMR,
        /** Minimal Israel–Stewart: relaxation to Navier–Stokes, no second-order terms. */
        MIS
    }

    /** How τ_Π is obtained from ζ. */
    public enum BulkRelaxation {
        /** τ_Π = ζ/[14.55 (1/3 − c_s²)² (ε + P)] (physics.md eq. 3.3a); needs c_s² < 1/3. */
        KINETIC,
        /** τ_Π = b_Π ζ/(ε + P) (physics.md eq. 3.3b). */
        RATIO
    }

    /** Default b_π = 5. */
    public static final double DEFAULT_B_PI = 5.0;

    /** The 14-moment bulk constant of (3.3a). */
    public static final double KINETIC_BULK_CONSTANT = 14.55;

    private final double etaOverS;
    private final double zetaOverS;
    private final double bPi;
    private final BulkRelaxation bulkRelaxation;
    private final double bBulk;
    private final Variant variant;
    private final boolean phi7;
    private final boolean vorticity;

    private Transport(double etaOverS, double zetaOverS, double bPi, BulkRelaxation bulkRelaxation,
                      double bBulk, Variant variant, boolean phi7, boolean vorticity) {
        this.etaOverS = etaOverS;
        this.zetaOverS = zetaOverS;
        this.bPi = bPi;
        this.bulkRelaxation = bulkRelaxation;
        this.bBulk = bBulk;
        this.variant = variant;
        this.phi7 = phi7;
        this.vorticity = vorticity;
    }

    /** Shear viscosity over entropy density η/s ≥ 0; no bulk viscosity, DNMR terms, b_π = 5. */
    public static Transport etaOverS(double etaOverS) {
        requireNonNegative("etaOverS", etaOverS);
        return new Transport(etaOverS, 0.0, DEFAULT_B_PI, BulkRelaxation.KINETIC, Double.NaN,
                Variant.DNMR, false, true);
    }

    /** An ideal fluid: η/s = ζ/s = 0. */
    public static Transport ideal() {
        return etaOverS(0.0);
    }

    /** This value with bulk viscosity over entropy density ζ/s ≥ 0. */
    public Transport zetaOverS(double zetaOverS) {
        requireNonNegative("zetaOverS", zetaOverS);
        return new Transport(etaOverS, zetaOverS, bPi, bulkRelaxation, bBulk, variant, phi7, vorticity);
    }

    /** This value with b_π = τ_π (ε + P)/η > 0 (physics.md eq. 3.2; causality needs b_π ≥ 2 for a conformal fluid). */
    public Transport bPi(double bPi) {
        if (!(bPi > 0) || Double.isInfinite(bPi)) {
            throw new IllegalArgumentException("bPi = " + bPi + "; must be a finite number > 0");
        }
        return new Transport(etaOverS, zetaOverS, bPi, bulkRelaxation, bBulk, variant, phi7, vorticity);
    }

    /** This value with τ_Π = b_Π ζ/(ε + P) (physics.md eq. 3.3b), b_Π > 0. */
    public Transport bulkRelaxationRatio(double bBulk) {
        if (!(bBulk > 0) || Double.isInfinite(bBulk)) {
            throw new IllegalArgumentException("bBulk = " + bBulk + "; must be a finite number > 0");
        }
        return new Transport(etaOverS, zetaOverS, bPi, BulkRelaxation.RATIO, bBulk, variant, phi7, vorticity);
    }

    /** This value with the kinetic τ_Π of (3.3a) (the default). */
    public Transport kineticBulkRelaxation() {
        return new Transport(etaOverS, zetaOverS, bPi, BulkRelaxation.KINETIC, Double.NaN, variant, phi7, vorticity);
    }

    /** This value with the second-order terms of {@code variant}; MIS also turns the vorticity term off. */
    public Transport variant(Variant variant) {
        if (variant == null) {
            throw new IllegalArgumentException("variant = null; must be DNMR or MIS");
        }
        return new Transport(etaOverS, zetaOverS, bPi, bulkRelaxation, bBulk, variant,
                variant == Variant.DNMR && phi7, variant == Variant.DNMR);
    }

    /** This value with the φ_7 π⟨π⟩ term on or off (DNMR only; off by default). */
    public Transport phi7(boolean on) {
        requireDnmr("phi7", on);
        return new Transport(etaOverS, zetaOverS, bPi, bulkRelaxation, bBulk, variant, on, vorticity);
    }

    /** This value with the vorticity term 2τ_π π⟨ω⟩ on or off (DNMR only; on by default). */
    public Transport vorticity(boolean on) {
        requireDnmr("vorticity", on);
        return new Transport(etaOverS, zetaOverS, bPi, bulkRelaxation, bBulk, variant, phi7, on);
    }

    public double etaOverS() {
        return etaOverS;
    }

    public double zetaOverS() {
        return zetaOverS;
    }

    public double bPi() {
        return bPi;
    }

    public BulkRelaxation bulkRelaxation() {
        return bulkRelaxation;
    }

    /** b_Π of (3.3b); NaN in kinetic mode. */
    public double bBulk() {
        return bBulk;
    }

    public Variant variant() {
        return variant;
    }

    public boolean phi7() {
        return phi7;
    }

    public boolean vorticity() {
        return vorticity;
    }

    /** Whether the shear stress is evolved (η/s > 0). */
    public boolean hasShear() {
        return etaOverS > 0;
    }

    /** Whether the bulk pressure is evolved (ζ/s > 0). */
    public boolean hasBulk() {
        return zetaOverS > 0;
    }

    /**
     * ζ/(τ_Π (ε + P)): 14.55 (1/3 − c_s²)² in kinetic mode, 1/b_Π in ratio mode (physics.md §3).
     */
    public double bulkStiffness(double soundSpeedSquared) {
        if (bulkRelaxation == BulkRelaxation.RATIO) {
            return 1.0 / bBulk;
        }
        double d = 1.0 / 3.0 - soundSpeedSquared;
        return KINETIC_BULK_CONSTANT * d * d;
    }

    /** The shear viscosity η = (η/s) s at entropy density {@code entropyDensity}, physics.md eq. 3.1. */
    public double shearViscosity(double entropyDensity) {
        return etaOverS * entropyDensity;
    }

    /** The bulk viscosity ζ = (ζ/s) s at entropy density {@code entropyDensity}, physics.md eq. 3.1. */
    public double bulkViscosity(double entropyDensity) {
        return zetaOverS * entropyDensity;
    }

    /** τ_π = b_π η/(ε + P), physics.md eq. 3.2. */
    public double shearRelaxationTime(double eta, double enthalpy) {
        return bPi * eta / enthalpy;
    }

    /** τ_Π = ζ/(stiffness · (ε + P)), physics.md eqs. 3.3a/3.3b (see {@link #bulkStiffness}). */
    public double bulkRelaxationTime(double zeta, double soundSpeedSquared, double enthalpy) {
        return zeta / (bulkStiffness(soundSpeedSquared) * enthalpy);
    }

    /** Whether field {@code f} relaxes (carries F_I of physics.md eq. 4.15): Π with ζ > 0, π^{ij} with η > 0. */
    public boolean relaxes(Field f) {
        return f == Field.BULK ? hasBulk() : !f.conserved() && hasShear();
    }

    /** Whether field {@code f} evolves: the conserved densities always, Π and π^{ij} when they relax (physics.md §1). */
    public boolean evolves(Field f) {
        return f.conserved() || relaxes(f);
    }

    /** {@link #relaxes} for every field, in storage order. */
    public boolean[] relaxingFields() {
        boolean[] r = new boolean[Field.COUNT];
        for (Field f : Field.values()) {
            r[f.ordinal()] = relaxes(f);
        }
        return r;
    }

    /** {@link #evolves} for every field, in storage order. */
    public boolean[] evolvedFields() {
        boolean[] e = new boolean[Field.COUNT];
        for (Field f : Field.values()) {
            e[f.ordinal()] = evolves(f);
        }
        return e;
    }

    /**
     * Relaxation rate groups for {@code time.Relaxation}: Π has K_Π (group 0), the five π^{ij} share
     * K_π (group 1), −1 for fields that do not relax.
     */
    public int[] rateGroups() {
        int[] groups = new int[Field.COUNT];
        for (Field f : Field.values()) {
            groups[f.ordinal()] = !relaxes(f) ? -1 : f == Field.BULK ? 0 : 1;
        }
        return groups;
    }

    /** Number of distinct relaxation rates (arrays of K): one for Π, one shared by the π^{ij}. */
    public int rateGroupCount() {
        return (hasBulk() ? 1 : 0) + (hasShear() ? 1 : 0);
    }

    /**
     * The squared large-k front speed of the linearised sound channel (physics.md eq. 3.4):
     * v_∞² = c_s² + 4/(3 b_π) + ζ/((ε+P) τ_Π). Causality needs v_∞² ≤ 1.
     */
    public double frontSpeedSquared(double soundSpeedSquared) {
        double v2 = soundSpeedSquared;
        if (hasShear()) {
            v2 += 4.0 / (3.0 * bPi);
        }
        if (hasBulk()) {
            v2 += bulkStiffness(soundSpeedSquared);
        }
        return v2;
    }

    /** One-line description for summaries. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "eta/s = %.6g, zeta/s = %.6g, b_pi = %.6g",
                etaOverS, zetaOverS, bPi));
        if (hasBulk()) {
            sb.append(bulkRelaxation == BulkRelaxation.KINETIC
                    ? ", tau_Pi kinetic (3.3a)"
                    : String.format(Locale.ROOT, ", tau_Pi = %.6g zeta/(eps+P) (3.3b)", bBulk));
        }
        sb.append(", ").append(variant);
        if (variant == Variant.DNMR) {
            sb.append(vorticity ? " (vorticity on" : " (vorticity off").append(phi7 ? ", phi7 on)" : ", phi7 off)");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private void requireDnmr(String name, boolean on) {
        if (on && variant != Variant.DNMR) {
            throw new IllegalArgumentException(name + " = true; only allowed with variant DNMR (variant is " + variant + ")");
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + "; must be a finite number >= 0");
        }
    }
}
