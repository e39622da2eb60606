package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jtransforms.utils.CommonUtils;
import org.junit.jupiter.api.Test;

/**
 * The tuner's method on fake engines and a fake clock, so the outcome is deterministic: a "JVM" whose every
 * transform costs 4× as much until 60 transforms (of any engine) have run, like JIT warm-up. Measured one after
 * another, the truly faster candidate listed first pays all of the warm-up and loses; the tuner's
 * build-all / warm-all / interleaved-rounds / median method picks it.
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
    void sequentialMeasurementWouldPickTheSlowerCandidate() {
        // the old method: each candidate warmed up and timed alone, one after the other, in the listed order
        FakeJvm jvm = new FakeJvm();
        double fast = msPerPair(tuner(jvm, List.of(FAST)).run(), FAST);
        double slow = msPerPair(tuner(jvm, List.of(SLOW)).run(), SLOW);
        assertEquals(0.048, fast, 1e-12, "the first candidate ran all 50 of its transforms cold");
        assertEquals(0.020, slow, 1e-12, "the second ran warm");
        assertTrue(slow < fast, "sequentially the slower one looks faster");
    }

    @Test
    void interleavedMeasurementPicksTheTrulyFasterCandidate() {
        FakeJvm jvm = new FakeJvm();
        FftTuner.Result r = tuner(jvm, List.of(FAST, SLOW)).run();
        assertEquals(FAST, r.winner());
        // 20 warm-up transforms, then rounds of 20: rounds 1 and 2 cold, 3 and 4 warm; medians of 4 rounds
        assertEquals(0.5 * (0.012 + 0.048), msPerPair(r, FAST), 1e-12);
        assertEquals(0.5 * (0.020 + 0.080), msPerPair(r, SLOW), 1e-12);
        assertEquals(List.of(true, false), r.table().booleanColumn(FftTuner.CHOSEN).asList());
        assertEquals(5, r.table().columnCount());
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
}
