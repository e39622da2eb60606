package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** {@code bench scaling}: the shape of the table and its intervals (no timing is asserted), and its option errors. */
class ThreadScalingTest {

    @Test
    void tableHasARowPerGridAndThreadCountWithIntervals() {
        // two fresh JVMs per grid: the figures, the transform split and the core use come back from the forks
        ThreadScaling.Result r = ThreadScaling.of(List.of("8x8x8", "2x16x8x8"), List.of(1, 2), "jtransforms")
                .budgetPerGrid(Duration.ofMillis(500)).forks(2).run();
        assertEquals(2, r.measurements().get(0).forkCount());
        assertTrue(!r.measurements().get(0).inProcess(), "fresh JVMs");
        assertEquals(2 * ThreadScaling.CORE_USE_STEPS, r.coreUse(0, 1).steps(), "both forks' core-use steps");
        Table t = r.table();
        assertEquals(4, t.rowCount());
        assertEquals(List.of("8x8x8", "8x8x8", "16x8x8", "16x8x8"), t.stringColumn(ThreadScaling.GRID).asList());
        for (int row = 0; row < 4; row++) {
            assertTrue(t.doubleColumn(ThreadScaling.SPEEDUP_LOW).get(row) <= t.doubleColumn(ThreadScaling.SPEEDUP).get(row));
            assertTrue(t.doubleColumn(ThreadScaling.SPEEDUP).get(row) <= t.doubleColumn(ThreadScaling.SPEEDUP_HIGH).get(row));
            assertTrue(t.intColumn(ThreadScaling.ROUNDS).get(row) >= 6);
        }
        assertEquals(1.0, t.doubleColumn(ThreadScaling.SPEEDUP).get(0), 0.0, "one thread against itself, paired");
        // efficiency is the speed-up over the ratio of thread counts
        assertEquals(t.doubleColumn(ThreadScaling.SPEEDUP).get(1) / 2, t.doubleColumn(ThreadScaling.EFFICIENCY).get(1), 1e-12);
        assertTrue(r.toMarkdown().contains("| 8x8x8 | 2 |") && r.toMarkdown().contains("commit "), r.toMarkdown());
        // the transform/rest split: both parts positive, the speed-up of the first thread count is 1, the parts'
        // speed-ups are the ratios of their times
        for (int row = 0; row < 4; row++) {
            assertTrue(t.doubleColumn(ThreadScaling.FFT_MS).get(row) > 0, "transforms take time");
            assertTrue(t.doubleColumn(ThreadScaling.REST_MS).get(row) > 0, "the rest takes time");
        }
        assertEquals(1.0, t.doubleColumn(ThreadScaling.FFT_SPEEDUP).get(0), 0.0);
        assertEquals(t.doubleColumn(ThreadScaling.FFT_MS).get(2) / t.doubleColumn(ThreadScaling.FFT_MS).get(3),
                t.doubleColumn(ThreadScaling.FFT_SPEEDUP).get(3), 1e-12);
        assertEquals(t.doubleColumn(ThreadScaling.REST_MS).get(0) / t.doubleColumn(ThreadScaling.REST_MS).get(1),
                t.doubleColumn(ThreadScaling.REST_SPEEDUP).get(1), 1e-12);
        // waiting for the team: none on one thread (nobody to wait for), never negative, never the whole step
        for (int row = 0; row < 4; row++) {
            double wait = t.doubleColumn(ThreadScaling.WAIT_MS).get(row);
            if (t.intColumn(ThreadScaling.THREADS).get(row) == 1) {
                assertEquals(0.0, wait, 0.0, "row " + row);
            }
            assertTrue(wait >= 0 && wait < 1e3 * t.doubleColumn(ThreadScaling.SECONDS).get(row) * 2, "row " + row + ": " + wait);
        }
        assertTrue(r.toMarkdown().contains("waiting for the team: ms/step"), r.toMarkdown());
    }

