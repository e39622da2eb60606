package dev.isspectral.ensemble;

import java.io.Serializable;
import java.util.Map;

/**
 * One member of an ensemble as it travels to an executor: its index and its parameter values, a
 * small serialisable record (never the simulation itself, which the executor builds from the plan).
 *
 * @param index  0-based position in the ensemble (the row order of the results)
 * @param values the parameter values of this member (Double, Mode, String or Long by parameter)
 */
public record Member(int index, Map<Parameter, Object> values) implements Serializable {

    public Member {
        if (index < 0) {
            throw new IllegalArgumentException("index = " + index + "; must be >= 0");
        }
        values = Map.copyOf(values);
    }

    /** The value of {@code p}, or null when this member keeps the base's. */
    public Object get(Parameter p) {
        return values.get(p);
    }

    /** The value of a numeric parameter, or NaN when this member keeps the base's. */
    public double number(Parameter p) {
        Object v = values.get(p);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
