package dev.isspectral.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The method over forks (fresh JVMs) against known answers. Statistics: synthetic per-fork data with fork offsets of
 * known distribution (seeded, so the shares are exact and the test deterministic) — the hierarchical bootstrap must
 * contain the truth in a stated share of repetitions where pooling the rounds as if from one JVM does not. End to end:
 * a synthetic workload run once and three times in 2 forks; the combined interval must contain 3 (and an A/A one 1) in
 * 3 of 4 repetitions, the stated share of {@link MeasureMethodTest} with fewer repetitions (each costs two JVMs). No
 * assertion on timings beyond such containment.
 */
class ForksTest {

    /** Synthetic forks: log-time = fork offset (normal, sd {@code between}) + round noise (normal, sd {@code within}). */
    private static double[][] synthetic(SplittableRandom r, int forks, int rounds, double between, double within) {
        double[][] d = new double[forks][rounds];
        for (int f = 0; f < forks; f++) {
            double offset = between * gaussian(r);
            for (int i = 0; i < rounds; i++) {
                d[f][i] = Math.exp(offset + within * gaussian(r));
            }
        }
        return d;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * Fork offsets three times the round noise (as measured between JVMs on 2026-12-04), 8 forks of 12 rounds, 200
     * seeded repetitions; the truth (the median over the population of JVMs and rounds) is 1 by symmetry. Stated
     * shares: the hierarchical interval holds it in at least 80% (the bound for 8 forks is 1 − 2/256 ≈ 99%; a
     * percentile bootstrap over few forks covers less than nominal); the interval of one JVM's rounds alone holds it in at
     * most 40% — the failure forks are there to fix.
     */
    @Test
    void hierarchicalBootstrapCoversForkOffsetsWherePooledRoundsDoNot() {
        SplittableRandom r = new SplittableRandom(11);
        int reps = 200;
        int hier = 0;
        int flat = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[][] d = synthetic(r, 8, 12, 0.06, 0.02);
            hier += Stats.hierarchicalMedian(d).contains(1.0) ? 1 : 0;
            flat += Stats.medianInterval(d[0], 0.95).contains(1.0) ? 1 : 0;
        }
        assertTrue(hier >= 0.80 * reps, "hierarchical interval held the truth in " + hier + " of " + reps);
        assertTrue(flat <= 0.40 * reps, "one JVM's interval held it in " + flat + " of " + reps + ": no fork effect?");
        System.out.println("fork offsets: hierarchical interval held the truth in " + hier + " of " + reps
                + ", one JVM's in " + flat);
    }

    /** Without fork offsets the hierarchical interval is an ordinary 95% interval: held in at least 90% of 200. */
    @Test
    void withoutForkOffsetsTheIntervalKeepsItsCoverage() {
        SplittableRandom r = new SplittableRandom(12);
        int held = 0;
        for (int rep = 0; rep < 200; rep++) {
            held += Stats.hierarchicalMedian(synthetic(r, 3, 10, 0, 0.05)).contains(1.0) ? 1 : 0;
        }
        assertTrue(held >= 180, "held " + held + " of 200");
    }

    /**
     * A/A over forks: two identical candidates, paired per round (they share the fork's offset); the paired ratio's
     * interval must hold 1 in at least 90% of 200 seeded repetitions, and exclude 1.1 in at least 90%.
     */
    @Test
    void aaPairedRatioOverForksContainsOne() {
        SplittableRandom r = new SplittableRandom(13);
        int held = 0;
        int excluded = 0;
        for (int rep = 0; rep < 200; rep++) {
            double[][][] data = new double[4][2][10];
            for (int f = 0; f < 4; f++) {
                double offset = 0.1 * gaussian(r);
                for (int i = 0; i < 10; i++) {
                    data[f][0][i] = Math.exp(offset + 0.03 * gaussian(r));
                    data[f][1][i] = Math.exp(offset + 0.03 * gaussian(r));
                }
            }
            Estimate e = Stats.hierarchicalBootstrap(data, s -> {
                double[] q = new double[s[0].length];
                for (int i = 0; i < q.length; i++) {
                    q[i] = s[1][i] / s[0][i];
                }
                return Stats.median(q);
            }, 0.95, 1000, rep);
            held += e.contains(1.0) ? 1 : 0;
            excluded += e.contains(1.1) ? 0 : 1;
        }
        assertTrue(held >= 180, "A/A held 1 in " + held + " of 200");
        assertTrue(excluded >= 180, "and excluded 1.1 in " + excluded + " of 200");
    }