    /**
     * The core-use readings attribute CPU to the right threads: with one thread the team has no workers, with two
     * the team's worker computes its half; no group is negative and all of them together fit in the machine. On a box
     * large enough (64x32x32) that a pass outlasts the worker's wake-up: at 32x32x16, where the passes are cut into
     * pieces that either thread takes, one full test run read the worker at 0.10 cores against the stepping thread's
     * 1.01.
     */
    @Test
    void coreUseSeesTheTeamsWorkerOnlyWhenThereIsOne() {
        ThreadScaling.Result r = ThreadScaling.of(List.of("64x32x32"), List.of(1, 2), "jtransforms")
                .budgetPerGrid(Duration.ofMillis(500)).forks(1).run();
        CoreUse one = r.coreUse(0, 0);
        CoreUse two = r.coreUse(0, 1);
        if (!one.available()) {
            return;     // no CPU clocks on this platform: the table says n/a
        }
        assertEquals(ThreadScaling.CORE_USE_STEPS, two.steps());
        assertTrue(one.busyCores()[1] < 0.05, "one thread: no team worker computes: " + one.text());
        assertTrue(two.busyCores()[1] > 0.1, "two threads: the worker computes its half: " + two.text());
        assertTrue(one.busyCores()[0] > 0.3 && two.busyCores()[0] > 0.1, "the stepping thread computes: " + two.text());
        for (CoreUse u : List.of(one, two)) {
            for (double b : u.busyCores()) {
                assertTrue(b >= 0, u.text());
            }
            assertTrue(u.totalBusyCores() <= Runtime.getRuntime().availableProcessors() + 0.25, u.text());
        }
        String md = r.toMarkdown();
        assertTrue(md.contains("Where the cores went") && md.contains("| 64x32x32 | 2 | "), md);
        assertTrue(md.contains("What the machine gives from more threads"), md);
        assertEquals(1.0, r.ceiling().speedup(0, false).median(), 0.0, "one thread against itself, paired");
        assertEquals(1.0, r.ceiling().speedup(0, true).median(), 0.0);
        assertEquals(4, r.ceiling().measurement().names().size(), "both loops on both thread counts");
    }

    /** Core-use readings travel from a fork as one line and add up over forks: CPU and wall times summed. */
    @Test
    void coreUseReadingsComeBackFromAForkAndAddUp() {
        CoreUse a = CoreUse.parse("true 4 2000000000 1000000000 900000000 0 100000000");
        CoreUse b = CoreUse.parse(a.format());
        assertEquals(a.format(), b.format());
        assertEquals(0.5, a.busyCores()[0], 1e-12, "1 s of CPU over 2 s of wall");
        CoreUse both = CoreUse.sum(List.of(a, CoreUse.parse("true 4 2000000000 2000000000 1100000000 0 100000000")));
        assertEquals(8, both.steps());
        assertEquals(0.75, both.busyCores()[0], 1e-12, "3 s over 4 s");
        assertEquals(0.5, both.busyCores()[1], 1e-12);
        assertTrue(!CoreUse.sum(List.of(a, CoreUse.parse("false 0 0 0 0 0 0"))).available(), "n/a if one fork had no clocks");
        assertThrows(IllegalArgumentException.class, () -> CoreUse.parse("true 4 2000"));
    }

