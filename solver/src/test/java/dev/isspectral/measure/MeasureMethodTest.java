package dev.isspectral.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measurement method against known answers (no assertion on the project's speed): synthetic workloads whose
 * cost ratio is known by construction (the same kernel run once and three times), measured on a quiet JVM and with a
 * CPU hog thread; an A/A comparison; the statistics and the verdicts; allocation over all threads. Stated shares:
 * the 95% interval of the ratio must contain the true ratio in at least 6 of 8 repetitions (at a true coverage of
 * 95% that fails with probability 0.6%; rounds on a shared machine are not quite independent, hence the slack), and
 * must be narrow enough to exclude a wrong ratio (2 for 3, 1.5 for 1) in 6 of the repetitions the machine was not
 * busy with other processes (on a machine loaded far beyond its cores the intervals are honestly wide).
 */
class MeasureMethodTest {

    private static final int REPETITIONS = 8;
    private static final int REQUIRED = 6;

    /** A latency-bound kernel: a dependent multiply-add chain over a small array, state carried across calls. */
    static final class Kernel {
        private final double[] a = new double[1024];
        private double x = 1;

        Kernel() {
            for (int i = 0; i < a.length; i++) {
                a[i] = 0.999 + 1e-6 * (i % 7);
            }
        }

        void pass() {
            double v = x;
            for (int r = 0; r < 4; r++) {
                for (double ai : a) {
                    v = v * ai + 1e-3;
                }
            }
            x = v > 1e6 ? 1 : v;
        }
    }

    private static volatile Object sink;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(1);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static Measure cheap(Candidate... candidates) {
        return Measure.of(candidates).budget(Duration.ofMillis(300)).minSample(Duration.ofMillis(4));
    }

    /** Of the repetitions: how many intervals held the true ratio, and how many excluded a wrong one. */
    private record Coverage(int contained, int excludedWrong, int quiet, String log) {
        boolean discriminates() {
            return quiet < REQUIRED || excludedWrong >= REQUIRED * quiet / REPETITIONS;
        }
    }

    private static Coverage ratioCoverage(double truth, boolean hog, boolean sameWork) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread hogThread = null;
        if (hog) {
            hogThread = new Thread(() -> {
                double v = 1;
                while (!stop.get()) {
                    v = v * 1.0000001 + 1e-9;
                }
                sink = v;
            }, "cpu-hog");
            hogThread.setDaemon(true);
            hogThread.start();
        }
        // a wrong answer the interval must exclude: 2 for a true 3, 1.5 for a true 1
        double wrong = sameWork ? 1.5 : 2.0;
        try {
            int contained = 0;
            int excluded = 0;
            int quiet = 0;
            StringBuilder log = new StringBuilder();
            for (int rep = 0; rep < REPETITIONS; rep++) {
                Kernel k1 = new Kernel();
                Kernel k3 = new Kernel();
                Measurement m = cheap(Candidate.of("once", k1::pass),
                        Candidate.of(sameWork ? "once again" : "three times", sameWork ? k3::pass : () -> {
                            k3.pass();
                            k3.pass();
                            k3.pass();
                        })).run();
                Estimate r = m.ratio(1, 0);
                contained += r.contains(truth) ? 1 : 0;
                if (!m.load().busy()) {
                    quiet++;
                    excluded += r.contains(wrong) ? 0 : 1;
                }
                log.append("\n  ").append(r).append("; warm-up ").append(m.warmup().reason()).append("; ")
                        .append(m.load().busyText());
                assertTrue(m.rounds() >= 6, "the minimum rounds always run: " + m.rounds());
                assertEquals(0.95, r.confidence(), 0.05, "six rounds or more give a 95% interval");
            }
            return new Coverage(contained, excluded, quiet, log.toString());
        } finally {
            stop.set(true);
            if (hogThread != null) {
                try {
                    hogThread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void intervalOfPairedRatioContainsKnownRatioOfThree() {
        Coverage c = ratioCoverage(3.0, false, false);
        assertTrue(c.contained() >= REQUIRED, "the interval held the true ratio 3 in " + c.contained() + " of "
                + REPETITIONS + c.log());
        assertTrue(c.discriminates(), "and told it from 2 in only " + c.excludedWrong() + " of " + c.quiet() + c.log());
    }

    @Test
    void intervalOfPairedRatioContainsKnownRatioUnderCpuHog() {
        Coverage c = ratioCoverage(3.0, true, false);
        assertTrue(c.contained() >= REQUIRED, "under a CPU hog the interval held 3 in " + c.contained() + " of "
                + REPETITIONS + c.log());
        assertTrue(c.discriminates(), "and told it from 2 in only " + c.excludedWrong() + " of " + c.quiet() + c.log());
    }

    @Test
    void aaComparisonIntervalContainsOne() {
        Coverage c = ratioCoverage(1.0, false, true);
        assertTrue(c.contained() >= REQUIRED, "A/A: the interval held 1 in " + c.contained() + " of " + REPETITIONS
                + c.log());
        assertTrue(c.discriminates(), "and told it from 1.5 in only " + c.excludedWrong() + " of " + c.quiet() + c.log());
    }

    @Test
    void speedupIsThePairedInverseRatio() {
        Kernel k1 = new Kernel();
        Kernel k2 = new Kernel();
        Measurement m = cheap(Candidate.of("once", k1::pass), Candidate.of("twice", () -> {
            k2.pass();
            k2.pass();
        })).run();
        double[] ratios = m.pairedRatios(1, 0);
        double[] inverse = new double[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            inverse[i] = 1 / ratios[i];
        }
        assertEquals(Stats.median(inverse), m.speedup(1, 0).median(), 1e-12, "speed-up of twice over once: once/twice");
        assertEquals(Stats.median(ratios), m.speedup(0, 1).median(), 1e-12);
        assertEquals(Stats.median(ratios), m.ratio(1, 0).median(), 1e-12);
    }

    @Test
    void whenTimedRunsOnceBetweenWarmUpAndTheFirstTimedRound() {
        long[] ops = {0};
        long[] atStart = {-1};
        int[] calls = {0};
        Measurement m = Measure.of(Candidate.of("count", () -> ops[0]++)).budget(Duration.ofMillis(200)).batch(1)
                .whenTimed(() -> {
                    calls[0]++;
                    atStart[0] = ops[0];
                }).run();
        assertEquals(1, calls[0], "once");
        assertEquals(m.warmup().operations(), atStart[0], "after every warm-up operation, before any timed one");
        assertEquals(m.samples(0).length, ops[0] - atStart[0], "each timed round's one operation came after it");
        assertThrows(IllegalArgumentException.class, () -> Measure.of(Candidate.of("x", () -> { })).whenTimed(null));
    }

    @Test
    void resultRecordsWarmupStopLoadAndRounds() {
        Kernel k = new Kernel();
        Measurement m = cheap(Candidate.of("k", k::pass)).run();
        assertTrue(m.warmup().rounds() >= 1);
        assertTrue(m.warmup().batches().get(0) >= 1);
        assertTrue(m.warmup().reason().equals("steady") == m.warmup().steady());
        assertTrue(m.time(0).isMeasured());
        assertTrue(m.time(0).low() <= m.time(0).median() && m.time(0).median() <= m.time(0).high());
        assertTrue(m.stopText().length() > 10);
        assertTrue(m.load().seconds() > 0);
        assertTrue(m.load().gcCount() >= 0 && m.load().gcMillis() >= 0);
        // every way to ask for a candidate by index checks it (pairedRatios once threw ArrayIndexOutOfBounds)
        assertEquals("candidate index = 1; must be in 0..0",
                assertThrows(IllegalArgumentException.class, () -> m.pairedRatios(1, 0)).getMessage());
        if (m.load().sharesKnown()) {
            assertTrue(m.load().otherShare() >= 0 && m.load().otherShare() <= 1);
            assertTrue(m.load().stealShare() >= 0 && m.load().stealShare() <= 1);
        }
        assertEquals(1, m.table().rowCount());
        assertEquals(m.rounds(), m.table().intColumn(Measurement.ROUNDS).get(0));
        assertTrue(m.toHtml().contains("95% CI"));
    }

    @Test
    void roundsStopAtTheMaximumWhenAsked() {
        Kernel k = new Kernel();
        Measurement m = Measure.of(Candidate.of("k", k::pass)).rounds(7, 7).budget(Duration.ofSeconds(5)).precision(1e-9)
                .minSample(Duration.ZERO).run();
        assertEquals(7, m.rounds());
        assertEquals(Measurement.Stop.MAX_ROUNDS, m.stop());
    }

    @Test
    void roundsStopByBudgetWhenPrecisionIsOutOfReach() {
        Kernel k = new Kernel();
        Measurement m = Measure.of(Candidate.of("k", k::pass)).budget(Duration.ofMillis(100)).precision(1e-12).run();
        assertEquals(Measurement.Stop.BUDGET, m.stop());
        assertTrue(m.stopText().startsWith("budget"));
    }

    // --- statistics --------------------------------------------------------------------------------

    @Test
    void medianIntervalUsesTheBinomialOrderStatistics() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37) % 100 + 1;                 // 1 … 100, shuffled
        }
        Estimate e = Stats.medianInterval(v, 0.95);
        assertEquals(50.5, e.median());
        assertEquals(40, e.low());                     // the textbook 95% interval for n = 100: x(40) … x(61)
        assertEquals(61, e.high());
        assertTrue(e.confidence() >= 0.95 && e.confidence() < 0.97, "coverage " + e.confidence());
        Estimate six = Stats.medianInterval(new double[] {6, 1, 5, 2, 4, 3}, 0.95);
        assertEquals(1, six.low());
        assertEquals(6, six.high());
        assertEquals(1 - 2.0 / 64, six.confidence(), 1e-12);
        Estimate five = Stats.medianInterval(new double[] {5, 1, 4, 2, 3}, 0.95);
        assertEquals(1 - 2.0 / 32, five.confidence(), 1e-12, "five values cannot give 95%: the coverage says so");
    }

    @Test
    void bootstrapIsDeterministicForAGivenSeed() {
        double[] a = {1.0, 1.2, 0.9, 1.1, 1.05, 0.95, 1.3, 1.01};
        double[] b = {2.1, 2.0, 1.9, 2.2, 2.05, 2.3, 1.95, 2.02};
        var ratio = (java.util.function.ToDoubleFunction<double[][]>) s -> Stats.median(s[1]) / Stats.median(s[0]);
        Estimate first = Stats.bootstrap(new double[][] {a, b}, ratio, 0.95, 1000, 42);
        Estimate again = Stats.bootstrap(new double[][] {a, b}, ratio, 0.95, 1000, 42);
        Estimate other = Stats.bootstrap(new double[][] {a, b}, ratio, 0.95, 1000, 43);
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(Stats.median(b) / Stats.median(a), first.median(), 1e-15);
        assertTrue(first.low() < first.median() && first.median() < first.high());
        assertTrue(first.low() > 1.5 && first.high() < 2.6, first.toString());
    }

    @Test
    void estimateArithmeticKeepsTheIntervalOrdered() {
        Estimate e = new Estimate(2, 1, 4, 10, 0.95, "s");
        Estimate r = e.reciprocal("1/s");
        assertEquals(0.5, r.median());
        assertEquals(0.25, r.low());
        assertEquals(1.0, r.high());
        assertEquals(2000, e.scaled(1000, "ms").median());
        assertThrows(IllegalArgumentException.class, () -> new Estimate(5, 1, 4, 10, 0.95, "s"));
        assertEquals("n/a", Estimate.missing("s").format());
        assertTrue(e.format().contains("[1.000, 4.000]"), e.format());
    }

    // --- verdicts ----------------------------------------------------------------------------------

    @Test
    void verdictFollowsTheWholeInterval() {
        Estimate e = new Estimate(1.0, 0.9, 1.1, 12, 0.95, "s");
        assertEquals(Verdict.PASS, Verdict.of(e, "<", 1.2));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(e, "<", 1.05));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(e, "<", 0.95));
        assertEquals(Verdict.MISS, Verdict.of(e, "<", 0.85));
        assertEquals(Verdict.MISS, Verdict.of(e, "<", 0.9), "low end on the bound is not below it");
        assertEquals(Verdict.PASS, Verdict.of(e, "<=", 1.1));
        assertEquals(Verdict.PASS, Verdict.of(e, ">=", 0.9));
        assertEquals(Verdict.MISS, Verdict.of(e, ">=", 1.2));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(e, ">=", 1.0));
        assertEquals(Verdict.PASS, Verdict.of(e, ">", 0.85));
        assertEquals(Verdict.MISS, Verdict.of(e, ">", 1.1));
        assertEquals(Verdict.INFO, Verdict.of(e, "", 1.0));
        assertEquals(Verdict.INFO, Verdict.of(e, "<", Double.NaN));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(Estimate.missing("s"), "<", 1.0));
        assertEquals(Verdict.PASS, Verdict.of(Estimate.exact(0, "B/step"), "=", 0));
        assertEquals(Verdict.MISS, Verdict.of(Estimate.exact(8, "B/step"), "=", 0));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Estimate(4, 0, 8, 6, 0.95, "B/step"), "=", 0));
        assertThrows(IllegalArgumentException.class, () -> Verdict.of(e, "==", 1.0));
    }

    // --- allocation --------------------------------------------------------------------------------

    @Test
    void allocationCountsTheMeasuringThreadExactly() {
        Measurement m = Measure.of(Candidate.of("alloc", () -> sink = new long[1000]))
                .budget(Duration.ofMillis(200)).minSample(Duration.ZERO).run();
        Allocation a = m.allocation(0);
        if (!a.available()) {
            return;                                     // a JVM without per-thread counters: "n/a", nothing to check
        }
        assertTrue(a.perOperation() >= 8016, "a long[1000] is 8016 bytes: " + a);
        assertTrue(a.perOperation() < 8016 + 512, "little else allocates: " + a);
        assertTrue(a.ownPerOperation() >= 8016 && a.ownPerOperation() <= a.perOperation(), "all on the measuring thread");
    }

    @Test
    void allocationCountsPoolThreads() {
        Measurement m = Measure.of(Candidate.of("pool", () -> {
            try {
                pool.submit(() -> sink = new byte[100_000]).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).budget(Duration.ofMillis(200)).minSample(Duration.ZERO).run();
        Allocation a = m.allocation(0);
        if (!a.available()) {
            return;
        }
        assertTrue(a.perOperation() >= 100_016, "the pool thread's byte[100000] counts: " + a);
        assertTrue(a.perOperation() < 100_016 + 4096, a.toString());
        assertTrue(a.ownPerOperation() < 4096, "the array is the pool thread's, not the measuring thread's: " + a.ownBytes());
        assertTrue(a.bytes() >= 0);
    }

    @Test
    void allocationOfThreadsThatEndIsABoundNeverNegative() {
        Measurement m = Measure.of(Candidate.of("short-lived threads", () -> {
            Thread t = new Thread(() -> sink = new byte[50_000]);
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).budget(Duration.ofMillis(200)).minSample(Duration.ZERO).run();
        Allocation a = m.allocation(0);
        if (!a.available()) {
            return;
        }
        assertTrue(a.bytes() >= 0);
        assertFalse(a.exact(), "threads that ended in the window make the figure a bound: " + a);
        assertTrue(a.format().startsWith("≥ "), a.format());
    }

    @Test
    void allocationFormatsUnavailableAsNa() {
        assertEquals("n/a", Allocation.unavailable(10).format());
        assertThrows(IllegalArgumentException.class, () -> new Allocation(-1, 0, 1, true, true));
        assertEquals("0 B/op", new Allocation(0, 0, 5, true, true).format());
    }

    // --- warm-up limit ------------------------------------------------------------------------------

    /** A fake operation whose first 5 calls take 20, 16, 12, 9, 7 s (the JIT at work), then 5 s: its steady state. */
    private static Measurement slowStart(java.util.function.UnaryOperator<Measure> settings) {
        long[] now = {0};
        int[] calls = {0};
        long[] start = {20, 16, 12, 9, 7};
        Candidate step = Candidate.of("step", () -> now[0] += 1_000_000_000L * (calls[0] < 5 ? start[calls[0]++] : 5));
        return settings.apply(Measure.of(step).clock(() -> now[0]).budget(Duration.ofSeconds(30)).minSample(Duration.ZERO))
                .run();
    }

    @Test
    void aWarmupShareOfTheBudgetEndsInsideTheSlowStartAndMeasuresIt() {
        Measurement m = slowStart(x -> x);
        assertFalse(m.warmup().steady(), m.warmup().reason());
        assertEquals(1, m.warmup().rounds(), "40% of 30 s holds one 20 s round");
        assertEquals(16.0, m.samples(0)[0], 1e-9, "the first measured samples are the slow start's");
    }

    @Test
    void aWarmupLimitLetsWarmupFinishAndGivesTheBudgetToRounds() {
        Measurement m = slowStart(x -> x.warmupLimit(Duration.ofSeconds(120)));
        assertTrue(m.warmup().steady(), m.warmup().reason());
        assertEquals(8, m.warmup().rounds(), "5 slow calls, then 3 alike: steady");
        for (double t : m.samples(0)) {
            assertEquals(5.0, t, 1e-9, "only the steady state is measured");
        }
        assertEquals(6, m.samples(0).length, "the 30 s budget after warm-up holds six 5 s rounds");
        assertThrows(IllegalArgumentException.class, () -> Measure.of(Candidate.of("a", () -> { }))
                .warmupLimit(Duration.ZERO));
    }

    // --- configuration -----------------------------------------------------------------------------

    @Test
    void badSettingsNameTheParameter() {
        Candidate c = Candidate.of("a", () -> { });
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Measure.of(c).budget(Duration.ZERO)).getMessage()
                .startsWith("budget = "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Measure.of(c).rounds(5, 2)).getMessage()
                .startsWith("rounds = 5..2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Measure.of(c, Candidate.of("a", () -> { })))
                .getMessage().contains("given twice"));
        assertThrows(IllegalArgumentException.class, () -> Candidate.of(" ", () -> { }));
    }
}
