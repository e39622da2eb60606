package dev.isspectral.sim;

import dev.isspectral.state.Field;
import java.util.Locale;

/** A field became NaN or infinite; names the step, the field, the grid index and the value. */
public final class NonFiniteFieldException extends SimulationException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final transient Field field;
    private final int[] index;

    NonFiniteFieldException(long step, double time, Field field, int i, int j, int k, double value) {
        super(String.format(Locale.ROOT, "field %s is %s at step %d (t = %.6g), grid index (%d, %d, %d)",
                field.label(), value, step, time, i, j, k));
        this.step = step;
        this.field = field;
        this.index = new int[] {i, j, k};
    }

    public long step() {
        return step;
    }

    public Field field() {
        return field;
    }

    /** Grid index (i, j, k). */
    public int[] gridIndex() {
        return index.clone();
    }
}
