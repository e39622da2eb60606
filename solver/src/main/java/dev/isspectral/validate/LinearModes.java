package dev.isspectral.validate;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact linear modes about equilibrium ε0, v = 0 (physics.md §4.6, §7.2, §7.3): the sound-channel
 * dispersion relation (7.2)/(7.3) and shear channel (7.5), their roots and residues, and the exact
 * trajectories (7.4), (7.6) of the standing-wave initial data of §7.0.
 *
 * @param soundSpeedSquared c_s²
 * @param enthalpy          h = ε0 + P0
 * @param shearViscosity    η at ε0
 * @param shearTau          τ_π at ε0
 * @param bulkViscosity     ζ at ε0 (0: no bulk)
 * @param bulkTau           τ_Π at ε0 (ignored when ζ = 0)
 */
public record LinearModes(double soundSpeedSquared, double enthalpy, double shearViscosity, double shearTau,
                          double bulkViscosity, double bulkTau) {

    /**
     * Modes of a fluid at rest with ε0 = 1, a = 1 (T0 = 1), the setup of physics.md §7, with b_π = {@code bPi} and,
     * when ζ/s > 0, τ_Π = ζ/({@code bulkStiffness} (ε + P)) (the ratio form of eq. 3.3b with b_Π = 1/stiffness;
     * ignored when ζ/s = 0).
     *
     * @throws IllegalArgumentException naming the parameter, with the messages of {@link Eos#constantSoundSpeed} and
     *                                  {@link Transport}: c_s² outside (0, 1/3], η/s or ζ/s negative or NaN, b_π not
     *                                  a finite number > 0, and with ζ/s > 0 a stiffness not a finite number > 0
     */
    public static LinearModes of(double soundSpeedSquared, double etaOverS, double bPi, double zetaOverS, double bulkStiffness) {
        requireSoundSpeed(soundSpeedSquared);
        Transport t = Transport.etaOverS(etaOverS).bPi(bPi).zetaOverS(zetaOverS);
        if (zetaOverS > 0) {
            if (!(bulkStiffness > 0) || Double.isInfinite(bulkStiffness)) {
                throw new IllegalArgumentException("bulkStiffness = " + bulkStiffness
                        + " with zetaOverS = " + zetaOverS + "; must be a finite number > 0");
            }
            t = t.bulkRelaxationRatio(1.0 / bulkStiffness);
        }
        return of(soundSpeedSquared, t);
    }

    /**
     * Modes of a fluid at rest with ε0 = 1, a = 1 (T0 = 1), the setup of physics.md §7, under {@code transport}.
     *
     * @throws IllegalArgumentException if c_s² is outside (0, 1/3] (the message of {@link Eos#constantSoundSpeed})
     *                                  or {@code transport} is null
     */
    public static LinearModes of(double soundSpeedSquared, Transport transport) {
        requireSoundSpeed(soundSpeedSquared);
        if (transport == null) {
            throw new IllegalArgumentException("transport = null; must be a Transport such as Transport.etaOverS(0.08)");
        }
        double h = 1 + soundSpeedSquared;         // ε0 + P0 with ε0 = 1
        return about(soundSpeedSquared, h, h, transport);   // s = (ε + P)/T with T0 = 1
    }

    /**
     * Modes about a background of enthalpy h = ε0 + P0 and entropy density s0 with speed of sound c_s²: η and ζ
     * from {@link Transport#shearViscosity} and {@link Transport#bulkViscosity} (eq. 3.1), and the relaxation times from {@link Transport#shearRelaxationTime} and
     * {@link Transport#bulkRelaxationTime} (physics.md eqs. 3.2, 3.3a, 3.3b), the one home of those relations.
     */
    public static LinearModes about(double soundSpeedSquared, double enthalpy, double entropyDensity, Transport transport) {
        double eta = transport.shearViscosity(entropyDensity);
        double zeta = transport.bulkViscosity(entropyDensity);
        double tauPi = eta > 0 ? transport.shearRelaxationTime(eta, enthalpy) : 0;
        double tauBulk = zeta > 0 ? transport.bulkRelaxationTime(zeta, soundSpeedSquared, enthalpy) : 0;
        return new LinearModes(soundSpeedSquared, enthalpy, eta, tauPi, zeta, tauBulk);
    }

    /** c_s² of the constant-sound-speed gas of physics.md §7, checked as {@link Eos#constantSoundSpeed} checks it. */
    private static void requireSoundSpeed(double soundSpeedSquared) {
        Eos.constantSoundSpeed(soundSpeedSquared);
    }

    /** Γ_s = (4/3) η/h. */
    public double soundDiffusivity() {
        return 4.0 / 3.0 * shearViscosity / enthalpy;
    }

    /** Γ_b = ζ/h. */
    public double bulkDiffusivity() {
        return bulkViscosity / enthalpy;
    }

    /** D_η = η/h. */
    public double shearDiffusivity() {
        return shearViscosity / enthalpy;
    }

    /** D(s) of (7.2) at wave number k; with ζ = 0 the cubic (7.3). */
    public Polynomial soundDispersion(double k) {
        double k2 = k * k;
        Polynomial wave = new Polynomial(soundSpeedSquared * k2, 0, 1);            // s² + c_s²k²
        Polynomial shearFactor = new Polynomial(1, shearTau);                     // 1 + sτ_π
        if (bulkViscosity == 0) {
            // τ_π s³ + s² + (c_s²τ_π + Γ_s)k² s + c_s²k²
            return wave.times(shearFactor).plus(new Polynomial(0, soundDiffusivity() * k2));
        }
        Polynomial bulkFactor = new Polynomial(1, bulkTau);
        Polynomial damping = bulkFactor.scale(soundDiffusivity()).plus(shearFactor.scale(bulkDiffusivity()));
        return wave.times(shearFactor).times(bulkFactor).plus(new Polynomial(0, k2).times(damping));
    }

    /** N(s) of (7.4). */
    public Polynomial soundNumerator(double k) {
        double k2 = k * k;
        Polynomial shearFactor = new Polynomial(1, shearTau);
        if (bulkViscosity == 0) {
            return new Polynomial(0, 1).times(shearFactor).plus(new Polynomial(soundDiffusivity() * k2));
        }
        Polynomial bulkFactor = new Polynomial(1, bulkTau);
        Polynomial damping = bulkFactor.scale(soundDiffusivity()).plus(shearFactor.scale(bulkDiffusivity()));
        return new Polynomial(0, 1).times(shearFactor).times(bulkFactor).plus(damping.scale(k2));
    }

    /** Roots of (7.2) ordered by decreasing real part (the sound pair first when it is the slowest). */
    public Complex[] soundRoots(double k) {
        Complex[] r = soundDispersion(k).roots();
        java.util.Arrays.sort(r, Comparator.comparingDouble(Complex::re).reversed().thenComparingDouble(Complex::im));
        return r;
    }

    /** The sound root with Im s > 0 (the propagating mode); NaN if the sound mode is overdamped. */
    public Complex soundRoot(double k) {
        Complex best = null;
        for (Complex c : soundDispersion(k).roots()) {
            if (c.im() > 1e-12 && (best == null || c.re() > best.re())) {
                best = c;
            }
        }
        return best == null ? new Complex(Double.NaN, Double.NaN) : best;
    }

    /** e(t)/e(0) of (7.4): Σ_r N(s_r)/D'(s_r) e^{s_r t}. */
    public double soundTrajectory(double k, double t) {
        return trajectory(soundDispersion(k), soundNumerator(k), t);
    }

    /** Roots s_± of (7.5): τ_π s² + s + D_η k² = 0. */
    public Complex[] shearRoots(double k) {
        double dk2 = shearDiffusivity() * k * k;
        if (shearTau == 0) {
            return new Complex[] {Complex.real(-dk2)};
        }
        Complex disc = Complex.real(1 - 4 * shearTau * dk2).sqrt();
        return new Complex[] {
            disc.minus(Complex.ONE).times(1 / (2 * shearTau)),
            disc.plus(Complex.ONE).times(-1 / (2 * shearTau))
        };
    }

    /** v_k(t)/V of (7.6). */
    public double shearTrajectory(double k, double t) {
        if (shearTau == 0) {
            return Math.exp(-shearDiffusivity() * k * k * t);
        }
        Complex sum = Complex.ZERO;
        for (Complex s : shearRoots(k)) {
            Complex weight = Complex.ONE.plus(s.times(shearTau)).divide(Complex.ONE.plus(s.times(2 * shearTau)));
            sum = sum.plus(weight.times(s.times(t).exp()));
        }
        return sum.re();
    }

    /** Residues N(s_r)/D'(s_r) in the order of {@link #soundRoots}. */
    public List<Complex> soundResidues(double k) {
        Polynomial d = soundDispersion(k);
        Polynomial n = soundNumerator(k);
        Polynomial dp = d.derivative();
        List<Complex> out = new ArrayList<>();
        for (Complex s : soundRoots(k)) {
            out.add(n.evaluate(s).divide(dp.evaluate(s)));
        }
        return out;
    }

    private static double trajectory(Polynomial d, Polynomial n, double t) {
        Polynomial dp = d.derivative();
        Complex sum = Complex.ZERO;
        for (Complex s : d.roots()) {
            sum = sum.plus(n.evaluate(s).divide(dp.evaluate(s)).times(s.times(t).exp()));
        }
        return sum.re();
    }
}
