package dev.isspectral.ensemble;

import java.io.PrintStream;
import java.util.EnumMap;
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

    /** Member {@code result.index()} ended; {@code done} of {@code total} have ended. */
    void memberDone(MemberResult result, int done, int total);

    /** The run ended after {@code seconds}. */
    void finished(int total, double seconds);

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
            public void finished(int total, double seconds) {
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
            private final Map<MemberStatus, Integer> failures = new EnumMap<>(MemberStatus.class);

            @Override
            public synchronized void started(int members, String executor) {
                startNanos = System.nanoTime();
                failures.clear();
                nextReport = 1;
                out.printf(Locale.ROOT, "ensemble: %d members on %s%n", members, executor);
            }

            @Override
            public synchronized void memberDone(MemberResult result, int done, int total) {
                if (result.status() != MemberStatus.OK) {
                    failures.merge(result.status(), 1, Integer::sum);
                }
                if (done >= nextReport || done == total) {
                    double elapsed = (System.nanoTime() - startNanos) / 1e9;
                    double left = done == 0 ? Double.NaN : elapsed * (total - done) / done;
                    out.printf(Locale.ROOT, "  %d/%d done, %d failed, %.1f s elapsed, about %.0f s left%n",
                            done, total, failed(), elapsed, left);
                    nextReport = done + Math.max(1, total / 10);
                }
            }

            @Override
            public synchronized void finished(int total, double seconds) {
                out.printf(Locale.ROOT, "ensemble: %d members in %.1f s (%.2f members/s)%s%n", total, seconds,
                        total / seconds, failures.isEmpty() ? "" : "; not ok: " + describeFailures());
            }

            private int failed() {
                int n = 0;
                for (int c : failures.values()) {
                    n += c;
                }
                return n;
            }

            private String describeFailures() {
                StringBuilder sb = new StringBuilder();
                failures.forEach((s, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(s.label()));
                return sb.toString();
            }
        };
    }
}
