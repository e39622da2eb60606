package dev.isspectral.fft;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Measures candidate FFT configurations for one grid on this machine and picks the fastest double-precision
 * one (float candidates are measured and shown, never chosen automatically: they change results).
 * Immutable; {@code with…} methods return new tuners.
 *
 * <p>Method. Measuring candidates one after another biases the result by their order: the first ones run while
 * the JIT is still compiling the shared code, and JTransforms' thread settings are JVM-wide, so the last engine
 * built sets them for all (in a notebook, complex transforms with plan reuse came out 1.4–2.4× slower than a new
 * plan per call that way, while measured alone they are ~1.5× faster). So the tuner
 * <ol>
 *   <li>builds every candidate's engine first ({@value #PLANNING_MS} is the wall time of that build, which for
 *       FFTW at MEASURE or PATIENT is the planner's cost);</li>
 *   <li>warms every candidate up with {@code warmup} forward+inverse pairs;</li>
 *   <li>measures in {@code rounds} interleaved rounds, each timing {@code pairsPerRound} pairs of every candidate,
 *       the order rotated by one candidate each round (round r starts with candidate r mod count), so no candidate
 *       is always first or always after the same one;</li>
 *   <li>reports per candidate the median over rounds of the round's mean time per pair ({@value #MS_PER_PAIR}).</li>
 * </ol>
 * JTransforms' JVM-wide settings a candidate's engine expects (its thread count, its thread thresholds) are
 * applied before each of its warm-up and timed runs and restored after, so candidates do not leak settings into
 * each other. All engines are alive together during the measurement (their buffers add up; see
 * {@link FftEngine#bytesHeld()}), and all are closed at the end.
 *
 * <p>{@value #GFLOPS} = 5·N·log₂N / (time of a pair), N = NX·NY·NZ: the conventional 2.5·N·log₂N flops of one
 * real transform, counted twice for forward and inverse.
 */
public final class FftTuner {

    /** Column names of {@link Result#table()}. */
    public static final String CONFIGURATION = "configuration";
    public static final String MS_PER_PAIR = "ms_per_pair";
    public static final String GFLOPS = "gflops";
    public static final String PLANNING_MS = "planning_ms";
    public static final String CHOSEN = "chosen";

    private final int nx;
    private final int ny;
    private final int nz;
    private final List<FftSettings> candidates;
    private final int warmup;
    private final int rounds;
    private final int pairsPerRound;
    private final EngineFactory factory;
    private final LongSupplier clock;

    /** How candidate engines are built ({@link FftEngines#create} outside tests). */
    @FunctionalInterface
    interface EngineFactory {
        FftEngine create(FftSettings settings, int nx, int ny, int nz);
    }

    private FftTuner(int nx, int ny, int nz, List<FftSettings> candidates, int warmup, int rounds, int pairsPerRound) {
        this(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, FftEngines::create, System::nanoTime);
    }

    private FftTuner(int nx, int ny, int nz, List<FftSettings> candidates, int warmup, int rounds, int pairsPerRound,
                     EngineFactory factory, LongSupplier clock) {
        this.factory = factory;
        this.clock = clock;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.candidates = List.copyOf(candidates);
        this.warmup = warmup;
        this.rounds = rounds;
        this.pairsPerRound = pairsPerRound;
    }

    /** A tuner for {@code nx × ny × nz} with the {@link #defaultCandidates} and 5 warm-up pairs, 4 rounds of 5 pairs. */
    public static FftTuner forGrid(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        return new FftTuner(nx, ny, nz, defaultCandidates(), 5, 4, 5);
    }

    /**
     * JTransforms r2c double on 1..cores threads (at the default threads threshold, and on all cores threaded at
     * every size), complex double on one and all cores (and with JTransforms' threshold lowered), float32
     * (complex), the new-plan-per-call baseline; and, if the FFTW module loads, FFTW at ESTIMATE and MEASURE on
     * 1..cores threads, FFTW complex and FFTW float32 on all cores (float candidates are shown, never chosen).
     */
    public static List<FftSettings> defaultCandidates() {
        int cores = Runtime.getRuntime().availableProcessors();
        FftSettings jt = FftSettings.optimized();
        List<FftSettings> list = new ArrayList<>();
        for (int t = 1; t <= cores; t++) {
            list.add(jt.withThreads(t));
        }
        if (cores > 1) {
            list.add(jt.withJTransformsThreadsBeginN(1));
        }
        list.add(jt.withThreads(1).withRealTransforms(false));
        list.add(jt.withRealTransforms(false));
        list.add(jt.withRealTransforms(false).withJTransformsThreadsBeginN(4096));
        list.add(jt.withThreads(1).withRealTransforms(false).withPrecision(FftSettings.Precision.FLOAT));
        list.add(FftSettings.baseline());
        if (FftEngines.backend(FftSettings.FFTW).isPresent()) {
            FftSettings fftw = jt.withBackend(FftSettings.FFTW);
            for (int t = 1; t <= cores; t++) {
                list.add(fftw.withThreads(t).withRigour(FftSettings.Rigour.ESTIMATE));
                list.add(fftw.withThreads(t).withRigour(FftSettings.Rigour.MEASURE));
            }
            list.add(fftw.withRealTransforms(false).withRigour(FftSettings.Rigour.ESTIMATE));
            list.add(fftw.withPrecision(FftSettings.Precision.FLOAT).withRigour(FftSettings.Rigour.MEASURE));
        }
        return list;
    }

    /** The same tuner measuring these candidates instead. */
    public FftTuner withCandidates(List<FftSettings> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates = []; must name at least one configuration");
        }
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, factory, clock);
    }

    /** Warm-up pairs (>= 0), rounds (>= 1) and pairs per round (>= 1). */
    public FftTuner withRepeats(int warmup, int rounds, int pairsPerRound) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup = " + warmup + "; must be >= 0");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds = " + rounds + "; must be >= 1");
        }
        if (pairsPerRound < 1) {
            throw new IllegalArgumentException("pairsPerRound = " + pairsPerRound + "; must be >= 1");
        }
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, factory, clock);
    }

    /** The same tuner building engines with {@code factory} and reading time (ns) from {@code clock} (for tests). */
    FftTuner withMeasurement(EngineFactory factory, LongSupplier clock) {
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, factory, clock);
    }

    /** What a tuning run found: the table, the winner, and the FFTW wisdom gathered ("" if FFTW was not used). */
    public record Result(Table table, FftSettings winner, String wisdom) {
    }

    /** Measures every candidate: build all, warm all up, then interleaved rounds (see the class comment). */
    public Result run() {
        double n = (double) nx * ny * nz;
        double flopsPerPair = n > 1 ? 5 * n * (Math.log(n) / Math.log(2)) : 1;
        double[] field = new double[nx * ny * nz];
        for (int p = 0; p < field.length; p++) {
            field[p] = Math.sin(0.37 * p) + 0.1 * Math.cos(1.3 * p);
        }
        int count = candidates.size();
        FftEngine[] engines = new FftEngine[count];
        FftSettings[] resolved = new FftSettings[count];
        double[] planMs = new double[count];
        String[] notApplicable = new String[count];
        double[][] roundMs = new double[count][rounds];
        try {
            for (int c = 0; c < count; c++) {   // 1. build every engine
                resolved[c] = FftEngines.resolve(candidates.get(c));
                Runnable restore = FftEngines.applyJTransformsGlobals(resolved[c]);
                try {
                    long t0 = clock.getAsLong();
                    engines[c] = factory.create(candidates.get(c), nx, ny, nz);
                    planMs[c] = (clock.getAsLong() - t0) / 1e6;
                } catch (IllegalArgumentException e) {  // e.g. complex transforms on a size-1 axis
                    notApplicable[c] = e.getMessage();
                } finally {
                    restore.run();
                }
            }
            double[][] spectra = new double[count][];
            double[] back = new double[field.length];
            for (int c = 0; c < count; c++) {   // 2. warm every engine up
                if (engines[c] != null) {
                    spectra[c] = new double[engines[c].spectrumLength()];
                    timePairs(engines[c], resolved[c], warmup, field, spectra[c], back);
                }
            }
            for (int r = 0; r < rounds; r++) {   // 3. interleaved rounds, the order rotated each round
                for (int k = 0; k < count; k++) {
                    int c = (r + k) % count;
                    if (engines[c] != null) {
                        roundMs[c][r] = timePairs(engines[c], resolved[c], pairsPerRound, field, spectra[c], back)
                                / pairsPerRound;
                    }
                }
            }
        } finally {
            for (FftEngine engine : engines) {
                if (engine != null) {
                    engine.close();
                }
            }
        }
        StringColumn config = StringColumn.create(CONFIGURATION);
        DoubleColumn ms = DoubleColumn.create(MS_PER_PAIR);
        DoubleColumn gflops = DoubleColumn.create(GFLOPS);
        DoubleColumn planning = DoubleColumn.create(PLANNING_MS);
        FftSettings winner = null;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            FftSettings s = candidates.get(c);
            if (engines[c] == null) {
                config.append(s.label() + " (not applicable: " + notApplicable[c] + ")");
                ms.appendMissing();
                gflops.appendMissing();
                planning.appendMissing();
                continue;
            }
            String backend = engines[c].backend();
            double pairMs = median(roundMs[c]);
            config.append(s.label() + (backend.equals(s.backend()) ? "" : " (fell back to " + backend + ")"));
            ms.append(pairMs);
            gflops.append(flopsPerPair / (pairMs * 1e6));
            planning.append(planMs[c]);
            boolean eligible = s.precision() == FftSettings.Precision.DOUBLE && backend.equals(s.backend());
            if (eligible && pairMs < best) {
                best = pairMs;
                winner = s;
            }
        }
        if (winner == null) {
            winner = FftSettings.optimized();
        }
        BooleanColumn chosen = BooleanColumn.create(CHOSEN);
        for (int r = 0; r < config.size(); r++) {
            chosen.append(config.get(r).equals(winner.label()));
        }
        String wisdom = FftSettings.FFTW.equals(winner.backend())
                ? FftEngines.backend(FftSettings.FFTW).map(FftBackend::exportWisdom).orElse("") : "";
        Table table = Table.create("FFT tuning " + nx + "x" + ny + "x" + nz + ", " + TuningFile.machineKey(),
                config, ms, gflops, planning, chosen);
        return new Result(table, winner, wisdom);
    }

    /**
     * Runs {@code pairs} forward+inverse pairs of {@code engine} with the JVM-wide settings of {@code settings}
     * applied (and restored after); returns their wall time in ms.
     */
    private double timePairs(FftEngine engine, FftSettings settings, int pairs, double[] field, double[] spectrum,
                             double[] back) {
        Runnable restore = FftEngines.applyJTransformsGlobals(settings);
        try {
            long t0 = clock.getAsLong();
            for (int q = 0; q < pairs; q++) {
                engine.forward(field, spectrum);
                engine.inverse(spectrum, back);
            }
            return (clock.getAsLong() - t0) / 1e6;
        } finally {
            restore.run();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length;
        return m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
    }

    /** Runs the tuner and saves the winner (and FFTW wisdom) into {@code file}, keeping its other grids. */
    public Result runAndSave(Path file) throws IOException {
        Result result = run();
        TuningFile tuning = TuningFile.load(file).with(nx, ny, nz, result.winner());
        if (!result.wisdom().isEmpty()) {
            tuning = tuning.withWisdom(result.wisdom());
        }
        tuning.save(file);
        return result;
    }

    /**
     * The saved settings for this grid from {@code file}, or {@code defaults} when the file is missing, foreign or
     * corrupt (reported once by {@link TuningFile#load}). Saved FFTW wisdom is handed to FFTW if it is loaded.
     */
    public static FftSettings loadOrDefault(Path file, int nx, int ny, int nz, FftSettings defaults) {
        TuningFile tuning = TuningFile.load(file);
        if (!tuning.wisdom().isEmpty()) {
            Optional<FftBackend> fftw = FftEngines.backend(FftSettings.FFTW);
            fftw.ifPresent(b -> b.importWisdom(tuning.wisdom()));
        }
        return tuning.settingsFor(nx, ny, nz).orElse(defaults);
    }
}
