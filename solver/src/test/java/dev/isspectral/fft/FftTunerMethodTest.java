package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jtransforms.utils.CommonUtils;
import org.junit.jupiter.api.Test;

/**
 * The tuner's method on fake engines and a fake clock, so the outcome is deterministic: a "JVM" whose every
 * transform costs 4× as much until 60 transforms (of any engine) have run, like JIT warm-up. With a fixed, short
 * warm-up, measured one after another, the truly faster candidate listed first would pay all of the warm-up and
 * lose; the project's method (warm-up until steady, interleaved rounds, medians with intervals) picks it.
 */
class FftTunerMethodTest {

    /** Shared state of the fake JVM: transforms run so far and the fake clock in ns. */
    private static final class FakeJvm {
        long transforms;
        long nanos;

        /** Cost of one transform of an engine whose warm cost is {@code base} ns. */
        void run(long base) {
            nanos += transforms < 60 ? 4 * base : base;
            transforms++;
        }
    }

    private static class FakeEngine implements FftEngine {
        private final FakeJvm jvm;
        private final long base;
        private final int n;

        FakeEngine(FakeJvm jvm, long base, int n) {
            this.jvm = jvm;
            this.base = base;
            this.n = n;
        }

        public String backend() { return FftSettings.JTRANSFORMS; }
        public int nx() { return n; }
        public int ny() { return 1; }
        public int nz() { return 1; }
        public void forward(double[] real, double[] spectrum) { jvm.run(base); }
        public void inverse(double[] spectrum, double[] real) { jvm.run(base); }
    }

    // truly faster (6 us per transform when warm) listed first, slower (10 us) second
    private static final FftSettings FAST = FftSettings.optimized().withThreads(1);
    private static final FftSettings SLOW = FftSettings.optimized().withThreads(2);

    private static FftTuner tuner(FakeJvm jvm, List<FftSettings> candidates) {
        return FftTuner.forGrid(4, 1, 1).withCandidates(candidates).withRepeats(5, 4, 5)
                .withMeasurement((s, nx, ny, nz) -> new FakeEngine(jvm, s.equals(FAST) ? 6_000 : 10_000, nx),
                        () -> jvm.nanos);
    }

    private static double msPerPair(FftTuner.Result r, FftSettings s) {
        var table = r.table();
        for (int row = 0; row < table.rowCount(); row++) {
            if (table.stringColumn(FftTuner.CONFIGURATION).get(row).equals(s.label())) {
                return table.doubleColumn(FftTuner.MS_PER_PAIR).get(row);
            }
        }
        throw new AssertionError(s.label() + " not in the table");
    }

    @Test
    void warmupUntilSteadyRemovesTheColdStartBiasOfTheFirstCandidate() {
        // measured alone, one after the other: the first candidate meets the cold "JVM" (a fixed warm-up of a few
        // pairs would leave it timing cold transforms); warm-up until steady times both warm
        FakeJvm jvm = new FakeJvm();
        FftTuner.Result fast = tuner(jvm, List.of(FAST)).run();
        FftTuner.Result slow = tuner(jvm, List.of(SLOW)).run();
        assertEquals(0.012, msPerPair(fast, FAST), 1e-12, "two warm 6 us transforms per pair");
        assertEquals(0.020, msPerPair(slow, SLOW), 1e-12);
        assertTrue(fast.measurement().warmup().rounds() >= 2);
    }

