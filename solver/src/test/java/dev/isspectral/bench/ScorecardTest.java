package dev.isspectral.bench;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardTest {

    @Test
    void rowsCarryTheVerdictFirstAndTheCaveatOfASmallRun() {
        Scorecard card = Scorecard.of("scorecard (small size)", "small size: not the target's case");
        card.add("64x64x32x32 run, best backend", "2.31 s", "< 2.5 s (64x64x32x32)", true);
        card.add("scaling exponent", "1.210", "<= 1.15", false);
        Table t = card.table();
        assertEquals(java.util.List.of(Scorecard.VERDICT, Scorecard.METRIC, Scorecard.MEASURED, Scorecard.TARGET), t.columnNames());
        assertEquals("PASS (small size: not the target's case)", t.stringColumn(Scorecard.VERDICT).get(0));
        assertEquals("MISS (small size: not the target's case)", t.stringColumn(Scorecard.VERDICT).get(1));
        assertEquals(1, card.passed());
        assertEquals("1 of 2 targets met (small size: not the target's case)", card.summary());
        assertTrue(card.toHtml().contains("<td class=\"pass\">PASS"), card.toHtml());
        assertTrue(card.toHtml().contains("<td class=\"fail\">MISS"), card.toHtml());
        card.table().clear();
        assertEquals(2, card.size(), "table() is a copy");
    }

    @Test
    void aTimedRowTakesItsVerdictFromTheWholeInterval() {
        Scorecard card = Scorecard.of("s", "");
        card.add("run", new dev.isspectral.measure.Estimate(2.3, 2.2, 2.4, 12, 0.96, "s"), "<", 2.5, "< 2.5 s");
        card.add("step", new dev.isspectral.measure.Estimate(0.39, 0.37, 0.42, 8, 0.96, "s"), "<", 0.4, "< 0.4 s");
        card.add("speed-up", new dev.isspectral.measure.Estimate(8.0, 7.5, 8.6, 10, 0.96, "x"), ">=", 10, ">= 10x");
        assertEquals(java.util.List.of("PASS", "INCONCLUSIVE", "MISS"), card.table().stringColumn(Scorecard.VERDICT).asList());
        assertTrue(card.table().stringColumn(Scorecard.MEASURED).get(0).startsWith("2.300 [2.200, 2.400] s"),
                card.table().stringColumn(Scorecard.MEASURED).get(0));
        assertEquals(1, card.passed());
    }

    @Test
    void blankTextIsRejectedNamingTheField() {
        Scorecard card = Scorecard.of("s", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> card.add("m", " ", "< 1", true));
        assertEquals("measured = \" \"; must be non-blank text", e.getMessage());
        card.add("m", "0.5", "< 1", true);
        assertEquals("PASS", card.table().stringColumn(Scorecard.VERDICT).get(0));
    }

    @Test
    void liveHeapAfterGcIsPositiveAndBelowTheMaximum() {
        long live = HeapProbe.liveHeapAfterGc();
        assertTrue(live > 0 && live <= Runtime.getRuntime().maxMemory(), Long.toString(live));
    }
}
