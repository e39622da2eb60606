package dev.isspectral.ensemble;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs members concurrently in this JVM: as many at once as cores and memory allow, each solver with
 * the cores left to it ({@code Tuning.withThreads}). Immutable; the default ({@link #auto()}) decides
 * both numbers per run:
 * <ul>
 *   <li>at once = min(members, cores, memory budget / bytes per member), at least 1, where the
 *       budget is 60% of the heap not yet used and a member's bytes are 1.5 × the simulation's
 *       {@code estimatedBytes()} (observed primitives and measurement records on top);</li>
 *   <li>threads per member = max(1, cores / at once).</li>
 * </ul>
 * Progress is reported on the calling thread. A member's own failure is a row; an error of the
 * executor itself (out of memory, say) stops the run and is thrown.
 *
 * <p>Solvers with the same thread count > 1 share one process-wide worker team
 * ({@code parallel.Workers.shared}), whose passes run one caller at a time; with one thread per
 * member (the usual case: more members than cores) nothing is shared.
 */
public final class LocalExecutor implements EnsembleExecutor {

    private final int concurrency;        // 0: automatic
    private final int threadsPerMember;   // 0: automatic

    private LocalExecutor(int concurrency, int threadsPerMember) {
        this.concurrency = concurrency;
        this.threadsPerMember = threadsPerMember;
    }

    /** Members at once and threads per member chosen from cores and memory (the default). */
    public static LocalExecutor auto() {
        return new LocalExecutor(0, 0);
    }

    /** One member at a time on all cores: what a plain loop over the members does. */
    public static LocalExecutor sequential() {
        return new LocalExecutor(1, 0);
    }

    /** At most {@code n} members at once, 1 … 1024. */
    public LocalExecutor concurrency(int n) {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("concurrency = " + n + "; must be in [1, 1024]");
        }
        return new LocalExecutor(n, threadsPerMember);
    }

    /** Threads of each member's solver, 1 … 256. */
    public LocalExecutor threadsPerMember(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threadsPerMember = " + n + "; must be in [1, 256]");
        }
        return new LocalExecutor(concurrency, n);
    }

    /** Members at once and threads each for this plan and these members: {@code {atOnce, threads}}. */
    public int[] layout(EnsemblePlan plan, List<Member> members) {
        int cores = Runtime.getRuntime().availableProcessors();
        int atOnce = concurrency;
        if (atOnce == 0) {
            long perMember = 1;
            for (Member m : members) {
                perMember = Math.max(perMember, (long) (1.5 * plan.estimatedBytes(m)));
            }
            Runtime rt = Runtime.getRuntime();
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            long byMemory = Math.max(1, (long) (0.6 * free) / perMember);
            atOnce = (int) Math.max(1, Math.min(Math.min(cores, members.size()), byMemory));
        }
        atOnce = Math.max(1, Math.min(atOnce, Math.max(1, members.size())));
        int threads = threadsPerMember > 0 ? threadsPerMember : Math.max(1, cores / atOnce);
        return new int[] {atOnce, threads};
    }

    @Override
    public List<MemberResult> execute(EnsemblePlan plan, List<Member> members, Progress progress) {
        int[] layout = layout(plan, members);
        int atOnce = layout[0];
        int threads = layout[1];
        long start = System.nanoTime();
        progress.started(members.size(), String.format(Locale.ROOT, "local (%d at once, %d thread%s each)",
                atOnce, threads, threads == 1 ? "" : "s"));
        MemberResult[] results = new MemberResult[members.size()];
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "is-spectral-ensemble-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<MemberResult> done = new ExecutorCompletionService<>(pool);
            for (Member m : members) {
                done.submit(() -> plan.run(m, threads));
            }
            java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
            for (int i = 0; i < members.size(); i++) {
                position.put(members.get(i).index(), i);
            }
            for (int finished = 1; finished <= members.size(); finished++) {
                MemberResult r = done.take().get();
                results[position.get(r.index())] = r;
                progress.memberDone(r, finished, members.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ensemble interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ensemble executor failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<MemberResult> list = Arrays.asList(results);
        progress.finished(list, (System.nanoTime() - start) / 1e9);
        return list;
    }

    @Override
    public String describe() {
        if (concurrency == 1 && threadsPerMember == 0) {
            return "local, one member at a time on all cores";
        }
        return "local (" + (concurrency == 0 ? "members at once from cores and memory" : concurrency + " at once")
                + ", " + (threadsPerMember == 0 ? "threads from cores" : threadsPerMember + (threadsPerMember == 1 ? " thread each" : " threads each")) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