    @Test
    void interleavedMeasurementPicksTheTrulyFasterCandidateWithIntervals() {
        FakeJvm jvm = new FakeJvm();
        FftTuner.Result r = tuner(jvm, List.of(FAST, SLOW)).run();
        assertEquals(FAST, r.winner());
        assertEquals(0.012, msPerPair(r, FAST), 1e-12);
        assertEquals(0.020, msPerPair(r, SLOW), 1e-12);
        var t = r.table();
        assertEquals(List.of(true, false), t.booleanColumn(FftTuner.CHOSEN).asList());
        assertEquals(List.of(FftTuner.CONFIGURATION, FftTuner.MS_PER_PAIR, FftTuner.MS_CI_LOW, FftTuner.MS_CI_HIGH,
                FftTuner.RATIO_TO_CHOSEN, FftTuner.GFLOPS, FftTuner.PLANNING_MS, FftTuner.CHOSEN, FftTuner.ROUNDS),
                t.columnNames());
        assertEquals(1.0, t.doubleColumn(FftTuner.RATIO_TO_CHOSEN).get(0), 1e-12);
        assertEquals(20.0 / 12.0, t.doubleColumn(FftTuner.RATIO_TO_CHOSEN).get(1), 1e-12, "paired per round");
        assertEquals(0.012, t.doubleColumn(FftTuner.MS_CI_LOW).get(0), 1e-12, "identical rounds: a zero-width interval");
        assertTrue(t.intColumn(FftTuner.ROUNDS).get(0) >= 4);
    }

    @Test
    void jtransformsSettingsAreAppliedPerCandidateAndRestored() {
        FftSettings low = FftSettings.optimized().withRealTransforms(false).withJTransformsThreadsBeginN(4096);
        FftSettings plain = FftSettings.optimized().withRealTransforms(false);
        long before3d = CommonUtils.getThreadsBeginN_3D();
        int beforeThreads = pl.edu.icm.jlargearrays.ConcurrencyUtils.getNumberOfThreads();
        long[] seen = new long[2];
        FakeJvm jvm = new FakeJvm();
        FftTuner t = FftTuner.forGrid(4, 1, 1).withCandidates(List.of(low, plain)).withRepeats(1, 3, 1)
                .withMeasurement((s, nx, ny, nz) -> new FakeEngine(jvm, 1000, nx) {
                    @Override
                    public void forward(double[] real, double[] spectrum) {
                        // what JTransforms would see while this candidate runs
                        seen[s.equals(low) ? 0 : 1] = CommonUtils.getThreadsBeginN_3D();
                        if (s.equals(low) != (CommonUtils.getThreadsBeginN_3D() == 4096)) {
                            throw new AssertionError(s.label() + " ran with threshold " + CommonUtils.getThreadsBeginN_3D());
                        }
                        super.forward(real, spectrum);
                    }
                }, () -> jvm.nanos);
        t.run();
        assertEquals(4096, seen[0]);
        assertTrue(seen[1] != 4096, "the plain candidate saw the other's threshold");
        assertEquals(before3d, CommonUtils.getThreadsBeginN_3D(), "threshold restored");
        assertEquals(beforeThreads, pl.edu.icm.jlargearrays.ConcurrencyUtils.getNumberOfThreads(), "threads restored");
    }

    @Test
    void resultLooksUpTimesAndPlanningAndAnswersQuestionsFromTheMeasurement() {
        FakeJvm jvm = new FakeJvm();
        FftTuner.Result r = tuner(jvm, List.of(FAST, SLOW)).run();
        assertEquals(msPerPair(r, FAST), r.msPerPair(FAST), 0.0);
        assertEquals(0.020, r.msPerPair(SLOW), 1e-12);
        assertTrue(r.planningMs(FAST) >= 0, "planning of a built candidate is its build time");
        FftSettings absent = FftSettings.optimized().withThreads(3);
        assertTrue(Double.isNaN(r.msPerPair(absent)) && Double.isNaN(r.planningMs(absent)), "not measured: NaN");
        var q = r.questions(new FftTuner.Question("fast vs slow", SLOW, FAST),
                new FftTuner.Question("absent is left out", SLOW, absent));
        assertEquals(1, q.rowCount());
        assertEquals("fast vs slow", q.stringColumn("question").get(0));
        assertEquals(10.0 / 6.0, q.doubleColumn("b_faster_by").get(0), 1e-9, "time(slow)/time(fast), paired");
        assertTrue(q.doubleColumn("ci_low").get(0) <= q.doubleColumn("b_faster_by").get(0)
                && q.doubleColumn("b_faster_by").get(0) <= q.doubleColumn("ci_high").get(0));
        assertEquals(0.020, q.doubleColumn("ms_a").get(0), 1e-12);
    }
}
