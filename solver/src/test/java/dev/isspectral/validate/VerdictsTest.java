package dev.isspectral.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class VerdictsTest {

    @Test
    void eachCheckGivesOneAlignedLineAndTheSummaryCountsThem() {
        Verdicts v = new Verdicts();
        assertEquals(String.format("PASS  %-62s %11s <= %s", "energy drift", "1.000e-14", "1.00e-12"),
                v.atMost("energy drift", 1e-14, 1e-12));
        assertEquals(String.format("FAIL  %-62s %11s >= %s", "slope", "1.850e+00", "1.90"), v.atLeast("slope", 1.85, 1.9));
        assertTrue(v.atLeast("slope at the bound", 1.9, 1.9).startsWith("PASS"), "the tolerance itself passes");
        assertTrue(v.atMost("NaN", Double.NaN, 1).startsWith("FAIL"), "a NaN measurement fails");
        assertTrue(v.atLeast("NaN", Double.NaN, 1).startsWith("FAIL"), "a NaN measurement fails");
        assertEquals(5, v.lines().size());
        assertEquals(3, v.failed());
        String summary = v.summary();
        assertTrue(summary.startsWith("5 checks against physics.md tolerances: 2 passed, 3 failed\nPASS  energy drift"), summary);
        assertEquals(6, summary.split("\n").length);
    }

    @Test
    void modeTablesGetAVerdictColumnFromTheWorstOfTheirThreeErrors() {
        Table t = Table.create("sound",
                StringColumn.create(Validation.CHANNEL, "sound", "sound"),
                IntColumn.create(Validation.MODE, 1, 2),
                DoubleColumn.create(Validation.OMEGA_ERROR, 1e-5, 1e-5),
                DoubleColumn.create(Validation.GAMMA_ERROR, 2e-4, 1e-5),
                DoubleColumn.create(Validation.TRAJECTORY_ERROR, 1e-6, 2e-3));
        Verdicts v = new Verdicts();
        Table out = v.modes(t, 1e-3);
        assertEquals(List.of("PASS", "FAIL"), out.stringColumn(Verdicts.VERDICT).asList());
        assertEquals(5, t.columnCount(), "the input table is left as it was");
        assertTrue(v.lines().get(0).startsWith("PASS  sound mode n = 1: worst of ω, Γ, trajectory error"), v.lines().get(0));
        assertTrue(v.lines().get(0).contains("2.000e-04 <= 0.00100"), v.lines().get(0));
        assertTrue(v.lines().get(1).contains("2.000e-03"), v.lines().get(1));
        assertEquals(1, v.failed());
    }

    @Test
    void badInputIsNamed() {
        Verdicts v = new Verdicts();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.atMost("x", 1, Double.NaN)).getMessage()
                .startsWith("tolerance = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.atMost(" ", 1, 1)).getMessage().startsWith("what = ' '"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.modes(Table.create("bare"), 1e-3)).getMessage()
                .contains("has no column " + Validation.OMEGA_ERROR));
        assertEquals(0, v.lines().size(), "a refused check is not kept");
    }
}
