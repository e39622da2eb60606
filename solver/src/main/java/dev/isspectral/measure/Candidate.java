package dev.isspectral.measure;

/**
 * One thing to time: a name and an operation (a solver step, an FFT pair, a whole run). Optional {@code before} and
 * {@code after} actions run around each timed sample, outside its time and allocation windows (e.g. setting the
 * JVM-wide options a candidate expects, and restoring them). Immutable.
 *
 * @param name      shown in tables
 * @param operation the timed operation
 * @param before    run before each sample, untimed
 * @param after     run after each sample, untimed
 */
public record Candidate(String name, Runnable operation, Runnable before, Runnable after) {

    private static final Runnable NOTHING = () -> { };

    public Candidate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = \"" + name + "\"; must be a non-blank label");
        }
        if (operation == null) {
            throw new IllegalArgumentException("operation = null for candidate \"" + name + "\"; must be a Runnable");
        }
        before = before == null ? NOTHING : before;
        after = after == null ? NOTHING : after;
    }

    /** The candidate {@code name} timing {@code operation}. */
    public static Candidate of(String name, Runnable operation) {
        return new Candidate(name, operation, NOTHING, NOTHING);
    }

    /** The same candidate with {@code before} and {@code after} run around each sample, untimed. */
    public Candidate around(Runnable before, Runnable after) {
        return new Candidate(name, operation, before, after);
    }
}
