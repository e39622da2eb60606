package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logic of the I/O benchmark, not its timings: options and their errors, which candidates each ratio pairs, the
 * verdicts from whole intervals, the Markdown and JSON reports, publishing between the markers of BENCHMARKS.md;
 * and one end-to-end run on tiny grids that must leave no files behind. No time is asserted.
 */
class IoBenchmarkTest {

    @TempDir
    Path dir;

    // ---- options ----

    @Test
    void theDefaultsAreTheIssuesCasesAndEveryOptionIsRead() {
        IoBenchOptions d = IoBenchOptions.parse("prog");
        assertEquals("128x128x64", d.checkpointGrid());
        assertEquals("128x64x64", d.runGrid());
        assertEquals(10, d.every());
        assertEquals(Duration.ofSeconds(120), d.budget());
        assertEquals("prog", d.command());
        IoBenchOptions o = IoBenchOptions.parse("bash io/io-bench.sh", "--budget", "2.5", "--dir", "/x", "--checkpoint-grid",
                "16x8x4", "--run-grid", "8x8x8", "--every", "5", "--out", "a.md", "--json", "a.json", "--publish", "B.md");
        assertEquals(Duration.ofMillis(2500), o.budget());
        assertEquals(Path.of("/x"), o.dir());
        assertEquals("16x8x4", o.checkpointGrid());
        assertEquals("8x8x8", o.runGrid());
        assertEquals(5, o.every());
        assertEquals(Path.of("a.md"), o.out());
        assertEquals(Path.of("a.json"), o.json());
        assertEquals(Path.of("B.md"), o.publish());
        assertEquals("bash io/io-bench.sh --budget 2.5 --dir /x --checkpoint-grid 16x8x4 --run-grid 8x8x8 --every 5 "
                + "--out a.md --json a.json --publish B.md", o.command());
        IoBenchOptions q = IoBenchOptions.parse("p", "--quick");
        assertTrue(q.quick());
        assertEquals("32x32x16", q.checkpointGrid());
        assertEquals(Duration.ofSeconds(4), q.budget());
        assertEquals(Duration.ofSeconds(9), IoBenchOptions.parse("p", "--budget", "9", "--quick").budget());
        assertEquals("p --out 'my report.md'", IoBenchOptions.parse("p", "--out", "my report.md").command());
    }

    @Test
    void aBadOptionIsOneErrorNamingItsValueAndWhatIsAllowed() {
        assertError("unknown option \"--budgett\"; options: --budget SECONDS", "--budgett", "3");
        assertError("option --budget needs a value", "--budget");
        assertError("option --out needs a value", "--out", "--json", "x.json");
        assertError("--budget = \"0\"; must be a number of seconds > 0", "--budget", "0");
        assertError("--budget = \"ten\"; must be a number of seconds > 0", "--budget", "ten");
        assertError("--budget = \"NaN\"; must be a number of seconds > 0", "--budget", "NaN");
        assertError("--every = \"0\"; must be an integer >= 1", "--every", "0");
        assertError("--every = \"2.5\"; must be an integer >= 1", "--every", "2.5");
        assertError("--checkpoint-grid = \"128x128\"; must be NXxNYxNZ, e.g. 128x64x64", "--checkpoint-grid", "128x128");
        assertError("--run-grid = \"4x4x-4\"; must be NXxNYxNZ", "--run-grid", "4x4x-4");
        assertError("--from a.md needs --publish BENCHMARKS.md", "--from", "a.md");
        assertError("--from publishes a saved report and measures nothing; drop --out and --json", "--from", "a.md",
                "--publish", "B.md", "--out", "c.md");
    }

