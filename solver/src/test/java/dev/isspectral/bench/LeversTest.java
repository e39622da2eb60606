package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.cli.Main;
import dev.isspectral.measure.Estimate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** {@code bench levers}: verdicts from intervals, the table's shape (no timing is asserted), and option errors. */
class LeversTest {

    @Test
    void verdictFollowsTheWholeInterval() {
        assertEquals(Levers.Effect.PAYS, Levers.Effect.of(new Estimate(1.3, 1.01, 1.5, 10, 0.95, "x")));
        assertEquals(Levers.Effect.COSTS, Levers.Effect.of(new Estimate(0.8, 0.7, 0.99, 10, 0.95, "x")));
        assertEquals(Levers.Effect.NO_CLEAR_EFFECT, Levers.Effect.of(new Estimate(1.3, 0.99, 1.5, 10, 0.95, "x")));
        assertEquals(Levers.Effect.NO_CLEAR_EFFECT, Levers.Effect.of(new Estimate(1.0, 1.0, 1.0, 10, 0.95, "x")),
                "an interval touching 1 is not a gain");
    }

    @Test
    void tableHasARowPerLeverWithIntervals() {
        Levers.Result r = Levers.on("8x8x8", "jtransforms").threads(1).budgetPerLever(Duration.ofSeconds(1))
                .only(List.of("fused", "FLOAT32")).run();
        Table t = r.table();
        assertEquals(2, t.rowCount(), t.print());
        assertEquals(List.of("fused pointwise kernel", "float32 transforms (an option, off by default)"),
                t.stringColumn(Levers.LEVER).asList());
        for (int row = 0; row < t.rowCount(); row++) {
            assertTrue(t.doubleColumn(Levers.SPEEDUP_LOW).get(row) <= t.doubleColumn(Levers.SPEEDUP).get(row));
            assertTrue(t.doubleColumn(Levers.SPEEDUP).get(row) <= t.doubleColumn(Levers.SPEEDUP_HIGH).get(row));
            assertTrue(t.intColumn(Levers.ROUNDS).get(row) >= 6);
            assertEquals(Levers.Effect.of(r.speedup(row)).toString(), t.stringColumn(Levers.VERDICT).get(row));
        }
        String md = r.toMarkdown();
        assertTrue(md.contains("| fused pointwise kernel |") && md.contains("commit ") && md.contains("1 thread "), md);
    }

    @Test
    void aLeverForAnotherBackendIsSkipped() {
        Lever fftwOnly = Lever.of("x", "y", t -> t, t -> t).onlyFor("fftw");
        assertTrue(fftwOnly.appliesTo("fftw"));
        assertTrue(!fftwOnly.appliesTo("jtransforms"));
        assertTrue(Lever.of("x", "y", t -> t, t -> t).appliesTo("jtransforms"));
        assertThrows(IllegalArgumentException.class, () -> Lever.of("x", "y", t -> t, t -> t).onlyFor("cufft"));
        assertThrows(IllegalArgumentException.class, () -> Lever.of(" ", "y", t -> t, t -> t));
    }

    @Test
    void badOptionsNameTheOption() {
        for (String[] args : new String[][] {{"bench", "levers", "--threads", "0"}, {"bench", "levers", "--threads", "a"},
            {"bench", "levers", "--budget", "0"}, {"bench", "levers", "--fast"}, {"bench", "levers", "--out", "x.txt"},
            {"bench", "levers", "--only", "nothing-like-this"}, {"bench", "levers", "--backend", "cufft"},
            {"bench", "levers", "--grid"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, status, String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("error: "), text);
        }
    }
}
