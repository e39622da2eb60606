package dev.isspectral.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared pieces of the published benchmark reports: exact text, since two commands' outputs depend on it. */
class BenchmarkReportTest {

    private static RunContext finished(boolean busy) {
        MachineLoad whole = new MachineLoad(60, 2, 0.5, 1.5, busy ? 0.08 : 0.0, 0.03, 0.9, 1, 1, 1, 1, 1, 1);
        return new RunContext("0123456789ab", true, "OpenJDK 17", 2, "Linux amd64, 2 cores", "2026-12-04 20:00 UTC",
                MachineLoad.sample(), whole);
    }

    @Test
    void targetRowsCarryValueBoundVerdictAndExtraCells() {
        assertEquals("| target | definition (paired per round) | measured: median [95% interval] | bound | verdict | other CPU |\n"
                + "|---|---|---|---|---|---|\n", BenchmarkReport.targetHeader("other CPU"));
        assertEquals("| target | definition (paired per round) | measured: median [95% interval] | bound | verdict |\n"
                + "|---|---|---|---|---|\n", BenchmarkReport.targetHeader());
        assertEquals("| write | a / b | 1.500 [1.200, 1.900]× | ≤ 2.000× | PASS | 3% |\n", BenchmarkReport.targetRow("write",
                "a / b", new Estimate(1.5, 1.2, 1.9, 20, 0.95, "x"), "<=", 2, false, BenchmarkReport.percent(0.03)));
        assertEquals("| read | a / b | 2.200 [2.100, 2.500]× | ≤ 2.000× | **MISS** (busy) |\n", BenchmarkReport.targetRow("read",
                "a / b", new Estimate(2.2, 2.1, 2.5, 20, 0.95, "x"), "<=", 2, true));
        assertEquals("| share | s | 4.000 [3.000, 6.000] % | < 5.000 % | INCONCLUSIVE |\n", BenchmarkReport.targetRow("share",
                "s", new Estimate(4, 3, 6, 20, 0.95, "%"), "<", 5, false));
        assertEquals("| size | n | 152.0 bytes/point | — | — |\n", BenchmarkReport.targetRow("size", "n",
                Estimate.exact(152, "bytes/point"), "", Double.NaN, true));
        assertEquals("| speed-up | t0 / t1 | 2.000 [1.900, 2.100] | ≥ 1.800 | PASS |\n", BenchmarkReport.targetRow("speed-up",
                "t0 / t1", new Estimate(2, 1.9, 2.1, 9, 0.95, ""), ">=", 1.8, false));
        assertEquals("—", BenchmarkReport.verdict(Verdict.INFO, true));
        assertEquals("50%", BenchmarkReport.confidence(Estimate.of(new double[] {1, 2}, "s")));
        assertEquals("n/a", BenchmarkReport.percent(Double.NaN));
        assertEquals("n/a", BenchmarkReport.load(Double.NaN));
    }

    @Test
    void theContextLineNamesItsWindow() {
        String whole = BenchmarkReport.Context.of(finished(false)).line("absolute times");
        assertEquals("2026-12-04 20:00 UTC, commit 0123456789ab+dirty, Linux amd64, 2 cores, OpenJDK 17; load average 0.50 "
                + "at the start, 1.50 at the end; other processes 3% of the CPU over the whole command, steal 0%", whole);
        MachineLoad rounds = new MachineLoad(30, 2, 0.5, 1.5, 0.0, 0.2, 0.8, 1, 1, 1, 1, 1, 1);
        String perRounds = BenchmarkReport.Context.of(finished(false), rounds).line("absolute rates");
        assertTrue(perRounds.endsWith("other processes 20% of the CPU during the rounds (3% over the whole command), steal 0% "
                + "(**busy machine: absolute rates are suspect; paired ratios less so**)"), perRounds);
    }

    @Test
    void jsonNestsObjectsAndArraysAndWritesNaNAsNull() {
        BenchmarkReport.Json j = new BenchmarkReport.Json();
        j.field("name", "a \"quoted\"\tvalue").field("whole", 2.0).field("half", 0.5).field("missing", Double.NaN)
                .field("ok", true).open("inner").estimate("e", new Estimate(1.5, 1, 2, 9, 0.95, "x")).close()
                .openArray("rows").element().field("k", 1).close().element().field("k", 2).close().closeArray()
                .strings("method", List.of("one", "two"));
        assertEquals("""
                {
                  "name": "a \\"quoted\\"\\tvalue",
                  "whole": 2,
                  "half": 0.5,
                  "missing": null,
                  "ok": true,
                  "inner": {
                    "e": {
                      "median": 1.5,
                      "ci_low": 1,
                      "ci_high": 2,
                      "rounds": 9,
                      "confidence": 0.95,
                      "unit": "x"
                    }
                  },
                  "rows": [
                    {
                      "k": 1
                    },
                    {
                      "k": 2
                    }
                  ],
                  "method": [
                    "one",
                    "two"
                  ]
                }
                """, j.finish());
    }
}
