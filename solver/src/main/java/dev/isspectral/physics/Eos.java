package dev.isspectral.physics;

/**
 * An equation of state at zero chemical potential (physics.md §2): pressure P(ε), speed of sound
 * squared c_s²(ε) = dP/dε, temperature T(ε) and entropy density s(ε) = (ε + P)/T, in code units
 * (ε, P in fm⁻⁴ when lengths are in fm).
 */
public interface Eos {

    /** P(ε). */
    double pressure(double energyDensity);

    /** c_s²(ε) = dP/dε. */
    double soundSpeedSquared(double energyDensity);

    /** T(ε). */
    double temperature(double energyDensity);

    /** s(ε) = (ε + P)/T. */
    default double entropyDensity(double energyDensity) {
        return (energyDensity + pressure(energyDensity)) / temperature(energyDensity);
    }

    /**
     * The constant c_s² of this EOS when P = c_s² ε holds exactly, which enables the closed-form
     * primitive recovery (physics.md eq. 5.1); {@code NaN} for a general EOS.
     */
    default double constantSoundSpeedSquared() {
        return Double.NaN;
    }

    /** Short description for summaries, e.g. {@code "conformal (a = 1)"}. */
    String describe();

    /** The conformal gas P = ε/3, ε = a T⁴ with a = 1 (code units, physics.md §2). */
    static Eos conformal() {
        return ConstantSoundSpeedEos.conformal(1.0);
    }

    /** The conformal gas with Stefan–Boltzmann constant {@code a} (ε = a T⁴). */
    static Eos conformal(double a) {
        return ConstantSoundSpeedEos.conformal(a);
    }

    /** P = c_s² ε with 0 < c_s² ≤ 1/3 and a = 1 (physics.md eq. 2.1). */
    static Eos constantSoundSpeed(double soundSpeedSquared) {
        return new ConstantSoundSpeedEos(soundSpeedSquared, 1.0, false);
    }

    /** P = c_s² ε, ε = a T^{1 + 1/c_s²}. */
    static Eos constantSoundSpeed(double soundSpeedSquared, double a) {
        return new ConstantSoundSpeedEos(soundSpeedSquared, a, false);
    }
}
