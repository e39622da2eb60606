package dev.isspectral.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The project's one measurement method: {@code Measure.of(a, b).budget(Duration.ofSeconds(20)).run()}. Immutable;
 * each setter returns a new value.
 *
 * <ol>
 *   <li><b>Warm-up until steady.</b> The candidates run in rotated order, one sample each per warm-up round,
 *       until the JIT is quiet (compilation time in the last round at most {@value #JIT_QUIET_SHARE} of its wall
 *       time, read from the {@code CompilationMXBean}, in the last two rounds) and every candidate's last {@code steadyWindow} times agree
 *       within {@code steadyTolerance} ((max − min)/min), after at least two rounds and 1 s; or until the warm-up's share of
 *       the budget is spent (or its own {@link #warmupLimit limit}, when one is set), and the result says which. Fast operations are batched so that one sample lasts at
 *       least {@code minSample} (the batch is calibrated during warm-up).</li>
 *   <li><b>Interleaved rounds.</b> Each round times one sample of every candidate, the order rotated by one each
 *       round (round r starts with candidate r mod n), so drift of the machine falls on all alike.</li>
 *   <li><b>Paired ratios.</b> A ratio of two candidates is computed per round and summarised over rounds.</li>
 *   <li><b>Intervals.</b> Every time and every ratio is given as the median with a 95% confidence interval from order
 *       statistics ({@link Stats#medianInterval}).</li>
 *   <li><b>Rounds grow</b> past {@code minRounds} until every time's and every ratio-to-the-first's interval is
 *       narrower than {@code precision} (relative width (high − low)/median) — or the budget runs out, or
 *       {@code maxRounds} is reached; {@link Measurement#stop()} says which. The minimum rounds always run, even
 *       past the budget: fewer than six give no 95% interval.</li>
 *   <li><b>Machine load</b> over the measured window ({@link MachineLoad}) and <b>allocation</b> of every sample
 *       over all threads ({@link Allocation}) are recorded.</li>
 * </ol>
 */
public final class Measure {

    /** Warm-up counts the JIT as quiet when its compilation time in a round is at most this share of the round. */
    public static final double JIT_QUIET_SHARE = 0.02;
    /**
     * Warm-up lasts at least this long (or its share of the budget, if less): JIT compilations take time to land, and
     * their time is booked only when they end. 0.1 s was too short: the JMH cross-check of 2026-12-04 (bench.sh --jmh)
     * found the JTransforms FFT pair at 64×32×32 1.3-3.5× slower in the project's method than in JMH (3 s of warm-up
     * per fork), while FFTW (native code) agreed within 12%.
     */
    static final long MIN_WARMUP_NANOS = 1_000_000_000L;
    /** A backstop for clocks that do not advance (tests): warm-up ends after this many rounds. */
    static final int MAX_WARMUP_ROUNDS = 100_000;

    private final String name;
    private final List<Candidate> candidates;
    private final Duration budget;
    private final double warmupShare;
    private final int minRounds;
    private final int maxRounds;
    private final double precision;
    private final int steadyWindow;
    private final double steadyTolerance;
    private final long minSampleNanos;
    private final long fixedBatch;
    private final long warmupLimitNanos;
    private final LongSupplier clock;
    private final Runnable whenTimed;

    private Measure(String name, List<Candidate> candidates, Duration budget, double warmupShare, int minRounds,
                    int maxRounds, double precision, int steadyWindow, double steadyTolerance, long minSampleNanos) {
        this(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow, steadyTolerance,
                minSampleNanos, 0, 0, System::nanoTime, () -> { });
    }

    private Measure(String name, List<Candidate> candidates, Duration budget, double warmupShare, int minRounds,
                    int maxRounds, double precision, int steadyWindow, double steadyTolerance, long minSampleNanos,
                    long fixedBatch, long warmupLimitNanos, LongSupplier clock, Runnable whenTimed) {
        this.fixedBatch = fixedBatch;
        this.whenTimed = whenTimed;
        this.warmupLimitNanos = warmupLimitNanos;
        this.clock = clock;
        this.name = name;
        this.candidates = List.copyOf(candidates);
        this.budget = budget;
        this.warmupShare = warmupShare;
        this.minRounds = minRounds;
        this.maxRounds = maxRounds;
        this.precision = precision;
        this.steadyWindow = steadyWindow;
        this.steadyTolerance = steadyTolerance;
        this.minSampleNanos = minSampleNanos;
    }

    /**
     * A measurement of these candidates (one for an absolute time, two or more for a comparison; the first is the
     * reference of the ratios): budget 20 s, warm-up at most 40% of it, 6 … 10000 rounds, precision 0.04
     * (interval width 4% of the median), steady when the last 3 warm-up times agree within 10%, samples of at least
     * 1 ms.
     */
    public static Measure of(Candidate... candidates) {
        return of(List.of(candidates));
    }

    /** {@link #of(Candidate...)} from a list. */
    public static Measure of(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates = []; must name at least one");
        }
        List<String> names = new ArrayList<>();
        for (Candidate c : candidates) {
            if (names.contains(c.name())) {
                throw new IllegalArgumentException("candidate name \"" + c.name() + "\" given twice; names must differ");
            }
            names.add(c.name());
        }
        return new Measure("measurement", candidates, Duration.ofSeconds(20), 0.4, 6, 10_000, 0.04, 3, 0.10, 1_000_000);
    }

    /** The same measurement under another name (shown in tables). */
    public Measure named(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("name = \"" + newName + "\"; must be non-blank");
        }
        return new Measure(newName, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** The time budget of warm-up and rounds together (of the rounds alone when a {@link #warmupLimit} is set); {@code > 0}. */
    public Measure budget(Duration total) {
        if (total == null || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("budget = " + total + "; must be a positive duration");
        }
        return new Measure(name, candidates, total, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** The share of the budget warm-up may take before it stops unsteady; in (0, 1). */
    public Measure warmupShare(double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("warmupShare = " + share + "; must be in (0, 1)");
        }
        return new Measure(name, candidates, budget, share, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /**
     * Warm-up gets a time limit of its own instead of a share of the budget: it runs until steady or until
     * {@code limit} has passed, and the budget is then the measured rounds' alone, counted from the end of warm-up.
     * For steps of tenths of a second a share of a few seconds ends inside the JIT's work (a fork of the 128×128×64×64
     * target row got 4.8 s for warm-up and rounds of two backends together, and no fork reached steady); a limit lets
     * warm-up finish without growing the rounds. {@code > 0}.
     */
    public Measure warmupLimit(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("warmupLimit = " + limit + "; must be a positive duration");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, limit.toNanos(), clock, whenTimed);
    }

    /** At least {@code min} and at most {@code max} measured rounds; {@code 1 <= min <= max}. */
    public Measure rounds(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("rounds = " + min + ".." + max + "; must be 1 <= min <= max");
        }
        return new Measure(name, candidates, budget, warmupShare, min, max, precision, steadyWindow, steadyTolerance,
                minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** The same measurement with at least {@code min} (>= 1) measured rounds, its maximum kept (raised to {@code min}). */
    public Measure minRounds(int min) {
        if (min < 1) {
            throw new IllegalArgumentException("minRounds = " + min + "; must be >= 1");
        }
        return new Measure(name, candidates, budget, warmupShare, min, Math.max(min, maxRounds), precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** Stop growing rounds once every interval's relative width (high − low)/median is at most this; {@code > 0}. */
    public Measure precision(double relativeWidth) {
        if (!(relativeWidth > 0)) {
            throw new IllegalArgumentException("precision = " + relativeWidth + "; must be > 0");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, relativeWidth, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** Steady when the last {@code window} (>= 2) warm-up times agree within {@code tolerance} (> 0). */
    public Measure steadyWhen(int window, double tolerance) {
        if (window < 2) {
            throw new IllegalArgumentException("window = " + window + "; must be >= 2");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + "; must be > 0");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, window, tolerance,
                minSampleNanos, fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** Batch fast operations so that a sample lasts at least this; {@code Duration.ZERO} for one operation per sample. */
    public Measure minSample(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("minSample = " + d + "; must be >= 0");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, d.toNanos(), fixedBatch, warmupLimitNanos, clock, whenTimed);
    }

    /** Exactly {@code operations} (>= 1) operations per sample, instead of batching by {@link #minSample}. */
    public Measure batch(long operations) {
        if (operations < 1) {
            throw new IllegalArgumentException("batch = " + operations + "; must be >= 1");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, operations, warmupLimitNanos, clock, whenTimed);
    }

    /**
     * The same measurement reading time (ns) from {@code nanos} instead of {@link System#nanoTime()}: for tests of
     * code built on this method, with deterministic fake costs. The budget is then in the fake clock's time.
     */
    public Measure clock(LongSupplier nanos) {
        if (nanos == null) {
            throw new IllegalArgumentException("clock = null; must be a nanosecond clock");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, nanos, whenTimed);
    }

    /**
     * The same measurement running {@code action} once on the calling thread when warm-up ends, just before the first
     * timed round: a fork that reports figures of its own beside the times (transform time inside its steps, a team's
     * waits) resets its counters there, so that those figures cover the timed rounds only, not the JIT-cold warm-up.
     */
    public Measure whenTimed(Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("action = null; must be a Runnable (use () -> { } for none)");
        }
        return new Measure(name, candidates, budget, warmupShare, minRounds, maxRounds, precision, steadyWindow,
                steadyTolerance, minSampleNanos, fixedBatch, warmupLimitNanos, clock, action);
    }

    /** Runs warm-up and rounds on the calling thread; returns the result. */
    public Measurement run() {
        int n = candidates.size();
        AllocationProbe probe = AllocationProbe.forCurrentThread();
        long start = clock.getAsLong();
        long warmDeadline = warmupLimitNanos > 0 ? start + warmupLimitNanos
                : start + (long) (warmupShare * budget.toNanos());
        Measurement.Warmup warm = warmUp(warmDeadline, start);
        long deadline = warmupLimitNanos > 0 ? clock.getAsLong() + budget.toNanos() : start + budget.toNanos();
        long[] batch = warm.batchesArray();

        double[][] samples = new double[n][64];
        Allocation[] allocation = new Allocation[n];
        for (int c = 0; c < n; c++) {
            allocation[c] = new Allocation(0, 0, 0, true, probe.available());
        }
        whenTimed.run();
        MachineLoad.Sample loadStart = MachineLoad.sample();
        int rounds = 0;
        Measurement.Stop stop;
        while (true) {
            long r0 = clock.getAsLong();
            for (int k = 0; k < n; k++) {
                int c = (rounds + k) % n;
                if (rounds == samples[c].length) {
                    samples[c] = Arrays.copyOf(samples[c], 2 * rounds);
                }
                Candidate cand = candidates.get(c);
                cand.before().run();
                AllocationProbe.Snapshot o0 = probe.others();
                long s0 = probe.selfBytes();
                long t0 = clock.getAsLong();
                for (long b = 0; b < batch[c]; b++) {
                    cand.operation().run();
                }
                long t1 = clock.getAsLong();
                long s1 = probe.selfBytes();
                AllocationProbe.Snapshot o1 = probe.others();
                cand.after().run();
                samples[c][rounds] = (t1 - t0) / 1e9 / batch[c];
                allocation[c] = allocation[c].plus(probe.between(o0, s0, s1, o1, batch[c]));
            }
            rounds++;
            long now = clock.getAsLong();
            if (rounds >= minRounds && narrowEnough(samples, rounds)) {
                stop = Measurement.Stop.PRECISION;
                break;
            }
            if (rounds >= maxRounds) {
                stop = Measurement.Stop.MAX_ROUNDS;
                break;
            }
            if (rounds >= minRounds && now + (now - r0) > deadline) {
                stop = Measurement.Stop.BUDGET;
                break;
            }
        }
        MachineLoad load = MachineLoad.between(loadStart, MachineLoad.sample());
        double[][] trimmed = new double[n][];
        for (int c = 0; c < n; c++) {
            trimmed[c] = Arrays.copyOf(samples[c], rounds);
        }
        List<String> names = candidates.stream().map(Candidate::name).toList();
        return new Measurement(name, names, trimmed, List.of(allocation), warm, stop, precision,
                budget.toNanos() / 1e9, (clock.getAsLong() - start) / 1e9, load);
    }

    private boolean narrowEnough(double[][] samples, int rounds) {
        int n = samples.length;
        double[] ratio = new double[rounds];
        for (int c = 0; c < n; c++) {
            double[] s = Arrays.copyOf(samples[c], rounds);
            if (Stats.medianInterval(s, 0.95).relativeWidth() > precision) {
                return false;
            }
            if (c > 0) {
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = samples[c][r] / samples[0][r];
                }
                if (Stats.medianInterval(ratio, 0.95).relativeWidth() > precision) {
                    return false;
                }
            }
        }
        return true;
    }

    private Measurement.Warmup warmUp(long warmDeadline, long start) {
        int n = candidates.size();
        long[] batch = new long[n];
        Arrays.fill(batch, fixedBatch > 0 ? fixedBatch : 1);
        List<List<Double>> times = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            times.add(new ArrayList<>());
        }
        long operations = 0;
        int round = 0;
        String reason;
        long minWarmNanos = Math.min(MIN_WARMUP_NANOS, warmDeadline - start);
        boolean jitQuietBefore = false;
        while (true) {
            double jit0 = MachineLoad.jitMillisNow();
            long r0 = clock.getAsLong();
            for (int k = 0; k < n; k++) {
                int c = (round + k) % n;
                Candidate cand = candidates.get(c);
                cand.before().run();
                long t0 = clock.getAsLong();
                for (long b = 0; b < batch[c]; b++) {
                    cand.operation().run();
                }
                long elapsed = clock.getAsLong() - t0;
                cand.after().run();
                operations += batch[c];
                double perOp = (double) elapsed / batch[c];
                times.get(c).add(perOp);
                if (fixedBatch == 0 && elapsed < minSampleNanos) {
                    batch[c] = Math.max(batch[c], (long) Math.ceil(minSampleNanos / Math.max(perOp, 1.0)));
                }
            }
            round++;
            long roundNanos = clock.getAsLong() - r0;
            double jit = MachineLoad.jitMillisNow() - jit0;
            boolean jitQuiet = !Double.isFinite(jit) || jit <= JIT_QUIET_SHARE * roundNanos / 1e6;
            boolean stable = true;
            for (List<Double> t : times) {
                stable &= steady(t);
            }
            // compilation time is booked when a compilation ends: quiet over two rounds and a minimum warm-up time
            boolean longEnough = clock.getAsLong() - start >= minWarmNanos;
            if (round >= 2 && jitQuiet && jitQuietBefore && stable && longEnough) {
                reason = "steady";
                break;
            }
            if (clock.getAsLong() + roundNanos > warmDeadline || round >= MAX_WARMUP_ROUNDS) {
                reason = "budget (" + (jitQuiet ? "" : "JIT still compiling; ") + (stable ? "" : "times not yet stable; ")
                        + "measured anyway)";
                reason = reason.replace("; )", ")").replace("()", "");
                break;
            }
            jitQuietBefore = jitQuiet;
        }
        return new Measurement.Warmup(round, operations, (clock.getAsLong() - start) / 1e9, reason.equals("steady"),
                reason, batch);
    }

    private boolean steady(List<Double> t) {
        return flat(t, steadyWindow, steadyTolerance);
    }

    /**
     * Whether the last {@code window} times lie within {@code tolerance} (a fraction) of their least: the warm-up's
     * test of steady times, also the profiler's ({@code Profiler.warmupUntilSteady}).
     */
    public static boolean flat(List<Double> times, int window, double tolerance) {
        if (times.size() < window) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = times.size() - window; i < times.size(); i++) {
            min = Math.min(min, times.get(i));
            max = Math.max(max, times.get(i));
        }
        return (max - min) <= tolerance * min;
    }
}
