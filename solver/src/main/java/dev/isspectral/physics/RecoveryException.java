package dev.isspectral.physics;

import dev.isspectral.state.Field;
import java.util.Locale;

/**
 * Primitive recovery failed at one grid point (physics.md §5, failure modes): the state is not
 * admissible (|v| would reach 1), ε ≤ 0 or non-finite, or the iteration did not converge.
 * The message names the step, stage, grid index (i, j, k) and the values there.
 */
public final class RecoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final int stage;
    private final int i;
    private final int j;
    private final int k;

    RecoveryException(String reason, long step, int stage, int i, int j, int k, double[] evolved, double vx, double vy, double vz) {
        super(String.format(Locale.ROOT,
                "primitive recovery failed at step %d, stage %d, grid index (%d, %d, %d): %s; "
                        + "T00 = %.17g, T0x = %.17g, T0y = %.17g, T0z = %.17g, Pi = %.17g, "
                        + "pi_xx = %.17g, pi_yy = %.17g, pi_xy = %.17g, pi_xz = %.17g, pi_yz = %.17g, last v = (%.17g, %.17g, %.17g)",
                step, stage, i, j, k, nonFiniteField(evolved, reason), evolved[0], evolved[1], evolved[2], evolved[3], evolved[4],
                evolved[5], evolved[6], evolved[7], evolved[8], evolved[9], vx, vy, vz));
        this.step = step;
        this.stage = stage;
        this.i = i;
        this.j = j;
        this.k = k;
    }

    /**
     * A non-finite evolved value is the cause of any failure it comes with (the recovery would
     * otherwise blame |v| or ε for a NaN): name the first such field instead of {@code reason}.
     */
    private static String nonFiniteField(double[] evolved, String reason) {
        for (int f = 0; f < Field.COUNT; f++) {
            if (!Double.isFinite(evolved[f])) {
                return "field " + Field.values()[f].label() + " is " + evolved[f] + " (not finite)";
            }
        }
        return reason;
    }

    public long step() {
        return step;
    }

    public int stage() {
        return stage;
    }

    /** Grid index (i, j, k) of the failing point. */
    public int[] gridIndex() {
        return new int[] {i, j, k};
    }
}
