package dev.isspectral.physics;

import java.util.Locale;

/**
 * P = c_s² ε, ε = a T^{1 + 1/c_s²}, T = (ε/a)^{c_s²/(1 + c_s²)}, s = (1 + c_s²) ε/T
 * (physics.md eq. 2.1). With c_s² = 1/3 this is the conformal gas ε = a T⁴.
 */
public final class ConstantSoundSpeedEos implements Eos {

    private final double cs2;
    private final double a;
    private final boolean conformal;
    private final double temperatureExponent;

    ConstantSoundSpeedEos(double soundSpeedSquared, double a, boolean conformal) {
        if (!(soundSpeedSquared > 0 && soundSpeedSquared <= 1.0 / 3.0)) {
            throw new IllegalArgumentException("soundSpeedSquared = " + soundSpeedSquared
                    + "; must be in (0, 1/3] (c_s^2 > 1/3 is not a kinetic-theory gas)");
        }
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("a = " + a + "; must be a finite number > 0 (eps = a T^(1+1/cs2))");
        }
        this.cs2 = soundSpeedSquared;
        this.a = a;
        this.conformal = conformal;
        this.temperatureExponent = soundSpeedSquared / (1 + soundSpeedSquared);
    }

    static ConstantSoundSpeedEos conformal(double a) {
        return new ConstantSoundSpeedEos(1.0 / 3.0, a, true);
    }

    /** The coefficient a of ε = a T^{1 + 1/c_s²}. */
    public double a() {
        return a;
    }

    @Override
    public double pressure(double energyDensity) {
        return cs2 * energyDensity;
    }

    @Override
    public double soundSpeedSquared(double energyDensity) {
        return cs2;
    }

    @Override
    public double temperature(double energyDensity) {
        return conformal ? Math.sqrt(Math.sqrt(energyDensity / a)) : Math.pow(energyDensity / a, temperatureExponent);
    }

    @Override
    public double entropyDensity(double energyDensity) {
        return (1 + cs2) * energyDensity / temperature(energyDensity);
    }

    @Override
    public double constantSoundSpeedSquared() {
        return cs2;
    }

    @Override
    public String describe() {
        return conformal
                ? String.format(Locale.ROOT, "conformal, P = eps/3, eps = a T^4, a = %.6g", a)
                : String.format(Locale.ROOT, "constant c_s^2 = %.6g, a = %.6g", cs2, a);
    }

    @Override
    public String toString() {
        return describe();
    }
}
