package dev.isspectral.sim;

/** Which steps a run records: every n-th step (and always the initial state and the last step). */
public final class Schedule {

    private final int interval;

    private Schedule(int interval) {
        this.interval = interval;
    }

    /** Every {@code n} ≥ 1 steps. */
    public static Schedule every(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("interval = " + n + "; must be >= 1");
        }
        return new Schedule(n);
    }

    /** Every step. */
    public static Schedule everyStep() {
        return new Schedule(1);
    }

    public int interval() {
        return interval;
    }

    /** Whether step {@code step} (0 = the initial state) is recorded. */
    public boolean includes(long step) {
        return step % interval == 0;
    }

    @Override
    public String toString() {
        return "every " + interval + (interval == 1 ? " step" : " steps");
    }
}