    @Test
    void hierarchicalBootstrapIsExactWhereItMustBe() {
        double[][] d = {{1, 2, 3}, {4, 5, 6, 7}};
        Estimate e = Stats.hierarchicalMedian(d);
        assertEquals(4, e.median(), 1e-15, "the median of all 7 rounds pooled");
        assertEquals(7, e.rounds());
        assertEquals(e, Stats.hierarchicalMedian(d), "deterministic for the default seed");
        assertTrue(e.low() >= 1 && e.high() <= 7);
        double[][] constant = {{2, 2}, {2, 2, 2}};
        Estimate c = Stats.hierarchicalMedian(constant);
        assertEquals(2, c.low());
        assertEquals(2, c.high());
        assertThrows(IllegalArgumentException.class, () -> Stats.hierarchicalBootstrap(new double[][][] {{{1, 2}, {1}}},
                s -> 0, 0.95, 1000, 1), "unpaired series in a fork");
        assertEquals(0.75, Stats.forkCoverage(3), 1e-15);
    }

    @Test
    void figureReportsForkMediansSpreadAndDominance() {
        Measurement a = fake(new double[] {1.00, 1.01, 0.99, 1.00, 1.02, 0.98});
        Measurement b = fake(new double[] {1.50, 1.51, 1.49, 1.50, 1.52, 1.48});
        ForkedMeasurement fm = ForkedMeasurement.of(List.of(a, b), a.load());
        ForkedFigure t = fm.time(0);
        assertEquals(List.of(1.0, 1.5), t.forkMedians());
        assertEquals(List.of(6, 6), t.roundsPerFork());
        assertEquals("2×6", t.roundsText());
        assertTrue(t.betweenForksDominate(), t.text());
        assertEquals(0.5, t.estimate().confidence(), 1e-12, "2 forks: at most 1 − 2/4 coverage when forks dominate");
        assertTrue(t.text().contains("DOMINATES"), t.text());
        assertEquals(12, fm.rounds());
        ForkedMeasurement one = ForkedMeasurement.of(List.of(a), a.load());
        assertEquals(a.time(0), one.time(0).estimate(), "one fork: the order-statistics interval, as before forks");
        assertEquals("6", one.time(0).roundsText());
        assertFalse(one.time(0).betweenForksDominate());
    }

    @Test
    void measurementLinesRoundTripExactly() {
        Measurement m = Measure.of(Candidate.of("a b", new MeasureMethodTest.Kernel()::pass),
                Candidate.of("c/d", new MeasureMethodTest.Kernel()::pass)).budget(Duration.ofMillis(200)).run();
        Measurement back = Measurement.fromLines(m.toLines());
        assertEquals(m.names(), back.names());
        assertEquals(m.name(), back.name());
        for (int i = 0; i < 2; i++) {
            assertTrue(java.util.Arrays.equals(m.samples(i), back.samples(i)));
            assertEquals(m.allocation(i), back.allocation(i));
        }
        assertEquals(m.warmup(), back.warmup());
        assertEquals(m.stop(), back.stop());
        assertEquals(m.load(), back.load());
        assertThrows(IllegalArgumentException.class, () -> Measurement.fromLines(List.of("name x")));
    }

    private static Measurement fake(double[] samples) {
        MachineLoad load = new MachineLoad(1, 2, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 1);
        return new Measurement("fake", List.of("x"), new double[][] {samples}, List.of(Allocation.unavailable(6)),
                new Measurement.Warmup(1, 1, 0.1, true, "steady", new long[] {1}), Measurement.Stop.BUDGET, 0.04, 1, 1,
                load);
    }

    /** The fork's workload: a kernel once, and the same kernel {@code args[0]} times. */
    public static final class KnownCost implements ForkSetup {
        private int times;

