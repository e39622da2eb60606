package dev.isspectral.ensemble;

import java.util.List;

/**
 * A setting of the base simulation that an ensemble varies. Each parameter names its table
 * column(s) and checks a single value at the line that gives it; whether a combination of values is
 * allowed (causality, physics.md eq. 3.4, say) is found when the member is built, and a member that
 * is not allowed becomes a row with status {@link MemberStatus#INVALID}.
 */
public enum Parameter {

    /** η/s ≥ 0 (physics.md eq. 3.1); column {@code eta_over_s}. */
    ETA_OVER_S("eta_over_s"),
    /** ζ/s ≥ 0 (physics.md eq. 3.1); column {@code zeta_over_s}. */
    ZETA_OVER_S("zeta_over_s"),
    /** c_s² in (0, 1/3] of the constant-c_s² EOS (physics.md eq. 2.1), a of the base EOS kept; column {@code cs2}. */
    SOUND_SPEED_SQUARED("cs2"),
    /** b_π > 0 of τ_π = b_π η/(ε + P) (physics.md eq. 3.2); column {@code b_pi}. */
    B_PI("b_pi"),
    /** Amplitude of the base's wave or vortex (sound wave A, shear wave or Taylor–Green V), |value| < 1; column {@code amplitude}. */
    AMPLITUDE("amplitude"),
    /** Mode numbers of the base's sound or shear wave; columns {@code mode_x}, {@code mode_y}, {@code mode_z}. */
    MODE("mode_x", "mode_y", "mode_z"),
    /** Grid in NT×NX×NY×NZ notation, box lengths of the base kept; column {@code grid}. */
    GRID("grid"),
    /** Seed of the base's random field (physics.md §7.0); column {@code seed}. */
    SEED("seed");

    private final List<String> columns;

    Parameter(String... columns) {
        this.columns = List.of(columns);
    }

    /** The table columns this parameter fills, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Checks one value; throws IllegalArgumentException naming the parameter, the value and what is allowed. */
    Object check(Object value) {
        switch (this) {
            case ETA_OVER_S, ZETA_OVER_S -> {
                double v = number(value);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(label() + " = " + v + "; must be a finite number >= 0");
                }
                return v;
            }
            case SOUND_SPEED_SQUARED -> {
                double v = number(value);
                if (!(v > 0 && v <= 1.0 / 3.0)) {
                    throw new IllegalArgumentException(label() + " = " + v + "; must be in (0, 1/3] (physics.md eq. 2.1)");
                }
                return v;
            }
            case B_PI -> {
                double v = number(value);
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(label() + " = " + v + "; must be a finite number > 0");
                }
                return v;
            }
            case AMPLITUDE -> {
                double v = number(value);
                if (!(Math.abs(v) < 1)) {
                    throw new IllegalArgumentException(label() + " = " + v + "; must satisfy |amplitude| < 1");
                }
                return v;
            }
            case MODE -> {
                if (!(value instanceof Mode)) {
                    throw new IllegalArgumentException(label() + " = " + value + "; must be a Mode such as Mode.alongX(2)");
                }
                return value;
            }
            case GRID -> {
                if (!(value instanceof String s)) {
                    throw new IllegalArgumentException(label() + " = " + value + "; must be a grid such as \"32x32x16x16\"");
                }
                dev.isspectral.grid.Grid.parse(s);
                return s;
            }
            case SEED -> {
                if (!(value instanceof Long || value instanceof Integer)) {
                    throw new IllegalArgumentException(label() + " = " + value + "; must be a whole number (long)");
                }
                return ((Number) value).longValue();
            }
            default -> throw new AssertionError(this);
        }
    }

    /** The parameter as users write it, e.g. {@code etaOverS}. */
    public String label() {
        return switch (this) {
            case ETA_OVER_S -> "etaOverS";
            case ZETA_OVER_S -> "zetaOverS";
            case SOUND_SPEED_SQUARED -> "soundSpeedSquared";
            case B_PI -> "bPi";
            case AMPLITUDE -> "amplitude";
            case MODE -> "mode";
            case GRID -> "grid";
            case SEED -> "seed";
        };
    }

    private double number(Object value) {
        if (!(value instanceof Double || value instanceof Float || value instanceof Integer || value instanceof Long)) {
            throw new IllegalArgumentException(label() + " = " + value + "; must be a number");
        }
        return ((Number) value).doubleValue();
    }
}
