package dev.isspectral.ensemble;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of an ensemble run. Executors call it from the thread that called
 * {@link Ensemble#run()} where they can (the local executor always does), so that a notebook shows
 * the lines in the cell that runs the ensemble.
 */
public interface Progress {

    /** The run starts: {@code members} members on {@code executor}. */
    void started(int members, String executor);

    /**
     * {@code done} of {@code total} members have ended, the last of them {@code result}; {@code result}
     * is null from executors that learn only counts while the run goes on (Spark).
     */
    void memberDone(MemberResult result, int done, int total);

    /** The run ended after {@code seconds} with {@code results}. */
    void finished(List<MemberResult> results, double seconds);

    /** Prints nothing. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void started(int members, String executor) {
            }

            @Override
            public void memberDone(MemberResult result, int done, int total) {
            }

            @Override
            public void finished(List<MemberResult> results, double seconds) {
            }
        };
    }

    /** A line at the start, after about every tenth of the members, and a summary at the end, on {@code System.out}. */
    static Progress console() {
        return printingTo(System.out);
    }

    /** As {@link #console()}, on {@code out}. */
    static Progress printingTo(PrintStream out) {
        return new Progress() {
            private long startNanos;
            private int nextReport;
            private int failedSoFar;

            @Override
            public synchronized void started(int members, String executor) {
                startNanos = System.nanoTime();
                failedSoFar = 0;
                nextReport = 1;
                out.printf(Locale.ROOT, "ensemble: %d members on %s%n", members, executor);
            }

            @Override
            public synchronized void memberDone(MemberResult result, int done, int total) {
                if (result != null && result.status() != MemberStatus.OK) {
                    failedSoFar++;
                }
                if (done >= nextReport || done == total) {
                    double elapsed = (System.nanoTime() - startNanos) / 1e9;
                    double left = done == 0 ? Double.NaN : elapsed * (total - done) / done;
                    out.printf(Locale.ROOT, "  %d/%d done%s, %.1f s elapsed, about %.0f s left%n",
                            done, total, result == null ? "" : ", " + failedSoFar + " not ok", elapsed, left);
                    nextReport = done + Math.max(1, total / 10);
                }
            }

            @Override
            public synchronized void finished(List<MemberResult> results, double seconds) {
                Map<MemberStatus, Integer> notOk = new EnumMap<>(MemberStatus.class);
                for (MemberResult r : results) {
                    if (r.status() != MemberStatus.OK) {
                        notOk.merge(r.status(), 1, Integer::sum);
                    }
                }
                StringBuilder sb = new StringBuilder();
                notOk.forEach((s, n) -> sb.append(sb.length() == 0 ? "; not ok: " : ", ").append(n).append(' ').append(s.label()));
                out.printf(Locale.ROOT, "ensemble: %d members in %.1f s (%.2f members/s)%s%n", results.size(), seconds,
                        results.size() / seconds, sb);
            }
        };
    }
}
