package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.cli.Main;
import dev.isspectral.grid.Grid;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench targets --quick} through the command line: the table has every target of issue 4 §5 with a
 * finite measured value, its bound and a verdict, and both report files are written. Timings are not
 * asserted (they belong in BENCHMARKS.md); only the shape of the report and the sanity of each value.
 */
class TargetsQuickTest {

    @TempDir
    static Path dir;
    private static String stdout;
    private static String markdown;
    private static String json;

    @BeforeAll
    static void runQuickHarness() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"bench", "targets", "--quick", "--budget", "6", "--forks", "2", "--backend", "java",
            "--out", dir.resolve("t.md").toString(), "--json", dir.resolve("t.json").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8) + stdout);
        markdown = Files.readString(dir.resolve("t.md"));
        json = Files.readString(dir.resolve("t.json"));
    }

    private static List<String[]> tableRows(String text) {
        return text.lines().filter(l -> l.matches("\\| \\d+ \\|.*"))
                .map(l -> l.substring(2, l.length() - 2).split(" \\| ", -1)).toList();
    }

    @Test
    void everyTargetOfTheIssueHasARow() {
        List<String[]> rows = tableRows(markdown);
        String targets = rows.stream().map(r -> r[1]).collect(Collectors.joining("\n"));
        for (String expected : new String[] {"whole 64-step run, best backend", "whole 64-step run, pure Java",
            "seconds per step, best backend", "seconds per step, pure Java", "peak live heap", "bytes per grid point",
            "heap in use after a full GC under G1", "speed-up per step", "fewer bytes allocated per step", "solver code (stepping thread)", "all threads",
            "2 threads vs 1", "FFT-bound", "transforms per step vs the minimum", "fitted exponent"}) {
            assertTrue(targets.contains(expected), "no row for \"" + expected + "\" in\n" + targets);
        }
        // with java (the pure-Java backend) as the "best" one each per-backend measurement appears once, but the
        // FFT-bound, whose bound names JTransforms, is measured on java and on jtransforms
        assertEquals(16, rows.size(), markdown);
        assertTrue(targets.contains("FFT-bound: step time / (transforms per step × time per transform), step and transforms "
                + "on 2 threads, pure Java (jtransforms)"), targets);
    }

    @Test
    void everyRowHasTheColumnsAndAVerdictThatMatchesItsNumbers() {
        assertTrue(markdown.contains("| " + String.join(" | ", TargetsReport.COLUMNS) + " |"), markdown);
        Pattern number = Pattern.compile("^[<>=]*\\s*(-?[0-9.]+(?:e[+-]?[0-9]+)?)");
        for (String[] r : tableRows(markdown)) {
            assertEquals(TargetsReport.COLUMNS.size(), r.length, String.join(" | ", r));
            String verdict = r[6].replace(" (busy)", "");
            assertTrue(Set.of("PASS", "**MISS**", "INCONCLUSIVE", "INFO").contains(verdict), r[6]);
            assertEquals(r[5].equals("—"), verdict.equals("INFO"), "a row has a bound exactly when it has a verdict: " + r[1]);
            assertTrue(r[4].equals("—") || r[4].matches("\\d+") && Integer.parseInt(r[4]) >= 6
                    || r[4].matches("2×\\d+(–\\d+)?\\*?")
                    && Integer.parseInt(r[4].replaceAll("^2×(\\d+).*", "$1")) >= dev.isspectral.measure.Forks.minRoundsPerFork(2),
                    "an estimate has its forks × rounds (>= 3 per fork of 2, >= 6 in one JVM): " + r[4]);
            assertTrue(r[4].equals("—") == !r[3].contains("["), "a timed row shows its interval: " + r[3]);
            Matcher m = number.matcher(r[3]);
            assertTrue(m.find(), "measured value of " + r[1] + ": " + r[3]);
            double measured = Double.parseDouble(m.group(1));
            boolean allocation = r[3].endsWith("B/step");   // zero bytes is the target there
            assertTrue(Double.isFinite(measured) && (allocation ? measured >= 0 : measured > 0), r[1] + ": " + r[3]);
            double ns = Double.parseDouble(r[8]);
            assertTrue(ns > 0 && Double.isFinite(ns), r[1] + ": ns/point/step " + r[8]);
            double threads = Double.parseDouble(r[9]) / ns;   // core·ns = ns × the threads the case used
            assertTrue(threads > 0.98 && Math.abs(threads - Math.rint(threads)) < 0.02, r[1] + ": " + r[8] + ", " + r[9]);
        }
    }

    @Test
    void everyRatioRowNamesItsFixedThreadCountAndThreadScalingIsMarkedLoadSensitive() {
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> rows = Publish.rows((java.util.Map<String, Object>) new Publish.Json(json).value());
        int ratios = 0;
        for (java.util.Map<String, Object> r : rows) {
            String target = (String) r.get("target");
            switch ((String) r.get("kind")) {
                case "RATIO", "ALL_CORES" -> {
                    ratios++;
                    assertTrue(target.matches(".*\\bon (1 thread|\\d+ threads)\\b.*"), "names its thread count: " + target);
                }
                case "THREAD_SCALING" -> assertTrue(target.contains("load-sensitive"), target);
                default -> { }
            }
            if (target.startsWith("optimized vs baseline") || target.startsWith("scaling:")) {
                assertTrue(target.contains("on 1 thread"), "compared on one thread: " + target);
                assertEquals(1.0, ((Number) r.get("threads")).doubleValue(), target);
            }
        }
        // optimized vs baseline (one backend here), the FFT bound on java and on jtransforms (ALL_CORES when its threads
        // take every core), the scaling exponent
        assertEquals(4, ratios, json);
        int forked = 0;
        for (java.util.Map<String, Object> r : rows) {
            Object medians = r.get("fork_medians");
            if (Boolean.TRUE.equals(r.get("exact"))) {
                assertEquals(1.0, ((Number) r.get("forks")).doubleValue(), "a count is not forked: " + r.get("target"));
            } else if (medians != null) {
                forked++;
                assertEquals(2.0, ((Number) r.get("forks")).doubleValue(), (String) r.get("target"));
                assertEquals(2, ((List<?>) medians).size(), (String) r.get("target"));
                assertEquals(2, ((List<?>) r.get("rounds_per_fork")).size(), (String) r.get("target"));
                double sum = ((List<?>) r.get("rounds_per_fork")).stream().mapToDouble(x -> ((Number) x).doubleValue()).sum();
                assertEquals(sum, ((Number) r.get("rounds")).doubleValue(), "rounds = the forks' rounds together");
            }
        }
        // whole run ×2, seconds per step ×2, speed-up, thread scaling, FFT bound ×2 (java, jtransforms), scaling exponent
        assertEquals(9, forked, json);
        assertTrue(markdown.contains("- forks: 2 — every timed figure measured in 2 fresh JVMs"), markdown);
    }

    @Test
    void theTransformCountIsTheDerivedMinimum() {
        String[] row = tableRows(markdown).stream().filter(r -> r[1].startsWith("transforms per step")).findFirst().orElseThrow();
        assertEquals("114 transforms/step", row[3]);
        assertEquals("<= 114 transforms/step", row[5]);
        assertEquals("PASS", row[6]);
        assertEquals(114, Targets.minimumTransformsPerStep(Workload.simulation(Grid.parse("1x8x8x8"), "jtransforms")));
    }

    @Test
    void theScalingSlopeOfAPowerLawIsItsExponent() {
        double[] logN = {Math.log(16384), Math.log(65536), Math.log(524288), Math.log(2097152)};
        double[] logT = new double[logN.length];
        for (int i = 0; i < logN.length; i++) {
            logT[i] = 1.15 * logN[i] - 20;
        }
        assertEquals(1.15, dev.isspectral.measure.Stats.slope(logN, logT), 1e-12);
    }

    @Test
    void jsonHasOneObjectPerRowAndTheMarkdownItsNotes() {
        assertEquals(tableRows(markdown).size(), json.split("\"target\": ").length - 1, json);
        assertTrue(json.contains("\"quick\": true") && json.contains("\"best_backend\": \"java\""), json);
        for (String key : new String[] {"\"median\": ", "\"ci_low\": ", "\"ci_high\": ", "\"rounds\": ", "\"verdict\": ",
            "\"commit\": ", "\"dirty\": ", "\"jvm\": ", "\"cores\": ", "\"load_before\": ", "\"load_after\": ",
            "\"cpu_steal\": ", "\"date\": "}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertEquals(tableRows(markdown).size(), json.split("\"verdict\": ").length - 1);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertTrue(markdown.contains("after the timed window, " + Targets.CENSUS_WINDOWS * 5 + " steps read one by one on the "
                + "stepping thread in " + Targets.CENSUS_WINDOWS + " windows of 5; the least a window allocated is the figure"),
                "the allocation rows carry their step census: " + markdown);
        assertTrue(markdown.contains("quick mode") && markdown.contains("How each row was measured")
                && markdown.contains("The minimum number of transforms per step"), markdown);
        assertTrue(stdout.contains("| 1 |") && stdout.contains("wrote "), stdout);
    }

    @Test
    void badOptionsNameTheOptionAndWhatIsAllowed() {
        for (String[] args : new String[][] {{"bench", "targets", "--backend", "cufft"}, {"bench", "targets", "--out", "x.txt"},
            {"bench", "targets", "--fast"}, {"bench", "targets", "--json"}, {"bench", "targets", "--budget", "0"},
            {"bench", "targets", "--budget", "soon"}, {"bench", "targets", "--forks", "0"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, status, String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: "), err.toString(StandardCharsets.UTF_8));
        }
    }
}
