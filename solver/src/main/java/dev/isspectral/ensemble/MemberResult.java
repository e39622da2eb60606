package dev.isspectral.ensemble;

import java.io.Serializable;

/**
 * What one member returns: a small serialisable record that becomes one row of the results.
 *
 * @param index   the member's index
 * @param status  how it ended
 * @param error   the error message (empty when {@link MemberStatus#OK})
 * @param steps   steps taken
 * @param time    simulated time reached
 * @param seconds wall time of the member (build, run and measurement), seconds
 * @param threads threads the member's solver used
 * @param values  the measured values in the order of the plan's value columns (NaN where not measured)
 */
public record MemberResult(int index, MemberStatus status, String error, long steps, double time, double seconds,
                           int threads, double[] values) implements Serializable {

    public MemberResult {
        error = error == null ? "" : error;
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
