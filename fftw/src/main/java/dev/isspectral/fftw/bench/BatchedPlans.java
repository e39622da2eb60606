package dev.isspectral.fftw.bench;

import static org.bytedeco.fftw.global.fftw3.FFTW_MEASURE;
import static org.bytedeco.fftw.global.fftw3.fftw_alloc_real;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_execute;
import static org.bytedeco.fftw.global.fftw3.fftw_free;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_many_dft_c2r;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_many_dft_r2c;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_with_nthreads;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.files.AtomicFiles;
import dev.isspectral.fftw.FftwBackend;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.parallel.Workers;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Issue 13's lever "batched transforms: run them as one batched plan or as one-thread transforms side by side on the
 * team, whichever is faster per size", measured for the step's groups of independent transforms. For a group of k
 * transforms of one grid, these ways are timed interleaved ({@link Measure}), forward and inverse:
 * <ul>
 *   <li><b>the step's way</b>: what the step does, {@link FftEngine#forwardEach} / {@link FftEngine#inverseEach} of
 *       the FFTW engine: whole one-thread transforms side by side on the team's threads, each copied between the
 *       caller's Java array and the lane's native buffers; the transforms left over from a multiple of the team's
 *       size, and every one on a team wider than the group, one at a time split over the team (FftwEngine's team
 *       split);</li>
 *   <li><b>one batched plan</b>: one FFTW plan for all k ({@code fftw_plan_many_dft_r2c} / {@code _c2r}, howmany = k)
 *       on FFTW's own threads, as many as the team has, its input copied from the k Java arrays into one native
 *       buffer and its output copied back (split over the team; the inverse scaled by 1/N as it is copied, as the
 *       engine does);</li>
 *   <li><b>one batched plan, no copies</b> (forward only): the same plan alone, on data already in native memory: what
 *       it could give if every field lived in FFTW's memory (FFTW's multi-dimensional c2r destroys its input, so an
 *       inverse could not be repeated without copying its input in again).</li>
 * </ul>
 * Both plans are made with FFTW_MEASURE, the optimized tuning's planner. Before timing, the batched plan's spectra are
 * checked against the step's (they must agree to 1e-12 of the largest coefficient), so the candidates
 * compute the same transforms. Not a test; writes Markdown.
 *
 * <p>Arguments: {@code [--grids G,...] [--groups K,...] [--threads T] [--budget SECONDS] [--out FILE.md]}, defaults
 * {@code 64x32x32,128x64x64}, {@code 4,9,12} (the step's groups: the gradients' four forward transforms, the flux
 * divergence's nine, the gradients' twelve inverse ones), the machine's cores and 20 s per grid and group.
 */
public final class BatchedPlans {

    /** Agreement required between the batched plan's spectra and the step's, relative to the largest. */
    static final double AGREEMENT = 1e-12;

    private BatchedPlans() {
    }

    /** One grid and group size, measured: the five candidates' {@link Measurement} (forward three, inverse two). */
    record Row(Grid grid, int group, Measurement measurement, double difference) {
    }

