package dev.isspectral.physics;

/**
 * Primitive fields recovered from the evolved state (physics.md §5): energy density ε, velocity v,
 * and (optionally) the dependent shear components π^zz, π^0i, π^00 of (1.3)–(1.5). One array per
 * quantity, allocated once; the velocity arrays also carry the initial guess of the next recovery.
 */
public final class Primitives {

    /** ε. */
    public final double[] energyDensity;
    /** v^x. */
    public final double[] vx;
    /** v^y. */
    public final double[] vy;
    /** v^z. */
    public final double[] vz;
    /** π^00. */
    public final double[] pi00;
    /** π^0x. */
    public final double[] pi0x;
    /** π^0y. */
    public final double[] pi0y;
    /** π^0z. */
    public final double[] pi0z;
    /** π^zz. */
    public final double[] pizz;

    /** Zeroed primitives for {@code points} points, with the dependent shear components. */
    public Primitives(int points) {
        this(points, true);
    }

    /**
     * Zeroed primitives for {@code points} points; without {@code dependentShear} only ε and v are held
     * (π^zz, π^0i, π^00 are null: a user that rebuilds them from v, like the right-hand side's kernel,
     * saves five arrays per point).
     */
    public Primitives(int points, boolean dependentShear) {
        energyDensity = new double[points];
        vx = new double[points];
        vy = new double[points];
        vz = new double[points];
        pi00 = dependentShear ? new double[points] : null;
        pi0x = dependentShear ? new double[points] : null;
        pi0y = dependentShear ? new double[points] : null;
        pi0z = dependentShear ? new double[points] : null;
        pizz = dependentShear ? new double[points] : null;
    }

    /** Doubles per point held by primitives with or without the dependent shear components. */
    public static int storagePerPoint(boolean dependentShear) {
        return dependentShear ? 9 : 4;
    }

    /** Whether the dependent shear components π^zz, π^0i, π^00 are held. */
    public boolean hasDependentShear() {
        return pizz != null;
    }

    /** Number of points. */
    public int points() {
        return energyDensity.length;
    }

    /** Bytes held. */
    public long bytesHeld() {
        return 8L * storagePerPoint(hasDependentShear()) * energyDensity.length;
    }

    /** Copies every array of {@code other} that both hold. */
    public void copyFrom(Primitives other) {
        System.arraycopy(other.energyDensity, 0, energyDensity, 0, energyDensity.length);
        System.arraycopy(other.vx, 0, vx, 0, vx.length);
        System.arraycopy(other.vy, 0, vy, 0, vy.length);
        System.arraycopy(other.vz, 0, vz, 0, vz.length);
        if (hasDependentShear() && other.hasDependentShear()) {
            System.arraycopy(other.pi00, 0, pi00, 0, pi00.length);
            System.arraycopy(other.pi0x, 0, pi0x, 0, pi0x.length);
            System.arraycopy(other.pi0y, 0, pi0y, 0, pi0y.length);
            System.arraycopy(other.pi0z, 0, pi0z, 0, pi0z.length);
            System.arraycopy(other.pizz, 0, pizz, 0, pizz.length);
        }
    }
}
