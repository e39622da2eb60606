package dev.isspectral.fftw.bench;

import dev.isspectral.bench.Workload;
import dev.isspectral.fftw.FftwEngine;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import java.time.Duration;
import java.util.Locale;

/**
 * What the copies between Java arrays and FFTW's native buffers cost in a step (issue 13, "fields in native memory"):
 * the {@code bench targets} workload on FFTW, one transform at a time and batched ({@link Tuning#withBatchedTransforms}),
 * stepped interleaved ({@link Measure}); for each, the median step time with its 95% interval and the copy time per
 * step that {@link FftwEngine#copyNanos()} counts (on the batched path each thread copies its own fields at once, so
 * its thread time is divided by the thread count), as a share of the step: the most that keeping fields in native
 * memory could save. Not a test; prints Markdown.
 *
 * <p>Arguments: {@code [grid] [threads] [budget seconds]}, default {@code 128x64x64 2 60}.
 */
public final class CopyShare {

    private CopyShare() {
    }

    public static void main(String[] args) {
        Grid grid = Grid.parse(args.length > 0 ? args[0] : "128x64x64");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int budget = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Tuning base = Workload.optimized("fftw").withThreads(threads);
        Tuning[] tunings = {base.withBatchedTransforms(false), base.withBatchedTransforms(true)};
        String[] names = {"one transform at a time", "batched"};
        int n = tunings.length;
        Solver[] solvers = new Solver[n];
        FftwEngine[] engines = new FftwEngine[n];
        long[] steps = new long[n];
        for (int i = 0; i < n; i++) {
            solvers[i] = Workload.simulation(grid, tunings[i]).start(Instrumentation.NONE);
            if (!(solvers[i].fftEngine() instanceof FftwEngine e)) {
                throw new IllegalStateException("FFTW did not load: the engine is " + solvers[i].fftEngine());
            }
            engines[i] = e;
        }
        RunContext context = RunContext.start();
        long[] copy0 = new long[n];
        Candidate[] candidates = new Candidate[n];
        for (int i = 0; i < n; i++) {
            copy0[i] = engines[i].copyNanos();
            int c = i;
            candidates[i] = Candidate.of(names[i], () -> {
                solvers[c].step();
                steps[c]++;
            });
        }
        Measurement m = Measure.of(candidates).named("FFTW copies").budget(Duration.ofSeconds(budget)).minSample(Duration.ZERO).run();
        System.out.printf(Locale.ROOT, "FFTW copies between Java arrays and native buffers, %s, %d thread%s (bench targets "
                        + "workload, optimized tuning; interleaved; copy time is the mean over every step run, warm-up included); %s%n%n"
                        + "| transforms | s/step [95%% CI] | copies: ms/step | copy share of the step |%n|---|---|---|---|%n",
                grid.boxNotation(), threads, threads == 1 ? "" : "s", context.finish());
        for (int i = 0; i < n; i++) {
            boolean batched = tunings[i].batchedTransforms();
            double copyMs = (engines[i].copyNanos() - copy0[i]) / 1e6 / Math.max(1, steps[i]) / (batched ? threads : 1);
            double stepMs = 1e3 * m.time(i).median();
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.0f%% |%n", names[i], m.time(i).formatShort(), copyMs,
                    100 * copyMs / stepMs);
        }
    }
}