        @Override
        public Measure measure(List<String> args) {
            times = Integer.parseInt(args.get(0));
            MeasureMethodTest.Kernel k1 = new MeasureMethodTest.Kernel();
            MeasureMethodTest.Kernel kn = new MeasureMethodTest.Kernel();
            return Measure.of(Candidate.of("once", k1::pass), Candidate.of("n times", () -> {
                for (int i = 0; i < times; i++) {
                    kn.pass();
                }
            })).minSample(Duration.ofMillis(4));
        }

        @Override
        public Map<String, String> extras() {
            return Map.of("times", Integer.toString(times), "pid", Long.toString(ProcessHandle.current().pid()));
        }
    }

    /** {@link KnownCost}, its candidates in reverse order in odd forks; extras: the fork's index and first candidate. */
    public static final class AlternatingKnownCost implements ForkSetup {
        private int fork;
        private String first;

        @Override
        public Measure measure(List<String> args) {
            return measure(args, 0);
        }

        @Override
        public Measure measure(List<String> args, int fork) {
            this.fork = fork;
            MeasureMethodTest.Kernel k1 = new MeasureMethodTest.Kernel();
            MeasureMethodTest.Kernel k3 = new MeasureMethodTest.Kernel();
            Candidate once = Candidate.of("once", k1::pass);
            Candidate thrice = Candidate.of("3 times", () -> {
                k3.pass();
                k3.pass();
                k3.pass();
            });
            first = fork % 2 == 0 ? "once" : "3 times";
            return (fork % 2 == 0 ? Measure.of(once, thrice) : Measure.of(thrice, once)).minSample(Duration.ofMillis(4));
        }

        @Override
        public Map<String, String> extras() {
            return Map.of("fork", Integer.toString(fork), "first", first);
        }
    }

    /**
     * Each fork learns its index, and a fork that measured its candidates in another order is put back in the first
     * fork's: the ratio "3 times"/"once" stays near 3 (it would be near 1/3 in a fork left reversed; only that coarse
     * side of 1.5 is asserted, no timing).
     */
    @Test
    void forksLearnTheirIndexAndComeBackInTheFirstForksOrder() {
        ForkedMeasurement m = Forks.of(AlternatingKnownCost.class).forks(2).budget(Duration.ofMillis(1200)).run();
        assertEquals(List.of("0", "1"), List.of(m.extras(0).get("fork"), m.extras(1).get("fork")));
        assertEquals(List.of("once", "3 times"), List.of(m.extras(0).get("first"), m.extras(1).get("first")));
        for (int k = 0; k < 2; k++) {
            assertEquals(List.of("once", "3 times"), m.fork(k).names());
            assertTrue(Stats.median(m.fork(k).pairedRatios(1, 0)) > 1.5, "fork " + k + ": " + m.fork(k).ratio(1, 0));
        }
        ForkedMeasurement one = Forks.of(AlternatingKnownCost.class).forks(1).budget(Duration.ofMillis(300)).run();
        assertEquals("0", one.extras(0).get("fork"), "in this JVM: fork 0");
        // every fork reads the machine's speed before and after its rounds, and the account of the method says it
        assertEquals(4, m.machineSpeeds().size());
        assertEquals(2, one.machineSpeeds().size());
        for (MachineSpeed speed : m.machineSpeeds()) {
            assertTrue(speed.streamGBs() > 0 && speed.arithmeticGflops() > 0 && Double.isFinite(speed.streamGBs())
                    && Double.isFinite(speed.arithmeticGflops()), speed.toString());
        }
        assertTrue(m.how().contains("; machine speed (one thread, read before and after the rounds of every fork): stream "),
                m.how());
        assertTrue(one.how().contains("; machine speed (one thread, read before and after the rounds): stream "), one.how());
        // with forks, each fork's readings in fork order (the order of the fork medians), both loops
        assertTrue(m.how().matches(".*; fork by fork, before → after the rounds: arithmetic [0-9.]+→[0-9.]+, [0-9.]+→[0-9.]+ GFLOP/s,"
                + " stream [0-9.]+→[0-9.]+, [0-9.]+→[0-9.]+ GB/s.*"), m.how());
        assertFalse(one.how().contains("fork by fork"), one.how());
    }

