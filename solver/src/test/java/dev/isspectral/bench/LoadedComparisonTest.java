package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11's done-when check on synthetic quiet and loaded runs: overlap of ratio rows, busy flags, verdict flips. */
class LoadedComparisonTest {

    /** One row of a targets JSON file, as {@code bench targets --json} writes it. */
    private static String row(String target, String kind, double median, double low, double high, String verdict,
                              boolean flagged, double other) {
        return """
                {"target": "%s", "case": "c", "median": %s, "ci_low": %s, "ci_high": %s, "rounds": 12, "exact": false,
                 "unit": "x", "relation": ">=", "bound": 2, "verdict": "%s", "kind": "%s", "flagged": %s,
                 "other_cpu_share": %s, "cpu_steal": 0.0, "note": "n"}""".formatted(target, median, low, high, verdict, kind,
                flagged, other);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(String... rows) {
        Map<String, Object> run = (Map<String, Object>) new Publish.Json("{\"rows\": [" + String.join(",\n", rows) + "]}").value();
        return Publish.rows(run);
    }

    private static final String QUIET_RATIO = row("speed-up, both on 1 thread", "RATIO", 2.0, 1.9, 2.1, "INCONCLUSIVE", false, 0.02);
    private static final String QUIET_TIME = row("whole run", "ABSOLUTE", 1.7, 1.6, 1.75, "PASS", false, 0.02);
    private static final String QUIET_THREADS = row("2 threads vs 1", "THREAD_SCALING", 1.85, 1.82, 1.9, "PASS", false, 0.02);
    private static final String QUIET_COUNT = """
            {"target": "transforms", "median": 114, "ci_low": 114, "ci_high": 114, "rounds": 1, "exact": true, "unit": "",
             "relation": "<=", "bound": 114, "verdict": "PASS", "kind": "COUNT", "flagged": false, "other_cpu_share": null}""";

    @Test
    void aLoadedRunThatKeepsRatiosAndFlagsTimesMeetsTheCheck() {
        LoadedComparison c = new LoadedComparison(rows(QUIET_RATIO, QUIET_TIME, QUIET_THREADS, QUIET_COUNT), rows(
                row("speed-up, both on 1 thread", "RATIO", 2.05, 2.0, 2.2, "INCONCLUSIVE", false, 0.48),
                row("whole run", "ABSOLUTE", 2.6, 2.5, 2.7, "MISS", true, 0.48),
                row("2 threads vs 1", "THREAD_SCALING", 0.95, 0.9, 1.0, "MISS", true, 0.49),
                QUIET_COUNT));
        assertTrue(c.met(), c.markdown());
        String md = c.markdown();
        assertTrue(md.contains("| speed-up, both on 1 thread | ratio at a fixed thread count: intervals must overlap | "
                + "2.000 [1.900, 2.100]× | 2.050 [2.000, 2.200]× | other processes 48% of the CPU (not load-sensitive) | yes | "
                + "INCONCLUSIVE → INCONCLUSIVE |"), md);
        assertTrue(md.contains("| whole run | absolute time: flagged under load | 1.700 [1.600, 1.750]× | 2.600 [2.500, 2.700]× | "
                + "busy machine: other processes 48% of the CPU | **no** (not required) | PASS → **MISS** (busy) |"), md);
        assertTrue(md.contains("| transforms | count, not timed |"), md);
        assertTrue(md.contains("- ratio rows at a fixed thread count with overlapping intervals: 1 of 1\n"), md);
        assertTrue(md.contains("- absolute-time rows of the loaded run flagged \"busy machine\": 1 of 1\n"), md);
        assertTrue(md.contains("- verdicts flipped between PASS and MISS with neither side INCONCLUSIVE or flagged: none\n"), md);
        assertTrue(md.contains("- result: **met**"), md);
    }

    @Test
    void aRatioThatMovesAnUnflaggedTimeAndAnUnexplainedFlipEachFailIt() {
        LoadedComparison c = new LoadedComparison(rows(QUIET_RATIO, QUIET_TIME, QUIET_THREADS), rows(
                // the ratio's interval moved wholly above the quiet one, and its verdict flipped with no excuse
                row("speed-up, both on 1 thread", "RATIO", 2.5, 2.3, 2.6, "PASS", false, 0.05),
                // the loaded run was not busy enough to flag its absolute time
                row("whole run", "ABSOLUTE", 1.72, 1.65, 1.8, "PASS", false, 0.05),
                row("2 threads vs 1", "THREAD_SCALING", 1.84, 1.8, 1.88, "PASS", false, 0.05)));
        assertFalse(c.met());
        assertEquals(List.of("speed-up, both on 1 thread"), c.ratiosApart());
        assertEquals(List.of("whole run"), c.absoluteUnflagged());
        assertEquals(List.of(), c.unexplainedFlips(), "INCONCLUSIVE → PASS is not a flip");
        String md = c.markdown();
        assertTrue(md.contains("overlapping intervals: 0 of 1; apart: speed-up, both on 1 thread"), md);
        assertTrue(md.contains("flagged \"busy machine\": 0 of 1; **not flagged**: whole run"), md);
        assertTrue(md.contains("| **not flagged** (other processes 5% of the CPU) |"), md);
        assertTrue(md.contains("- result: **not met**"), md);
    }

    @Test
    void passToMissIsExcusedOnlyByAFlagOrInconclusive() {
        String quiet = row("fft bound", "RATIO", 1.4, 1.3, 1.45, "PASS", false, 0.02);
        LoadedComparison flipped = new LoadedComparison(rows(quiet),
                rows(row("fft bound", "RATIO", 1.6, 1.45, 1.7, "MISS", false, 0.5)));
        assertEquals(List.of("fft bound (PASS → MISS)"), flipped.unexplainedFlips());
        assertEquals(List.of(), flipped.ratiosApart(), "the intervals touch at 1.45: they overlap");
        assertFalse(flipped.met());
        assertTrue(flipped.markdown().contains("neither side INCONCLUSIVE or flagged: **1**: fft bound (PASS → MISS)"));
        LoadedComparison excused = new LoadedComparison(rows(row("run", "ABSOLUTE", 1.7, 1.6, 1.75, "PASS", false, 0.02)),
                rows(row("run", "ABSOLUTE", 2.6, 2.5, 2.7, "MISS", true, 0.5)));
        assertEquals(List.of(), excused.unexplainedFlips());
        assertTrue(excused.met(), excused.markdown());
    }

    @Test
    void aTargetMissingFromOneRunFailsTheCheckAndIsNamed() {
        LoadedComparison c = new LoadedComparison(rows(QUIET_RATIO, QUIET_TIME),
                rows(row("speed-up, both on 1 thread", "RATIO", 2.0, 1.9, 2.1, "INCONCLUSIVE", false, 0.5),
                        row("renamed run", "ABSOLUTE", 2.6, 2.5, 2.7, "MISS", true, 0.5)));
        assertFalse(c.met());
        String md = c.markdown();
        assertTrue(md.contains("**targets in one run only**: whole run (quiet run only); renamed run (loaded run only)"), md);
    }
}
