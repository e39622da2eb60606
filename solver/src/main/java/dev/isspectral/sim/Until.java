package dev.isspectral.sim;

import java.util.Locale;

/** When a run stops: after a number of steps or at a simulated time. */
public final class Until {

    private final long steps;
    private final double time;

    private Until(long steps, double time) {
        this.steps = steps;
        this.time = time;
    }

    /** Stop after {@code n} ≥ 0 more steps. */
    public static Until steps(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("steps = " + n + "; must be >= 0");
        }
        return new Until(n, Double.NaN);
    }

    /**
     * Stop when the simulated time reaches {@code t} ≥ 0; the last step is shortened to land on
     * {@code t} exactly.
     */
    public static Until time(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("time = " + t + "; must be a finite number >= 0");
        }
        return new Until(-1, t);
    }

    /** Steps to take, or −1 when stopping at a time. */
    public long stepCount() {
        return steps;
    }

    /** End time, or NaN when stopping after a number of steps. */
    public double endTime() {
        return time;
    }

    public boolean byTime() {
        return steps < 0;
    }

    @Override
    public String toString() {
        return byTime() ? String.format(Locale.ROOT, "until t = %.6g", time) : "for " + steps + " steps";
    }
}