    private static int containment(String times, double truth) {
        int held = 0;
        StringBuilder log = new StringBuilder();
        for (int rep = 0; rep < 4; rep++) {
            ForkedMeasurement m = Forks.of(KnownCost.class, times).forks(2).budget(Duration.ofMillis(1200)).run();
            assertEquals(2, m.forkCount());
            assertFalse(m.inProcess());
            assertEquals(times, m.extras(0).get("times"), "the setup's extras come back from the fork");
            assertTrue(!m.extras(0).get("pid").equals(m.extras(1).get("pid"))
                    && !m.extras(0).get("pid").equals(Long.toString(ProcessHandle.current().pid())), "fresh JVMs");
            ForkedFigure r = m.ratio(1, 0);
            assertEquals(2, r.forkMedians().size());
            assertTrue(m.roundsPerFork().stream().allMatch(n -> n >= Forks.minRoundsPerFork(2)),
                    "the minimum rounds ran in every fork: " + m.roundsPerFork());
            assertEquals(m.rounds(), r.estimate().rounds());
            // "known" to 2%: a loop run 3 times costs 3 times one run plus the same call overhead, and its memory
            // traffic need not scale exactly; the interval must reach that band (a factor-2 error stays far outside)
            held += r.estimate().low() <= truth * 1.02 && r.estimate().high() >= truth * 0.98 ? 1 : 0;
            log.append("\n  ").append(r.estimate()).append("; ").append(r.text());
        }
        assertTrue(held >= 3, "the interval over forks reached " + truth + " ± 2% in " + held + " of 4" + log);
        return held;
    }

    @Test
    void forkedRatioOfKnownCostContainsThree() {
        containment("3", 3.0);
    }

    @Test
    void forkedAaRatioContainsOne() {
        containment("1", 1.0);
    }

    @Test
    void oneForkRunsInThisJvm() {
        ForkedMeasurement m = Forks.of(KnownCost.class, "2").forks(1).budget(Duration.ofMillis(300)).run();
        assertTrue(m.inProcess());
        assertEquals(Long.toString(ProcessHandle.current().pid()), m.extras(0).get("pid"));
        assertEquals(m.fork(0).ratio(1, 0), m.ratio(1, 0).estimate());
    }

    @Test
    void forksTogetherMeasureAtLeastSixRoundsAndEachAtLeastThree() {
        assertEquals(6, Forks.minRoundsPerFork(1));
        assertEquals(3, Forks.minRoundsPerFork(2));
        assertEquals(3, Forks.minRoundsPerFork(3));
        assertEquals(3, Forks.minRoundsPerFork(5));
        for (int f = 1; f <= 20; f++) {
            assertTrue(f * Forks.minRoundsPerFork(f) >= 6);
        }
    }

    /** A fake-clock step whose first calls take 20, 16, 12, 9, 7 s (the JIT at work), then 5 s. */
    public static final class SlowStart implements ForkSetup {
        @Override
        public Measure measure(List<String> args) {
            long[] now = {0};
            int[] calls = {0};
            long[] start = {20, 16, 12, 9, 7};
            Candidate step = Candidate.of("step", () -> now[0] += 1_000_000_000L * (calls[0] < 5 ? start[calls[0]++] : 5));
            return Measure.of(step).clock(() -> now[0]).minSample(Duration.ZERO);
        }
    }

    /** The warm-up limit reaches each fork: with it every fork warms up to the steady 5 s; without, none does. */
    @Test
    void eachForkWarmsUpToItsLimit() {
        ForkedMeasurement limited = Forks.of(SlowStart.class).forks(2).budget(Duration.ofSeconds(60))
                .warmupLimit(Duration.ofSeconds(120)).run();
        ForkedMeasurement shared = Forks.of(SlowStart.class).forks(2).budget(Duration.ofSeconds(60)).run();
        for (int k = 0; k < 2; k++) {
            assertTrue(limited.fork(k).warmup().steady(), limited.fork(k).warmup().reason());
            for (double t : limited.fork(k).samples(0)) {
                assertEquals(5.0, t, 1e-9, "fork " + k + " measured only the steady state");
            }
            assertFalse(shared.fork(k).warmup().steady(), "a 12 s warm-up share ends inside the slow start");
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Forks.of(SlowStart.class).warmupLimit(Duration.ZERO))
                .getMessage().startsWith("warmupLimit = "));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forks.of(KnownCost.class, "3").forks(0));
        assertTrue(e.getMessage().contains("forks = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Forks.of(KnownCost.class).budget(Duration.ZERO));
    }
}