    public static void main(String[] args) throws IOException {
        List<Grid> grids = new ArrayList<>(List.of(Grid.parse("64x32x32"), Grid.parse("128x64x64")));
        List<Integer> groups = new ArrayList<>(List.of(4, 9, 12));
        int threads = Runtime.getRuntime().availableProcessors();
        int budget = 20;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--grids" -> {
                    grids.clear();
                    for (String g : require(args[i], value).split(",")) {
                        grids.add(Grid.parse(g));
                    }
                }
                case "--groups" -> {
                    groups.clear();
                    for (String g : require(args[i], value).split(",")) {
                        groups.add(positive("--groups", g));
                    }
                }
                case "--threads" -> threads = positive("--threads", require(args[i], value));
                case "--budget" -> budget = positive("--budget", require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                default -> throw new IllegalArgumentException("option " + args[i]
                        + " is not known; allowed: --grids, --groups, --threads, --budget, --out");
            }
            i++;
        }
        RunContext context = RunContext.start();
        List<Row> rows = new ArrayList<>();
        for (Grid grid : grids) {
            for (int k : groups) {
                System.err.printf(Locale.ROOT, "batched plans: %s, group of %d ...%n", grid.boxNotation(), k);
                rows.add(measure(grid, k, threads, Duration.ofSeconds(budget)));
            }
        }
        String text = markdown(rows, threads, budget, context.finish(), String.join(" ", args));
        System.out.print(text);
        if (out != null) {
            AtomicFiles.write(out, text);
            System.err.println("wrote " + out);
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(option + " = " + value + "; must be a whole number >= 1");
    }

    /** The three ways for a group of {@code k} transforms of {@code grid} on {@code threads} threads, interleaved. */
    static Row measure(Grid grid, int k, int threads, Duration budget) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        int n = nx * ny * nz;
        int spectrumLength = 2 * nx * ny * (nz / 2 + 1);
        Workers team = Workers.shared(threads);
        FftEngine engine = FftEngines.create(FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(threads),
                nx, ny, nz);
        engine.lanes().open(threads);
        double[][] reals = new double[k][n];
        double[][] spectra = new double[k][spectrumLength];
        double[][] check = new double[k][spectrumLength];
        SplittableRandom random = new SplittableRandom(13);
        for (double[] real : reals) {
            for (int q = 0; q < n; q++) {
                real[q] = random.nextDouble() - 0.5;
            }
        }
        if ((long) k * spectrumLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("group = " + k + " of " + grid.boxNotation() + "; the batch must hold at most "
                    + Integer.MAX_VALUE + " doubles, " + (Integer.MAX_VALUE / spectrumLength) + " spectra of this grid");
        }
        DoublePointer realBuffer = fftw_alloc_real((long) k * n);
        DoublePointer spectrumBuffer = fftw_alloc_real((long) k * spectrumLength);
        fftw_plan forwardPlan;
        fftw_plan inversePlan;
        IntPointer dims = new IntPointer(nx, ny, nz);
        synchronized (FftwBackend.PLANNER_LOCK) {
            fftw_plan_with_nthreads(threads);
            forwardPlan = fftw_plan_many_dft_r2c(3, dims, k, realBuffer, (IntPointer) null, 1, n, spectrumBuffer,
                    (IntPointer) null, 1, spectrumLength / 2, (int) FFTW_MEASURE);
            inversePlan = fftw_plan_many_dft_c2r(3, dims, k, spectrumBuffer, (IntPointer) null, 1, spectrumLength / 2,
                    realBuffer, (IntPointer) null, 1, n, (int) FFTW_MEASURE);
            fftw_plan_with_nthreads(1);
        }
        if (forwardPlan == null || forwardPlan.isNull() || inversePlan == null || inversePlan.isNull()) {
            throw new IllegalStateException("FFTW could not make a batched plan of " + k + " x " + grid.boxNotation());
        }
        try {
            realBuffer.capacity((long) k * n);
            spectrumBuffer.capacity((long) k * spectrumLength);
            DoubleBuffer realView = realBuffer.asBuffer();
            DoubleBuffer spectrumView = spectrumBuffer.asBuffer();
            double scale = 1.0 / n;
            Workers.Chunk realsIn = (t, from, to) -> {
                for (int j = from; j < to; j++) {
                    realView.put(j * n, reals[j], 0, n);
                }
            };
            Workers.Chunk spectraOut = (t, from, to) -> {
                for (int j = from; j < to; j++) {
                    spectrumView.get(j * spectrumLength, spectra[j], 0, spectrumLength);
                }
            };
            Workers.Chunk spectraIn = (t, from, to) -> {
                for (int j = from; j < to; j++) {
                    spectrumView.put(j * spectrumLength, spectra[j], 0, spectrumLength);
                }
            };
            Workers.Chunk realsOutScaled = (t, from, to) -> {
                for (int j = from; j < to; j++) {
                    double[] real = reals[j];
                    for (int b = 0; b < n; b += 4096) {
                        int e = Math.min(n, b + 4096);
                        realView.get(j * n + b, real, b, e - b);
                        for (int q = b; q < e; q++) {
                            real[q] *= scale;
                        }
                    }
                }
            };
            // the same transforms: the batched plan's spectra against the step's
            engine.forwardEach(reals, check, k, team);
            team.forEachItem(k, realsIn);
            fftw_execute(forwardPlan);
            team.forEachItem(k, spectraOut);
            double difference = relativeDifference(spectra, check);
            if (!(difference <= AGREEMENT)) {
                throw new IllegalStateException("the batched plan's spectra differ from the step's by "
                        + difference + " of the largest coefficient (allowed " + AGREEMENT + ")");
            }
            // timed candidates: every inverse overwrites reals with what the forward made them into, to round-off
            Measurement m = Measure.of(
                    Candidate.of("forward, the step's way", () -> engine.forwardEach(reals, spectra, k, team)),
                    Candidate.of("forward, one batched plan", () -> {
                        team.forEachItem(k, realsIn);
                        fftw_execute(forwardPlan);
                        team.forEachItem(k, spectraOut);
                    }),
                    Candidate.of("forward, one batched plan, no copies", () -> fftw_execute(forwardPlan)),
                    Candidate.of("inverse, the step's way", () -> engine.inverseEach(spectra, reals, k, team)),
                    Candidate.of("inverse, one batched plan", () -> {
                        team.forEachItem(k, spectraIn);
                        fftw_execute(inversePlan);
                        team.forEachItem(k, realsOutScaled);
                    }))
                    .named("batched plans " + grid.boxNotation() + " x" + k).budget(budget).run();
            return new Row(grid, k, m, difference);
        } finally {
            fftw_destroy_plan(forwardPlan);
            fftw_destroy_plan(inversePlan);
            fftw_free(realBuffer);
            fftw_free(spectrumBuffer);
            engine.close();
        }
    }

    static double relativeDifference(double[][] a, double[][] b) {
        double largest = 0;
        double difference = 0;
        for (int j = 0; j < a.length; j++) {
            for (int q = 0; q < a[j].length; q++) {
                largest = Math.max(largest, Math.abs(b[j][q]));
                difference = Math.max(difference, Math.abs(a[j][q] - b[j][q]));
            }
        }
        return largest == 0 ? difference : difference / largest;
    }

    static String markdown(List<Row> rows, int threads, int budget, RunContext context, String arguments) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "#### One batched FFTW plan per group against the step's own transforms (%d "
                + "thread%s)%n%n", threads, threads == 1 ? "" : "s"));
        s.append("| grid | group | direction | the step's way: ms [95% CI] | one batched plan: ms [95% CI] | batched / the"
                + " step's [95% CI] | batched plan, no copies: ms | no copies / the step's [95% CI] | rounds |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Measurement m = row.measurement();
            for (int d = 0; d < 2; d++) {
                int side = 3 * d;
                boolean forward = d == 0;
                s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %d |%n",
                        row.grid().boxNotation(), row.group(), forward ? "forward" : "inverse",
                        ms(m, side), ms(m, side + 1), m.ratio(side + 1, side).formatShort(), forward ? ms(m, 2) : "—",
                        forward ? m.ratio(2, 0).formatShort() : "—", m.rounds()));
            }
        }
        s.append('\n');
        s.append("Each group: the k transforms of one of the step's groups (independent fields), timed interleaved in "
                + "rotated rounds with the project's method; a ratio above 1 means the batched plan is slower. The "
                + "batched plan's spectra agreed with the step's to ");
        double worst = 0;
        for (Row row : rows) {
            worst = Math.max(worst, row.difference());
        }
        s.append(String.format(Locale.ROOT, "%.1e of the largest coefficient (at most). \"No copies\" times the forward "
                + "plan alone on data already in native memory (FFTW's multi-dimensional c2r destroys its input, so the "
                + "inverse has no such row: each call would need its input copied in again). Both plans FFTW_MEASURE; the batched plan on %d FFTW "
                + "thread%s; the step's way: whole one-thread transforms side by side on its team of %d, %s.%n%n", worst,
                threads, threads == 1 ? "" : "s", threads, leftOver(rows, threads)));
        for (Row row : rows) {
            s.append("- ").append(row.grid().boxNotation()).append(", group of ").append(row.group()).append(": ")
                    .append(row.measurement().load()).append('\n');
        }
        s.append('\n').append(context).append("; budget ").append(budget).append(" s per grid and group\n\n");
        s.append("Command: `bash bench.sh --batched-plans").append(arguments.isEmpty() ? "" : " " + arguments)
                .append("`\n");
        return s.toString();
    }

    /** What the step does with the transforms of a group that are not a multiple of the team's size. */
    private static String leftOver(List<Row> rows, int threads) {
        boolean some = false;
        for (Row row : rows) {
            some |= row.group() % threads != 0;
        }
        if (!some) {
            return "every group a multiple of it";
        }
        return threads == 1 ? "one at a time" : "the transforms beyond a multiple of " + threads
                + " (every one of a group smaller than the team) one at a time, split over the team from 32768 points"
                + " per thread up";
    }

    private static String ms(Measurement m, int i) {
        return m.time(i).scaled(1e3, "ms").formatShort();
    }
}
