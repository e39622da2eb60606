package dev.isspectral.ensemble;

/** How a member ended; its {@link #label()} fills the {@code status} column. */
public enum MemberStatus {
    /** Ran to the end and was measured. */
    OK("ok"),
    /** Its parameters do not make a valid simulation (causality, a mode the grid cannot hold, ...). */
    INVALID("invalid"),
    /** Primitive recovery failed (physics.md §5, failure modes). */
    RECOVERY_FAILED("recovery_failed"),
    /** A field became NaN or infinite. */
    NON_FINITE("non_finite"),
    /** Any other error (a measurement that could not fit, say). */
    FAILED("failed");

    private final String label;

    MemberStatus(String label) {
        this.label = label;
    }

    /** The text in the {@code status} column. */
    public String label() {
        return label;
    }
}