    @Test
    void quickWithAGridAndABudgetThatRoundsToNothingAreRefusedWithTheValuesGiven() {
        assertEquals("--run-grid 64x64x64 with --quick; --quick sets the grids to --checkpoint-grid 32x32x16 and --run-grid "
                + "16x16x16: drop one of them", assertThrows(IllegalArgumentException.class,
                        () -> IoBenchOptions.parse("p", "--quick", "--run-grid", "64x64x64")).getMessage());
        assertEquals("--checkpoint-grid 8x8x8 with --quick; --quick sets the grids to --checkpoint-grid 32x32x16 and --run-grid "
                + "16x16x16: drop one of them", assertThrows(IllegalArgumentException.class,
                        () -> IoBenchOptions.parse("p", "--checkpoint-grid", "8x8x8", "--quick")).getMessage());
        assertEquals("--budget = \"0.0004\"; rounds to 0 ms; must be a number of seconds >= 0.001",
                assertThrows(IllegalArgumentException.class, () -> IoBenchOptions.parse("p", "--budget", "0.0004")).getMessage());
    }

    @Test
    void destinationsAreCheckedBeforeAnythingIsMeasured() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path missing = dir.resolve("none.md");
        Path noMarkers = Files.writeString(dir.resolve("B.md"), "# Benchmarks\n");
        // the default budget is 2 x 120 s: each refusal comes at once or the test times out
        assertEquals("--dir = \"" + file + "\"; is a file, must be a folder", assertThrows(IllegalArgumentException.class,
                () -> IoBenchmark.execute(IoBenchOptions.parse("p", "--dir", file.toString()), quiet)).getMessage());
        assertEquals("--publish = \"" + missing + "\"; no such file", assertThrows(IllegalArgumentException.class,
                () -> IoBenchmark.execute(IoBenchOptions.parse("p", "--publish", missing.toString()), quiet)).getMessage());
        var e = assertThrows(IllegalArgumentException.class,
                () -> IoBenchmark.execute(IoBenchOptions.parse("p", "--publish", noMarkers.toString()), quiet));
        assertTrue(e.getMessage().startsWith(noMarkers + " has no <!-- io:begin --> marker"), e.getMessage());
        assertEquals("--out = \"" + dir + "\"; is a folder; must be a file that can be written", assertThrows(
                IllegalArgumentException.class, () -> IoBenchmark.execute(IoBenchOptions.parse("p", "--out", dir.toString()), quiet))
                .getMessage());
        Path below = file.resolve("io.json");
        assertEquals("--json = \"" + below + "\"; is below the file " + file + "; must be a file that can be written",
                assertThrows(IllegalArgumentException.class,
                        () -> IoBenchmark.execute(IoBenchOptions.parse("p", "--json", below.toString()), quiet)).getMessage());
    }

    private static void assertError(String start, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoBenchOptions.parse("p", args));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    // ---- verdicts ----

    private static IoBenchReport.Row row(double low, double median, double high, String relation, double bound) {
        return new IoBenchReport.Row("k", "what", "def", new Estimate(median, low, high, 20, 0.95, "x"), relation, bound,
                0.02, false);
    }

    @Test
    void aVerdictIsPassOnlyWhenTheWholeIntervalMeetsTheBoundAndMissOnlyWhenNoneOfItDoes() {
        assertEquals(Verdict.PASS, row(1.2, 1.5, 1.9, "<=", 2).verdict());
        assertEquals(Verdict.PASS, row(1.2, 1.5, 2.0, "<=", 2).verdict());
        assertEquals(Verdict.INCONCLUSIVE, row(1.5, 1.9, 2.3, "<=", 2).verdict(), "a median under the bound is not a PASS");
        assertEquals(Verdict.INCONCLUSIVE, row(1.9, 2.1, 2.3, "<=", 2).verdict(), "a median over the bound is not a MISS");
        assertEquals(Verdict.MISS, row(2.05, 2.2, 2.5, "<=", 2).verdict());
        // the snapshot share: per round 100 write / (steps + write), percent, bound < 5 %
        Estimate share = IoBenchReport.share(new double[] {1.9, 0.97, 0.97, 0.96, 0.97, 0.98, 0.97},
                new double[] {0.1, 0.03, 0.03, 0.04, 0.03, 0.02, 0.03});
        assertEquals(3.0, share.median(), 1e-9);
        assertTrue(share.low() >= 2.0 - 1e-9 && share.high() <= 5.0 + 1e-9, share.format());
        assertEquals(5.0, IoBenchReport.share(new double[] {1.9}, new double[] {0.1}).median(), 1e-12);   // 0.1 / 2.0
        assertEquals("%", share.unit());
        assertEquals(Verdict.PASS, Verdict.of(new Estimate(3, 1, 4, 30, 0.95, "%"), "<", IoBenchReport.SHARE_PERCENT));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(share, "<", IoBenchReport.SHARE_PERCENT), share.format());
        assertFalse(IoBenchReport.share(new double[0], new double[0]).isMeasured());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IoBenchReport.share(new double[2], new double[3]))
                .getMessage().startsWith("steps: 2 rounds, writes: 3"));
        assertEquals(Verdict.INFO, new IoBenchReport.Row("file_size", "w", "d", Estimate.exact(152.5, "bytes/point"), "",
                Double.NaN, Double.NaN, false).verdict());
    }

    // ---- the report from measurements (fake clock: known sample times) ----

    /** Candidates that advance a fake clock by the given nanoseconds per call (a function of the call's number). */
    private static Measurement fake(String name, List<String> names, List<IntToLongFunction> costs) {
        long[] now = {0};
        int[] calls = new int[names.size()];
        Candidate[] c = new Candidate[names.size()];
        for (int i = 0; i < c.length; i++) {
            int k = i;
            c[i] = Candidate.of(names.get(i), () -> now[0] += costs.get(k).applyAsLong(calls[k]++));
        }
        return Measure.of(c).named(name).clock(() -> now[0]).batch(1).rounds(9, 9).budget(Duration.ofSeconds(100)).run();
    }

    private static RunContext context() {
        MachineLoad whole = new MachineLoad(60, 2, 0.5, 1.5, 0.0, 0.03, 0.9, 1, 1, 1, 1, 1, 1);
        return new RunContext("0123456789ab", true, "OpenJDK 17", 2, "Linux amd64, 2 cores", "2026-12-04 20:00 UTC",
                MachineLoad.sample(), whole);
    }

    /** Checkpoint: raw write 100 ms, checkpoint write 150 ms, raw read 40 ms, checkpoint read 50 ms; steps 0.97 s. */
    private IoBenchReport report(long checkpointWriteNanos, long snapshotNanos) {
        // the candidates in another order than the report's, so a lookup by position would pair the wrong ones
        Measurement checkpoints = fake("checkpoint 4x4x4", List.of(IoBenchReport.CHECKPOINT_READ, IoBenchReport.RAW_WRITE,
                        IoBenchReport.CHECKPOINT_WRITE, IoBenchReport.RAW_READ),
                List.of(i -> 50_000_000L, i -> 100_000_000L, i -> checkpointWriteNanos, i -> 40_000_000L));
        Measurement snapshots = fake("snapshots every 10 steps", List.of(IoBenchReport.SNAPSHOT, IoBenchReport.STEPS),
                List.of(i -> snapshotNanos, i -> 970_000_000L));
        return IoBenchReport.of(IoBenchOptions.parse("bash io/io-bench.sh", "--budget", "60"), "4x4x4 (19 arrays)",
                checkpoints, 9760, 64, 19 * 8 * 64, "4x4x4, every 10 steps", snapshots, context());
    }

    @Test
    void eachRatioPairsTheRightCandidatesAndGetsItsVerdict() {
        IoBenchReport r = report(150_000_000L, 30_000_000L);
        List<IoBenchReport.Row> rows = r.rows();
        assertEquals(List.of("checkpoint_write", "checkpoint_read", "file_size", "snapshot_share"),
                rows.stream().map(IoBenchReport.Row::key).toList());
        assertEquals(1.5, rows.get(0).value().median(), 1e-12);          // 150 / 100: write over raw write
        assertEquals(1.25, rows.get(1).value().median(), 1e-12);         // 50 / 40: read over raw read
        assertEquals(152.5, rows.get(2).value().median(), 0.0);          // 9760 bytes / 64 points, exact
        assertTrue(rows.get(2).value().isExact());
        assertEquals(3.0, rows.get(3).value().median(), 1e-9);           // 100 × 0.03 s / (0.97 s + 0.03 s)
        assertEquals("%", rows.get(3).value().unit());
        assertEquals(List.of(Verdict.PASS, Verdict.PASS, Verdict.INFO, Verdict.PASS),
                rows.stream().map(IoBenchReport.Row::verdict).toList());
        assertTrue(r.allPass());
        IoBenchReport bad = report(250_000_000L, 80_000_000L);         // 100 × 0.08 / 1.05 = 7.6 %
        assertEquals(List.of(Verdict.MISS, Verdict.PASS, Verdict.INFO, Verdict.MISS),
                bad.rows().stream().map(IoBenchReport.Row::verdict).toList());
        assertFalse(bad.allPass());
        assertEquals(6, r.times().size(), "every candidate's absolute time is reported");

        String md = r.toMarkdown();
        for (String s : new String[] {"_Generated by `bash io/io-bench.sh --budget 60`", "commit 0123456789ab+dirty",
                "2026-12-04 20:00 UTC", "load average 0.50 at the start, 1.50 at the end", "other processes 3% of the CPU",
                "| 1.500 [1.500, 1.500]× | ≤ 2.000× | PASS", "| 152.5 bytes/point | — | — | — |",
                "| 3.000 [3.000, 3.000] % | < 5.000 % | PASS", "9 interleaved rounds",
                "file bytes / points = 9760 / 64; the raw arrays are 152.0 bytes per point (1.0033 × raw)"}) {
            assertTrue(md.contains(s), s + " in\n" + md);
        }
        assertTrue(bad.toMarkdown().contains("| **MISS**"), bad.toMarkdown());

        JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
        assertEquals("0123456789ab", json.get("commit").getAsString());
        assertTrue(json.get("dirty").getAsBoolean());
        assertEquals(1.5, json.get("load_after").getAsDouble(), 0.0);
        assertEquals(0.03, json.get("other_cpu_share").getAsDouble(), 0.0);
        assertEquals("bash io/io-bench.sh --budget 60", json.get("command").getAsString());
        JsonObject write = json.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals("checkpoint_write", write.get("key").getAsString());
        assertEquals(1.5, write.get("median").getAsDouble(), 1e-12);
        assertEquals("<=", write.get("relation").getAsString());
        assertEquals(2.0, write.get("bound").getAsDouble(), 0.0);
        assertEquals("PASS", write.get("verdict").getAsString());
        JsonObject size = json.getAsJsonArray("rows").get(2).getAsJsonObject();
        assertTrue(size.get("bound").isJsonNull());
        assertTrue(size.get("exact").getAsBoolean());
        assertEquals(6, json.getAsJsonArray("times").size());
    }

    @Test
    void aReportMustHaveEveryCandidate() {
        Measurement wrong = fake("checkpoint", List.of("a", "b"), List.of(i -> 1, i -> 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoBenchReport.of(
                IoBenchOptions.parse("p"), "c", wrong, 1, 1, 1, "r", wrong, context()));
        assertTrue(e.getMessage().startsWith("measurement \"checkpoint\" has no candidate \"" + IoBenchReport.RAW_WRITE), e.getMessage());
    }

    // ---- publishing ----

    private static final String DOC = "# Benchmarks\n\n## Other\n\nkeep | this\n\n## HDF5 I/O\n\nmethod text\n\n"
            + "<!-- io:begin -->\nold hand-written numbers\n<!-- io:end -->\n\nafter\n";

    @Test
    void publishingReplacesOnlyTheIoSectionAndIsRepeatable() throws Exception {
        Path benchmarks = dir.resolve("BENCHMARKS.md");
        Files.writeString(benchmarks, DOC);
        Path saved = dir.resolve("io.md");
        Files.writeString(saved, "| new | numbers |\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IoBenchmark.execute(IoBenchOptions.parse("p", "--from", saved.toString(), "--publish", benchmarks.toString()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String once = Files.readString(benchmarks);
        assertEquals(DOC.replace("old hand-written numbers", "| new | numbers |"), once);
        IoBenchmark.execute(IoBenchOptions.parse("p", "--from", saved.toString(), "--publish", benchmarks.toString()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(once, Files.readString(benchmarks), "publishing twice changes nothing");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left");
        }
    }

    @Test
    void publishingRefusesAFileWithoutTheMarkersAndLeavesItAsItWas() throws Exception {
        Path benchmarks = dir.resolve("BENCHMARKS.md");
        String text = "# Benchmarks\n\nno markers\n";
        Files.writeString(benchmarks, text);
        Path saved = Files.writeString(dir.resolve("io.md"), "x\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoBenchmark.execute(
                IoBenchOptions.parse("p", "--from", saved.toString(), "--publish", benchmarks.toString()), quiet));
        assertTrue(e.getMessage().startsWith(benchmarks + " has no <!-- io:begin --> marker"), e.getMessage());
        assertEquals(text, Files.readString(benchmarks));
        Files.writeString(benchmarks, DOC + DOC);
        e = assertThrows(IllegalArgumentException.class, () -> IoBenchmark.execute(
                IoBenchOptions.parse("p", "--from", saved.toString(), "--publish", benchmarks.toString()), quiet));
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
        Path missing = dir.resolve("none.md");
        e = assertThrows(IllegalArgumentException.class, () -> IoBenchmark.execute(
                IoBenchOptions.parse("p", "--from", missing.toString(), "--publish", benchmarks.toString()), quiet));
        assertEquals("--from = \"" + missing + "\"; no such file (write one with --out FILE.md)", e.getMessage());
    }

    @Test
    void theRepositoryBenchmarksFileHasTheIoSection() throws Exception {
        Path benchmarks = Path.of("..", "BENCHMARKS.md");
        String text = Files.readString(benchmarks);
        assertEquals(1, text.split("<!-- io:begin -->", -1).length - 1);
        assertTrue(text.indexOf("<!-- io:begin -->") < text.indexOf("<!-- io:end -->"));
    }

    // ---- end to end ----

    @Test
    void theCommandRunsEndToEndOnTinyGridsWritesBothReportsAndLeavesNoFiles() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path md = dir.resolve("out/io.md");
        Path json = dir.resolve("out/io.json");
        Path benchmarks = Files.writeString(dir.resolve("BENCHMARKS.md"), DOC);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String markdown = IoBenchmark.execute(IoBenchOptions.parse("p", "--dir", work.toString(), "--budget", "0.3",
                        "--checkpoint-grid", "8x8x4", "--run-grid", "8x8x8", "--every", "2", "--out", md.toString(), "--json",
                        json.toString(), "--publish", benchmarks.toString()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(markdown, Files.readString(md));
        for (String row : new String[] {"| checkpoint write, 8x8x4", "| checkpoint read, 8x8x4", "| checkpoint file size per grid point",
                "| snapshots: share of the run, 8x8x8", IoBenchReport.RAW_READ, IoBenchReport.SNAPSHOT,
                IoBenchReport.CHECKPOINT_READ}) {
            assertTrue(markdown.contains(row), row + " in\n" + markdown);
        }
        JsonObject j = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(4, j.getAsJsonArray("rows").size());
        assertTrue(Files.readString(benchmarks).contains(markdown.strip()));
        try (Stream<Path> left = Files.list(work)) {
            assertTrue(left.findAny().isEmpty(), "the benchmark's folder is deleted");
        }
    }
}
