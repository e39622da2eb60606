package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.isspectral.testsupport.StdErr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publish regenerates the marked sections from the JSON, moves the replaced current section to the history. */
class PublishTest {

    @TempDir
    Path dir;

    private static String json(String commit, double median, double low, double high, String verdict, boolean flagged) {
        return """
                {"date": "2026-12-04 17:00 UTC", "commit": "%s", "dirty": false, "jvm": "OpenJDK 17", "machine": "Linux, 2 cores",
                 "cores": 2, "load_before": 0.3, "load_after": 1.2, "cpu_steal": 0.0, "other_cpu_share": 0.02, "busy": false,
                 "command": "is-spectral bench targets --json t.json", "quick": false, "best_backend": "fftw",
                 "rows": [
                  {"target": "2 threads vs 1 at 128×64×64, fftw", "case": "128x64x64", "median": %s, "ci_low": %s, "ci_high": %s,
                   "rounds": 12, "exact": false, "unit": "x", "relation": ">=", "bound": 1.7, "verdict": "%s", "kind": "THREAD_SCALING",
                   "flagged": %s, "other_cpu_share": 0.5, "note": "paired"},
                  {"target": "transforms per step", "case": "128x64x64", "median": 114, "ci_low": 114, "ci_high": 114,
                   "rounds": 1, "exact": true, "unit": "transforms/step", "relation": "<=", "bound": 114, "verdict": "PASS",
                   "kind": "COUNT", "flagged": false, "other_cpu_share": null, "note": "counted \\"exactly\\""}
                 ],
                 "details": ["**Scaling** table"]}
                """.formatted(commit, median, low, high, verdict, flagged);
    }

    @Test
    void regeneratesHeadlineAndCurrentAndKeepsTheOldCurrentAsHistory() throws Exception {
        Path readme = dir.resolve("README.md");
        Path bench = dir.resolve("BENCHMARKS.md");
        Files.writeString(readme, "# R\n\n" + Publish.HEADLINE_START + "\nold\n" + Publish.HEADLINE_END + "\ntail\n");
        Files.writeString(bench, "# B\n\n## Current\n\n" + Publish.CURRENT_START + "\n### Quiet run\n\nold run 1.23\n"
                + Publish.CURRENT_END + "\n\n## History\n\n" + Publish.HISTORY_START + "\n\n### older\n");
        Path quiet = dir.resolve("q.json");
        Path hog = dir.resolve("h.json");
        Files.writeString(quiet, json("abc123", 1.75, 1.72, 1.78, "PASS", false));
        Files.writeString(hog, json("abc123", 1.31, 1.2, 1.5, "MISS", true));
        assertEquals(0, Publish.run(new String[] {quiet.toString(), "--loaded", hog.toString(), "--readme", readme.toString(),
            "--benchmarks", bench.toString()}));
        String r = Files.readString(readme);
        assertTrue(r.contains("| 2 threads vs 1 at 128×64×64, fftw | 1.750 [1.720, 1.780]× | >= 1.700× | PASS |"), r);
        assertTrue(r.contains("| transforms per step | 114 transforms/step | <= 114 transforms/step | PASS |"), r);
        assertTrue(r.contains("commit abc123") && r.endsWith(Publish.HEADLINE_END + "\ntail\n"), r);
        assertFalse(r.contains("old"), r);
        String b = Files.readString(bench);
        assertTrue(b.contains("| 2 threads vs 1 at 128×64×64, fftw | thread scaling: load-sensitive, flagged instead (not "
                + "compared) | 1.750 [1.720, 1.780]× | 1.310 [1.200, 1.500]× | busy machine: other processes 50% of the CPU | "
                + "**no** (not required) | PASS → **MISS** (busy) |"), b);
        assertTrue(b.contains("- result: **met**"), "a flagged thread-scaling flip does not fail the check: " + b);
        assertTrue(b.contains("counted \"exactly\"") && b.contains("**Scaling** table"), b);
        int history = b.indexOf(Publish.HISTORY_START);
        assertTrue(b.indexOf("#### Quiet run\n\nold run 1.23") > history, "the old current section moved, demoted: " + b);
        assertTrue(b.indexOf("### older") > b.indexOf("old run 1.23"), "newest history first");
    }

    @Test
    void missingMarkersAndFilesAreNamed() throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# no markers\n");
        Path quiet = dir.resolve("q.json");
        Files.writeString(quiet, json("abc", 1, 1, 1, "PASS", false));
        StdErr.Captured<Integer> noMarkers = StdErr.capture(() -> Publish.run(new String[] {quiet.toString(), "--readme",
            readme.toString(), "--benchmarks", dir.resolve("B.md").toString()}));
        assertEquals(2, noMarkers.value());
        assertEquals("error: " + readme + " needs the markers <!-- headline:start --> … <!-- headline:end -->"
            + System.lineSeparator(), noMarkers.text());
        StdErr.Captured<Integer> noFile = StdErr.capture(() -> Publish.run(new String[] {dir.resolve("none.json").toString()}));
        assertEquals(2, noFile.value());
        assertTrue(noFile.text().startsWith("error: targets file = \"" + dir.resolve("none.json") + "\"; no such file"), noFile.text());
        assertEquals(1, noFile.text().lines().count(), noFile.text());
        assertEquals("# no markers\n", Files.readString(readme), "nothing written on error");
    }

    @Test
    void readsTheHarnessJson() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) new Publish.Json("{\"a\": [1, 2.5e-3, null, true], \"b\": \"x\\\"y\\u00e9\"}").value();
        List<?> a = (List<?>) m.get("a");
        assertEquals(4, a.size());
        assertEquals(1.0, a.get(0));
        assertEquals(2.5e-3, a.get(1));
        assertEquals(null, a.get(2));
        assertEquals(true, a.get(3));
        assertEquals("x\"yé", m.get("b"));
    }

    @Test
    void roundsShowForksTimesRoundsAndTheRunSaysWhatItsIntervalsCover() {
        assertEquals("12", Publish.rounds(Map.of("rounds", 12.0)), "JSON from before forks");
        assertEquals("—", Publish.rounds(Map.of("rounds", 1.0, "exact", true)));
        assertEquals("3×8", Publish.rounds(Map.of("rounds", 24.0, "rounds_per_fork", List.of(8.0, 8.0, 8.0))));
        assertEquals("3×7–9*", Publish.rounds(Map.of("rounds", 24.0, "rounds_per_fork", List.of(7.0, 8.0, 9.0),
                "between_forks_dominate", true)));
        assertEquals("12", Publish.rounds(Map.of("rounds", 12.0, "rounds_per_fork", List.of(12.0))), "one fork");
        assertTrue(Publish.forksLine(Map.of("forks", 3.0)).contains("3 fresh JVMs")
                && Publish.forksLine(Map.of("forks", 3.0)).contains("75%"), Publish.forksLine(Map.of("forks", 3.0)));
        assertTrue(Publish.forksLine(Map.of()).contains("inside one JVM"), "JSON without forks");
    }
}
