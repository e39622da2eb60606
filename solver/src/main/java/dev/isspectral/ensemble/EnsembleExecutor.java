package dev.isspectral.ensemble;

import java.util.List;

/**
 * Runs the members of an ensemble and returns one result per member, in member order. Results must
 * not depend on the executor or on the order members run in: every executor calls
 * {@link EnsemblePlan#run(Member, int)}, which is deterministic.
 */
public interface EnsembleExecutor {

    /** Runs {@code members} of {@code plan}; one result per member, ordered by member index. */
    List<MemberResult> execute(EnsemblePlan plan, List<Member> members, Progress progress);

    /** Whether the plan must be serialisable (its base travels as a {@link SimulationRecipe}). */
    default boolean needsPortablePlan() {
        return false;
    }

    /** One line for summaries, e.g. {@code "local (2 at once, 1 thread each)"}. */
    String describe();
}
