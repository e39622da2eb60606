package dev.isspectral.fft;

import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
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
 *   <li>builds every candidate's engine first ({@value #PLANNING_MS} is the wall time of that one build, which for
 *       FFTW at MEASURE or PATIENT is the planner's cost: a single reading, since a second plan would reuse the
 *       wisdom of the first);</li>
 *   <li>runs {@code warmup} forward+inverse pairs of every candidate, then measures them with the project's method
 *       ({@link Measure}): warm-up until steady, interleaved rounds with the order rotated each round, each sample
 *       {@code pairsPerRound} pairs (or batched to at least 1 ms), rounds growing from {@code rounds} until the
 *       intervals are narrow or the budget (10 s by default) is spent;</li>
 *   <li>reports per candidate the median ms per pair with its 95% interval ({@value #MS_CI_LOW} …
 *       {@value #MS_CI_HIGH}) and the paired ratio to the winner ({@value #RATIO_TO_CHOSEN}), per round.</li>
 * </ol>
 * JTransforms' JVM-wide settings a candidate's engine expects (its thread count, its thread thresholds) are
 * applied before each of its samples and restored after, outside the timed window, so candidates do not leak
 * settings into each other. All engines are alive together during the measurement (their buffers add up; see
 * {@link FftEngine#bytesHeld()}), and all are closed at the end.
 *
 * <p>{@value #GFLOPS} = 5·N·log₂N / (time of a pair), N = NX·NY·NZ: the conventional 2.5·N·log₂N flops of one
 * real transform, counted twice for forward and inverse.
 */
public final class FftTuner {

    /** Column names of {@link Result#table()}. */
    public static final String CONFIGURATION = "configuration";
    public static final String MS_PER_PAIR = "ms_per_pair";
    public static final String MS_CI_LOW = "ms_ci_low";
    public static final String MS_CI_HIGH = "ms_ci_high";
    public static final String RATIO_TO_CHOSEN = "ratio_to_chosen";
    public static final String GFLOPS = "gflops";
    public static final String PLANNING_MS = "planning_ms";
    public static final String CHOSEN = "chosen";
    public static final String ROUNDS = "rounds";

    private final int nx;
    private final int ny;
    private final int nz;
    private final List<FftSettings> candidates;
    private final int warmup;
    private final int rounds;
    private final int pairsPerRound;
    private final Duration budget;
    private final EngineFactory factory;
    private final LongSupplier clock;

    /** How candidate engines are built ({@link FftEngines#create} outside tests). */
    @FunctionalInterface
    interface EngineFactory {
        FftEngine create(FftSettings settings, int nx, int ny, int nz);
    }

    private FftTuner(int nx, int ny, int nz, List<FftSettings> candidates, int warmup, int rounds, int pairsPerRound,
                     Duration budget, EngineFactory factory, LongSupplier clock) {
        this.factory = factory;
        this.clock = clock;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.candidates = List.copyOf(candidates);
        this.warmup = warmup;
        this.rounds = rounds;
        this.pairsPerRound = pairsPerRound;
        this.budget = budget;
    }

    /**
     * A tuner for {@code nx × ny × nz} with the {@link #defaultCandidates}, less FFTW at PATIENT above
     * {@value #PATIENT_MAX_POINTS} points: no fixed warm-up pairs (the method warms up until steady), at least 6
     * rounds, samples batched to at least 1 ms, a 10 s budget.
     */
    public static FftTuner forGrid(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("shape = " + nx + "x" + ny + "x" + nz + "; every size must be >= 1");
        }
        List<FftSettings> candidates = new ArrayList<>(defaultCandidates());
        if (!triesPatient((long) nx * ny * nz)) {
            candidates.removeIf(c -> c.rigour() == FftSettings.Rigour.PATIENT && FftSettings.FFTW.equals(c.backend()));
        }
        return new FftTuner(nx, ny, nz, candidates, 0, 6, 0, Duration.ofSeconds(10), FftEngines::create,
                System::nanoTime);
    }

    /**
     * Most points for which {@link #forGrid} tries FFTW at PATIENT. Its planning grows fast with the size: for the plans
     * of a solver on 2 cores about 1.6 s at 64×32×32, 7 s at 128×64×64 and 75 s at 256×128×128 (against 0.4, 1.5 and
     * 9 s at MEASURE), for a step 1.026 [1.008, 1.046]× faster at 64×32×32 and not clearly faster at 128×64×64.
     */
    public static final long PATIENT_MAX_POINTS = 1L << 20;

    /** Whether {@link #forGrid} tries FFTW at PATIENT for a grid of {@code points} points. */
    public static boolean triesPatient(long points) {
        return points <= PATIENT_MAX_POINTS;
    }

    /**
     * JTransforms r2c double on 1..cores threads (at the default threads threshold, and on all cores threaded at
     * every size), complex double on one and all cores (and with JTransforms' threshold lowered), float32
     * (complex), the new-plan-per-call baseline; IS-Spectral's own r2c double ({@value FftSettings#JAVA}) on 1..cores
     * threads (not applicable unless every size is a power of two); and, if the FFTW module loads, FFTW at ESTIMATE and MEASURE on
     * 1..cores threads (a transform split by the team), at PATIENT on all cores ({@link #forGrid} drops it above
     * {@value #PATIENT_MAX_POINTS} points), at MEASURE on all cores split by FFTW's own threads, FFTW complex and FFTW
     * float32 on all cores (float candidates are shown, never chosen).
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
        FftSettings own = jt.withBackend(FftSettings.JAVA);    // power-of-two boxes only: not applicable elsewhere
        for (int t = 1; t <= cores; t++) {
            list.add(own.withThreads(t));
        }
        if (FftEngines.backend(FftSettings.FFTW).isPresent()) {
            FftSettings fftw = jt.withBackend(FftSettings.FFTW);
            for (int t = 1; t <= cores; t++) {
                list.add(fftw.withThreads(t).withRigour(FftSettings.Rigour.ESTIMATE));
                list.add(fftw.withThreads(t).withRigour(FftSettings.Rigour.MEASURE));
            }
            // PATIENT planning on all cores: slower to plan (its cost is the candidate's plan reading), and in the step
            // 1.026 [1.008, 1.046]x at 64x32x32 on 2 threads, no clear effect at 128x64x64 (BENCHMARKS.md)
            list.add(fftw.withThreads(cores).withRigour(FftSettings.Rigour.PATIENT));
            if (cores > 1) {
                // a transform split over FFTW's own threads instead of the team (FftSettings.teamSplit)
                list.add(fftw.withThreads(cores).withRigour(FftSettings.Rigour.MEASURE).withTeamSplit(false));
            }
            list.add(fftw.withRealTransforms(false).withRigour(FftSettings.Rigour.ESTIMATE));
            list.add(fftw.withPrecision(FftSettings.Precision.FLOAT).withRigour(FftSettings.Rigour.MEASURE));
        }
        return list;
    }

    /** The configurations this tuner measures, in its order (unmodifiable). */
    public List<FftSettings> candidates() {
        return candidates;
    }

    /** The same tuner measuring these candidates instead. */
    public FftTuner withCandidates(List<FftSettings> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates = " + (candidates == null ? "null" : "[]")
                    + "; must name at least one configuration");
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i) == null) {
                throw new IllegalArgumentException("candidates[" + i + "] = null; must be FFT settings such as "
                        + "FftSettings.optimized()");
            }
        }
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, budget, factory, clock);
    }

    /**
     * Pairs every candidate runs before the method's own warm-up (>= 0), the fewest measured rounds (>= 1; more run
     * within the budget) and pairs per sample (>= 1; instead of batching to 1 ms).
     */
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
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, budget, factory, clock);
    }

    /** The same tuner with a time budget for the measurement (warm-up and rounds; engine builds not included). */
    public FftTuner withBudget(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget = " + d + "; must be a positive duration");
        }
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, d, factory, clock);
    }

    /** The same tuner building engines with {@code factory} and reading time (ns) from {@code clock} (for tests). */
    FftTuner withMeasurement(EngineFactory factory, LongSupplier clock) {
        return new FftTuner(nx, ny, nz, candidates, warmup, rounds, pairsPerRound, budget, factory, clock);
    }

    /**
     * What a tuning run found: the table, the winner, the FFTW wisdom gathered ("" if FFTW was not used), and the
     * measurement behind the table (intervals, load; null when no candidate could be built).
     */
    public record Result(Table table, FftSettings winner, String wisdom, Measurement measurement) {

        /** Index in the measurement of the candidate {@code s}, or −1 if it was not measured. */
        private int indexOf(FftSettings s) {
            if (measurement == null) {
                return -1;
            }
            List<String> names = measurement.names();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (n.substring(n.indexOf(' ') + 1).equals(s.label())) {
                    return i;
                }
            }
            return -1;
        }

        /** Milliseconds per forward+inverse pair of {@code s}: median and 95% interval; missing if not measured. */
        public Estimate time(FftSettings s) {
            int i = indexOf(s);
            return i < 0 ? Estimate.missing("ms") : measurement.time(i).scaled(1e3, "ms");
        }

        /**
         * How many times faster {@code b} is than {@code a}: time(a) / time(b) taken per interleaved round (paired),
         * median and 95% interval; missing if either was not measured.
         */
        public Estimate speedup(FftSettings b, FftSettings a) {
            int ib = indexOf(b);
            int ia = indexOf(a);
            return ib < 0 || ia < 0 ? Estimate.missing("x") : measurement.speedup(ib, ia);
        }

        /** {@value #MS_PER_PAIR} of {@code s} in {@link #table()}; NaN if it was not measured. */
        public double msPerPair(FftSettings s) {
            return column(s, MS_PER_PAIR);
        }

        /** {@value #PLANNING_MS} (the wall time of its one engine build) of {@code s} in {@link #table()}; NaN if absent. */
        public double planningMs(FftSettings s) {
            return column(s, PLANNING_MS);
        }

        private double column(FftSettings s, String name) {
            StringColumn labels = table.stringColumn(CONFIGURATION);
            for (int r = 0; r < table.rowCount(); r++) {
                if (labels.get(r).equals(s.label())) {
                    return table.doubleColumn(name).get(r);
                }
            }
            return Double.NaN;
        }

        /**
         * One row per question whose two configurations were both measured (the others, e.g. FFTW where it is absent,
         * are left out): question, a, b, ms_a, ms_b, b_faster_by (time(a)/time(b), paired per round) and its 95%
         * interval ci_low … ci_high.
         */
        public Table questions(Question... questions) {
            StringColumn q = StringColumn.create("question");
            StringColumn a = StringColumn.create("a");
            StringColumn b = StringColumn.create("b");
            DoubleColumn msA = DoubleColumn.create("ms_a");
            DoubleColumn msB = DoubleColumn.create("ms_b");
            DoubleColumn up = DoubleColumn.create("b_faster_by");
            DoubleColumn low = DoubleColumn.create("ci_low");
            DoubleColumn high = DoubleColumn.create("ci_high");
            for (Question question : questions) {
                Estimate e = speedup(question.b(), question.a());
                if (!e.isMeasured()) {
                    continue;
                }
                q.append(question.text());
                a.append(question.a().label());
                b.append(question.b().label());
                msA.append(time(question.a()).median());
                msB.append(time(question.b()).median());
                up.append(e.median());
                low.append(e.low());
                high.append(e.high());
            }
            return Table.create("questions", q, a, b, msA, msB, up, low, high);
        }
    }

    /** A question for {@link Result#questions}: is {@code b} faster than {@code a}, and by how much? */
    public record Question(String text, FftSettings a, FftSettings b) {
        public Question {
            if (text == null || text.isBlank() || a == null || b == null) {
                throw new IllegalArgumentException("question = (\"" + text + "\", " + a + ", " + b
                        + "); needs a non-blank text and two settings");
            }
        }
    }

    /** Measures every candidate: build all, then the project's method on all of them (see the class comment). */
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
        Measurement measurement = null;
        int[] measuredIndex = new int[count];
        try {
            for (int c = 0; c < count; c++) {   // 1. build every engine (one timed build each)
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
            double[] back = new double[field.length];
            List<Candidate> measured = new ArrayList<>();
            for (int c = 0; c < count; c++) {   // 2. fixed warm-up pairs, then the method
                measuredIndex[c] = -1;
                if (engines[c] == null) {
                    continue;
                }
                FftEngine engine = engines[c];
                FftSettings settings = resolved[c];
                double[] spectrum = new double[engine.spectrumLength()];
                Runnable restore = FftEngines.applyJTransformsGlobals(settings);
                try {
                    for (int q = 0; q < warmup; q++) {
                        engine.forward(field, spectrum);
                        engine.inverse(spectrum, back);
                    }
                } finally {
                    restore.run();
                }
                Runnable[] undo = new Runnable[1];
                measuredIndex[c] = measured.size();
                measured.add(Candidate.of("#" + c + " " + candidates.get(c).label(), () -> {
                    engine.forward(field, spectrum);
                    engine.inverse(spectrum, back);
                }).around(() -> undo[0] = FftEngines.applyJTransformsGlobals(settings), () -> undo[0].run()));
            }
            if (!measured.isEmpty()) {
                Measure method = Measure.of(measured).named("fft_tuning").budget(budget).rounds(rounds, 100_000)
                        .clock(clock);
                measurement = (pairsPerRound > 0 ? method.batch(pairsPerRound) : method).run();
            }
        } finally {
            for (FftEngine engine : engines) {
                if (engine != null) {
                    engine.close();
                }
            }
        }
        FftSettings winner = null;
        int winnerIndex = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            if (engines[c] == null) {
                continue;
            }
            FftSettings s = candidates.get(c);
            double pairMs = measurement.time(measuredIndex[c]).median() * 1e3;
            boolean eligible = s.precision() == FftSettings.Precision.DOUBLE && engines[c].backend().equals(s.backend());
            if (eligible && pairMs < best) {
                best = pairMs;
                winner = s;
                winnerIndex = measuredIndex[c];
            }
        }
        StringColumn config = StringColumn.create(CONFIGURATION);
        DoubleColumn ms = DoubleColumn.create(MS_PER_PAIR);
        DoubleColumn low = DoubleColumn.create(MS_CI_LOW);
        DoubleColumn high = DoubleColumn.create(MS_CI_HIGH);
        DoubleColumn ratio = DoubleColumn.create(RATIO_TO_CHOSEN);
        DoubleColumn gflops = DoubleColumn.create(GFLOPS);
        DoubleColumn planning = DoubleColumn.create(PLANNING_MS);
        BooleanColumn chosen = BooleanColumn.create(CHOSEN);
        IntColumn roundsColumn = IntColumn.create(ROUNDS);
        for (int c = 0; c < count; c++) {
            FftSettings s = candidates.get(c);
            if (engines[c] == null) {
                config.append(s.label() + " (not applicable: " + notApplicable[c] + ")");
                ms.appendMissing();
                low.appendMissing();
                high.appendMissing();
                ratio.appendMissing();
                gflops.appendMissing();
                planning.appendMissing();
                chosen.append(false);
                roundsColumn.append(0);
                continue;
            }
            String backend = engines[c].backend();
            Estimate pair = measurement.time(measuredIndex[c]).scaled(1e3, "ms");
            config.append(s.label() + (backend.equals(s.backend()) ? "" : " (fell back to " + backend + ")"));
            ms.append(pair.median());
            low.append(pair.low());
            high.append(pair.high());
            ratio.append(winnerIndex < 0 ? Double.NaN : measurement.ratio(measuredIndex[c], winnerIndex).median());
            gflops.append(flopsPerPair / (pair.median() * 1e6));
            planning.append(planMs[c]);
            chosen.append(measuredIndex[c] == winnerIndex);
            roundsColumn.append(pair.rounds());
        }
        if (winner == null) {
            winner = FftSettings.optimized();
        }
        String wisdom = "";
        if (FftSettings.FFTW.equals(winner.backend())) {
            planStepLanes(winner);
            wisdom = FftEngines.backend(FftSettings.FFTW).map(FftBackend::exportWisdom).orElse("");
        }
        Table table = Table.create("FFT tuning " + nx + "x" + ny + "x" + nz + ", " + TuningFile.machineKey(),
                config, ms, low, high, ratio, gflops, planning, chosen, roundsColumn);
        return new Result(table, winner, wisdom, measurement);
    }

    /**
     * Plans, once, the one-thread transforms a solver's batches run with the winner (its engine's {@link Lanes}), so
     * that the FFTW wisdom saved with it covers every plan a solver on this grid makes: the candidates were timed one
     * transform at a time and never planned those. Without them a solver with a saved PATIENT winner planned its lanes
     * anew at every start (at 128×64×64 on 2 threads its start took 5.3 s, with them 1.1 s).
     */
    private void planStepLanes(FftSettings winner) {
        try (FftEngine engine = factory.create(winner, nx, ny, nz)) {
            Lanes lanes = engine.lanes();
            if (lanes != null) {
                lanes.open(1);
            }
        }
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