    @Test
    void badOptionsNameTheOption() {
        for (String[] args : new String[][] {{"bench", "scaling", "--threads", "2,1"}, {"bench", "scaling", "--threads", "a"},
            {"bench", "scaling", "--budget", "0"}, {"bench", "scaling", "--fast"}, {"bench", "scaling", "--out", "x.txt"},
            {"bench", "scaling", "--grids"}, {"bench", "scaling", "--forks", "0"}, {"bench", "scaling", "--forks", "x"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, status, String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: "), err.toString(StandardCharsets.UTF_8));
        }
        assertThrows(IllegalArgumentException.class, () -> ThreadScaling.of(List.of(), List.of(1), "jtransforms"));
        assertThrows(IllegalArgumentException.class, () -> ThreadScaling.of(List.of("8x8x8"), List.of(1), "java").forks(0));
    }

    /**
     * Issue 13's many-core targets: 16 threads against 1, judged from the whole interval, only where the table has both
     * thread counts and the machine has 16 cores; ns per point-step is the 16-thread step time over the points.
     */
    @Test
    void manyCoreTargetsAreJudgedFromTheIntervalOnSixteenCores() {
        List<Integer> threads = List.of(1, 2, 4, 8, 16);
        java.util.function.IntFunction<dev.isspectral.measure.Estimate> fast =
                k -> new dev.isspectral.measure.Estimate(10.8, 10.2, 11.4, 12, 0.95, "");
        java.util.function.IntFunction<dev.isspectral.measure.Estimate> step =
                k -> new dev.isspectral.measure.Estimate(0.5, 0.48, 0.52, 12, 0.95, "s");
        long large = 256L * 128 * 128;
        List<ThreadScaling.ManyCoreRow> rows = ThreadScaling.manyCoreRows("256x128x128", large, threads, 16, fast, step);
        assertEquals(2, rows.size());
        assertEquals(dev.isspectral.measure.Verdict.PASS, rows.get(0).verdict(), rows.toString());
        assertEquals(10.0, rows.get(0).bound(), 0.0);
        // 0.5 s over 4 194 304 points: 119.2 ns, the interval [114.4, 124.0] below 150
        assertEquals(1e9 * 0.5 / large, rows.get(1).measured().median(), 1e-9);
        assertEquals(1e9 * 0.52 / large, rows.get(1).measured().high(), 1e-9);
        assertEquals(dev.isspectral.measure.Verdict.PASS, rows.get(1).verdict());
        // an interval straddling the bound is INCONCLUSIVE, one wholly below it a MISS
        assertEquals(dev.isspectral.measure.Verdict.INCONCLUSIVE, ThreadScaling.manyCoreRows("256x128x128", large, threads,
                16, k -> new dev.isspectral.measure.Estimate(10.1, 9.5, 10.6, 12, 0.95, ""), step).get(0).verdict());
        assertEquals(dev.isspectral.measure.Verdict.MISS, ThreadScaling.manyCoreRows("256x128x128", large, threads, 16, fast,
                k -> new dev.isspectral.measure.Estimate(0.7, 0.66, 0.74, 12, 0.95, "s")).get(1).verdict(), "167 ns > 150");
        // 128x64x64: the speed-up alone, bound 7
        List<ThreadScaling.ManyCoreRow> small = ThreadScaling.manyCoreRows("128x64x64", 128L * 64 * 64, threads, 16,
                k -> new dev.isspectral.measure.Estimate(6.1, 5.8, 6.5, 12, 0.95, ""), step);
        assertEquals(1, small.size());
        assertEquals(7.0, small.get(0).bound(), 0.0);
        assertEquals(dev.isspectral.measure.Verdict.MISS, small.get(0).verdict());
        // on 2 cores the rows are shown, not judged
        List<ThreadScaling.ManyCoreRow> here = ThreadScaling.manyCoreRows("128x64x64", 128L * 64 * 64, threads, 2, fast, step);
        assertTrue(!here.get(0).judged() && here.get(0).why().contains("2 cores"), here.toString());
        // no 16, no 1 first, or another box: no rows
        assertTrue(ThreadScaling.manyCoreRows("128x64x64", 1, List.of(1, 2, 4, 8), 16, fast, step).isEmpty());
        assertTrue(ThreadScaling.manyCoreRows("128x64x64", 1, List.of(2, 16), 16, fast, step).isEmpty());
        assertTrue(ThreadScaling.manyCoreRows("64x32x32", 1, threads, 16, fast, step).isEmpty());
    }
}
