package dev.isspectral.ensemble;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One parameter and the values an ensemble gives it. Several axes make the product of their values
 * (the first axis varies slowest). Immutable; every value is checked when the axis is made, so a bad
 * value fails at the line that gave it.
 *
 * <pre>{@code
 * Axis.etaOverS(0.05, 0.1, 0.2)     // η/s
 * Axis.modes(1, 2, 3)               // modes (n, 0, 0)
 * Axis.seeds(42, 8)                 // 8 seeds drawn from master seed 42, the same on every machine
 * }</pre>
 */
public final class Axis {

    private final Parameter parameter;
    private final List<Object> values;

    private Axis(Parameter parameter, List<Object> values) {
        this.parameter = parameter;
        this.values = values;
    }

    /** An axis of {@code parameter} over {@code values} (non-empty, no value twice). */
    public static Axis of(Parameter parameter, List<?> values) {
        if (parameter == null) {
            throw new IllegalArgumentException("parameter = null; must be one of " + java.util.Arrays.toString(Parameter.values()));
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(parameter.label() + " values = []; give at least one value");
        }
        List<Object> checked = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Object v : values) {
            Object c = parameter.check(v);
            if (!seen.add(c)) {
                throw new IllegalArgumentException(parameter.label() + " = " + c + " appears twice; each value must appear once");
            }
            checked.add(c);
        }
        return new Axis(parameter, List.copyOf(checked));
    }

    /** η/s values, each ≥ 0. */
    public static Axis etaOverS(double... values) {
        return doubles(Parameter.ETA_OVER_S, values);
    }

    /** ζ/s values, each ≥ 0 (the base's τ_Π rule applies: kinetic needs c_s² &lt; 1/3). */
    public static Axis zetaOverS(double... values) {
        return doubles(Parameter.ZETA_OVER_S, values);
    }

    /** c_s² values, each in (0, 1/3]. */
    public static Axis soundSpeedSquared(double... values) {
        return doubles(Parameter.SOUND_SPEED_SQUARED, values);
    }

    /** b_π values, each &gt; 0 (causality needs b_π ≥ 2 for a conformal fluid without bulk, physics.md eq. 3.4). */
    public static Axis bPi(double... values) {
        return doubles(Parameter.B_PI, values);
    }

    /** Amplitudes of the base's wave or vortex, each |value| &lt; 1. */
    public static Axis amplitude(double... values) {
        return doubles(Parameter.AMPLITUDE, values);
    }

    /** Modes (n, 0, 0) along x, n ≠ 0. */
    public static Axis modes(int... alongX) {
        List<Object> list = new ArrayList<>();
        for (int n : alongX) {
            list.add(Mode.alongX(n));
        }
        return of(Parameter.MODE, list);
    }

    /** Modes (n_x, n_y, n_z). */
    public static Axis modes(Mode... modes) {
        return of(Parameter.MODE, java.util.Arrays.asList((Object[]) modes));   // a null reaches the check, named
    }

    /** Grids in NT×NX×NY×NZ notation, e.g. {@code "32x16x8x8"}; the base's box lengths are kept. */
    public static Axis grids(String... notations) {
        return of(Parameter.GRID, java.util.Arrays.asList((Object[]) notations));
    }

    /** Seeds of the base's random field. */
    public static Axis seeds(long... seeds) {
        List<Object> list = new ArrayList<>();
        for (long s : seeds) {
            list.add(s);
        }
        return of(Parameter.SEED, list);
    }

    /**
     * {@code count} ≥ 1 seeds drawn from {@code master} with {@link SplittableRandom}: the same seeds on
     * every machine and executor, so a member's result never depends on where or in which order it ran.
     */
    public static Axis seeds(long master, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + "; must be >= 1");
        }
        SplittableRandom random = new SplittableRandom(master);
        Set<Long> drawn = new java.util.LinkedHashSet<>();
        while (drawn.size() < count) {
            drawn.add(random.nextLong());
        }
        return of(Parameter.SEED, List.copyOf(drawn));
    }

    private static Axis doubles(Parameter p, double[] values) {
        List<Object> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return of(p, list);
    }

    public Parameter parameter() {
        return parameter;
    }

    /** The checked values (Double, Mode, String or Long, by parameter). */
    public List<Object> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s", parameter.label(), values);
    }
}
