package dev.isspectral.measure;

/**
 * A target row's verdict, read from the interval, never from the median alone: {@link #PASS} only when the
 * whole interval is on the good side of the bound, {@link #MISS} only when it is wholly on the bad side,
 * {@link #INCONCLUSIVE} when the interval straddles the bound (or nothing was measured), {@link #INFO} for a row
 * without a bound.
 */
public enum Verdict {
    PASS, MISS, INCONCLUSIVE, INFO;

    /**
     * The verdict of {@code e} against {@code bound} under {@code relation}: "<" or "<=" (smaller is good),
     * ">" or ">=" (larger is good), "=" (PASS only when the whole interval is the bound, MISS when it excludes it);
     * "" or a NaN bound gives {@link #INFO}.
     */
    public static Verdict of(Estimate e, String relation, double bound) {
        if (relation == null || relation.isEmpty() || Double.isNaN(bound)) {
            return INFO;
        }
        if (!e.isMeasured()) {
            return INCONCLUSIVE;
        }
        return switch (relation) {
            case "<" -> e.high() < bound ? PASS : e.low() >= bound ? MISS : INCONCLUSIVE;
            case "<=" -> e.high() <= bound ? PASS : e.low() > bound ? MISS : INCONCLUSIVE;
            case ">" -> e.low() > bound ? PASS : e.high() <= bound ? MISS : INCONCLUSIVE;
            case ">=" -> e.low() >= bound ? PASS : e.high() < bound ? MISS : INCONCLUSIVE;
            case "=" -> e.low() == bound && e.high() == bound ? PASS : e.contains(bound) ? INCONCLUSIVE : MISS;
            default -> throw new IllegalArgumentException("relation = \"" + relation + "\"; must be <, <=, >, >=, = or \"\"");
        };
    }
}
