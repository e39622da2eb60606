package dev.isspectral.profile;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headline's sentences: where the time goes (a batched FFT span's transforms beside its calls), and what is
 * allocated (the median step, the steps far above it, the span and the site, each as what it is).
 */
class HeadlineTest {

    private static Table steps(double... bytes) {
        double[] wall = new double[bytes.length];
        java.util.Arrays.fill(wall, 10);
        return Table.create("steps", DoubleColumn.create(Columns.WALL_MS, wall), DoubleColumn.create(Columns.FFT_MS, wall),
                DoubleColumn.create(Columns.BYTES_ALL_THREADS, bytes), DoubleColumn.create(Columns.PEAK_HEAP_BYTES, wall));
    }

    private static String sentence(Map<String, Table> tables) {
        return Headline.of(tables, ProfileContext.UNKNOWN).findings().get(0);
    }

    @Test
    void aOneOffStepIsNamedBesideTheMedianAndTheSiteIsGivenAsTheAllocationsItMade() {
        Table priorities = Table.create("priorities", StringColumn.create(Columns.BY, "self time", "bytes"),
                StringColumn.create(Columns.SPAN, "step/stage1/rhs", "step/stage1/rhs/sources"),
                DoubleColumn.create(Columns.VALUE, 3.0, 358400.0), DoubleColumn.create(Columns.SHARE, 0.3, 0.0625));
        Table large = Table.create("large_allocations", StringColumn.create(Columns.TOP_FRAME, "a.B.c:1"),
                LongColumn.create(Columns.COUNT, new long[] {1}), LongColumn.create(Columns.BYTES, 4L << 20));
        assertEquals("The step allocates 900 B over all threads (median), and 1 of 4 steps more, up to 1.34 MiB; the span"
                + " that allocates the most itself is step/stage1/rhs/sources (350 KiB per step, 6.3 % of the step's, the mean"
                + " over the measured steps); the largest allocation site is a.B.c:1 (1 allocation, 4.00 MiB in all over"
                + " the 4 measured steps).",
                sentence(Map.of("steps", steps(900, 900, 1.4e6, 900), "priorities", priorities, "large_allocations", large)));
    }

    @Test
    void aBatchedFftSpanGivesItsTransformsBesideItsCalls() {
        // the optimized step's 74 inverse transforms run in 11 batched spans: "11 calls per step" alone read as if
        // the step did 11 inverse transforms
        Table ops = Table.create("operations", StringColumn.create(Columns.OPERATION, "fft.inverse", "sources"),
                DoubleColumn.create(Columns.CALLS_PER_STEP, 11, 3), DoubleColumn.create(Columns.SELF_MS, 13.6, 7.6));
        Table fft = Table.create("fft", StringColumn.create(Columns.DIRECTION, "forward", "inverse"),
                DoubleColumn.create(Columns.CALLS_PER_STEP, 40, 74));
        String finding = Headline.of(Map.of("steps", steps(0, 0, 0, 0), "operations", ops, "fft", fft), ProfileContext.UNKNOWN)
                .findings().get(0);
        assertTrue(finding.startsWith("Most of the time goes to fft.inverse (34 %, 74 transforms in 11 calls per step) and"
                + " sources (19 %, 3 calls per step)"), finding);
    }

    /** The JIT's work while the steps were measured: called out first above a tenth of their wall time, else not. */
    @Test
    void stepsMeasuredWhileTheJitCompiledSaySoFirst() {
        Map<String, Table> tables = Map.of("steps", steps(0, 0, 0, 0));   // 4 steps of 10 ms: 40 ms
        String first = Headline.of(tables, withJit(12)).findings().get(0);
        assertEquals("Not yet steady: the JIT compiler worked 12 ms while the 4 measured steps ran (30 % of their wall time);"
                + " steps that ran beside it, or in code it was replacing, are slower (the mean more than the median): warm up"
                + " longer (Profiler.warmupUntilSteady, --steady-limit) or measure more steps.", first);
        for (double quiet : new double[] {3.9, 9.5, Double.NaN}) {   // a tenth of 40 ms; below the 10 ms floor; unknown
            assertTrue(Headline.of(tables, withJit(quiet)).findings().stream().noneMatch(f -> f.startsWith("Not yet steady")),
                    "jit " + quiet + " ms");
        }
        assertTrue(withJit(12).loadText().endsWith("; JIT compiling 12 ms"), withJit(12).loadText());
        String html = Headline.of(tables, withJit(12)).toHtml();
        assertTrue(html.contains("<p class=\"findings\"><strong>Not yet steady:</strong> the JIT compiler worked 12 ms")
                && html.contains("more steps.<br>"), html);
        // classes loaded in the window say why: code the warm-up had not run; the load line counts them
        String why = Headline.of(tables, withJit(12, 3)).findings().get(0);
        assertTrue(why.endsWith("or measure more steps. The measured steps loaded 3 classes: code the warm-up had not run,"
                + " compiled in the window."), why);
        assertTrue(withJit(12, 3).loadText().endsWith("; JIT compiling 12 ms; 3 classes loaded"), withJit(12, 3).loadText());
    }

    private static ProfileContext withJit(double jitMillis) {
        return withJit(jitMillis, 0);
    }

    private static ProfileContext withJit(double jitMillis, long classes) {
        ProfileContext u = ProfileContext.UNKNOWN;
        return new ProfileContext(u.date(), u.grid(), u.box(), 4, 4, u.physics(), u.integrator(), u.tuning(),
                u.tuningDetail(), u.fft(), u.backend(), 2, u.commit(), u.machine(), 1.0, 1.0, 0.0, 0.0, 0, jitMillis, classes,
                "4 steps");
    }

    @Test
    void stepsThatAllocateNothingSayNothingMore() {
        assertEquals("The step allocates nothing (median over all threads).", sentence(Map.of("steps", steps(0, 0, 0))));
    }

    @Test
    void aMedianOfNothingWithARareStepStillNamesTheRareStep() {
        assertEquals("The step allocates 0 B over all threads (median), and 2 of 5 steps more, up to 2.00 KiB.",
                sentence(Map.of("steps", steps(0, 2048, 0, 1500, 0))));
    }
}
